// Which functions exist and how each is configured. Looked up on every request (a few stat calls),
// so a function added while the stack runs is served without a restart.
//
// Sources, first match wins:
// 1. supabase/config.toml `[functions.<name>]` with an `entrypoint` (relative to supabase/, as the
//    CLI resolves it) — the form that lets the Supabase CLI serve our top-level functions/ folder;
// 2. the repository's top-level `functions/<name>/index.ts` (`_`-prefixed folders are shared code);
// 3. `STACK_EXTRA_FUNCTIONS_DIR/<name>/index.ts` (the test stack's fixtures), whose optional
//    `<name>/config.json` `{ "verify_jwt": false }` stands in for a config.toml entry.
// verify_jwt comes from config.toml for 1 and 2 (default true, as the CLI's).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StackConfig } from '../config.ts';
import { repoRoot, supabaseDir } from '../config.ts';

export interface FunctionDef {
  name: string;
  entrypoint: string;
  /** The folder watched for changes and used as the process's working directory. */
  dir: string;
  verifyJwt: boolean;
  /** deno.json / deno.jsonc / import_map.json beside the entrypoint, if any. */
  denoConfig?: string;
  importMap?: string;
  /** A Deno cache of its own (the test stack's fixtures, so they resolve from an empty cache each run). */
  denoDir?: string;
}

/** Function names as the CLI accepts them (a path segment; no dots or slashes). */
const NAME = /^[A-Za-z0-9_-]+$/;

export class Registry {
  readonly roots: string[];
  private readonly config: StackConfig;
  private readonly extraDir?: string;

  private readonly extraDenoDir?: string;

  constructor(
    config: StackConfig,
    extraDir = process.env.STACK_EXTRA_FUNCTIONS_DIR,
    extraDenoDir = process.env.STACK_EXTRA_FUNCTIONS_DENO_DIR,
  ) {
    this.config = config;
    this.extraDir = extraDir ? resolve(repoRoot, extraDir) : undefined;
    this.extraDenoDir = extraDenoDir ? resolve(repoRoot, extraDenoDir) : undefined;
    this.roots = [join(repoRoot, 'functions'), ...(this.extraDir ? [this.extraDir] : [])];
  }

  /** Every function that `find` would serve right now, each once (config.toml's first). */
  list(): FunctionDef[] {
    const names = new Set(Object.keys(this.config.functions));
    for (const root of this.roots) {
      if (!existsSync(root)) continue;
      for (const d of readdirSync(root, { withFileTypes: true })) if (d.isDirectory()) names.add(d.name);
    }
    return [...names].map((n) => this.find(n)).filter((d): d is FunctionDef => d !== undefined);
  }

  /** Dotenv files whose values become the functions' secrets, in increasing precedence. */
  envFiles(): string[] {
    const files = [join(supabaseDir, 'functions', '.env'), join(repoRoot, 'functions', '.env')];
    // A committed fixture secrets file (a `.env` would be git-ignored).
    if (this.extraDir) files.push(join(this.extraDir, 'functions.env'));
    return files;
  }

  find(name: string): FunctionDef | undefined {
    if (!NAME.test(name) || name.startsWith('_')) return undefined;
    const configured = this.config.functions[name];
    if (configured?.entrypoint) {
      const entry = isAbsolute(configured.entrypoint)
        ? configured.entrypoint
        : resolve(supabaseDir, configured.entrypoint);
      if (existsSync(entry)) return this.describe(name, entry, configured.verifyJwt);
    }
    const top = join(repoRoot, 'functions', name, 'index.ts');
    if (existsSync(top)) return this.describe(name, top, configured?.verifyJwt ?? true);
    if (this.extraDir) {
      const extra = join(this.extraDir, name, 'index.ts');
      if (existsSync(extra)) {
        const def = this.describe(name, extra, readFixtureVerifyJwt(join(this.extraDir, name)));
        return this.extraDenoDir ? { ...def, denoDir: this.extraDenoDir } : def;
      }
    }
    return undefined;
  }

  private describe(name: string, entrypoint: string, verifyJwt: boolean): FunctionDef {
    const dir = dirname(entrypoint);
    const denoConfig = ['deno.json', 'deno.jsonc'].map((f) => join(dir, f)).find((f) => existsSync(f));
    const importMap = denoConfig ? undefined : [join(dir, 'import_map.json')].find((f) => existsSync(f));
    return { name, entrypoint, dir, verifyJwt, denoConfig, importMap };
  }
}

function readFixtureVerifyJwt(dir: string): boolean {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return true;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { verify_jwt?: boolean };
  return parsed.verify_jwt ?? true;
}
