// The local stack's command line:
//   start   run the whole stack in the foreground until interrupted (npm run stack)
//   reset   rebuild the database from nothing: bootstrap, migrations, seed (npm run db:reset)
//   stop    stop a cluster left running by a crashed stack
//   env     print the stack's environment (SUPABASE_URL, keys, DB URL) as KEY=value lines
// Environment: STACK_NAME (dev), STACK_PORT_BASE (54320), JWT_SECRET, STACK_FAST=1 (no fsync),
// STACK_HOST (the gateway's address, 127.0.0.1; another one needs a JWT_SECRET of your own, or the
// stack refuses to start), STACK_TRUSTED_PROXIES (proxies whose X-Forwarded-For is believed; none).
import { loadConfig, type StackConfig } from './config.ts';
import { stackEnv } from './env.ts';
import { Cluster } from './postgres/cluster.ts';
import { prepareDatabase, startStack } from './stack.ts';

async function main(): Promise<void> {
  const [command = 'start', ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const log = (line: string) => console.log(`[stack] ${line}`);
  switch (command) {
    case 'start': {
      const stack = await startStack({ config, reset: rest.includes('--reset'), log });
      console.log('');
      for (const [k, v] of Object.entries(stackEnv(config))) console.log(`${k}=${v}`);
      console.log(`\nInbox: http://127.0.0.1:${config.ports.inbox}   Stop with Ctrl+C.`);
      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        log('stopping …');
        await stack.stop();
        process.exit(0);
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      break;
    }
    case 'reset': {
      const cluster = await prepareDatabase(config, { reset: true, log });
      // A reset of a stack that is not running leaves the cluster as it found it: stopped.
      if (!process.env.STACK_KEEP_RUNNING && !(await gatewayUp(config))) cluster.stop();
      log('database reset: bootstrap, migrations and seed applied');
      break;
    }
    case 'stop':
      new Cluster(config).stop();
      log('stopped');
      break;
    case 'env':
      for (const [k, v] of Object.entries(stackEnv(config))) console.log(`${k}=${v}`);
      break;
    default:
      console.error(`unknown command "${command}"; use start, reset, stop or env`);
      process.exit(2);
  }
}

async function gatewayUp(config: StackConfig): Promise<boolean> {
  try {
    await fetch(config.apiUrl, { signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

main().catch((e) => {
  console.error(`[stack] ${e?.message ?? e}`);
  process.exit(1);
});
