// Runs inside Deno, not Node: the stand-in for the edge runtime's user worker. It loads one function's
// entrypoint unmodified: `Deno.serve` is replaced before the import so the handler can be captured,
// then the handler is served on a private loopback port that the Node service proxies to.
// Usage: deno run … boot.ts <entrypoint file URL> <nonce> [<env names to hide, comma-separated>]. Control lines on stdout start with the nonce.
// deno-lint-ignore-file no-explicit-any
declare const Deno: any;

// The parent holds our stdin open; when it ends (the stack stopped or died) this process ends too,
// so no orphaned function servers outlive a killed stack.
(async () => {
  const buf = new Uint8Array(64);
  try {
    while ((await Deno.stdin.read(buf)) !== null) {
      /* discard */
    }
  } catch {
    /* closed */
  }
  Deno.exit(0);
})();

type Handler = (req: Request, info: unknown) => Response | Promise<Response>;

const [entrypoint, nonce, hidden = ''] = Deno.args as [string, string, string?];
// Variables only the runtime needs (DENO_DIR, the CA store, the PATH Deno adds for its node shim)
// are removed before user code runs, so a function sees the env the edge runtime would give it.
for (const name of [...hidden.split(','), 'PATH', 'DENO_NODE_SHIM_ACTIVE']) if (name) Deno.env.delete(name);
const realServe = Deno.serve.bind(Deno);
let handler: Handler | undefined;
let userOnError: ((e: unknown) => Response | Promise<Response>) | undefined;

const control = (kind: string, detail: string) => console.log(`${nonce} ${kind} ${detail.replace(/\s+/g, ' ')}`);

// Deno.serve has three call shapes: (handler), (options, handler) and ({ handler, ...options }).
function capture(a: any, b?: any) {
  const h: unknown = typeof a === 'function' ? a : typeof b === 'function' ? b : a?.handler;
  if (typeof h !== 'function') throw new TypeError('Deno.serve: a handler function is required');
  if (handler) throw new Error('Deno.serve was called more than once in one function');
  handler = h as Handler;
  const options = typeof a === 'object' && a !== null ? a : {};
  if (typeof options.onError === 'function') userOnError = options.onError;
  // A server-like object, so code awaiting `server.finished` or calling `shutdown()` keeps working.
  return {
    finished: new Promise(() => {}),
    addr: { transport: 'tcp', hostname: '0.0.0.0', port: 8000 },
    shutdown: () => Promise.resolve(),
    ref() {},
    unref() {},
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
}
Object.defineProperty(Deno, 'serve', { value: capture, configurable: true, writable: true });

// EdgeRuntime.waitUntil keeps background work alive after the response; a long-lived process
// needs no help with that, but failures must be reported rather than lost.
(globalThis as any).EdgeRuntime = {
  waitUntil(p: Promise<unknown>) {
    Promise.resolve(p).catch((e) => console.error('EdgeRuntime.waitUntil promise rejected:', e));
  },
};

function workerError(): Response {
  return Response.json(
    { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
    { status: 500 },
  );
}

try {
  await import(entrypoint);
  if (!handler) throw new Error('the function module did not call Deno.serve');
} catch (e) {
  console.error(e);
  control('boot-error', e instanceof Error ? e.message : String(e));
  Deno.exit(3);
}

realServe(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }: { port: number }) => control('ready', String(port)),
    onError: async (e: unknown) => {
      console.error(e);
      if (userOnError) {
        try {
          return await userOnError(e);
        } catch (e2) {
          console.error(e2);
        }
      }
      return workerError();
    },
  },
  handler!,
);
