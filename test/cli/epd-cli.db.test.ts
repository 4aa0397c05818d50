/**
 * `zhkh epd batch` as an operator runs it (docs/epd.md "Batches"): on a new database with the demo loaded,
 * the open period charged for one house and closed, the house's bills are issued and written into one PDF
 * with a progress bar; running it again issues nothing new and writes the same pages.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh, tmp } = withCli('zhkh-epd-cli-');

const today = new Date();
const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
const open = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

beforeAll(async () => {
  const loaded = await zhkh('demo', 'load');
  expect(loaded.code, loaded.stderr).toBe(0);
  const run = await zhkh('billing', 'run', '--period', open, '--house', '2');
  expect(run.code, run.stderr).toBe(0);
  const closed = await zhkh('billing', 'close', '--period', open);
  expect(closed.code, closed.stderr).toBe(0);
}, 300_000);

describe(`zhkh epd batch on ${engineName}`, { timeout: 180_000 }, () => {
  it('needs exactly one scope, naming the option', async () => {
    const none = await zhkh('epd', 'batch', '--period', open, '--out', path.join(tmp(), 'x.pdf'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--house');
  });

  it('issues the house’s bills with progress and writes one page each; again, nothing new', async () => {
    const file = path.join(tmp(), 'house.pdf');
    const first = await zhkh('epd', 'batch', '--period', open, '--house', '2', '--out', file);
    expect(first.code, first.stderr).toBe(0);
    const accounts = Number(/лицевых счетов (\d+)/.exec(first.stdout)?.[1]);
    expect(accounts).toBeGreaterThan(0);
    expect(first.stdout).toContain(`Выпущено новых ${accounts}, уже выпущенных 0, без начислений 0`);
    expect(first.stderr).toContain(`Выпуск: 100% (${accounts}/${accounts})`);
    expect(first.stderr).toContain(`Печать: 100% (${accounts}/${accounts})`);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      new RegExp(`Pages:\\s+${accounts}\\n`),
    );
    const again = await zhkh(
      'epd',
      'batch',
      '--period',
      open,
      '--house',
      '2',
      '--out',
      path.join(tmp(), 'b.pdf'),
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Выпущено новых 0, уже выпущенных ${accounts}`);
  });
});
