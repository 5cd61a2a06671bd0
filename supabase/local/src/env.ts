// The environment a client of a stack needs: what `npm run stack` prints and what tests receive.
import type { StackConfig } from './config.ts';

export function stackEnv(c: StackConfig): Record<string, string> {
  return {
    SUPABASE_URL: c.apiUrl,
    SUPABASE_ANON_KEY: c.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: c.serviceRoleKey,
    SUPABASE_DB_URL: c.dbUrl,
    INBOX_URL: `http://127.0.0.1:${c.ports.inbox}`,
    // the inbox's SMTP side, for apps and workers that send mail themselves (the app's invitation e-mails, functions/notify)
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(c.ports.smtp),
  };
}
