import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from '../support/db.js';
import { engineName, testDatabaseUrl } from '../support/engines.js';

// The CLI runs as a separate process, as an operator would run it: on a new embedded data folder,
// or on a new database of the test server.
let env: Record<string, string>;
let cleanup: () => Promise<void>;

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

function zhkh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
    execFile('node', ['bin/zhkh.js', ...args], { env: childEnv, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// each command is a new process (tsx, then the database): give the slow machine of a busy CI time
describe(`zhkh on ${engineName}`, { timeout: 120_000 }, () => {
  it('exit 2 and the usage for no command, an unknown one, an unknown option, a missing option', async () => {
    const none = await zhkh();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('zhkh db migrate');
    expect((await zhkh('frobnicate')).stderr).toContain('Неизвестная команда: frobnicate');
    expect((await zhkh('frobnicate')).code).toBe(2);
    expect((await zhkh('db', 'migrate', '--force')).code).toBe(2);
    const missing = await zhkh('users', 'create', '--login', 'x');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--full-name');
    expect((await zhkh('--help')).code).toBe(0);
  });

  it('migrates, then says the schema is current', async () => {
    const first = await zhkh('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('0001_foundation.sql');
    const second = await zhkh('db', 'migrate');
    expect(second.stdout).toContain('Схема уже актуальна');
    const status = await zhkh('db', 'status');
    expect(status.stdout).toMatch(/^applied\s+0001_foundation\.sql/m);
  });

  it('loads the demo with a progress report, once', async () => {
    const load = await zhkh('demo', 'load');
    expect(load.code).toBe(0);
    expect(load.stderr).toContain('Демо-данные: 100% (32/32)'); // 11 organisations, 11 users, the town as 10 steps
    expect(load.stdout).toContain('admin / demo');
    const again = await zhkh('demo', 'load');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('уже загружены');
  });

  it('creates a user, refusing bad input with exit 2 and the field named', async () => {
    const badRole = await zhkh(
      'users',
      'create',
      '--login',
      'ivanov',
      '--full-name',
      'Иванов И. И.',
      '--password',
      'long-enough-1',
      '--organisation',
      '1',
      '--role',
      'wizard',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role: нет роли wizard');
    const shortPassword = await zhkh(
      'users',
      'create',
      '--login',
      'ivanov',
      '--full-name',
      'Иванов И. И.',
      '--password',
      'short',
      '--organisation',
      '1',
      '--role',
      'cashier',
    );
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toContain('password: не короче 8 символов');
    const ok = await zhkh(
      'users',
      'create',
      '--login',
      'ivanov',
      '--full-name',
      'Иванов И. И.',
      '--password',
      'long-enough-1',
      '--organisation',
      '1',
      '--role',
      'cashier,analyst',
    );
    expect(ok.code).toBe(0);
    const list = await zhkh('users', 'list');
    expect(list.stdout).toMatch(/ivanov\s+cashier,analyst\s+ЕИРЦ Демо-города/);
    const taken = await zhkh(
      'users',
      'create',
      '--login',
      'IVANOV',
      '--full-name',
      'Двойник',
      '--password',
      'long-enough-1',
      '--organisation',
      '1',
      '--role',
      'cashier',
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('conflict');
  });

  it('a bad setting is exit 2 naming the variable', async () => {
    const res = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        'node',
        ['bin/zhkh.js', 'config'],
        { env: { ...process.env, ...env, PORT: 'eighty' } },
        (err, _o, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('PORT');
  });
});
