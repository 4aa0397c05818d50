/** Remittance to suppliers (ПП № 253 п.6; docs/finance.md "Remittance"): expected values computed by hand. */
import { describe, expect, it } from 'vitest';
import { kop } from '../money.js';
import type { IsoDate } from '../period.js';
import { WorkingCalendar } from './calendar.js';
import { catalogueLegal } from './catalogue-legal.js';
import { daysLate, remittance, transferDue, type Collected } from './remittance.js';

const c = (supplierId: number, service: string, amount: number, agentFee: number): Collected => ({
  supplierId,
  service,
  amount: kop(amount),
  agentFee: kop(agentFee),
});

describe('remittance', () => {
  it('per supplier and service: collected less the agents’ fees and the centre’s fee, exact', () => {
    const r = remittance(
      [
        c(1, 'cold_water', 60_000, 900),
        c(1, 'cold_water', 40_000, 600),
        c(1, 'wastewater', 50_000, 750),
        c(2, 'electricity', 33_333, 333),
        c(2, 'electricity', 5_000, 0),
        c(2, 'electricity', -5_000, 0), // a reversal the same day
      ],
      new Map([
        [1, { percent: '1.5' }],
        [2, { percent: '2' }],
      ]),
    );
    // supplier 1: 1 500.00 × 1.5 % = 22.50, split 1 000 : 500 → 15.00 / 7.50;
    // cold water 1 000.00 − 15.00 − 15.00 = 970.00; wastewater 500.00 − 7.50 − 7.50 = 485.00
    expect(r[0]!.lines.map((l) => [l.service, l.collected, l.agentFee, l.centreFee, l.toTransfer])).toEqual([
      ['cold_water', 100_000, 1_500, 1_500, 97_000],
      ['wastewater', 50_000, 750, 750, 48_500],
    ]);
    expect(r[0]).toMatchObject({
      collected: 150_000,
      agentFee: 2_250,
      centreFee: 2_250,
      toTransfer: 145_500,
    });
    expect(r[0]!.centreFeeFormula).toBe('1500.00 × 1.5 % = 22.50');
    // supplier 2: 333.33 × 2 % = 6.6666 → 6.67 (half-up, once); 333.33 − 3.33 − 6.67 = 323.33
    expect(r[1]).toMatchObject({ collected: 33_333, agentFee: 333, centreFee: 667, toTransfer: 32_333 });
  });

  it('the centre’s fee split by largest remainder sums exactly (RULES.md example 7.2 method)', () => {
    // 3 × 100.00 at 0.5 % = 1.50 = 150 kop → 50 / 50 / 50; at 0.35 % = 1.05 → 105 kop → 35 / 35 / 35;
    // 100.00 + 100.00 + 100.01 at 1 % = 3.0001 → 3.00 → 300 kop over 10000 : 10000 : 10001 → 100 / 100 / 100
    const fees = (percent: string, amounts: number[]) =>
      remittance(
        amounts.map((a, i) => c(7, `s${i}`, a, 0)),
        new Map([[7, { percent }]]),
      )[0]!.lines.map((l) => l.centreFee);
    expect(fees('0.5', [10_000, 10_000, 10_000])).toEqual([50, 50, 50]);
    expect(fees('1', [10_000, 10_000, 10_001])).toEqual([100, 100, 100]);
    // 1 % of 0.50 + 0.50 + 0.50 = 0.015 → 0.02 (half-up): 2 kop over equal weights → 1 / 1 / 0 (ties by order)
    expect(fees('1', [50, 50, 50])).toEqual([1, 1, 0]);
  });

  it('a supplier without a contract is refused by name', () => {
    expect(() => remittance([c(9, 'gas', 100, 0)], new Map())).toThrow(/поставщиком 9/);
  });

  it('ПП 253 п.6: due the working day after receipt; days late', () => {
    const cal = new WorkingCalendar(catalogueLegal());
    // Thursday 05.11.2026 → Friday 06.11.2026 (a working day)
    expect(transferDue('2026-11-05' as IsoDate, cal)).toBe('2026-11-06');
    // Friday 06.11.2026 → Saturday, Sunday off → Monday 09.11.2026
    expect(transferDue('2026-11-06' as IsoDate, cal)).toBe('2026-11-09');
    expect(daysLate('2026-11-09' as IsoDate, '2026-11-10' as IsoDate)).toBe(1);
    expect(daysLate('2026-11-09' as IsoDate, '2026-11-09' as IsoDate)).toBe(0);
    expect(daysLate('2026-11-09' as IsoDate, null)).toBeNull();
  });
});
