import { describe, expect, it } from 'vitest';
import { db, stack } from '../../support/stack.ts';
import { functionUrl } from '../functions/support.ts';

// pg_cron 1.4 (Debian's) schedules by the minute only, so this waits for the next minute boundary.
describe('net: pg_cron jobs', () => {
  it(
    'runs a scheduled net.http_post that reaches a function and records its response',
    { timeout: 80_000 },
    async () => {
      const c = await db();
      const job = `net-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      try {
        const command = `select net.http_post(url := '${functionUrl('echo')}', body := '{"job":"${job}"}'::jsonb,
        headers := '{"Authorization":"Bearer ${stack.anonKey}","Content-Type":"application/json"}'::jsonb)`;
        await c.query(`select cron.schedule($1, '* * * * *', $2)`, [job, command]);
        const end = Date.now() + 75_000;
        let row: { status_code: number; content: string } | undefined;
        while (!row && Date.now() < end) {
          const { rows } = await c.query(`select status_code, content from net._http_response where content like $1`, [
            `%${job}%`,
          ]);
          row = rows[0];
          if (!row) await new Promise((r) => setTimeout(r, 500));
        }
        expect(row, 'a response to the cron job within 75 s').toBeDefined();
        expect(row!.status_code).toBe(200);
        expect(JSON.parse(JSON.parse(row!.content).body)).toEqual({ job });
      } finally {
        await c.query(`select cron.unschedule(jobid) from cron.job where jobname = $1`, [job]).catch(() => {});
        await c.end();
      }
    },
  );
});
