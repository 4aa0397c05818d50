import { describe, expect, it } from 'vitest';
import { kop } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import { catalogueLegal } from './catalogue-legal.js';
import { computePenalties, dueDate, type PenaltyPayment } from './penalty.js';

const d = (s: string) => s as IsoDate;
const p = (s: string) => s as BillingPeriod;

/** One debt of `amount` kopecks for `period`, paid in full on `paidOn` (the calculation date). */
function single(period: string, amount: number, paidOn: string, overrides: Record<string, string> = {}) {
  const result = computePenalties(catalogueLegal(overrides), {
    calculationDate: d(paidOn),
    debts: [{ period: p(period), amount: kop(amount) }],
    payments: [{ paidOn: d(paidOn), amount: kop(amount) }],
  });
  return result.debts[0]!;
}

const rowsOf = (r: ReturnType<typeof single>) =>
  r.rows.map((x) => [x.kind, x.from, x.to, x.days, x.debt, x.rate, x.divisor, x.exact, x.amount]);

describe('RULES.md §6.6 examples', () => {
  it('6.1: 10,000.00 for March 2024, paid 31.08.2024 at 9.5 % → 577.31', () => {
    const r = single('2024-03', 1_000_000, '2024-08-31');
    expect(r.dueDate).toBe('2024-04-10');
    // 10 000 × 9.5 % / 300 × 60 = 190.00; 10 000 × 9.5 % / 130 × 53 = 387.307692; total 577.307692 → 577.31
    expect(rowsOf(r)).toEqual([
      ['accrual', '2024-05-11', '2024-07-09', 60, 1_000_000, '9.5', 300, '190.000000', 19_000],
      ['accrual', '2024-07-10', '2024-08-31', 53, 1_000_000, '9.5', 130, '387.307692', 38_731],
    ]);
    expect(r.penalty).toBe(57_731);
  });

  it('6.2: 5,000.00 for November 2022, paid 15.05.2023 at min(9.5, 7.5) → 265.38', () => {
    const r = single('2022-11', 500_000, '2023-05-15');
    // 5 000 × 7.5 % / 300 × 60 = 75.00; 5 000 × 7.5 % / 130 × 66 = 190.384615 → 265.38
    expect(rowsOf(r)).toEqual([
      ['accrual', '2023-01-10', '2023-03-10', 60, 500_000, '7.5', 300, '75.000000', 7_500],
      ['accrual', '2023-03-11', '2023-05-15', 66, 500_000, '7.5', 130, '190.384615', 19_038],
    ]);
    expect(r.penalty).toBe(26_538);
  });

  it('6.3: ПП 497 moratorium, 8,000.00 for January 2022, paid 15.11.2022 → 245.69 (987.69 without it)', () => {
    const r = single('2022-01', 800_000, '2022-11-15');
    // 8 000 × 7.5 % / 300 × 19 = 38.00; moratorium 01.04–01.10 (184 days); 8 000 × 7.5 % / 130 × 45 = 207.692308
    expect(r.rows.map((x) => [x.kind, x.from, x.to, x.days, x.delayFrom, x.delayTo, x.exact])).toEqual([
      ['accrual', '2022-03-13', '2022-03-31', 19, 31, 49, '38.000000'],
      ['moratorium', '2022-04-01', '2022-10-01', 184, 50, 233, '0.000000'],
      ['accrual', '2022-10-02', '2022-11-15', 45, 234, 278, '207.692308'],
    ]);
    expect(r.penalty).toBe(24_569);
    // 8 000 × 7.5 % / 300 × 60 = 120.00 + 8 000 × 7.5 % / 130 × 188 = 867.692308 → 987.69
    expect(single('2022-01', 800_000, '2022-11-15', { 'penalty.moratoria': '[]' }).penalty).toBe(98_769);
  });

  it('6.4: day 30 gives nothing, day 31 gives 3,000 × 9.5 % / 300 = 0.95', () => {
    expect(single('2024-12', 300_000, '2025-02-09').penalty).toBe(0);
    expect(single('2024-12', 300_000, '2025-02-09').rows).toEqual([]);
    const day31 = single('2024-12', 300_000, '2025-02-10');
    expect(rowsOf(day31)).toEqual([
      ['accrual', '2025-02-10', '2025-02-10', 1, 300_000, '9.5', 300, '0.950000', 95],
    ]);
  });

  it('6.5: March 2026, due 15.04.2026, paid 30.06.2026: 46 days at 1/300 → 58.27', () => {
    const r = single('2026-03', 400_000, '2026-06-30');
    expect(r.dueDate).toBe('2026-04-15');
    // 4 000 × 9.5 % / 300 × 46 = 58.266667 → 58.27
    expect(r.penalty).toBe(5_827);
  });
});

