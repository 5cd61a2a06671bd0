import { describe, expect, it } from 'vitest';
import { BindingError, matchesFilter, parseFilter } from './bindings.ts';

describe('postgres_changes filters', () => {
  it('parses column=op.value for every operator realtime accepts', () => {
    for (const op of ['eq', 'neq', 'lt', 'lte', 'gt', 'gte']) {
      expect(parseFilter(`n=${op}.5`)).toEqual({ column: 'n', op, values: ['5'] });
    }
    expect(parseFilter('id=eq.a.b')).toEqual({ column: 'id', op: 'eq', values: ['a.b'] });
  });

  it('parses in lists with quoted values that contain commas', () => {
    expect(parseFilter('tag=in.(a,"b,c", d)')).toEqual({ column: 'tag', op: 'in', values: ['a', 'b,c', 'd'] });
  });

  it('refuses operators realtime does not accept and malformed filters', () => {
    expect(() => parseFilter('n=like.x')).toThrow(BindingError);
    expect(() => parseFilter('n')).toThrow(BindingError);
    expect(() => parseFilter('n=in.1,2')).toThrow(BindingError);
  });

  it('compares numbers numerically, not as text', () => {
    expect(matchesFilter(parseFilter('n=gt.9'), 10, 'int4')).toBe(true);
    expect(matchesFilter(parseFilter('n=lt.9'), 10, 'int4')).toBe(false);
    expect(matchesFilter(parseFilter('n=eq.1.50'), 1.5, 'numeric')).toBe(true);
  });

  it('compares text, booleans and timestamps by their meaning', () => {
    expect(matchesFilter(parseFilter('s=eq.b'), 'b', 'text')).toBe(true);
    expect(matchesFilter(parseFilter('s=gt.a'), 'b', 'text')).toBe(true);
    expect(matchesFilter(parseFilter('ok=eq.true'), true, 'bool')).toBe(true);
    expect(matchesFilter(parseFilter('at=gt.2026-01-01T00:00:00Z'), '2026-01-02 00:00:00+00', 'timestamptz')).toBe(
      true,
    );
  });

  it('matches in lists and treats null as matching only neq', () => {
    expect(matchesFilter(parseFilter('n=in.(1,3)'), 3, 'int4')).toBe(true);
    expect(matchesFilter(parseFilter('n=in.(1,3)'), 2, 'int4')).toBe(false);
    expect(matchesFilter(parseFilter('n=eq.1'), null, 'int4')).toBe(false);
    expect(matchesFilter(parseFilter('n=neq.1'), null, 'int4')).toBe(true);
  });

  it('does not match a column the change does not carry (e.g. DELETE without replica identity full)', () => {
    expect(matchesFilter(parseFilter('owner=eq.x'), undefined, 'uuid')).toBe(false);
  });
});
