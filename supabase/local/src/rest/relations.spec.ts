import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { findRelationship } from './relations.ts';
import type { Relationship, SchemaCache, Table } from './schema.ts';

const table = (name: string, kind: Table['kind'] = 'table'): Table => ({
  schema: 'api',
  name,
  kind,
  columns: new Map(),
  pk: ['id'],
  uniques: [],
  insertable: true,
});
const people = table('people');
const projects = table('projects');
const rel = (
  r: Partial<Relationship> & Pick<Relationship, 'cardinality' | 'table' | 'foreign' | 'constraint' | 'columns'>,
): Relationship => ({ isSelf: false, ...r });

const rels: Relationship[] = [
  rel({
    cardinality: 'm2o',
    table: projects,
    foreign: people,
    constraint: 'projects_owner_id_fkey',
    columns: [['owner_id', 'id']],
  }),
  rel({
    cardinality: 'm2o',
    table: projects,
    foreign: people,
    constraint: 'projects_reviewer_id_fkey',
    columns: [['reviewer_id', 'id']],
  }),
  rel({
    cardinality: 'm2o',
    table: people,
    foreign: people,
    constraint: 'people_manager_id_fkey',
    columns: [['manager_id', 'id']],
    isSelf: true,
  }),
  rel({
    cardinality: 'o2m',
    table: people,
    foreign: people,
    constraint: 'people_manager_id_fkey',
    columns: [['id', 'manager_id']],
    isSelf: true,
  }),
];
const cache: SchemaCache = {
  tables: new Map(),
  functions: new Map(),
  roleSettings: new Map(),
  generation: 1,
  relationships: new Map([
    ['api.projects', rels.slice(0, 2)],
    ['api.people', rels.slice(2)],
  ]),
};

const find = (origin: Table, target: string, hint?: string) => findRelationship(cache, origin, target, hint, 'api');
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    return (e as ApiError).code;
  }
};

describe('findRelationship', () => {
  it('reports ambiguity with PGRST201 and lists hints', () => {
    expect(code(() => find(projects, 'people'))).toBe('PGRST201');
  });

  it('narrows by constraint name or FK column hint', () => {
    expect(find(projects, 'people', 'projects_reviewer_id_fkey').constraint).toBe('projects_reviewer_id_fkey');
    expect(find(projects, 'people', 'owner_id').constraint).toBe('projects_owner_id_fkey');
  });

  it('accepts the FK column or the constraint as the target', () => {
    expect(find(projects, 'reviewer_id').constraint).toBe('projects_reviewer_id_fkey');
    expect(find(projects, 'projects_owner_id_fkey').cardinality).toBe('m2o');
  });

  it('reads a self-reference by table name as one-to-many and by FK column as many-to-one', () => {
    expect(find(people, 'people').cardinality).toBe('o2m');
    expect(find(people, 'manager_id').cardinality).toBe('m2o');
  });

  it('reads a self-reference hinted by its FK column as one-to-many and refuses its constraint as a hint (PostgREST 14)', () => {
    expect(find(people, 'people', 'manager_id').cardinality).toBe('o2m');
    expect(code(() => find(people, 'people', 'people_manager_id_fkey'))).toBe('PGRST200');
  });

  it('answers a missing relationship with PGRST200', () => {
    expect(code(() => find(people, 'projects'))).toBe('PGRST200');
    expect(code(() => find(projects, 'people', 'nope'))).toBe('PGRST200');
  });
});
