import { describe, expect, it } from 'vitest';
import { fromPgError, statusForSqlState } from './errors.ts';

describe('statusForSqlState', () => {
  it('maps SQLSTATEs to PostgREST statuses', () => {
    expect(statusForSqlState('42501', 'permission denied', false)).toBe(401);
    expect(statusForSqlState('42501', 'permission denied', true)).toBe(403);
    expect(statusForSqlState('23505', '', true)).toBe(409);
    expect(statusForSqlState('23503', '', true)).toBe(409);
    expect(statusForSqlState('25006', '', true)).toBe(405);
    expect(statusForSqlState('42P01', '', true)).toBe(404);
    expect(statusForSqlState('42883', '', true)).toBe(404);
    expect(statusForSqlState('P0001', '', true)).toBe(400);
    expect(statusForSqlState('PT418', '', true)).toBe(418);
    expect(statusForSqlState('08006', '', true)).toBe(503);
    expect(statusForSqlState('22023', 'role "x" does not exist', true)).toBe(401);
    expect(statusForSqlState('22P02', '', true)).toBe(400);
    expect(statusForSqlState('XX000', '', true)).toBe(500);
  });
});

describe('fromPgError', () => {
  it('adds WWW-Authenticate to 401 answers', () => {
    const e = fromPgError({ code: '42501', message: 'permission denied for table t' }, false);
    expect(e.status).toBe(401);
    expect(e.headers['WWW-Authenticate']).toBe('Bearer');
    expect(e.body()).toEqual({ code: '42501', message: 'permission denied for table t', details: null, hint: null });
  });

  it("lets RAISE SQLSTATE 'PGRST' set status, body and headers", () => {
    const e = fromPgError(
      {
        code: 'PGRST',
        message: '{"code":"123","message":"Payment Required","details":"d"}',
        detail: '{"status":402,"headers":{"X-Powered-By":"Nerd Rage"}}',
      },
      true,
    );
    expect(e.status).toBe(402);
    expect(e.headers).toEqual({ 'X-Powered-By': 'Nerd Rage' });
    expect(e.body()).toEqual({ code: '123', message: 'Payment Required', details: 'd', hint: null });
  });

  it('answers an unparsable PGRST raise with PGRST121', () => {
    expect(fromPgError({ code: 'PGRST', message: 'not json' }, true)).toMatchObject({ status: 500, code: 'PGRST121' });
    expect(fromPgError({ code: 'PGRST', message: '{"code":"1","message":"m"}' }, true)).toMatchObject({
      code: 'PGRST121',
      details: 'DETAIL is missing in the RAISE statement',
    });
  });
});

describe('PostGIS input errors', () => {
  it('answers the messages of PostGIS input parsers (XX000) with 400 and other XX000 with 500', () => {
    for (const m of [
      'parse error - invalid geometry',
      'WKB structure does not match expected size!',
      'Invalid hex string, length (3) has to be a multiple of two!',
      'Geometry SRID (0) does not match column SRID (4326)',
    ]) {
      expect(statusForSqlState('XX000', m, false), m).toBe(400);
    }
    expect(statusForSqlState('XX000', 'could not read block 0 in file', false)).toBe(500);
  });
});
