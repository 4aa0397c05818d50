/** `zhkh payments check-registry` and `zhkh penalty` as an operator runs them (docs/finance.md). */
import { describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh } = withCli('zhkh-finance-');

describe(`zhkh finance commands on ${engineName}`, { timeout: 120_000 }, () => {
  it('checks a registry file: a good one exits 0, a bad one lists its problems and exits 2', async () => {
    const good = await zhkh(
      'payments',
      'check-registry',
      '--file',
      'test/fixtures/payments/sberbank.cp866.txt',
      '--format',
      'sberbank',
      '--encoding',
      'cp866',
    );
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('3 платежей, 4\u00a0835,06 ₽');
    expect(good.stdout).toContain('итоговая строка совпадает');
    const bad = await zhkh(
      'payments',
      'check-registry',
      '--file',
      'test/fixtures/payments/zhkh-default.bad.utf8.txt',
    );
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('! paidOn: не дата dd.mm.yyyy: "31.11.2026"');
    expect(bad.stdout).toContain('строка 5: ! totals.count');
  });

  it('prints the penalty calculation from the stored legal parameters (RULES.md example 6.1 → 577,31)', async () => {
    const r = await zhkh(
      'penalty',
      '--debts',
      '2024-03:10000.00',
      '--payments',
      '2024-08-31:10000',
      '--date',
      '2024-08-31',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('срок оплаты 2024-04-10');
    expect(r.stdout).toContain('10\u00a0000,00 × 9,5 % × 1/130 × 53');
    expect(r.stdout).toContain('Итого пени: 577,31 ₽');
    const refused = await zhkh('penalty', '--debts', '2024-13:1', '--date', '2024-08-31');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--debts.1');
  });

  it('imports a registry: a dry run writes nothing, the file once, the same file refused; the turnover sheet', async () => {
    expect((await zhkh('demo', 'load')).code).toBe(0);
    const file = 'test/fixtures/payments/zhkh-default.utf8.txt';
    const dry = await zhkh('payments', 'import', file, '--agent', '7707000833', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    // 3 500.00 + 1 234.56 + 100.50 = 4 835.06
    expect(dry.stdout).toContain('Итого: 3 платежей на 4\u00a0835,06 ₽');
    expect(dry.stdout).toContain('Предпросмотр: ничего не записано');
    const applied = await zhkh('payments', 'import', file, '--agent', '7707000833');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Загружен: реестр № \d+/);
    const again = await zhkh('payments', 'import', file, '--agent', '7707000833');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('уже загружен');
    const sheet = await zhkh('balances', '--period', '2026-11', '--group', 'account');
    expect(sheet.code).toBe(0);
    expect(sheet.stdout).toContain('Итого');
  });
});
