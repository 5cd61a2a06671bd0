// Secrets for functions, read from dotenv files the way `supabase functions serve` reads
// supabase/functions/.env: KEY=value lines, `#` comments, optional quotes, `export ` prefixes.
import { existsSync, readFileSync } from 'node:fs';

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return out;
}

/** Merges the files that exist, later files winning. */
export function readEnvFiles(paths: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of paths) if (existsSync(p)) Object.assign(out, parseDotenv(readFileSync(p, 'utf8')));
  return out;
}
