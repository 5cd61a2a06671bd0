// A keep-alive HTTP client for /rest/v1 and /auth/v1 as a signed-in user, and a closed-loop load driver
// that records every latency (no sampling) so p99 is real.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Reply {
  status: number;
  body: string;
}

export interface Api {
  url: URL;
  anonKey: string;
  token: string;
}

export function send(
  api: Api,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: api.url.hostname,
        port: api.url.port,
        method,
        path,
        agent,
        headers: {
          apikey: api.anonKey,
          authorization: `Bearer ${api.token}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Signs in through GoTrue's password grant, as the app does, and returns the user's API handle. */
export async function signIn(
  url: string,
  anonKey: string,
  email: string,
  password: string,
): Promise<Api & { userId: string; claims: unknown }> {
  const api = { url: new URL(url), anonKey, token: anonKey };
  const r = await send(api, 'POST', '/auth/v1/token?grant_type=password', { email, password });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.body}`);
  const session = JSON.parse(r.body) as { access_token: string; user: { id: string } };
  const claims = JSON.parse(Buffer.from(session.access_token.split('.')[1], 'base64url').toString('utf8'));
  return { ...api, token: session.access_token, userId: session.user.id, claims };
}

export interface Run {
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
}

/**
 * Runs `op` from `concurrency` workers until `seconds` pass or `op` returns null (nothing left to do).
 * op returns an error message or '' on success.
 */
export async function drive(
  concurrency: number,
  seconds: number,
  op: (i: number) => Promise<string | null>,
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  let stop = false;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop && performance.now() < end) {
        const t = performance.now();
        const err = await op(n++).catch((e: Error) => e.message);
        if (err === null) {
          stop = true;
          break;
        }
        latencies.push(performance.now() - t);
        if (err) {
          errors++;
          firstError ??= err;
        }
      }
    }),
  );
  return { latencies, errors, firstError, seconds: (performance.now() - start) / 1000 };
}

export interface Figures {
  n: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function figures(runs: Run[]): Figures {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const q = (p: number) => (all.length ? all[Math.min(all.length - 1, Math.floor(p * all.length))] : NaN);
  const secs = runs.reduce((s, r) => s + r.seconds, 0);
  return {
    n: all.length,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    perSecond: all.length / secs,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
  };
}

export const fmt = (f: Figures) =>
  `${String(f.n).padStart(6)} req ${f.perSecond.toFixed(0).padStart(6)}/s  p50 ${f.p50.toFixed(1).padStart(6)}  p95 ${f.p95.toFixed(1).padStart(6)}  p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `  ${f.errors} errors` : ''}`;
