// Makes sure the Debian packages the stack needs are present: installs them through apt when running
// as root, otherwise says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Each package with a file that proves it is installed. */
const REQUIRED: Array<{ pkg: string; proof: string }> = [
  { pkg: 'postgresql-15', proof: `${PG_BIN}/postgres` },
  { pkg: 'postgresql-contrib', proof: '/usr/share/postgresql/15/extension/pg_trgm.control' },
  { pkg: 'postgresql-15-cron', proof: '/usr/share/postgresql/15/extension/pg_cron.control' },
  { pkg: 'postgresql-15-wal2json', proof: '/usr/lib/postgresql/15/lib/wal2json.so' },
  { pkg: 'postgresql-15-pgtap', proof: '/usr/share/postgresql/15/extension/pgtap.control' },
  { pkg: 'postgresql-15-postgis-3', proof: '/usr/share/postgresql/15/extension/postgis.control' },
  { pkg: 'libtap-parser-sourcehandler-pgtap-perl', proof: '/usr/bin/pg_prove' },
];

export function missingPackages(extra: Array<{ pkg: string; proof: string }> = []): string[] {
  return [...REQUIRED, ...extra].filter((r) => !existsSync(r.proof)).map((r) => r.pkg);
}

/** Installs missing packages (as root) or throws with the exact command to run. */
export function ensurePackages(log: (line: string) => void, extra: Array<{ pkg: string; proof: string }> = []): void {
  const missing = missingPackages(extra);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The local stack needs these Debian packages: ${missing.join(', ')}.\nInstall them with:\n  sudo ${command}`,
    );
  }
  log(`installing ${missing.join(', ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`apt-get install failed (exit ${r.status}); run it yourself: ${command}`);
  const still = missingPackages(extra);
  if (still.length) throw new Error(`still missing after apt-get: ${still.join(', ')}`);
}
