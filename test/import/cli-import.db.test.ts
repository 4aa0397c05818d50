/** `zhkh import` as an operator runs it: a new install, a dry run, an apply, a refused file (exit 2). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from '../support/db.js';
import { engineName, testDatabaseUrl } from '../support/engines.js';
import { fixturesDir } from './support.js';

let env: Record<string, string>;
let tmp: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-import-'));
  if (testDatabaseUrl) {
    const database = await createServerDatabase(testDatabaseUrl);
    env = { DATABASE_URL: database.url };
    cleanup = database.drop;
  } else {
    env = { ZHKH_DATA_DIR: path.join(tmp, 'data') };
    cleanup = async () => {};
  }
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function zhkh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
    execFile('node', ['bin/zhkh.js', ...args], { env: childEnv, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const file = (name: string) => path.join(fixturesDir, name);

describe(`zhkh import on ${engineName}`, { timeout: 120_000 }, () => {
  it('checks, then applies, a file as the settlement centre; a repeat changes nothing', async () => {
    const setup = await zhkh(
      'setup',
      '--name',
      'ЕИРЦ Озёрска',
      '--inn',
      '5604000041',
      '--login',
      'oz',
      '--password',
      'long-enough-1',
    );
    expect(setup.code, setup.stderr).toBe(0);
    const dry = await zhkh(
      'import',
      '--kind',
      'organisations',
      '--file',
      file('organisations.csv'),
      '--dry-run',
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      'Пробная загрузка (ничего не записано): organisations.csv, organisations, строк 3',
    );
    const apply = await zhkh('import', '--kind', 'organisations', '--file', file('organisations.csv'));
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('новых: 3, изменённых: 0, без изменений: 0, пропущено: 0');
    expect(apply.stderr).toContain('Загрузка: 100%');
    const houses = await zhkh(
      'import',
      '--kind',
      'houses',
      '--file',
      file('houses.cp1251.csv'),
      '--encoding',
      'cp1251',
    );
    expect(houses.code, houses.stderr).toBe(0);
    const again = await zhkh('import', '--kind', 'organisations', '--file', file('organisations.csv'));
    expect(again.stdout).toContain('Ничего не изменилось');
    expect(again.stdout).toContain('без изменений: 3');
  });

  it('bad rows: exit 2 with each row named, nothing applied; skipping them applies the rest', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(
      bad,
      'external_id;kind;name;inn\nOZ-ORG-8;supplier;ООО «Ромашка»;5605000051\nOZ-ORG-9;supplier;ООО «Ошибка»;5601000012\n',
    );
    const dry = await zhkh('import', '--kind', 'organisations', '--file', bad, '--dry-run');
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain('строка 3, inn: неверная контрольная цифра ИНН');
    const apply = await zhkh('import', '--kind', 'organisations', '--file', bad);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('row 3.inn: неверная контрольная цифра ИНН');
    const skip = await zhkh('import', '--kind', 'organisations', '--file', bad, '--skip-bad-rows');
    expect(skip.code, skip.stderr).toBe(0);
    expect(skip.stdout).toContain('новых: 1, изменённых: 0, без изменений: 0, пропущено: 1');
    const wrongKind = await zhkh('import', '--kind', 'meters', '--file', bad);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('--kind');
  });
});
