// What the tap benches (scan.ts: tap → staff screen; portal-live.ts: tap → parent's screen) share: the stack's
// env they need, a production build of the app in a folder of their own, that build served on a port of
// their own with the visitor's address passed on (so Auth limits the bench's browser, not all of 127.0.0.1),
// and the table row their figures print as.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { summary } from './stats.ts';

const root = join(import.meta.dirname, '../../..');

/** The stack's variables `names`, or an error naming the `npm run bench -- <bench>` that sets them. */
export function benchEnv<K extends string>(bench: string, names: Record<K, string>): Record<K, string> {
  return Object.fromEntries(
    Object.entries<string>(names).map(([key, name]) => {
      const v = process.env[name];
      if (!v) throw new Error(`${name} is not set: run through \`npm run bench -- ${bench}\``);
      return [key, v];
    }),
  ) as Record<K, string>;
}

/** Builds the app into .svelte-kit/<folder> (unless --no-build) and returns the build's path. */
export function buildApp(folder: string, origin: string): string {
  const out = join(root, `.svelte-kit/${folder}/build`);
  if (!process.argv.includes('--no-build')) {
    console.log(`building the app into .svelte-kit/${folder} …`);
    const r = spawnSync('vite', ['build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ORIGIN: origin, KIT_OUT_DIR: `.svelte-kit/${folder}`, BUILD_DIR: out },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  return out;
}

/** Serves the build `out` on 127.0.0.1:`port` against the stack at `url`; resolves once /login answers. */
export async function startServer(
  out: string,
  port: number,
  stack: { url: string; anonKey: string },
): Promise<ChildProcess> {
  const server = spawn('node', [out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADDRESS_HEADER: 'x-forwarded-for',
      XFF_DEPTH: '1',
      PUBLIC_SUPABASE_URL: stack.url,
      PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
    },
  });
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error('the app did not answer within 20 s');
}

/** One line of the figures table: label, then p50 p95 p99 max in whole ms. */
export const row = (label: string, s: ReturnType<typeof summary>) =>
  `${label.padEnd(34)}${[s.p50, s.p95, s.p99, s.max].map((v) => v.toFixed(0).padStart(7)).join('')}`;