describe('RULES-ADDENDUM test vectors', () => {
  it('§6: February 2026, 4,000.00 paid 30.05.2026: 57.00 shifted / 58.27 unshifted / 64.60 on the 10th', () => {
    const shifted = single('2026-02', 400_000, '2026-05-30');
    expect(shifted.dueDate).toBe('2026-03-16'); // 15.03.2026 is a Sunday
    // 16.04–30.05 = 45 days: 4 000 × 9.5 % / 300 × 45 = 57.00
    expect(shifted.penalty).toBe(5_700);
    // 15.04–30.05 = 46 days → 58.266667
    expect(
      single('2026-02', 400_000, '2026-05-30', { 'penalty.due_date_weekend_shift': 'false' }).penalty,
    ).toBe(5_827);
    // 10.04–30.05 = 51 days → 64.60
    expect(
      single('2026-02', 400_000, '2026-05-30', {
        'penalty.due_date_weekend_shift': 'false',
        'penalty.due_day': '10',
      }).penalty,
    ).toBe(6_460);
  });

  it('§8: ПП 424 ends 31.12.2020: 1,000.00 due 10.10.2020, paid 31.01.2021 at 4.25 % → 8.65 (8.51 with 01.01)', () => {
    const r = single('2020-09', 100_000, '2021-01-31');
    // 01.01–08.01 (days 83–90) 1 000 × 4.25 % / 300 × 8 = 1.133333; 09.01–31.01 (91–113) / 130 × 23 = 7.519231
    expect(r.rows.filter((x) => x.kind === 'accrual').map((x) => [x.from, x.to, x.exact])).toEqual([
      ['2021-01-01', '2021-01-08', '1.133333'],
      ['2021-01-09', '2021-01-31', '7.519231'],
    ]);
    expect(r.penalty).toBe(865);
    const oldWindow =
      '[{"from":"2020-04-06","to":"2021-01-01"},{"from":"2022-04-01","to":"2022-10-01","obligationsBefore":"2022-04-01"}]';
    // 7 days × /300 = 0.991667 + 7.519231 = 8.510897 → 8.51
    expect(single('2020-09', 100_000, '2021-01-31', { 'penalty.moratoria': oldWindow }).penalty).toBe(851);
  });
});

