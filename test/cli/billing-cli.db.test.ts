/**
 * `zhkh billing run | worker | close` as an operator runs them: separate processes on a new database with the
 * demo loaded. The CLI's clock is the real one, so the open period on first use is the month before today's.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from '../support/db.js';
import { engineName, testDatabaseUrl } from '../support/engines.js';

let env: Record<string, string>;
let cleanup: () => Promise<void>;

function zhkh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
    execFile('node', ['bin/zhkh.js', ...args], { env: childEnv, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const today = new Date();
const month = (offset: number) => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const open = month(-1);

beforeAll(async () => {
  if (testDatabaseUrl) {
    const database = await createServerDatabase(testDatabaseUrl);
    env = { DATABASE_URL: database.url };
    cleanup = database.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-billing-cli-'));
    env = { ZHKH_DATA_DIR: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const loaded = await zhkh('demo', 'load');
  expect(loaded.code, loaded.stderr).toBe(0);
}, 240_000);
afterAll(() => cleanup());

describe(`zhkh billing on ${engineName}`, { timeout: 120_000 }, () => {
  it('refuses a bad period or two scopes with exit 2, naming the option', async () => {
    const bad = await zhkh('billing', 'run', '--period', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('period');
    const both = await zhkh('billing', 'run', '--period', open, '--house', '1', '--manager', '2');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--house');
  });

  it('runs the open period for one house; the same run again writes nothing', async () => {
    const first = await zhkh('billing', 'run', '--period', open, '--house', '1');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`период ${open}, домов 1`);
    const written = Number(/записано строк (\d+)/.exec(first.stdout)?.[1]);
    expect(written).toBeGreaterThan(0);
    const again = await zhkh('billing', 'run', '--period', open, '--house', '1');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('записано строк 0');
  });

  it('a worker pass finds nothing left; closing opens the next month and the closed one is refused', async () => {
    expect((await zhkh('billing', 'worker', '--once')).code).toBe(0);
    const closed = await zhkh('billing', 'close', '--period', open);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain(`Период ${open} закрыт; открыт ${month(0)}`);
    const refused = await zhkh('billing', 'run', '--period', open, '--house', '1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('закрыт');
  });
});
