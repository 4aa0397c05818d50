/**
 * Running `zhkh` as a separate process, as an operator would: on a new embedded data folder, or on a new
 * database of the test server. `useCliTarget()` in a test file registers the hooks and returns the runner.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createServerDatabase } from './db.js';
import { testDatabaseUrl } from './engines.js';

export type CliRun = { code: number; stdout: string; stderr: string };

export function useCliTarget(): (...args: string[]) => Promise<CliRun> {
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (testDatabaseUrl) {
      const database = await createServerDatabase(testDatabaseUrl);
      env = { DATABASE_URL: database.url };
      cleanup = database.drop;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-cli-'));
      env = { ZHKH_DATA_DIR: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());
  return (...args) =>
    new Promise((resolve) => {
      const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
      execFile(
        'node',
        ['bin/zhkh.js', ...args],
        { env: childEnv, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        },
      );
    });
}