describe('penalty boundaries, hand computed', () => {
  it('day 90 is still 1/300, day 91 is 1/130 (RULES.md §6.5, T15)', () => {
    // due 10.01.2025; day 90 = 10.04.2025: 3 000 × 9.5 % / 300 × 60 = 57.00
    expect(single('2024-12', 300_000, '2025-04-10').penalty).toBe(5_700);
    // day 91 = 11.04.2025: 57.00 + 3 000 × 9.5 % / 130 = 57 + 2.192308 = 59.192308 → 59.19
    const day91 = single('2024-12', 300_000, '2025-04-11');
    expect(day91.rows.map((x) => [x.delayFrom, x.delayTo, x.divisor])).toEqual([
      [31, 90, 300],
      [91, 91, 130],
    ]);
    expect(day91.penalty).toBe(5_919);
  });

  it('ПП 424 edges: 05.04.2020 accrues, 06.04.2020 and 31.12.2020 do not, 01.01.2021 does', () => {
    // January 2020, due 10.02.2020; day 31 = 12.03.2020; key rate 6 % from 10.02.2020 (no special order yet)
    // 12.03–05.04 = 25 days: 1 000 × 6 % / 300 × 25 = 5.00
    expect(single('2020-01', 100_000, '2020-04-05').penalty).toBe(500);
    expect(single('2020-01', 100_000, '2020-04-06').penalty).toBe(500);
    // paid 31.12.2020: rate 4.25 % on the payment day: 1 000 × 4.25 % / 300 × 25 = 3.541667 → 3.54
    expect(single('2020-01', 100_000, '2020-12-31').penalty).toBe(354);
    // paid 01.01.2021 (delay day 326): 3.541667 + 1 000 × 4.25 % / 130 × 1 = 0.326923 → 3.868590 → 3.87
    const r = single('2020-01', 100_000, '2021-01-01');
    expect(r.rows.map((x) => [x.kind, x.from, x.to])).toEqual([
      ['accrual', '2020-03-12', '2020-04-05'],
      ['moratorium', '2020-04-06', '2020-12-31'],
      ['accrual', '2021-01-01', '2021-01-01'],
    ]);
    expect(r.rows[2]!.delayFrom).toBe(326);
    expect(r.penalty).toBe(387);
  });

  it('ПП 497 edges: 01.10.2022 is a moratorium day, 02.10.2022 is not; keyed on the month of supply', () => {
    // March 2022 (supplied before 01.04.2022): due 10.04.2022, day 31 = 11.05.2022, inside the moratorium
    expect(single('2022-03', 1_000_000, '2022-10-01').penalty).toBe(0);
    // 02.10.2022 = day 175: 10 000 × min(9.5, 7.5) % / 130 × 1 = 5.769231 → 5.77
    expect(single('2022-03', 1_000_000, '2022-10-02').penalty).toBe(577);
    // April 2022 is a current payment: due 10.05.2022, day 31 = 10.06.2022 accrues at ПП 474's fixed 9.5 %:
    // 10 000 × 9.5 % / 300 = 3.166667 → 3.17
    const april = single('2022-04', 1_000_000, '2022-06-10');
    expect(april.rows.map((x) => [x.kind, x.rate])).toEqual([['accrual', '9.5']]);
    expect(april.penalty).toBe(317);
  });

  it('a payment in the middle of the debt reduces it from the next day; the rows sum to the total', () => {
    const legal = catalogueLegal();
    const payments: PenaltyPayment[] = [
      { paidOn: d('2024-06-10'), amount: kop(400_000), ref: 'A' },
      { paidOn: d('2024-08-31'), amount: kop(600_000), ref: 'B' },
    ];
    const r = computePenalties(legal, {
      calculationDate: d('2024-08-31'),
      debts: [{ period: p('2024-03'), amount: kop(1_000_000) }],
      payments,
    }).debts[0]!;
    // 11.05–10.06 (31–61) 10 000 × 9.5 % / 300 × 31 = 98.166667
    // 11.06–09.07 (62–90)  6 000 × 9.5 % / 300 × 29 = 55.100000
    // 10.07–31.08 (91–143) 6 000 × 9.5 % / 130 × 53 = 232.384615; total 385.651282 → 385.65
    expect(rowsOf(r)).toEqual([
      ['accrual', '2024-05-11', '2024-06-10', 31, 1_000_000, '9.5', 300, '98.166667', 9_817],
      ['accrual', '2024-06-11', '2024-07-09', 29, 600_000, '9.5', 300, '55.100000', 5_510],
      ['accrual', '2024-07-10', '2024-08-31', 53, 600_000, '9.5', 130, '232.384615', 23_238],
    ]);
    expect(r.penalty).toBe(38_565);
    expect(r.reductions.map((x) => x.ref)).toEqual(['A', 'B']);
    // Payment day not counted: 30 days × 10 000 = 95.00; 30 × 6 000 = 57.00; 52 × 6 000 / 130 = 228.00 → 380.00
    const excluded = computePenalties(catalogueLegal({ 'penalty.payment_day_counts': 'false' }), {
      calculationDate: d('2024-08-31'),
      debts: [{ period: p('2024-03'), amount: kop(1_000_000) }],
      payments,
    }).debts[0]!;
    expect(excluded.rows.map((x) => x.exact)).toEqual(['95.000000', '57.000000', '228.000000']);
    expect(excluded.penalty).toBe(38_000);
  });

  it('parts paid on different days take the rate of their own payment day (ЖК ст.155 ч.14)', () => {
    // 5 000.00 for June 2021, due 10.07.2021; day 31 = 10.08.2021. 2 000 paid 20.08.2021 (key rate 6.5 %),
    // 3 000 paid 20.09.2021 (6.75 %).
    // 10.08–20.08 (11 days): 2 000 × 6.5 % / 300 × 11 = 4.766667 and 3 000 × 6.75 % / 300 × 11 = 7.425
    // 21.08–20.09 (31 days): 3 000 × 6.75 % / 300 × 31 = 20.925; total 33.116667 → 33.12
    const r = computePenalties(catalogueLegal(), {
      calculationDate: d('2021-09-20'),
      debts: [{ period: p('2021-06'), amount: kop(500_000) }],
      payments: [
        { paidOn: d('2021-08-20'), amount: kop(200_000) },
        { paidOn: d('2021-09-20'), amount: kop(300_000) },
      ],
    }).debts[0]!;
    // The 3 000 part keeps one row over both stretches (same debt, rate and share): 7.425 + 20.925 = 28.35
    expect(r.rows.map((x) => [x.from, x.to, x.debt, x.rate, x.exact])).toEqual([
      ['2021-08-10', '2021-09-20', 300_000, '6.75', '28.350000'],
      ['2021-08-10', '2021-08-20', 200_000, '6.5', '4.766667'],
    ]);
    expect(r.penalty).toBe(3_312);
    expect(r.rows.reduce((s, x) => s + x.amount, 0)).toBe(3_312);
    // As of the calculation date instead (6.75 % for all): 5 000 × 6.75 % / 300 × 11 + 20.925 = 12.375 + 20.925
    // = 33.30
    const byCalc = computePenalties(catalogueLegal({ 'penalty.rate_date': '"calculation_date"' }), {
      calculationDate: d('2021-09-20'),
      debts: [{ period: p('2021-06'), amount: kop(500_000) }],
      payments: [
        { paidOn: d('2021-08-20'), amount: kop(200_000) },
        { paidOn: d('2021-09-20'), amount: kop(300_000) },
      ],
    });
    expect(byCalc.total).toBe(3_330);
  });

  it('the named period is paid first; otherwise the oldest debt; the unpaid rest runs to the calculation date', () => {
    const debts = [
      { period: p('2024-02'), amount: kop(500_000) },
      { period: p('2024-03'), amount: kop(1_000_000) },
    ];
    const named = computePenalties(catalogueLegal(), {
      calculationDate: d('2024-05-10'),
      debts,
      payments: [{ paidOn: d('2024-04-05'), amount: kop(1_000_000), period: p('2024-03') }],
    });
    // February unpaid: due 10.03.2024, day 31 = 10.04.2024; 10.04–10.05 = 31 days:
    // 5 000 × 9.5 % / 300 × 31 = 49.083333 → 49.08; March paid before its due date → 0
    expect(named.debts.map((x) => [x.period, x.unpaid, x.penalty])).toEqual([
      ['2024-02', 500_000, 4_908],
      ['2024-03', 0, 0],
    ]);
    const oldest = computePenalties(catalogueLegal(), {
      calculationDate: d('2024-05-10'),
      debts,
      payments: [{ paidOn: d('2024-04-05'), amount: kop(1_000_000) }],
    });
    // February paid in full on 05.04 (before its day 31); March 5 000 left, its day 31 = 11.05 → 0
    expect(oldest.debts.map((x) => [x.period, x.unpaid, x.penalty])).toEqual([
      ['2024-02', 0, 0],
      ['2024-03', 500_000, 0],
    ]);
    expect(oldest.total).toBe(0);
  });

  it('an advance paid before a debt arises pays it on its first day; the rest stays an advance', () => {
    const r = computePenalties(catalogueLegal(), {
      calculationDate: d('2024-12-31'),
      debts: [{ period: p('2024-03'), amount: kop(100_000) }],
      payments: [{ paidOn: d('2024-02-20'), amount: kop(200_000) }],
    });
    expect(r.debts[0]!.reductions).toEqual([{ date: '2024-03-01', amount: 100_000, ref: 'аванс' }]);
    expect(r.total).toBe(0);
    expect(r.advance).toBe(100_000);
  });

  it('bad input is refused with every field named', () => {
    expect(() =>
      computePenalties(catalogueLegal(), {
        calculationDate: d('2024-12-31'),
        debts: [{ period: p('2024-13'), amount: kop(-1) }],
        payments: [{ paidOn: d('2025-01-01'), amount: kop(0) }],
      }),
    ).toThrow(
      expect.objectContaining({
        details: expect.arrayContaining([
          expect.objectContaining({ field: 'debts.0.period' }),
          expect.objectContaining({ field: 'debts.0.amount' }),
          expect.objectContaining({ field: 'payments.0.paidOn' }),
          expect.objectContaining({ field: 'payments.0.amount' }),
        ]),
      }),
    );
  });
});

