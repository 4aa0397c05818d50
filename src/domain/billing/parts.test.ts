/** The core's parts: exact fractions, day pieces, excess-hour strategies, legal lookups, exact house splits. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../decimal.js';
import type { DomainError } from '../errors.js';
import type { IsoDate } from '../period.js';
import { computeHouse } from './compute.js';
import { LegalParameters } from './legal.js';
import { excessMinutes, minutesOf, type ExcessHoursMethod, type Limits } from './quality.js';
import { Ratio } from './ratio.js';
import { split, windowIn } from './segments.js';
import { generateHouse } from '../../../test/support/billing-gen.js';
import {
  SERVICES as S,
  account,
  area,
  catalogueLegal,
  d,
  date,
  house,
  houseService,
  norm,
  period,
  tariff,
} from '../../../test/support/billing.js';

describe('Ratio', () => {
  it('rounds once at the end: 22500/31 = 725.806… → 725.81, and 15 × (1/3) is exactly 5', () => {
    expect(Ratio.of(d('1500')).scale(15, 31).toKopecks()).toBe(72581);
    expect(Ratio.frac(1, 3).scale(15, 1).toKopecks()).toBe(500);
  });
  it('half-up on both signs: 0.005 → 0.01, −0.005 → −0.01; adds across denominators exactly', () => {
    expect(Ratio.frac(d('0.01'), 2).toKopecks()).toBe(1);
    expect(Ratio.frac(d('0.01'), 2).neg().toKopecks()).toBe(-1);
    // 1/3 + 1/6 = 1/2
    expect(Ratio.frac(1, 3).add(Ratio.frac(1, 6)).cmp(Ratio.frac(1, 2))).toBe(0);
  });
  it('divBy: 120.5 × 54.3 / 6250 = 1.046904 exactly', () => {
    expect(
      Ratio.of(d('120.5').mul(d('54.3')))
        .divBy(d('6250'))
        .round(6)
        .toString(),
    ).toBe('1.046904');
    expect(() => Ratio.of(d('1')).divBy(d('0'))).toThrow(RangeError);
  });
});

describe('day pieces', () => {
  it('cuts March at the 16th and the 17th: 15 + 1 + 15 days', () => {
    const march = windowIn(period('2026-03'), null, null)!;
    expect(
      split(march, [date('2026-03-16'), date('2026-03-17'), date('2026-03-16'), date('2026-04-01')]).map(
        (p) => p.days,
      ),
    ).toEqual([15, 1, 15]);
  });
  it('an account open 10.03–20.03 has 11 days of March; none of April', () => {
    expect(windowIn(period('2026-03'), date('2026-03-10'), date('2026-03-20'))?.days).toBe(11);
    expect(windowIn(period('2026-04'), date('2026-03-10'), date('2026-03-20'))).toBeNull();
  });
});

describe('excess hours (RULES-ADDENDUM §4)', () => {
  const h = (...hours: number[]) => hours.map((x) => x * 60);
  const water: Limits = { month: 8, once: 4 };
  it.each<[string, number[], Limits, ExcessHoursMethod, number]>([
    // example 5.1: 6 h and 7 h — (a) 2 + 3 = 5; (b) 13 − 8 = 5; (c) 2 of the first + 5 of the second = 7
    ['5.1 (a)', h(6, 7), water, 'per_event_sum', 5],
    ['5.1 (b)', h(6, 7), water, 'monthly_total', 5],
    ['5.1 (c)', h(6, 7), water, 'union', 7],
    // three 3 h events: none over 4 h at once; 9 − 8 = 1 h over the month: (a) 0, (b) 1, (c) 1 (the last hour)
    ['3 × 3 h (a)', h(3, 3, 3), water, 'per_event_sum', 0],
    ['3 × 3 h (b)', h(3, 3, 3), water, 'monthly_total', 1],
    ['3 × 3 h (c)', h(3, 3, 3), water, 'union', 1],
    // one 10 h event: (a) 10 − 4 = 6; (b) 10 − 8 = 2; (c) max(6, 2) = 6
    ['10 h (a)', h(10), water, 'per_event_sum', 6],
    ['10 h (b)', h(10), water, 'monthly_total', 2],
    ['10 h (c)', h(10), water, 'union', 6],
    // gas: a monthly limit only (4 h): 3 h + 3 h → 2 h by every method
    ['gas (a)', h(3, 3), { month: 4 }, 'per_event_sum', 2],
    ['gas (c)', h(3, 3), { month: 4 }, 'union', 2],
    // electricity: a per-event limit only (2 h): 5 h → 3 h by every method
    ['power (b)', h(5), { once: 2 }, 'monthly_total', 3],
  ])('%s', (_name, durations, limits, method, hours) => {
    expect(
      excessMinutes(
        durations,
        durations.map(() => limits),
        method,
      ),
    ).toBe(hours * 60);
  });
  it('reads local times and refuses junk naming the field', () => {
    expect(minutesOf('1970-01-02T01:30', 'x')).toBe(1440 + 90);
    try {
      minutesOf('2026-03-05 10:00', 'undersupplies.1.start');
      expect.unreachable('a time without T must be refused');
    } catch (e) {
      expect((e as DomainError).details).toEqual([
        { field: 'undersupplies.1.start', problem: `не время 'ГГГГ-ММ-ДДTЧЧ:ММ': "2026-03-05 10:00"` },
      ]);
    }
  });
});

describe('legal parameters in the core', () => {
  const legal = new LegalParameters(catalogueLegal());
  it.each([
    // RULES.md §1.2: 1.4 from 01.07.2016, 1.5 from 01.01.2017, cold water 3 from 06.12.2025; sewage and gas 1
    ['cold_water', '2016-08-01', '1.4'],
    ['cold_water', '2025-12-05', '1.5'],
    ['cold_water', '2025-12-06', '3'],
    ['hot_water', '2026-03-01', '1.5'],
    ['electricity', '2026-03-01', '1.5'],
    ['wastewater', '2026-03-01', '1'],
    ['gas', '2026-03-01', '1'],
  ] as const)('K for %s on %s is %s', (resource, on, k) => {
    expect(legal.increasingCoefficient(resource, on as IsoDate).value.toString()).toBe(k);
  });
  it('a missing parameter is an error naming the code and the date', () => {
    expect(() => new LegalParameters([]).integer('temporary_absence.min_days', date('2026-03-01'))).toThrow(
      /temporary_absence.min_days.*2026-03-01/,
    );
  });
});

describe('common needs: the shares sum exactly to the house (property)', () => {
  it('Σ amounts = N × S_ои × T rounded once; Σ volumes = N × S_ои to 0.001', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1500, max: 20000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 100, max: 900000 }),
        fc.integer({ min: 1, max: 99999 }),
        (areas, normMilli, commonCenti, rateCenti) => {
          const areasDec = areas.map((a) => Decimal.fromUnits(BigInt(a), 2));
          const n = Decimal.fromUnits(BigInt(normMilli), 3);
          const common = Decimal.fromUnits(BigInt(commonCenti), 2);
          const rate = Decimal.fromUnits(BigInt(rateCenti), 2);
          const lines = computeHouse(
            house({
              period: period('2026-03'),
              house: { id: 1, totalArea: Decimal.sum(areasDec), commonArea: common },
              houseServices: [houseService(S.electricityCommon.id, 'common_needs_by_norm')],
              tariffs: [tariff(S.electricityCommon.id, rate.toString())],
              norms: [norm(S.electricityCommon.id, n.toString())],
              accounts: areasDec.map((a, i) => account(i + 1, { areas: [area(a.toString())] })),
            }),
          );
          expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(Ratio.of(n.mul(common).mul(rate)).toKopecks());
          expect(Decimal.sum(lines.map((l) => l.volume!)).eq(n.mul(common).round(3))).toBe(true);
          // Each share within one kopeck of its exact value N × S_ои × T × S_i / S_об.
          for (const [i, l] of lines.entries()) {
            const exact = Ratio.of(n.mul(common).mul(rate).mul(areasDec[i]!)).divBy(Decimal.sum(areasDec));
            expect(Math.abs(l.amount - exact.toKopecks())).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('every line explains itself', () => {
  it('formula, RULES or law reference, the tariff version and the sources of a generated house', () => {
    for (const seed of [1, 2, 3]) {
      for (const l of computeHouse(generateHouse(seed, { accounts: 20, period: period('2025-12') }))) {
        expect(l.explanation.formula.length).toBeGreaterThan(10);
        expect(l.explanation.rules.length).toBeGreaterThan(0);
        expect(l.explanation.inputs.find((i) => i.name.startsWith('тариф'))?.source).toBe(
          `tariff #${l.tariffId}`,
        );
        expect(l.explanation.inputs.every((i) => i.source.length > 0)).toBe(true);
        expect(l.explanation.pieces.reduce((s, p) => s + p.days, 0)).toBeGreaterThan(0);
      }
    }
  });
});
