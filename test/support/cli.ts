/**
 * The `zhkh` command as an operator runs it, in a separate process: on a new embedded data folder, or on a
 * new database of the test server. `withCli()` prepares one per test file and removes it afterwards.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createServerDatabase } from './db.js';
import { testDatabaseUrl } from './engines.js';

export type CliRun = { code: number; stdout: string; stderr: string };

export function withCli(prefix: string): { zhkh(...args: string[]): Promise<CliRun>; tmp(): string } {
  let env: Record<string, string> = {};
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    if (testDatabaseUrl) {
      const database = await createServerDatabase(testDatabaseUrl);
      env = { DATABASE_URL: database.url };
      cleanup = database.drop;
    } else env = { ZHKH_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(async () => {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    tmp: () => dir,
    zhkh: (...args) =>
      new Promise((resolve) => {
        const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
        execFile(
          'node',
          ['bin/zhkh.js', ...args],
          { env: childEnv, timeout: 90_000 },
          (err, stdout, stderr) => {
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
          },
        );
      }),
  };
}
