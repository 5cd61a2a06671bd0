// /functions/v1: serves the repository's Deno edge functions unmodified, as `supabase functions serve`
// does — JWT check per function (verify_jwt), then the request is proxied to the function's own Deno
// process with the path the edge runtime presents (`/<name>/…`, Kong having stripped /functions/v1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseSize } from '../config.ts';
import { bearer } from '../gateway/http.ts';
import type { Service, StackContext } from '../gateway/types.ts';
import { JwtError, verifyJwt } from '../jwt.ts';
import { readEnvFiles } from './env.ts';
import { bootError, notFound, unauthorized } from './errors.ts';
import { FunctionProcess } from './process.ts';
import { proxy } from './proxy.ts';
import { Registry, type FunctionDef } from './registry.ts';
import { DependencyResolver } from './resolve.ts';

/** Request bodies above this get 413 (STACK_FUNCTIONS_MAX_BODY, e.g. "20MiB"). */
const DEFAULT_MAX_BODY = 20 * 1024 * 1024;
/** The CLI's default wall-clock limit per request (SUPABASE_INTERNAL_WALLCLOCK_LIMIT_SEC). */
const DEFAULT_WALL_CLOCK_SEC = 400;

/**
 * The CLI's rule: a `Bearer <token>` header whose token is a valid JWT (the anon key counts).
 * Returns the 401 message, or undefined when the caller may pass.
 */
export function jwtProblem(req: IncomingMessage, secret: string): string | undefined {
  const header = req.headers.authorization;
  if (!header) return 'Error: Missing authorization header';
  if (!/^Bearer /.test(header)) return "Error: Auth header is not 'Bearer {token}'";
  const token = bearer(req);
  if (!token) return 'Invalid JWT';
  try {
    verifyJwt(token, secret);
    return undefined;
  } catch (e) {
    if (e instanceof JwtError) return 'Invalid JWT';
    throw e;
  }
}

export async function create(ctx: StackContext): Promise<Service> {
  const { config } = ctx;
  const registry = new Registry(config);
  const processes = new Map<string, FunctionProcess>();
  const resolver = new DependencyResolver((line) => ctx.log('functions', line));
  // Every stack (dev, test, bench) fetches what its functions import right away, in the background;
  // a call that arrives first waits only for its own function.
  void resolver.all(registry.list());
  const maxBodyBytes = parseSize(process.env.STACK_FUNCTIONS_MAX_BODY) ?? DEFAULT_MAX_BODY;
  const wallClockMs = Number(process.env.STACK_FUNCTIONS_WALLCLOCK_SEC || DEFAULT_WALL_CLOCK_SEC) * 1000;

  // What the edge runtime puts in every function's environment, then the developer's secrets.
  const functionEnv = (): Record<string, string> => ({
    // The CLI's functions reach the mail catcher and the app by their names; here, this stack's own SMTP
    // sink and site URL (functions/notify), overridable from the .env files.
    SMTP_HOST: config.host,
    SMTP_PORT: String(config.ports.smtp),
    APP_URL: config.auth.siteUrl,
    ...readEnvFiles(registry.envFiles()),
    SUPABASE_URL: config.apiUrl,
    SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    SUPABASE_DB_URL: config.dbUrl,
  });

  const processFor = async (def: FunctionDef): Promise<FunctionProcess> => {
    const current = processes.get(def.name);
    // A new entrypoint or a deno.json / import map appearing or going needs a process started anew.
    const same =
      current && (['entrypoint', 'denoConfig', 'importMap'] as const).every((k) => current.def[k] === def[k]);
    if (current && same) return current;
    await current?.stop();
    const created = new FunctionProcess(
      def,
      functionEnv,
      (line) => ctx.log('functions', `${def.name}: ${line}`),
      resolver,
    );
    processes.set(def.name, created);
    return created;
  };

  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
      const name = path.split('/')[1] ?? '';
      const def = name ? registry.find(name) : undefined;
      if (!def) {
        // A function deleted while the stack runs: its warm process goes too.
        const orphan = processes.get(name);
        if (orphan) {
          processes.delete(name);
          await orphan.stop();
        }
        return notFound(res);
      }

      if (req.method !== 'OPTIONS' && def.verifyJwt) {
        const problem = jwtProblem(req, config.jwtSecret);
        if (problem) return unauthorized(res, problem);
      }

      const proc = await processFor(def);
      const boot = await proc.ensure();
      if (!boot.ok) {
        req.resume();
        return bootError(res);
      }
      const { failed } = await proxy(req, res, {
        port: boot.port,
        target: path + url.search,
        maxBodyBytes,
        wallClockMs,
      });
      if (failed) await proc.recycle();
    },

    async close() {
      resolver.stop();
      await Promise.all([...processes.values()].map((p) => p.stop()));
      processes.clear();
    },
  };
}
