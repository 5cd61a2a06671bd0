// The rest of `npm start`: the dev stack (created, migrated and seeded on first run), a production build
// of the web app, and the app served on port 3000. Prints the URLs and the demo logins; Ctrl+C stops all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, repoRoot } from '../supabase/local/src/config.ts';
import { stackEnv } from '../supabase/local/src/env.ts';
import { startStack } from '../supabase/local/src/stack.ts';

const PORT = Number(process.env.PORT ?? 3000);
const ORIGIN = process.env.ORIGIN ?? `http://localhost:${PORT}`;
const DEMO = [
  ['owner@happypaws.test', 'owner, Happy Paws Daycare'],
  ['staff@happypaws.test', 'staff, Happy Paws Daycare'],
  ['driver@happypaws.test', 'driver, Happy Paws Daycare'],
  ['parent@happypaws.test', 'pet parent (Rex and Luna), Happy Paws Daycare'],
  ['owner@barkavenue.test', 'owner, Bark Avenue'],
  ['staff@barkavenue.test', 'staff, Bark Avenue'],
];

// The app server signs visitors in from this machine and passes each visitor's address on; trusting the
// loopback neighbour lets Auth limit visitors one by one instead of all of them as 127.0.0.1. Per-e-mail code
// and password lockouts hold whatever address a caller claims. Set STACK_TRUSTED_PROXIES='' to trust nobody.
process.env.STACK_TRUSTED_PROXIES ??= '127.0.0.1,::1';
const config = loadConfig();
const env = {
  ...process.env,
  ...stackEnv(config),
  PUBLIC_SUPABASE_URL: config.apiUrl,
  PUBLIC_SUPABASE_ANON_KEY: config.anonKey,
};

console.log('[start] building the web app …');
const build = spawnSync('vite', ['build', '--logLevel', 'warn'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...env, ORIGIN },
});
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync(join(repoRoot, 'build/index.js'))) throw new Error('the build produced no build/index.js');
// The build needs no stack; start it afterwards so nothing blocks its event loop.
const stack = await startStack({ config });
const vet = await demoWebhook(config.dbUrl);
const app = spawn('node', ['build'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...env, PORT: String(PORT), HOST: '127.0.0.1', BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '25M' },
});

console.log(`
PawCentral is running.
  App:        ${ORIGIN}   (sign in at ${ORIGIN}/login)
  Supabase:   ${config.apiUrl}
  Database:   ${config.dbUrl}
  Inbox:      http://127.0.0.1:${config.ports.inbox}
Demo logins (password: pawcentral-demo):
${DEMO.map(([email, who]) => `  ${email.padEnd(24)} ${who}`).join('\n')}
${
  vet
    ? `Partner webhook of ${vet.name} (Happy Paws), for local testing (README: "Push a test record"):
  URL:        ${config.apiUrl}/functions/v1/partner-webhook/${vet.id}
  Secret:     ${vet.secret}
`
    : ''
}Stop with Ctrl+C.`);

const shutdown = async () => {
  app.kill('SIGTERM');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
app.on('exit', async (code) => {
  console.error(`[start] the web server exited (${code})`);
  await stack.stop();
  process.exit(code ?? 1);
});

/** Riverside Vet's active webhook secret, made by the seed (never a fixed one), or null on an unseeded stack. */
async function demoWebhook(dbUrl: string): Promise<{ id: string; name: string; secret: string } | null> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select p.id, p.name, c.secret from public.partners p
       join public.businesses b on b.id = p.business_id and b.slug = 'happy-paws'
       join public.partner_credentials c on c.partner_id = p.id and c.revoked_at is null
       where p.name = 'Riverside Vet' order by c.created_at desc limit 1`,
    );
    return rows[0] ?? null;
  } finally {
    await db.end();
  }
}
