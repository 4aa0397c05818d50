/**
 * The registration office's `zhkh` commands as an operator runs them, on a new data folder (or a new database of
 * the test server) with the demo town: the residents count, the person search, a document issued to a PDF.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from '../support/db.js';
import { engineName, testDatabaseUrl } from '../support/engines.js';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-residents-cli-'));

beforeAll(async () => {
  if (testDatabaseUrl) {
    const database = await createServerDatabase(testDatabaseUrl);
    env = { DATABASE_URL: database.url };
    cleanup = database.drop;
  } else {
    env = { ZHKH_DATA_DIR: path.join(dir, 'data') };
    cleanup = async () => {};
  }
}, 120_000);
afterAll(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function zhkh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env, NODE_ENV: 'development', ZHKH_TEST_DATABASE_URL: '' };
    execFile('node', ['bin/zhkh.js', ...args], { env: childEnv, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe(`zhkh residents on ${engineName}`, { timeout: 180_000 }, () => {
  it('loads the demo town with its residents', async () => {
    expect((await zhkh('demo', 'load')).code).toBe(0);
  });

  it('residents count: the day pieces add up to the day-weighted count', async () => {
    const res = await zhkh('residents', 'count', '--account', '0000000018', '--period', '2026-09');
    expect(res.code, res.stderr).toBe(0);
    const head = /период 2026-09: (\d+)(?:\/(\d+))? \(/.exec(res.stdout);
    expect(head, res.stdout).not.toBeNull();
    const pieces = [...res.stdout.matchAll(/: (\d+) чел\. × (\d+) дн\./g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // September has 30 days: the pieces cover all of them, and Σ residents × days / 30 is the count printed
    expect(pieces.reduce((s, [, d]) => s + d!, 0)).toBe(30);
    const personDays = pieces.reduce((s, [n, d]) => s + n! * d!, 0);
    const [num, den] = [Number(head![1]), Number(head![2] ?? 1)];
    expect(personDays * den).toBe(num * 30);
    expect(res.stdout).toContain('Отопление');
    const bad = await zhkh('residents', 'count', '--account', '9999999999', '--period', '2026-09');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--account');
  });

  it('persons find prints the matches and their number', async () => {
    const res = await zhkh('persons', 'find', '--name', 'Иванов');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Найдено: \d+/);
    for (const line of res.stdout.split('\n').slice(0, -2)) expect(line).toMatch(/Иванова? /);
  });

  it('documents issue writes a numbered PDF whose text is readable Cyrillic; a wrong kind is exit 2', async () => {
    const out = path.join(dir, 'extract.pdf');
    const res = await zhkh(
      'documents',
      'issue',
      '--account',
      '0000000018',
      '--kind',
      'house_register_extract',
      '--out',
      out,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Выписка из домовой книги № ВД-\d{4}\/000001 выдан/);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('ВЫПИСКА ИЗ ДОМОВОЙ КНИГИ');
    expect(text).toContain('Лицевой счёт: 0000000018');
    expect(text).toContain('ЕИРЦ Демо-города');
    const wrong = await zhkh(
      'documents',
      'issue',
      '--account',
      '0000000018',
      '--kind',
      'passport',
      '--out',
      out,
    );
    expect(wrong.code).toBe(2);
  });
});
