// The stack's configuration: supabase/config.toml (the same file the Supabase CLI reads) plus a few
// environment overrides that let several stacks (dev, test, a helper's scratch stack) run side by side.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { validProxyEntry } from './gateway/client-address.ts';
import { signJwt } from './jwt.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const supabaseDir = join(repoRoot, 'supabase');

/**
 * The Supabase CLI's public, well-known local development secret. Local stacks only (it is printed by
 * `supabase status` on every developer machine); set JWT_SECRET to use another one.
 */
const CLI_DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
/** The expiry the CLI's demo keys carry, so ours are byte-identical to the CLI's. */
const CLI_DEMO_KEY_EXP = 1983812996;

export interface StackConfig {
  name: string;
  dataDir: string;
  /** Where Postgres, the inbox and the workers listen and connect: loopback, always. */
  host: '127.0.0.1';
  /** Where the API gateway listens (STACK_HOST): loopback unless the stack has a secret of its own. */
  apiHost: string;
  ports: { api: number; db: number; inbox: number; smtp: number };
  apiUrl: string;
  dbUrl: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  /**
   * Addresses (or CIDR ranges) of proxies whose X-Forwarded-For is believed, from STACK_TRUSTED_PROXIES.
   * Empty by default: a client could otherwise pick its own address and walk past every rate limit.
   */
  trustedProxies: string[];
  /** Whether the cluster trades durability for speed (the isolated test stack). */
  fast: boolean;
  /**
   * api.dbPool: connections the REST API may hold at once (STACK_DB_POOL, PostgREST's `db-pool`, default 10 as
   * PostgREST's); requests beyond it wait for a free one.
   */
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number | null; dbPool: number };
  auth: AuthConfig;
  storage: { fileSizeLimit: number; buckets: Record<string, BucketConfig> };
  functions: Record<string, { verifyJwt: boolean; entrypoint?: string }>;
  /** The raw parsed config.toml, for services that need a setting not mapped above. */
  toml: Record<string, any>;
}

export interface AuthConfig {
  siteUrl: string;
  additionalRedirectUrls: string[];
  jwtExpiry: number;
  refreshTokenRotation: boolean;
  refreshTokenReuseInterval: number;
  enableSignup: boolean;
  enableAnonymousSignIns: boolean;
  minimumPasswordLength: number;
  emailConfirmations: boolean;
  otpLength: number;
  otpExpiry: number;
  emailMaxFrequencySeconds: number;
  rateLimit: { emailSent: number; signInSignUps: number; tokenRefresh: number; tokenVerifications: number };
  /** Wrong codes an e-mailed OTP survives before it is voided (per address it went to). */
  otpMaxAttempts: number;
  /** Failed password sign-ins per account before it is locked for `signInLockoutSeconds`. */
  signInMaxFailures: number;
  signInLockoutSeconds: number;
  hooks: { customAccessToken?: { uri: string } };
}

export interface BucketConfig {
  public: boolean;
  fileSizeLimit: number | null;
  allowedMimeTypes: string[] | null;
}

/** Parses sizes the CLI accepts ("50MiB", "10MB", "512KiB", a bare number of bytes). */
export function parseSize(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*$/i.exec(String(value));
  if (!m) throw new Error(`config.toml: cannot read size "${value}"`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'B').toUpperCase();
  const pow = { B: 0, KB: 1, KIB: 1, MB: 2, MIB: 2, GB: 3, GIB: 3, TB: 4, TIB: 4 }[unit] ?? 0;
  const base = unit.includes('I') || unit === 'B' ? 1024 : 1000;
  return Math.round(n * base ** pow);
}

/** Parses Go-style durations the CLI accepts ("1s", "60s", "1m"). */
function parseSeconds(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d+)(ms|s|m|h)?$/.exec(String(value));
  if (!m) return fallback;
  const n = Number(m[1]);
  return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[m[2] ?? 's'] ?? n;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * The gateway's address. The demo secret is public, so anyone who can reach a stack using it can mint
 * a service_role token: such a stack listens on loopback only.
 */
function apiHostFrom(env: NodeJS.ProcessEnv, demoSecret: boolean): string {
  const host = env.STACK_HOST?.trim() || '127.0.0.1';
  if (!isLoopback(host) && demoSecret) {
    throw new Error(
      `refusing to listen on ${host}: the stack signs with the Supabase CLI's public demo JWT secret, so anyone ` +
        'who can reach it could forge a service_role key. Set JWT_SECRET to a secret of your own (32+ characters) ' +
        'or leave STACK_HOST unset (127.0.0.1).',
    );
  }
  return host;
}

