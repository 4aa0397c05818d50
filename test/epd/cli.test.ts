/** `zhkh epd sample`: run as an operator would, a separate process; no database is touched. */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epd-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function zhkh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_ENV: 'development', ZHKH_DATA_DIR: path.join(dir, 'data') };
    execFile('node', ['bin/zhkh.js', ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('zhkh epd sample', { timeout: 120_000 }, () => {
  it('writes the three samples and N town bills, with progress, the same bytes each run', async () => {
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    const first = await zhkh('epd', 'sample', '--out', a, '--count', '2');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${a}: 5 стр.`);
    expect(first.stderr).toContain('ЕПД: 100% (5/5)');
    expect(execFileSync('pdfinfo', [a], { encoding: 'utf8' })).toMatch(/Pages:\s+5\n/);
    expect((await zhkh('epd', 'sample', '--out', b, '--count', '2')).code).toBe(0);
    expect(fs.readFileSync(b).equals(fs.readFileSync(a))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false); // no database was opened
  });

  it('a bad --count is a usage error naming the option', async () => {
    const bad = await zhkh('epd', 'sample', '--out', path.join(dir, 'c.pdf'), '--count', '-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--count');
  });
});
