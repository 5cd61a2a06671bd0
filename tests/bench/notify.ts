// Outbox dispatch throughput (node tests/bench/notify.ts; `npm run bench -- notify`): N e-mails enqueued in
// one insert for a business of its own, then the stack's /functions/v1/notify (the real dispatcher: claim
// with skip locked, render, SMTP through nodemailer's pool, one outcome per message) is called until the
// outbox is empty. Figures: e-mails/s from the first call to the last message in the SMTP sink, and the
// sink's count of distinct Message-IDs against N (lost = N − distinct, duplicated = received − distinct).
// Goal (issue 13): ≥ 200 e-mails/s with 0 lost.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const URL_ = process.env.SUPABASE_URL!;
const KEY = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const DB = process.env.SUPABASE_DB_URL!;
const INBOX = process.env.INBOX_URL!;
if (!URL_ || !KEY || !DB || !INBOX)
  throw new Error('SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, SUPABASE_DB_URL, INBOX_URL must be set');
const N = Number(process.env.BENCH_NOTIFY_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 20);

const db = new pg.Client({ connectionString: DB });
await db.connect();
const tag = randomUUID().slice(0, 8);
const business = (
  await db.query(
    `insert into public.businesses (name, slug, timezone) values ('Bench Kennels', $1, 'Europe/Berlin') returning id`,
    [`bench-notify-${tag}`],
  )
).rows[0].id as string;
try {
  // the stack's own triggers would start dispatching during the insert: hold the nudge, then call by hand
  await db.query(`update private.notify_nudge set nudged_at = 'infinity'`);
  await db.query(`select cron.alter_job(jobid, active := false) from cron.job where jobname = 'notify-dispatch'`);
  await db.query(
    `with c as (
       insert into public.clients (business_id, full_name, email)
       select $1, 'Bench parent ' || g, 'bench-' || $2 || '-' || g || '@example.test' from generate_series(1, $3) g
       returning id)
     insert into public.notifications (business_id, recipient_client_id, channel, template, payload, dedupe_key)
     select $1, c.id, 'email', 'booking_reminder',
            jsonb_build_object('pet_name', 'Rex', 'service_name', 'Daycare', 'starts_at', now() + interval '1 day'),
            'bench:' || c.id
     from c`,
    [business, tag, N],
  );
  await fetch(`${INBOX}/api/v1/messages`, { method: 'DELETE' });

  const t0 = performance.now();
  let calls = 0;
  for (;;) {
    calls++;
    const res = await fetch(`${URL_}/functions/v1/notify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ business_id: business, batch: 200, concurrency: CONCURRENCY }),
    });
    const sum = (await res.json()) as { claimed: number };
    if (res.status !== 200) throw new Error(`notify answered ${res.status}: ${JSON.stringify(sum)}`);
    const left = (
      await db.query(
        `select count(*)::int as n from public.notifications where business_id = $1 and status <> 'sent'`,
        [business],
      )
    ).rows[0].n as number;
    if (left === 0 || sum.claimed === 0) break;
  }
  const seconds = (performance.now() - t0) / 1000;

  const received: Array<{ MessageID: string }> = [];
  for (let start = 0; ; start += 1000) {
    const page = (await (await fetch(`${INBOX}/api/v1/messages?limit=1000&start=${start}`)).json()) as {
      messages: Array<{ MessageID: string }>;
    };
    received.push(...page.messages);
    if (page.messages.length < 1000) break;
  }
  const distinct = new Set(received.map((m) => m.MessageID)).size;
  const status = (
    await db.query(
      `select status::text, count(*)::int as n from public.notifications where business_id = $1 group by 1`,
      [business],
    )
  ).rows;
  console.log(
    `dispatch to the SMTP sink: ${N} e-mails in ${seconds.toFixed(2)} s over ${calls} call(s) = ${(N / seconds).toFixed(0)} e-mails/s ` +
      `(concurrency ${CONCURRENCY}, the function's SMTP pool: SMTP_POOL_SIZE, default 10); sink received ${received.length}, distinct ${distinct}, ` +
      `lost ${N - distinct}, duplicated ${received.length - distinct}; outbox ${JSON.stringify(status)}`,
  );
  if (distinct !== N || received.length !== N) process.exitCode = 1;
} finally {
  await db.query(`update private.notify_nudge set nudged_at = '-infinity'`);
  await db.query(`select cron.alter_job(jobid, active := true) from cron.job where jobname = 'notify-dispatch'`);
  await db.query(`delete from public.businesses where id = $1`, [business]);
  await db.end();
}
