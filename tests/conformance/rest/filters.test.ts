// Horizontal filtering: every operator, not., and nested or/and trees.
import { describe, expect, it } from 'vitest';
import { anon } from './helpers.ts';

const ids = (rows: Array<{ id: number }> | null) => rows!.map((r) => r.id).sort((a, b) => a - b);
const tasks = () => anon().from('tasks').select('id').lte('id', 5);

describe('rest: filters', () => {
  it('compares with eq, neq, gt, gte, lt and lte', async () => {
    expect(ids((await tasks().eq('priority', 1)).data)).toEqual([1, 5]);
    expect(ids((await tasks().neq('priority', 1)).data)).toEqual([2, 4]);
    expect(ids((await tasks().gt('priority', 1)).data)).toEqual([2, 4]);
    expect(ids((await tasks().gte('priority', 2)).data)).toEqual([2, 4]);
    expect(ids((await tasks().lt('priority', 2)).data)).toEqual([1, 5]);
    expect(ids((await tasks().lte('priority', 2)).data)).toEqual([1, 2, 5]);
  });

  it('matches patterns with like and ilike (* as wildcard)', async () => {
    expect(ids((await tasks().like('title', '*fuel')).data)).toEqual([2]);
    expect(ids((await tasks().ilike('title', 'f%')).data)).toEqual([4, 5]);
  });

  it('tests is null / not is null / is true', async () => {
    expect(ids((await tasks().is('priority', null)).data)).toEqual([3]);
    expect(ids((await tasks().not('priority', 'is', null)).data)).toEqual([1, 2, 4, 5]);
    const { data } = await anon().from('orgs').select('id').not('name', 'is', null).order('id');
    expect(data).toHaveLength(3);
  });

  it('filters with in, including quoted values with commas', async () => {
    expect(ids((await tasks().in('id', [1, 3, 99])).data)).toEqual([1, 3]);
    expect(ids((await tasks().in('title', ['Launch', 'a,b'])).data)).toEqual([3]);
    expect(ids((await tasks().in('status', [])).data)).toEqual([]);
  });

  it('filters arrays and jsonb with cs, cd and ov', async () => {
    expect(ids((await tasks().contains('labels', ['urgent'])).data)).toEqual([1, 4]);
    expect(ids((await tasks().containedBy('labels', ['ops', 'urgent'])).data)).toEqual([2, 3, 4]);
    expect(ids((await tasks().overlaps('labels', ['design', 'ops'])).data)).toEqual([1, 2, 4, 5]);
    expect(ids((await tasks().contains('meta', { size: 'S' })).data)).toEqual([2, 5]);
  });

  it('searches text with fts, plfts, phfts and wfts', async () => {
    const a = () => anon().from('articles').select('id');
    expect(ids((await a().textSearch('search', 'dog & cat', { config: 'english' })).data)).toEqual([1]);
    expect(ids((await a().textSearch('search', 'old dog', { type: 'plain', config: 'english' })).data)).toEqual([2]);
    expect(ids((await a().textSearch('search', 'old dog', { type: 'phrase', config: 'english' })).data)).toEqual([2]);
    expect(ids((await a().textSearch('search', 'dog -cat', { type: 'websearch', config: 'english' })).data)).toEqual([
      2,
    ]);
    // A text column is searched through to_tsvector.
    expect(ids((await a().textSearch('title', 'fish')).data)).toEqual([3]);
  });

  it('negates operators with not.', async () => {
    expect(ids((await tasks().not('status', 'eq', 'done')).data)).toEqual([2, 3, 4, 5]);
    expect(ids((await tasks().not('id', 'in', '(1,2)')).data)).toEqual([3, 4, 5]);
  });

  it('combines conditions with nested or/and and negated groups', async () => {
    const { data } = await tasks().or('priority.gt.2,and(status.eq.done,labels.cs.{design}),meta->>size.eq.S');
    expect(ids(data)).toEqual([1, 2, 4, 5]);
    const { data: notOr } = await tasks().or('not.and(status.eq.todo,priority.is.null)');
    expect(ids(notOr)).toEqual([1, 2, 4, 5]);
  });

  it('filters JSON paths', async () => {
    expect(ids((await tasks().eq('meta->>size', 'M')).data)).toEqual([4]);
    expect(ids((await tasks().gt('meta->points', 3)).data)).toEqual([1]);
  });
});
