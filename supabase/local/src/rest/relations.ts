// Chooses the relationship an embed means, by PostgREST's rules: the target names a table, an FK
// constraint or an FK column; a `!hint` narrows by constraint, column or junction table; self
// relationships read `table` (or `table!fk_column`) as one-to-many and `fk_column` as many-to-one. None → PGRST200, several → PGRST201.
import { ApiError } from './errors.ts';
import { qualified, type Relationship, type SchemaCache, type Table } from './schema.ts';

const single = (cols: Array<[string, string]>, side: 0 | 1, name: string) =>
  cols.length === 1 && cols[0][side] === name;

function matches(r: Relationship, target: string, hint: string | undefined): boolean {
  if (r.computed) return hint === undefined && target === r.constraint;
  const toOneOrMany = r.cardinality !== 'm2m';
  if (r.isSelf) {
    if (hint === undefined) {
      return (
        (target === r.foreign.name && r.cardinality === 'o2m') ||
        (single(r.columns, 0, target) && r.cardinality === 'm2o')
      );
    }
    // As PostgREST 14 answers supabase/postgrest-js's own suite: `collections!parent_id` (the FK column)
    // embeds the rows pointing here (the children); the constraint's name is no hint for a
    // self-reference (PGRST200). The row it points to is `parent_id(*)` (the column as target).
    if (hint === r.constraint) return false;
    return (
      target === r.foreign.name && r.cardinality === 'o2m' && (single(r.columns, 0, hint) || single(r.columns, 1, hint))
    );
  }
  const notView = r.foreign.kind !== 'view';
  if (hint === undefined) {
    return (
      target === r.foreign.name ||
      (toOneOrMany && target === r.constraint && notView) ||
      (toOneOrMany && single(r.columns, 0, target) && notView)
    );
  }
  if (target !== r.foreign.name) return false;
  if (toOneOrMany) return hint === r.constraint || single(r.columns, 0, hint) || single(r.columns, 1, hint);
  return hint === r.junction!.table.name;
}

const fmt = (cols: string[]) => `(${cols.join(', ')})`;

function describe(r: Relationship) {
  const embedding = `${r.table.name} with ${r.foreign.name}`;
  if (r.cardinality === 'm2m') {
    const j = r.junction!;
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${j.table.name} using ${j.constraint1}${fmt(j.source.map((p) => p[0]))} and ${j.constraint2}${fmt(j.target.map((p) => p[0]))}`,
    };
  }
  const names = { m2o: 'many-to-one', o2m: 'one-to-many', o2o: 'one-to-one' } as const;
  return {
    cardinality: names[r.cardinality],
    embedding,
    relationship: `${r.constraint} using ${r.table.name}${fmt(r.columns.map((p) => p[0]))} and ${r.foreign.name}${fmt(r.columns.map((p) => p[1]))}`,
  };
}

export function findRelationship(
  cache: SchemaCache,
  origin: Table,
  target: string,
  hint: string | undefined,
  schema: string,
): Relationship {
  const all = cache.relationships.get(qualified(origin.schema, origin.name)) ?? [];
  // Only relationships whose target lives in the request's schema are visible, as in PostgREST.
  let found = all.filter((r) => r.foreign.schema === schema && matches(r, target, hint));
  // A computed relationship named like a detected one overrides it, as in PostgREST.
  if (found.some((r) => r.computed)) found = found.filter((r) => r.computed);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw new ApiError(
      400,
      'PGRST200',
      `Could not find a relationship between '${origin.name}' and '${target}' in the schema cache`,
      `Searched for a foreign key relationship between '${origin.name}' and '${target}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${schema}', but no matches were found.`,
    );
  }
  const hints = found.map(
    (r) => `'${r.foreign.name}!${r.cardinality === 'm2m' ? r.junction!.table.name : r.constraint}'`,
  );
  throw new ApiError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin.name}' and '${target}'`,
    found.map(describe),
    `Try changing '${target}' to one of the following: ${hints.join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}

export const isToOne = (r: Relationship) => r.cardinality === 'm2o' || r.cardinality === 'o2o';
