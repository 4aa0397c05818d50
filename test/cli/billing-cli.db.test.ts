/**
 * `zhkh billing run | worker | close` as an operator runs them: separate processes on a new database with the
 * demo loaded. The CLI's clock is the real one, so the open period on first use is the month before today's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh } = withCli('zhkh-billing-cli-');

const today = new Date();
const month = (offset: number) => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const open = month(-1);

beforeAll(async () => {
  const loaded = await zhkh('demo', 'load');
  expect(loaded.code, loaded.stderr).toBe(0);
}, 240_000);

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