describe('due dates (RULES.md §6.2, RULES-ADDENDUM §6)', () => {
  it.each([
    ['2025-12', '2026-01-10'], // the 10th; no shift before the February 2026 bills
    ['2022-11', '2022-12-10'], // a Saturday, not moved (RULES.md §6.6 example 6.2)
    ['2026-01', '2026-02-10'],
    ['2026-02', '2026-03-16'], // 15.03 Sunday → Monday
    ['2026-04', '2026-05-15'], // Friday
    ['2026-07', '2026-08-17'], // 15.08 Saturday → Monday 17.08
    ['2026-10', '2026-11-16'], // 15.11 Sunday → 16.11
  ])('%s is due %s', (period, due) => {
    expect(dueDate(catalogueLegal(), p(period)).date).toBe(due);
  });

  it('a holiday moves the due date past it: 10.05.2021 off → 11.05.2021 (calendar data)', () => {
    const legal = catalogueLegal({ 'penalty.due_date_weekend_shift': 'true' });
    // April 2021 due 10.05.2021 — a day off (9 May moved to Monday 10 May) → Tuesday 11.05
    expect(dueDate(legal, p('2021-04')).date).toBe('2021-05-11');
    // December 2024 due 10.01.2025 — Friday, a working day
    expect(dueDate(legal, p('2024-12')).date).toBe('2025-01-10');
    // December 2025 due 10.01.2026 Saturday; 11.01 Sunday → Monday 12.01
    expect(dueDate(legal, p('2025-12')).date).toBe('2026-01-12');
  });
});