function trustedProxiesFrom(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !validProxyEntry(e));
  if (bad.length)
    throw new Error(`STACK_TRUSTED_PROXIES takes IP addresses or CIDR ranges; cannot read: ${bad.join(', ')}`);
  return entries;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1; got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const toml = parse(readFileSync(join(supabaseDir, 'config.toml'), 'utf8')) as Record<string, any>;
  const name = env.STACK_NAME || 'dev';
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`STACK_NAME must be lower-case letters, digits and dashes: ${name}`);
  const base = Number(env.STACK_PORT_BASE || 54320);
  const ports = { api: base + 1, db: base + 2, inbox: base + 4, smtp: base + 5 };
  const jwtSecret = env.JWT_SECRET || CLI_DEMO_JWT_SECRET;
  if (jwtSecret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters long');
  const keyClaims = (role: string) => ({ iss: 'supabase-demo', role, exp: CLI_DEMO_KEY_EXP });
  const a = toml.auth ?? {};
  const email = a.email ?? {};
  const rl = a.rate_limit ?? {};
  const extra = (env.STACK_EXTRA_SCHEMAS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const functions: StackConfig['functions'] = {};
  for (const [fname, f] of Object.entries<any>(toml.functions ?? {})) {
    functions[fname] = { verifyJwt: f.verify_jwt ?? true, entrypoint: f.entrypoint };
  }
  const buckets: Record<string, BucketConfig> = {};
  for (const [bname, b] of Object.entries<any>(toml.storage?.buckets ?? {})) {
    buckets[bname] = {
      public: Boolean(b.public),
      fileSizeLimit: parseSize(b.file_size_limit),
      allowedMimeTypes: b.allowed_mime_types ?? null,
    };
  }
  return {
    name,
    dataDir: resolve(env.STACK_DATA_DIR || join(repoRoot, '.stack', name)),
    host: '127.0.0.1',
    apiHost: apiHostFrom(env, jwtSecret === CLI_DEMO_JWT_SECRET),
    ports,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    dbUrl: `postgresql://postgres:postgres@127.0.0.1:${ports.db}/postgres`,
    jwtSecret,
    anonKey: signJwt(keyClaims('anon'), jwtSecret),
    serviceRoleKey: signJwt(keyClaims('service_role'), jwtSecret),
    trustedProxies: trustedProxiesFrom(env.STACK_TRUSTED_PROXIES),
    fast: env.STACK_FAST === '1',
    api: {
      schemas: [...(toml.api?.schemas ?? ['public']), ...extra],
      extraSearchPath: toml.api?.extra_search_path ?? ['public', 'extensions'],
      maxRows: toml.api?.max_rows ?? null,
      dbPool: positive('STACK_DB_POOL', env.STACK_DB_POOL, 10),
    },
    auth: {
      siteUrl: env.SITE_URL || a.site_url || 'http://127.0.0.1:3000',
      additionalRedirectUrls: a.additional_redirect_urls ?? [],
      jwtExpiry: a.jwt_expiry ?? 3600,
      refreshTokenRotation: a.enable_refresh_token_rotation ?? true,
      refreshTokenReuseInterval: a.refresh_token_reuse_interval ?? 10,
      enableSignup: a.enable_signup ?? true,
      enableAnonymousSignIns: a.enable_anonymous_sign_ins ?? false,
      minimumPasswordLength: a.minimum_password_length ?? 6,
      emailConfirmations: env.AUTH_EMAIL_CONFIRMATIONS
        ? env.AUTH_EMAIL_CONFIRMATIONS === 'true'
        : (email.enable_confirmations ?? false),
      otpLength: email.otp_length ?? 6,
      otpExpiry: email.otp_expiry ?? 3600,
      emailMaxFrequencySeconds: parseSeconds(email.max_frequency, 1),
      rateLimit: {
        emailSent: Number(env.AUTH_RATE_LIMIT_EMAIL_SENT ?? rl.email_sent ?? 2),
        signInSignUps: Number(env.AUTH_RATE_LIMIT_SIGN_IN ?? rl.sign_in_sign_ups ?? 30),
        tokenRefresh: Number(env.AUTH_RATE_LIMIT_TOKEN_REFRESH ?? rl.token_refresh ?? 150),
        tokenVerifications: Number(env.AUTH_RATE_LIMIT_VERIFY ?? rl.token_verifications ?? 30),
      },
      otpMaxAttempts: positive('AUTH_OTP_MAX_ATTEMPTS', env.AUTH_OTP_MAX_ATTEMPTS, 5),
      signInMaxFailures: positive('AUTH_SIGN_IN_MAX_FAILURES', env.AUTH_SIGN_IN_MAX_FAILURES, 5),
      signInLockoutSeconds: positive('AUTH_SIGN_IN_LOCKOUT_SECONDS', env.AUTH_SIGN_IN_LOCKOUT_SECONDS, 300),
      hooks: {
        // The env override lets a test stack switch the hook on without editing config.toml.
        customAccessToken: env.AUTH_HOOK_CUSTOM_ACCESS_TOKEN_URI
          ? { uri: env.AUTH_HOOK_CUSTOM_ACCESS_TOKEN_URI }
          : a.hook?.custom_access_token?.enabled
            ? { uri: a.hook.custom_access_token.uri }
            : undefined,
      },
    },
    storage: { fileSizeLimit: parseSize(toml.storage?.file_size_limit) ?? 50 * 1024 * 1024, buckets },
    functions,
    toml,
  };
}
