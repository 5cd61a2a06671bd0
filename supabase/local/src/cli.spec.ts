import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('cli', () => {
  it(
    'refuses to start on a non-loopback address with the demo secret, saying why, before touching anything',
    { timeout: 30_000 },
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'stack-refusal-'));
      try {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          STACK_HOST: '0.0.0.0',
          STACK_NAME: 'refusal-check',
          STACK_PORT_BASE: '56990',
          STACK_DATA_DIR: dataDir,
        };
        delete env.JWT_SECRET;
        const run = spawnSync(process.execPath, [cli, 'start'], { env, encoding: 'utf8', timeout: 20_000 });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/refusing to listen on 0\.0\.0\.0: .*demo JWT secret/);
        expect(readdirSync(dataDir)).toEqual([]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
