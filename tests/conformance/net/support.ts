// Helpers for the pg_net stand-in tests: queue through SQL as a real caller would, then wait for
// the worker to record the response.
import type pg from 'pg';

export interface HttpResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

/** Polls net._http_response for the request's row (the worker records it asynchronously). */
export async function waitForResponse(c: pg.Client, id: string | number, ms = 10_000): Promise<HttpResponseRow> {
  const end = Date.now() + ms;
  for (;;) {
    const { rows } = await c.query<HttpResponseRow>('select * from net._http_response where id = $1', [id]);
    if (rows.length) return rows[0];
    if (Date.now() > end) throw new Error(`no response recorded for request ${id} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
