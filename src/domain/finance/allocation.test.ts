import { describe, expect, it } from 'vitest';
import { prng } from '../../services/demo/town-generator.js';
import { kop } from '../money.js';
import type { BillingPeriod } from '../period.js';
import { allocatePayment, allocatedTotal, type OpenLine } from './allocation.js';
import { catalogueLegal } from './catalogue-legal.js';
import { readAllocationPolicy, type AllocationPolicy } from './policy.js';
import type { IsoDate } from '../period.js';

const policy: AllocationPolicy = readAllocationPolicy(catalogueLegal(), '2026-11-02' as IsoDate);
const line = (
  period: string,
  service: string,
  outstanding: number,
  kind: OpenLine['kind'] = 'charge',
): OpenLine => ({
  period: period as BillingPeriod,
  service,
  supplier: `${service}-supplier`,
  kind,
  outstanding: kop(outstanding),
});
const amounts = (r: ReturnType<typeof allocatePayment>) =>
  r.parts.map((p) => [p.period, p.service, p.amount]);

describe('RULES.md §7.2 examples', () => {
  it('the default policy is the documented one', () => {
    expect(policy).toEqual({
      periodOrder: 'oldest_first',
      honourNamedPeriod: true,
      honourServiceAmounts: true,
      penalties: 'after_principal',
    });
  });

  it('7.1: 3,000.00 of 4,000.00 → 0.75 of each charge: 1,125.00 / 450.00 / 900.00 / 525.00', () => {
    const lines = [
      line('2024-03', 'maintenance', 150_000),
      line('2024-03', 'cold_water', 60_000),
      line('2024-03', 'hot_water', 120_000),
      line('2024-03', 'electricity', 70_000),
    ];
    const r = allocatePayment({ amount: kop(300_000) }, lines, policy);
    expect(r.parts.map((p) => p.amount)).toEqual([112_500, 45_000, 90_000, 52_500]);
    expect(r.advance).toEqual([]);
  });

  it('7.2: 100.00 over 333.33 / 333.33 / 333.34 → 33.33 / 33.33 / 33.34', () => {
    const lines = [line('2024-03', 'a', 33_333), line('2024-03', 'b', 33_333), line('2024-03', 'c', 33_334)];
    expect(allocatePayment({ amount: kop(10_000) }, lines, policy).parts.map((p) => p.amount)).toEqual([
      3_333, 3_333, 3_334,
    ]);
  });

  it('7.2: 1,000.00 over 1,234.56 / 345.67 / 2,890.12 → 276.17 / 77.32 / 646.51', () => {
    // shares of 100 000 kop: 27 616.63 / 7 732.53 / 64 650.83 → floors sum to 99 998; +1 to .83 and .63
    const lines = [
      line('2024-03', 'a', 123_456),
      line('2024-03', 'b', 34_567),
      line('2024-03', 'c', 289_012),
    ];
    expect(allocatePayment({ amount: kop(100_000) }, lines, policy).parts.map((p) => p.amount)).toEqual([
      27_617, 7_732, 64_651,
    ]);
  });
});

