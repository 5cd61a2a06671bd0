// Prints a query's plan as the API runs it: role authenticated and the caller's JWT claims, so the RLS
// policies (and their helper functions) are part of the plan.
import type pg from 'pg';

export async function explainAs(
  db: pg.Client,
  claims: unknown,
  sql: { text: string; values: unknown[] },
): Promise<string> {
  await db.query('begin');
  try {
    await db.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [
      JSON.stringify(claims),
    ]);
    const r = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql.text}`, sql.values);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  } finally {
    await db.query('rollback');
  }
}
