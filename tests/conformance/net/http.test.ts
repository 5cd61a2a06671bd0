import { createServer } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, stack } from '../../support/stack.ts';
import { functionUrl } from '../functions/support.ts';
import { waitForResponse } from './support.ts';

describe('net: pg_net stand-in', () => {
  let c: pg.Client;
  beforeAll(async () => {
    c = await db();
  });
  afterAll(async () => {
    await c.end();
  });

  /** A loopback port nothing listens on (bound, then released). */
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });

  const bearer = () => JSON.stringify({ Authorization: `Bearer ${stack.anonKey}` });

  it('sends net.http_post to a function and records its response', async () => {
    const { rows } = await c.query(
      `select net.http_post(url := $1, body := '{"pet":"Luna"}'::jsonb, headers := $2::jsonb) as id`,
      [
        functionUrl('echo'),
        JSON.stringify({ Authorization: `Bearer ${stack.anonKey}`, 'Content-Type': 'application/json' }),
      ],
    );
    const res = await waitForResponse(c, rows[0].id);
    expect(res).toMatchObject({ status_code: 200, timed_out: false, error_msg: null });
    expect(res.content_type).toMatch(/^application\/json/);
    const echoed = JSON.parse(res.content!);
    expect(echoed).toMatchObject({ method: 'POST', path: '/echo', contentType: 'application/json' });
    expect(JSON.parse(echoed.body)).toEqual({ pet: 'Luna' });
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
  });

  it('adds the JSON content type to net.http_post when the headers do not name one', async () => {
    const { rows } = await c.query(`select net.http_post($1, '{"a":1}'::jsonb, headers := $2::jsonb) as id`, [
      functionUrl('echo'),
      bearer(),
    ]);
    const res = await waitForResponse(c, rows[0].id);
    expect(JSON.parse(res.content!).contentType).toBe('application/json');
  });

  it('refuses a net.http_post whose content type is not JSON', async () => {
    await expect(
      c.query(`select net.http_post($1, '{}'::jsonb, headers := '{"Content-Type":"text/plain"}'::jsonb)`, [
        functionUrl('echo'),
      ]),
    ).rejects.toThrow('Content-Type header must be "application/json"');
  });

  it('encodes net.http_get params onto the query string', async () => {
    const { rows } = await c.query(`select net.http_get($1, params := $2::jsonb, headers := $3::jsonb) as id`, [
      functionUrl('echo', '/search?species=dog'),
      JSON.stringify({ name: 'Rex & Luna', note: 'ä/é?' }),
      bearer(),
    ]);
    const res = await waitForResponse(c, rows[0].id);
    const echoed = JSON.parse(res.content!);
    expect(echoed.method).toBe('GET');
    expect(echoed.query).toEqual({ species: 'dog', name: 'Rex & Luna', note: 'ä/é?' });
  });

  it('sends net.http_delete with its body', async () => {
    const { rows } = await c.query(
      `select net.http_delete($1, headers := $2::jsonb, body := '{"id":7}'::jsonb) as id`,
      [functionUrl('echo'), bearer()],
    );
    const echoed = JSON.parse((await waitForResponse(c, rows[0].id)).content!);
    expect(echoed.method).toBe('DELETE');
    expect(JSON.parse(echoed.body)).toEqual({ id: 7 });
  });

  it('records a timeout when the endpoint answers later than timeout_milliseconds', async () => {
    const { rows } = await c.query(`select net.http_get($1, headers := $2::jsonb, timeout_milliseconds := 300) as id`, [
      functionUrl('echo', '?delay_ms=3000'),
      bearer(),
    ]);
    const res = await waitForResponse(c, rows[0].id);
    expect(res).toMatchObject({ status_code: null, timed_out: true, content: null });
    expect(res.error_msg).toMatch(/^Timeout of 300 ms reached/);
  });

  it('records a connection failure in error_msg', async () => {
    const { rows } = await c.query(`select net.http_get($1) as id`, [`http://127.0.0.1:${await closedPort()}/`]);
    const res = await waitForResponse(c, rows[0].id);
    expect(res).toMatchObject({ status_code: null, timed_out: false, error_msg: "Couldn't connect to server" });
  });

  it('lets the API roles queue requests but not read the queue', async () => {
    await c.query('begin');
    try {
      await c.query('set local role authenticated');
      const { rows } = await c.query(`select net.http_get($1) as id`, [functionUrl('open')]);
      expect(Number(rows[0].id)).toBeGreaterThan(0);
      await expect(c.query('select * from net.http_request_queue')).rejects.toThrow(/permission denied/);
    } finally {
      await c.query('rollback');
    }
  });

  it('sends a database webhook row change through supabase_functions.http_request', async () => {
    const table = `fn_webhook_${Date.now().toString(36)}`;
    await c.query(`create table public.${table} (id int primary key, name text)`);
    try {
      await c.query(
        `create trigger ${table}_hook after insert on public.${table} for each row
         execute function supabase_functions.http_request('${functionUrl('echo')}', 'POST', '${bearer()}', '{}', '5000')`,
      );
      await c.query(`insert into public.${table} values (1, 'Rex')`);
      const { rows } = await c.query(`select request_id from supabase_functions.hooks where hook_name = $1`, [
        `${table}_hook`,
      ]);
      expect(rows).toHaveLength(1);
      const echoed = JSON.parse((await waitForResponse(c, rows[0].request_id)).content!);
      expect(JSON.parse(echoed.body)).toEqual({
        type: 'INSERT',
        table,
        schema: 'public',
        record: { id: 1, name: 'Rex' },
        old_record: null,
      });
    } finally {
      await c.query(`drop table public.${table}`);
    }
  });
});
