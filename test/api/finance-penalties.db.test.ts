/**
 * POST /api/v1/finance/penalties/calculate: the penalty calculation on the stored legal parameters
 * (RULES.md §6; docs/finance.md), money in kopecks, bad input refused with every field named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let analyst: string;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await t.login('analyst');
});
afterAll(() => t.dispose());

const calc = (body: unknown, cookie: string | undefined = analyst) =>
  t.call('POST', '/api/v1/finance/penalties/calculate', { cookie, body });

describe('the penalty calculation', () => {
  it('RULES.md example 6.3: 8,000.00 for January 2022 paid 15.11.2022 → 245.69 with the ПП 497 row', async () => {
    const res = await calc({
      calculationDate: '2022-11-15',
      debts: [{ period: '2022-01', amountKop: 800_000 }],
      payments: [{ paidOn: '2022-11-15', amountKop: 800_000, ref: 'п/п 17' }],
    });
    expect(res.status).toBe(200);
    const debt = res.json.debts[0];
    expect(debt).toMatchObject({ dueDate: '2022-02-10', unpaidKop: 0, penaltyKop: 24_569 });
    // 38.00 + 0 + 207.692308 = 245.692308 → 245.69; the printed rows 38.00 + 0 + 207.69 add up to it
    expect(debt.rows.map((r: { kind: string; amountKop: number }) => [r.kind, r.amountKop])).toEqual([
      ['accrual', 3_800],
      ['moratorium', 0],
      ['accrual', 20_769],
    ]);
    expect(debt.rows[1].act).toBe('ПП РФ от 28.03.2022 № 497');
    expect(debt.reductions).toEqual([{ date: '2022-11-15', amountKop: 800_000, ref: 'п/п 17' }]);
    expect(res.json.totalKop).toBe(24_569);
    // every law-set value names the stored row it came from
    expect(
      debt.inputs.some((i: { source: string }) => /^legal_parameter #\d+ \(key_rate\)$/.test(i.source)),
    ).toBe(true);
  });

  it('follows a stored change of a setting: the calculation date rate instead of the payment day', async () => {
    const admin = await t.login('admin');
    const set = await t.call('POST', '/api/v1/legal-parameters', {
      cookie: admin,
      body: {
        code: 'penalty.rate_date',
        value: 'calculation_date',
        validFrom: '2021-01-01',
        source: 'Тест: решение суда',
      },
    });
    expect(set.status, JSON.stringify(set.json)).toBe(201);
    // 5 000.00 for June 2021, due 10.07.2021, day 31 = 10.08.2021; 2 000 paid 20.08.2021 (key rate 6.5 %),
    // 3 000 paid 20.09.2021 (6.75 %). At the calculation date's 6.75 % for all:
    // 5 000 × 6.75 % / 300 × 11 = 12.375 + 3 000 × 6.75 % / 300 × 31 = 20.925 → 33.30
    // (at the payment days' rates it would be 4.766667 + 7.425 + 20.925 = 33.116667 → 33.12)
    const res = await calc({
      calculationDate: '2021-09-20',
      debts: [{ period: '2021-06', amountKop: 500_000 }],
      payments: [
        { paidOn: '2021-08-20', amountKop: 200_000 },
        { paidOn: '2021-09-20', amountKop: 300_000 },
      ],
    });
    expect(res.json.totalKop).toBe(3_330);
  });

  it('refuses bad input naming each field, and anonymous callers', async () => {
    const res = await calc({
      calculationDate: '2024-08-31',
      debts: [{ period: '2024-13', amountKop: -1 }],
      payments: [{ paidOn: '2024-09-01', amountKop: 100 }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual([
      'debts.0.period',
      'debts.0.amount',
      'payments.0.paidOn',
    ]);
    expect((await calc({ calculationDate: '2024-08-31', debts: [] }, '')).status).toBe(401);
  });
});