describe('periods, named period, services, penalties, advance', () => {
  const lines = [
    line('2024-03', 'water', 200_000),
    line('2024-03', 'heat', 100_000),
    line('2024-02', 'water', 100_000),
    line('2024-02', 'heat', 50_000),
    line('2024-02', 'water', 1_000, 'penalty'),
  ];

  it('oldest period first, then the next in proportion: 2,500.00 → February in full, March 1,000.00 as 2:1', () => {
    // March: 100 000 × 2/3 = 66 666.67 → 66 667; × 1/3 = 33 333.33 → 33 333
    const r = allocatePayment({ amount: kop(250_000) }, lines, policy);
    expect(amounts(r)).toEqual([
      ['2024-02', 'water', 100_000],
      ['2024-02', 'heat', 50_000],
      ['2024-03', 'water', 66_667],
      ['2024-03', 'heat', 33_333],
    ]);
    expect(r.parts.map((p) => p.basis)).toEqual(['full', 'full', 'proportional', 'proportional']);
  });

  it('the named period first: 2,500.00 for March → 1,666.67 / 833.33, February nothing', () => {
    const r = allocatePayment({ amount: kop(250_000), period: '2024-03' as BillingPeriod }, lines, policy);
    expect(amounts(r)).toEqual([
      ['2024-03', 'water', 166_667],
      ['2024-03', 'heat', 83_333],
    ]);
    // not honoured by the policy → oldest first again
    const ignored = allocatePayment({ amount: kop(250_000), period: '2024-03' as BillingPeriod }, lines, {
      ...policy,
      honourNamedPeriod: false,
    });
    expect(ignored.parts[0]!.period).toBe('2024-02');
  });

  it('penalties after the principal by default, before it when the policy says so; the rest is an advance', () => {
    // principal 4 500.00 + penalty 10.00 = 4 510.00; payment 4 600.00 → advance 90.00
    const r = allocatePayment({ amount: kop(460_000) }, lines, policy);
    expect(r.parts.at(-1)).toMatchObject({ kind: 'penalty', amount: 1_000 });
    expect(r.advance).toEqual([{ service: null, amount: 9_000 }]);
    const before = allocatePayment({ amount: kop(1_500) }, lines, {
      ...policy,
      penalties: 'before_principal',
    });
    // 15.00: the 10.00 penalty first, then 5.00 over February 1 000:500 → 3.33 / 1.67 (333.33 → 333, 166.67 → 167)
    expect(amounts(before)).toEqual([
      ['2024-02', 'water', 1_000],
      ['2024-02', 'water', 333],
      ['2024-02', 'heat', 167],
    ]);
    expect(before.parts[0]!.kind).toBe('penalty');
  });

  it('amounts per service go to that service only; what is left is the service’s advance', () => {
    // water 1 500.00: February water 1 000.00, then March water 500.00; heat 2 000.00: 500 + 1 000, rest 500
    const r = allocatePayment(
      {
        amount: kop(350_000),
        byService: [
          { service: 'water', amount: kop(150_000) },
          { service: 'heat', amount: kop(200_000) },
        ],
      },
      lines,
      policy,
    );
    expect(r.method).toBe('by_service');
    expect(amounts(r)).toEqual([
      ['2024-02', 'water', 100_000],
      ['2024-03', 'water', 50_000],
      ['2024-02', 'heat', 50_000],
      ['2024-03', 'heat', 100_000],
    ]);
    expect(r.advance).toEqual([{ service: 'heat', amount: 50_000 }]);
  });

  it('refuses amounts per service that do not add up, naming the field', () => {
    expect(() =>
      allocatePayment(
        { amount: kop(100), byService: [{ service: 'water', amount: kop(99) }] },
        lines,
        policy,
      ),
    ).toThrow(expect.objectContaining({ details: [expect.objectContaining({ field: 'byService' })] }));
    expect(() => allocatePayment({ amount: kop(0) }, lines, policy)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'amount' })] }),
    );
  });

  it('with no open lines the whole payment is an advance', () => {
    expect(allocatePayment({ amount: kop(12_345) }, [], policy)).toEqual({
      parts: [],
      advance: [{ service: null, amount: 12_345 }],
      method: 'by_document',
    });
  });
});

describe('property: the parts and the advance sum exactly to the payment, no line is overpaid', () => {
  it('holds for 2,000 random accounts and payments under every policy', () => {
    const rnd = prng(20261129);
    const int = (n: number) => Math.floor(rnd() * n);
    const services = ['maintenance', 'cold_water', 'hot_water', 'heating', 'electricity', 'waste'];
    for (let c = 0; c < 2_000; c++) {
      const lines: OpenLine[] = [];
      const periods = 1 + int(4);
      for (let p = 0; p < periods; p++) {
        for (const s of services.slice(0, 1 + int(services.length))) {
          lines.push(line(`2025-0${1 + p}`, s, int(5) === 0 ? 0 : 1 + int(900_000)));
          if (int(4) === 0) lines.push(line(`2025-0${1 + p}`, s, 1 + int(5_000), 'penalty'));
        }
      }
      const amount = kop(1 + int(3_000_000));
      const pol: AllocationPolicy = {
        periodOrder: int(2) ? 'oldest_first' : 'newest_first',
        honourNamedPeriod: true,
        honourServiceAmounts: true,
        penalties: int(2) ? 'after_principal' : 'before_principal',
      };
      const named = int(2) ? (`2025-0${1 + int(periods)}` as BillingPeriod) : null;
      const r = allocatePayment({ amount, period: named }, lines, pol);
      expect(allocatedTotal(r)).toBe(amount);
      for (const part of r.parts) {
        expect(part.amount).toBeGreaterThan(0);
        const owed = lines
          .filter((l) => l.period === part.period && l.service === part.service && l.kind === part.kind)
          .reduce((s, l) => s + l.outstanding, 0);
        expect(part.amount).toBeLessThanOrEqual(owed);
      }
    }
  });
});
