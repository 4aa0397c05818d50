/**
 * `zhkh remittance transfer | reverse-transfer | late` as an operator runs them (docs/finance.md "Recorded
 * transfers"). The amounts and states are covered through the API (test/api/finance-transfers.db.test.ts);
 * here the commands' wiring: the refusals name the option or field, an empty report says so.
 */
import { describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh } = withCli('zhkh-transfers-');
/** `zhkh remittance transfer` for 07.11.2026 with order № 12 made 09.11.2026, plus `extra`. */
const transfer = (supplier: string, ...extra: string[]) =>
  zhkh(
    'remittance',
    'transfer',
    '--supplier',
    supplier,
    '--date',
    '2026-11-07',
    '--order',
    '12',
    '--on',
    '2026-11-09',
    ...extra,
  );

describe(`zhkh remittance transfer on ${engineName}`, { timeout: 180_000 }, () => {
  it('refuses what cannot be recorded by name; the late report of a quiet week is empty', async () => {
    expect((await zhkh('demo', 'load')).code).toBe(0);
    const late = await zhkh('remittance', 'late', '--from', '2026-11-01', '--to', '2026-11-07');
    expect(late.stderr).toBe('');
    expect(late.code).toBe(0);
    expect(late.stdout).toContain('Просроченных перечислений нет');
    // no payments were received on 07.11.2026: nothing is due to any supplier
    const nothing = await transfer('7707000833', '--amount', '10.00');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('supplierId');
    const badAmount = await transfer('7707000833', '--amount', '10.005');
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toContain('--amount');
    const unknown = await transfer('0000000000');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--supplier');
    const reverse = await zhkh('remittance', 'reverse-transfer', '--id', '999', '--reason', 'ошибка');
    expect(reverse.code).not.toBe(0);
    expect(reverse.stderr).toContain('Перечисление не найдено');
  });
});
