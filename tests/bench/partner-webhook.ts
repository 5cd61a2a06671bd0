// Inbound partner webhook latency (node tests/bench/partner-webhook.ts; `npm run bench -- partner-webhook`):
// signed `vaccination.recorded.v1` deliveries (Standard Webhooks, the `standardwebhooks` library) POSTed one at
// a time to the stack's /functions/v1/partner-webhook/<partner>, each landing a verified vaccination on a pet
// found by microchip. 5 partners (the function limits each to 60 a minute), 50 deliveries each, after 10 warm-up
// ones. Figures: p50, p95, max of the HTTP round trip. Goal (issue 13): p95 ≤ 50 ms.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';

const URL_ = process.env.SUPABASE_URL!;
const DB = process.env.SUPABASE_DB_URL!;
if (!URL_ || !DB) throw new Error('SUPABASE_URL and SUPABASE_DB_URL must be set');
const PARTNERS = 5;
const PER_PARTNER = Number(process.env.BENCH_WEBHOOK_N ?? 50);

const db = new pg.Client({ connectionString: DB });
await db.connect();
const tag = randomUUID().slice(0, 8);
const business = (
  await db.query(
    `insert into public.businesses (name, slug, timezone) values ('Bench Vets', $1, 'Europe/Berlin') returning id`,
    [`bench-hook-${tag}`],
  )
).rows[0].id as string;
const partners: Array<{ id: string; secret: string; chip: string }> = [];
for (let i = 0; i < PARTNERS; i++) {
  const chip = `9${String(Date.now()).slice(-8)}${String(i).padStart(5, '0')}`.slice(0, 15);
  const { rows } = await db.query(
    `with p as (insert into public.partners (business_id, kind, name) values ($1, 'vet', $2) returning id),
          s as (insert into public.partner_credentials (business_id, partner_id, secret)
                select $1, p.id, 'whsec_' || encode(extensions.gen_random_bytes(32), 'base64') from p returning partner_id, secret),
          c as (insert into public.clients (business_id, full_name) values ($1, 'Bench parent') returning id),
          pet as (insert into public.pets (business_id, client_id, name, species, microchip)
                  select $1, c.id, 'Bench dog', 'dog', $3 from c returning id)
     select s.partner_id as id, s.secret from s, pet`,
    [business, `Bench vet ${i}`, chip],
  );
  partners.push({ ...rows[0], chip });
}

async function deliver(p: (typeof partners)[number], n: number): Promise<number> {
  const body = JSON.stringify({
    type: 'vaccination.recorded.v1',
    data: {
      microchip: p.chip,
      vaccine: { name: 'Rabies' },
      administered_on: '2026-11-01',
      expires_on: '2027-11-01',
      batch: `bench-${tag}-${n}`,
    },
  });
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const t0 = performance.now();
  const res = await fetch(`${URL_}/functions/v1/partner-webhook/${p.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(p.secret).sign(id, at, body),
    },
    body,
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`delivery ${n} answered ${res.status}`);
  return ms;
}

try {
  for (let i = 0; i < 10; i++) await deliver(partners[i % PARTNERS], -1 - i);
  const times: number[] = [];
  for (let n = 0; n < PARTNERS * PER_PARTNER; n++) times.push(await deliver(partners[n % PARTNERS], n));
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.ceil(f * times.length) - 1)];
  const landed = (
    await db.query(`select count(*)::int as n from public.vaccinations where business_id = $1 and source = 'partner'`, [
      business,
    ])
  ).rows[0].n;
  console.log(
    JSON.stringify({
      deliveries: times.length,
      p50_ms: Number(q(0.5).toFixed(1)),
      p95_ms: Number(q(0.95).toFixed(1)),
      max_ms: Number(times[times.length - 1].toFixed(1)),
      landed,
    }),
  );
} finally {
  await db.query(`delete from public.businesses where id = $1`, [business]);
  await db.end();
}
