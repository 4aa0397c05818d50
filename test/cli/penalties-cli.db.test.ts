/**
 * `zhkh demo load --finance` and `zhkh penalties charge` as an operator runs them (docs/finance.md "Penalties
 * over a scope", "Demo"). The clock is the system's (November 2026 or later: the open period is the month before
 * the first run); the demo's debts are of the month before that, not yet overdue at the open period's end
 * (due the 15th of the next month, day 31 falls after it), so the run writes no line — and a second run none.
 */
import { describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh } = withCli('zhkh-penalties-');

describe(`zhkh penalties charge on ${engineName}`, { timeout: 240_000 }, () => {
  it('loads the demo with its money, charges a house and the whole centre, refuses a period not open', async () => {
    const demo = await zhkh('demo', 'load', '--finance');
    expect(demo.stderr.split('\n').filter((l) => l && !l.startsWith('Демо-данные'))).toEqual([]);
    expect(demo.code).toBe(0);
    // the open period: the month before the clock's (the demo's payments opened it)
    const now = new Date();
    const open = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const house = await zhkh('penalties', 'charge', '--period', open, '--house', '1');
    expect(house.stderr).toContain('Пени');
    expect(house.code, house.stderr).toBe(0);
    expect(house.stdout).toMatch(
      new RegExp(`Пени за ${open}: домов 1, счетов \\d+, записано строк 0 на 0,00 ₽`),
    );
    const all = await zhkh('penalties', 'charge', '--period', open);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/домов \d{2}, счетов \d{4}, записано строк 0/);
    const closed = await zhkh('penalties', 'charge', '--period', '2020-01', '--house', '1');
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain('period');
    const both = await zhkh('penalties', 'charge', '--period', open, '--house', '1', '--manager', '2');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--house');
  });
});
