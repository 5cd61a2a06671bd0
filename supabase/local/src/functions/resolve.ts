// Fetches a function's dependencies (its npm: and remote imports) into the Deno cache before its
// process boots. Resolution runs as its own `deno cache`, with the runtime's certificate settings
// (DENO_TLS_CA_STORE=system or DENO_CERT) in its environment: boot.ts hides those variables from
// the function before importing it, so a boot that had to fetch a package itself would meet a
// TLS-inspecting proxy without its CA and fail with `invalid peer certificate: UnknownIssuer`.
// The stack resolves every function at start (in the background, with progress lines), and again
// when a function's files change; a call waits for its own function's resolution.
import { spawn, type ChildProcess } from 'node:child_process';
import { relative } from 'node:path';
import { repoRoot } from '../config.ts';
import { configFlags, denoBinary, denoRuntimeEnv } from './deno.ts';
import type { FunctionDef } from './registry.ts';

export type Resolution = { ok: true; ms: number } | { ok: false; message: string };

/** Runs `deno cache` for one function's entrypoint; never rejects. */
export function cacheDependencies(def: FunctionDef, track?: Set<ChildProcess>): Promise<Resolution> {
  const started = Date.now();
  const args = ['cache', ...configFlags(def), def.entrypoint];
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(denoBinary(), args, {
        cwd: def.dir,
        env: denoRuntimeEnv(def.denoDir),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      resolve({ ok: false, message: (e as Error).message });
      return;
    }
    track?.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (e) => resolve({ ok: false, message: e.message }));
    child.on('close', (code) => {
      track?.delete(child);
      resolve(
        code === 0
          ? { ok: true, ms: Date.now() - started }
          : { ok: false, message: lastError(stderr) || `deno cache exited with ${code}` },
      );
    });
  });
}

/** The useful line of deno's output (it prints Download lines first, the error last). */
function lastError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = lines.findIndex((l) => /^error:/i.test(l));
  return (at >= 0 ? lines.slice(at, at + 3) : lines.slice(-3)).join(' ');
}

/** One resolution per function at a time, remembered until the function's files change. */
export class DependencyResolver {
  private readonly done = new Map<string, Promise<Resolution>>();
  private readonly running = new Set<ChildProcess>();
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  /** Resolves (once) the dependencies of a function; what its boot waits for. */
  ready(def: FunctionDef): Promise<Resolution> {
    const key = `${def.name}\n${def.entrypoint}\n${def.denoConfig ?? ''}\n${def.importMap ?? ''}\n${def.denoDir ?? ''}`;
    let p = this.done.get(key);
    if (!p) {
      p = cacheDependencies(def, this.running).then((r) => {
        // A failure is not remembered: the next call tries again (the network may be back).
        if (!r.ok) this.done.delete(key);
        return r;
      });
      this.done.set(key, p);
    }
    return p;
  }

  /** The function's files changed: its next boot resolves again. */
  invalidate(name: string): void {
    for (const key of this.done.keys()) if (key.startsWith(`${name}\n`)) this.done.delete(key);
  }

  /** Resolves every function, two at a time, printing one progress line per function. */
  async all(defs: FunctionDef[]): Promise<{ failed: number }> {
    if (!defs.length) return { failed: 0 };
    const started = Date.now();
    this.log(
      `resolving the dependencies of ${defs.length} functions (Deno cache, certificate store: ${certificateSource()})`,
    );
    let next = 0;
    let finished = 0;
    let failed = 0;
    const worker = async () => {
      while (next < defs.length) {
        const def = defs[next++];
        const r = await this.ready(def);
        finished++;
        const where = relative(repoRoot, def.entrypoint);
        if (r.ok) this.log(`[${finished}/${defs.length}] ${def.name} ready (${r.ms} ms, ${where})`);
        else {
          failed++;
          this.log(`[${finished}/${defs.length}] ${def.name} could not be resolved: ${r.message}`);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    this.log(
      `dependencies resolved for ${defs.length - failed}/${defs.length} functions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { failed };
  }

  stop(): void {
    for (const child of this.running) child.kill('SIGTERM');
    this.running.clear();
  }
}

function certificateSource(): string {
  const env = denoRuntimeEnv();
  return env.DENO_CERT ? `DENO_CERT ${env.DENO_CERT}` : `DENO_TLS_CA_STORE=${env.DENO_TLS_CA_STORE}`;
}
