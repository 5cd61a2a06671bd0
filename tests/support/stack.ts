// What conformance and integration tests know about the stack under test: only its URL, keys and
// database URL, from the environment `npm test` (tests/run.ts) sets. Tests never import supabase/local.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';

function need(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(
      `${name} is not set: run the tests through \`npm test\`, or export the output of \`node supabase/local/src/cli.ts env\``,
    );
  return v;
}

export const stack = {
  get url() {
    return need('SUPABASE_URL');
  },
  get anonKey() {
    return need('SUPABASE_ANON_KEY');
  },
  get serviceRoleKey() {
    return need('SUPABASE_SERVICE_ROLE_KEY');
  },
  get dbUrl() {
    return need('SUPABASE_DB_URL');
  },
  get inboxUrl() {
    return need('INBOX_URL');
  },
};

type Options = Parameters<typeof createClient>[2];

/** A supabase-js client signed in as nobody (the anon key), with no session persistence. */
export function anonClient(options: Options = {}): SupabaseClient<any, any, any> {
  return createClient(stack.url, stack.anonKey, {
    ...options,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, ...options?.auth },
  });
}

/** A supabase-js client with the service_role key (bypasses RLS). */
export function serviceClient(options: Options = {}): SupabaseClient<any, any, any> {
  return createClient(stack.url, stack.serviceRoleKey, {
    ...options,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, ...options?.auth },
  });
}

/** A unique e-mail address for a test user, so test files can run in parallel on one stack. */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** Creates a confirmed user through the admin API and returns a client signed in as them. */
export async function signedInClient(email = uniqueEmail(), password = 'correct-horse-battery', options: Options = {}) {
  const admin = serviceClient();
  const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (error) throw error;
  const client = anonClient(options);
  const { error: signInError } = await client.auth.signInWithPassword({ email, password });
  if (signInError) throw signInError;
  return { client, user: data.user!, email, password };
}

/** A direct superuser connection to the stack's database (setup and assertions only). */
export async function db(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: stack.dbUrl });
  await c.connect();
  return c;
}

/** E-mails the stack sent to `to`, newest first (the inbox's Mailpit-style API). */
export async function inbox(to: string): Promise<Array<{ ID: string; Subject: string; Text: string; HTML: string }>> {
  const res = await fetch(`${stack.inboxUrl}/api/v1/search?query=${encodeURIComponent('to:' + to)}`);
  const list = (await res.json()) as { messages: Array<{ ID: string }> };
  return Promise.all(list.messages.map(async (m) => (await fetch(`${stack.inboxUrl}/api/v1/message/${m.ID}`)).json()));
}

/** Waits for the first e-mail to `to` (up to `ms`). */
export async function waitForMail(to: string, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const mails = await inbox(to);
    if (mails.length) return mails[0];
    if (Date.now() > end) throw new Error(`no e-mail to ${to} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
