// The dispatcher as a plain process (same code as the function): `deno run -A functions/notify/cli.ts
// [--lease=S] [--batch=N] [--pause-ms=M] [--max-attempts=N] [--backoff-base=S] [--business=<uuid>]` with SUPABASE_URL,
// SUPABASE_SERVICE_ROLE_KEY and SMTP_* in the environment. Prints one line per recorded outcome
// ("recorded <id> <status>") and a JSON summary; tests use it to stop a worker mid-batch or point it at a
// failing SMTP server.
import { dispatch } from './dispatch.ts';
import { depsFromEnv } from './main.ts';

const arg = (name: string) => Deno.args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
const deps = depsFromEnv();
const summary = await dispatch(
  { ...deps, onRecorded: (id, status) => console.log(`recorded ${id} ${status}`) },
  Object.fromEntries(
    Object.entries({
      leaseSeconds: num('lease'),
      batch: num('batch'),
      pauseMs: num('pause-ms'),
      maxAttempts: num('max-attempts'),
      backoffBaseSeconds: num('backoff-base'),
      concurrency: num('concurrency'),
      businessId: arg('business'),
    }).filter(([, v]) => v !== undefined),
  ),
);
console.log(JSON.stringify(summary));
deps.mailer.close();
