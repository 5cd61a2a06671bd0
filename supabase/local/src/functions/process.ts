// One Deno process per function: started on the first call, kept warm, started again after it dies
// or after its files change. The process runs boot.ts, which reports its private port on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFlags, denoBinary, denoRuntimeEnv, PERMISSIONS } from './deno.ts';
import type { FunctionDef } from './registry.ts';
import type { DependencyResolver } from './resolve.ts';

const bootModule = join(dirname(fileURLToPath(import.meta.url)), 'boot.ts');
/** The first start may download npm packages into an empty cache. */
const BOOT_TIMEOUT_MS = 60_000;

export type BootResult = { ok: true; port: number; coldStartMs?: number } | { ok: false; message: string };

export class FunctionProcess {
  readonly def: FunctionDef;
  private readonly env: () => Record<string, string>;
  private readonly log: (line: string) => void;
  private child?: ChildProcess;
  private port?: number;
  private starting?: Promise<BootResult>;
  private stale = false;
  private watchers: FSWatcher[] = [];

  private readonly resolver?: DependencyResolver;

  /** `resolver` fetches the function's dependencies before each boot that needs them. */
  constructor(
    def: FunctionDef,
    env: () => Record<string, string>,
    log: (line: string) => void,
    resolver?: DependencyResolver,
  ) {
    this.def = def;
    this.env = env;
    this.log = log;
    this.resolver = resolver;
    this.watch();
  }

  /** The port of a running process, starting (or restarting) it when needed. */
  async ensure(): Promise<BootResult> {
    if (this.stale && !this.starting) {
      this.stale = false;
      await this.kill();
    }
    if (this.child && this.port !== undefined) return { ok: true, port: this.port };
    this.starting ??= this.boot().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async boot(): Promise<BootResult> {
    if (this.resolver) {
      const deps = await this.resolver.ready(this.def);
      if (!deps.ok) {
        this.log(`dependencies could not be resolved: ${deps.message}`);
        return { ok: false, message: deps.message };
      }
    }
    return this.spawn();
  }

  /** Marks the process broken (a proxied request failed at the socket level). */
  async recycle(): Promise<void> {
    await this.kill();
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    await this.kill();
  }

  private spawn(): Promise<BootResult> {
    const started = Date.now();
    const nonce = randomBytes(12).toString('hex');
    const runtimeEnv = denoRuntimeEnv(this.def.denoDir);
    const fnEnv = this.env();
    // Runtime-only variables are hidden from the function unless it was given them as secrets.
    const hidden = Object.keys(runtimeEnv).filter((k) => !(k in fnEnv));
    const args = [
      'run',
      ...PERMISSIONS,
      ...configFlags(this.def),
      bootModule,
      pathToFileURL(this.def.entrypoint).href,
      nonce,
      hidden.join(','),
    ];
    const child = spawn(denoBinary(), args, {
      cwd: this.def.dir,
      env: { ...runtimeEnv, ...fnEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    const stderrTail: string[] = [];

    return new Promise<BootResult>((resolve) => {
      let settled = false;
      const settle = (r: BootResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.log(`did not start within ${BOOT_TIMEOUT_MS} ms`);
        child.kill('SIGKILL');
        settle({ ok: false, message: 'boot timeout' });
      }, BOOT_TIMEOUT_MS);

      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith(nonce + ' ')) return this.log(line);
        const [, kind, ...rest] = line.split(' ');
        if (kind === 'ready') {
          this.port = Number(rest[0]);
          const coldStartMs = Date.now() - started;
          this.log(`started in ${coldStartMs} ms`);
          settle({ ok: true, port: this.port, coldStartMs });
        } else if (kind === 'boot-error') {
          settle({ ok: false, message: rest.join(' ') });
        }
      });
      createInterface({ input: child.stderr! }).on('line', (line) => {
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
        this.log(line);
      });
      child.on('error', (e) => {
        this.log(`cannot start deno: ${e.message}`);
        settle({ ok: false, message: e.message });
      });
      child.on('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.port = undefined;
        }
        if (!settled) this.log(`exited during boot (code ${code ?? signal})`);
        settle({ ok: false, message: stderrTail.join('\n') || `exited with code ${code ?? signal}` });
      });
    });
  }

  private async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.port = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** Edits to the function or to the shared code beside it restart the process on its next call. */
  private watch(): void {
    const dirs = [this.def.dir, join(dirname(this.def.dir), '_shared')].filter((d) => existsSync(d));
    for (const dir of dirs) {
      try {
        const w = watch(dir, { recursive: true, persistent: false }, () => {
          // New imports may need fetching: resolve again before the next boot.
          this.resolver?.invalidate(this.def.name);
          if (this.child) this.stale = true;
        });
        w.on('error', () => w.close());
        this.watchers.push(w);
      } catch {
        // Watching is a convenience; a folder that cannot be watched is served all the same.
      }
    }
  }
}
