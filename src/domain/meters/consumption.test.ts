/**
 * Consumption for a period, table-tested on RULES.md §1.1–§1.4 and §10 examples and hand computations.
 * Money is computed here only to check the examples' kopecks: volume × K × tariff, rounded once.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { toKopecks } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import {
  averageMonthlyVolume,
  commonHouseVolume,
  consumptionForPeriod,
  readingSpans,
  reconcileLateReadings,
  splitGroupVolume,
  type BillingMeter,
  type BillingReading,
  type ConsumptionInput,
  type ConsumptionParameters,
  type ParameterUse,
} from './consumption.js';
import type { MeterZone } from './meter.js';

const D = Decimal.parse;
const d = (s: string) => s as IsoDate;
const p = (s: string) => s as BillingPeriod;
const use = <T>(code: string, value: T, from = '2017-01-01'): ParameterUse<T> => ({
  code,
  validFrom: d(from),
  value,
});

// Defaults of the catalogue (RULES-ADDENDUM §1): base 6, min 3, limits 3/2 for "а"/"в" and "б", K after.
const params: ConsumptionParameters = {
  baseMonths: use('average.base_months', 6),
  minMonths: use('average.min_months', 3),
  limitResidential: use('average.limit_months.residential', 3),
  limitNonResidential: use('average.limit_months.non_residential', 2),
  limitNotSubmittedResidential: use('average.limit_months.not_submitted.residential', 3),
  limitNotSubmittedNonResidential: use('average.limit_months.not_submitted.non_residential', 2),
  applyKAfterLimit: use('average.limit.apply_k_after', true),
  coefficient: use('increasing_coefficient.cold_water', D('3'), '2025-12-06'), // ПП 1871
};

let nextId = 1;
const reading = (
  period: string,
  value: string,
  kind: BillingReading['kind'] = 'regular',
  readOn?: string,
) => ({
  id: nextId++,
  readOn: d(readOn ?? `${period}-20`),
  period: p(period),
  kind,
  values: { single: D(value) },
});

const meter = (over: Partial<BillingMeter> & { readings: BillingReading[] }): BillingMeter => ({
  id: 1,
  zones: ['single'],
  digits: 5,
  commissionedOn: d('2025-01-10'),
  decommissionedOn: null,
  decommissionReason: null,
  verificationFailsOn: null,
  ...over,
});

/**
 * RULES.md Example 1.3: the last six monthly volumes 5.1, 4.8, 6.0, 5.5, 4.9, 5.3 (sum 31.6). Readings
 * 68.4 (2025-07) → 73.5 → 78.3 → 84.3 → 89.8 → 94.7 → 100.0 (2026-01); one older span of 10 m³
 * (58.4 in 2025-06) must not enter the average, since six months are already covered.
 */
const history = () => [
  reading('2025-06', '58.4'),
  reading('2025-07', '68.4'),
  reading('2025-08', '73.5'),
  reading('2025-09', '78.3'),
  reading('2025-10', '84.3'),
  reading('2025-11', '89.8'),
  reading('2025-12', '94.7'),
  reading('2026-01', '100'),
];

const input = (over: Partial<ConsumptionInput>): ConsumptionInput => ({
  period: p('2026-02'),
  residential: true,
  meters: [meter({ readings: history() })],
  meterInstallable: true,
  accessRefused: null,
  norm: { value: D('4.32'), basis: 'per_person', normId: 7 }, // RULES.md §1.2 example norm, cold water
  persons: 3,
  area: null,
  billedByAverage: [],
  params,
  ...over,
});

const tariff = D('45.67');
const rub = (volume: Decimal, k: Decimal = Decimal.ONE) => toKopecks(volume.mul(k).mul(tariff));

describe('п.59 "б": readings not submitted, then п.60', () => {
  it.each([
    ['2026-02', 1],
    ['2026-03', 2],
    ['2026-04', 3],
  ])('%s is the %i-th period without readings: the average 31.6 / 6', (period, number) => {
    const r = consumptionForPeriod(input({ period: p(period) }));
    expect(r).toMatchObject({ method: 'average', reason: 'p59b_not_submitted' });
    expect(r.caseRun).toEqual({ since: '2026-02', number, limit: 3 });
    // 31.6 / 6 = 5.2666… → 5.266667 at 6 decimals; the exact basis is kept
    expect(r.volume!.toString()).toBe('5.266667');
    expect(r.average).toMatchObject({ fromPeriod: '2025-08', toPeriod: '2026-01', months: 6 });
    expect(r.average!.totals[0]!.total.toString()).toBe('31.6');
    // RULES.md Example 1.3: 31.6 × 45.67 / 6 = 1443.172 / 6 = 240.528666… → 240.53 ₽ (RULES writes the
    // intermediate as 240.5267, a slip; the kopecks agree)
    expect(toKopecks(D('31.6').mul(tariff).div(Decimal.fromInt(6), 10))).toBe(24053);
    expect(rub(r.volume!)).toBe(24053); // rounding the volume first gives the same, as RULES says
    expect(r.parameters.map((x) => x.code)).toEqual([
      'average.limit_months.not_submitted.residential',
      'average.base_months',
      'average.min_months',
    ]);
    expect(r.readingIds).toHaveLength(7); // the seven readings of the six spans, not the older one
  });

  it('the 4th period goes to the norm × K (ПП 1871, cold water K = 3): RULES.md Example 1.2 → 1,775.65 ₽', () => {
    const r = consumptionForPeriod(input({ period: p('2026-05') }));
    expect(r).toMatchObject({ method: 'norm', reason: 'p60_after_limit' });
    // 3 persons × 4.32 = 12.96 m³; K stays apart from the volume (RULES-ADDENDUM §2)
    expect(r.volume!.toString()).toBe('12.96');
    expect(r.coefficient.toString()).toBe('3');
    expect(rub(r.volume!, r.coefficient)).toBe(177565); // 12.96 × 3 × 45.67 = 1775.6496
    expect(r.parameters.map((x) => x.code)).toContain('increasing_coefficient.cold_water');
  });

  it('with the setting off, the norm without K: 591.88 ₽ (Example 1.2, K = 1)', () => {
    const off = { ...params, applyKAfterLimit: use('average.limit.apply_k_after', false) };
    const r = consumptionForPeriod(input({ period: p('2026-05'), params: off }));
    expect(r.coefficient.toString()).toBe('1');
    expect(rub(r.volume!, r.coefficient)).toBe(59188); // 12.96 × 45.67 = 591.8832
  });

  it('non-residential: limit 2, then the norm without K', () => {
    const third = consumptionForPeriod(input({ period: p('2026-04'), residential: false }));
    expect(third).toMatchObject({
      method: 'norm',
      reason: 'p60_after_limit',
      caseRun: { number: 3, limit: 2 },
    });
    expect(third.coefficient.toString()).toBe('1');
    const second = consumptionForPeriod(input({ period: p('2026-03'), residential: false }));
    expect(second.method).toBe('average');
  });

  it('a limit of 6 (the older reading of п.59 "б") keeps the average to the 6th period', () => {
    const six = {
      ...params,
      limitNotSubmittedResidential: use('average.limit_months.not_submitted.residential', 6),
    };
    expect(consumptionForPeriod(input({ period: p('2026-07'), params: six })).method).toBe('average');
    expect(consumptionForPeriod(input({ period: p('2026-08'), params: six })).method).toBe('norm');
  });
});

describe('later readings do not change an earlier period', () => {
  it('with a reading in April, February and March are still the 1st and 2nd periods without readings', () => {
    const m = meter({ readings: [...history(), reading('2026-04', '118')] });
    expect(consumptionForPeriod(input({ period: p('2026-02'), meters: [m] })).caseRun).toEqual({
      since: '2026-02',
      number: 1,
      limit: 3,
    });
    const march = consumptionForPeriod(input({ period: p('2026-03'), meters: [m] }));
    expect(march).toMatchObject({ method: 'average', caseRun: { since: '2026-02', number: 2 } });
    expect(march.volume!.toString()).toBe('5.266667'); // the April reading is not in the base
  });
});

describe('the averaging base (п.59, RULES-ADDENDUM §1)', () => {
  it('a meter that worked 4 months: the average over 4 (16 / 4 = 4)', () => {
    const m = meter({
      readings: [
        reading('2025-11', '10'),
        reading('2025-12', '14'),
        reading('2026-01', '17'),
        reading('2026-02', '22'),
        reading('2026-03', '26'),
      ],
    });
    const r = consumptionForPeriod(input({ period: p('2026-04'), meters: [m] }));
    expect(r.method).toBe('average');
    expect(r.volume!.toString()).toBe('4');
    expect(r.average!.months).toBe(4);
  });

  it('fewer than 3 months of readings: no average, the norm without K', () => {
    const m = meter({ readings: [reading('2026-01', '10'), reading('2026-02', '14')] });
    const r = consumptionForPeriod(input({ period: p('2026-03'), meters: [m] }));
    expect(r).toMatchObject({ method: 'norm', reason: 'average_unavailable' });
    expect(r.coefficient.toString()).toBe('1');
  });

  it('spans are taken whole: 5 one-month spans + a 2-month span = 7 months ≥ 6; 35 / 7 = 5', () => {
    const spans = readingSpans(
      [
        meter({
          readings: [
            reading('2025-06', '0'),
            reading('2025-08', '10'),
            reading('2025-09', '15'),
            reading('2025-10', '20'),
            reading('2025-11', '25'),
            reading('2025-12', '30'),
            reading('2026-01', '35'),
          ],
        }),
      ],
      p('2026-02'),
    );
    const avg = averageMonthlyVolume(spans, 6, 3)!;
    expect(avg.basis.months).toBe(7);
    expect(avg.zones[0]!.volume.toString()).toBe('5');
  });
});

describe('п.59 "а": verification expired (RULES.md Example 10.1)', () => {
  // verified 15.03.2020, 6 years: fails on 15.03.2026; readings after that are not for billing (not here)
  const expiring = meter({
    readings: [
      reading('2025-08', '68.4'),
      reading('2025-09', '73.5'),
      reading('2025-10', '78.3'),
      reading('2025-11', '84.3'),
      reading('2025-12', '89.8'),
      reading('2026-01', '94.7'),
      reading('2026-02', '100'),
    ],
    verificationFailsOn: d('2026-03-15'),
  });
  it.each(['2026-03', '2026-04', '2026-05'])('%s by the average 240.53 ₽ (March taken whole)', (period) => {
    const r = consumptionForPeriod(input({ period: p(period), meters: [expiring] }));
    expect(r).toMatchObject({
      method: 'average',
      reason: 'p59a_meter_failed',
      caseRun: { since: '2026-03', limit: 3 },
    });
    expect(rub(r.volume!)).toBe(24053);
    expect(r.parameters[0]!.code).toBe('average.limit_months.residential');
  });
  it('from June 2026 the norm with K = 3: 1,775.65 ₽', () => {
    const r = consumptionForPeriod(input({ period: p('2026-06'), meters: [expiring] }));
    expect(r).toMatchObject({ method: 'norm', reason: 'p60_after_limit' });
    expect(rub(r.volume!, r.coefficient)).toBe(177565);
  });
  it('February, before the expiry, is actual: 100 − 94.7 = 5.3', () => {
    const r = consumptionForPeriod(input({ period: p('2026-02'), meters: [expiring] }));
    expect(r).toMatchObject({ method: 'actual', reason: 'readings' });
    expect(r.volume!.toString()).toBe('5.3');
  });
  it('a meter decommissioned as failed, not replaced: the average from the month of failure', () => {
    const failed = meter({
      readings: history(),
      decommissionedOn: d('2026-02-10'),
      decommissionReason: 'failed',
    });
    const r = consumptionForPeriod(input({ period: p('2026-02'), meters: [failed] }));
    expect(r).toMatchObject({
      method: 'average',
      reason: 'p59a_meter_failed',
      caseRun: { since: '2026-02', number: 1 },
    });
    expect(consumptionForPeriod(input({ period: p('2026-05'), meters: [failed] })).method).toBe('norm');
  });
});

describe('п.59 "в": access refused', () => {
  it('average from the act (readings or not) until the check, at most 3 periods, then norm × K', () => {
    const refused = { actOn: d('2026-02-05'), checkedOn: null };
    const m = meter({ readings: [...history(), reading('2026-02', '105')] });
    const feb = consumptionForPeriod(input({ period: p('2026-02'), meters: [m], accessRefused: refused }));
    expect(feb).toMatchObject({ method: 'average', reason: 'p59v_access_refused' });
    expect(feb.volume!.toString()).toBe('5.266667'); // the average of the readings before the act
    const may = consumptionForPeriod(input({ period: p('2026-05'), meters: [m], accessRefused: refused }));
    expect(may).toMatchObject({ method: 'norm', reason: 'p60_after_limit' });
    expect(may.coefficient.toString()).toBe('3');
    const checked = { actOn: d('2026-02-05'), checkedOn: d('2026-02-20') };
    expect(consumptionForPeriod(input({ period: p('2026-03'), accessRefused: checked })).caseRun?.since).toBe(
      '2026-02', // no reading in March: п.59 "б" from the month after the last reading
    );
  });
});

describe('no meter (RULES.md §1.2, Example 1.2)', () => {
  it('installable: norm × K; not installable: K = 1', () => {
    const hot = { ...params, coefficient: use('increasing_coefficient', D('1.5')) };
    const r = consumptionForPeriod(input({ meters: [], params: hot }));
    expect(r).toMatchObject({ method: 'norm', reason: 'no_meter' });
    expect(rub(r.volume!, r.coefficient)).toBe(88782); // 12.96 × 1.5 × 45.67 = 887.8248
    const impossible = consumptionForPeriod(input({ meters: [], meterInstallable: false, params: hot }));
    expect(impossible.coefficient.toString()).toBe('1');
    expect(rub(impossible.volume!, impossible.coefficient)).toBe(59188);
  });
  it('a norm per m²: area × norm', () => {
    const r = consumptionForPeriod(
      input({ meters: [], norm: { value: D('0.0227'), basis: 'per_m2', normId: null }, area: D('54.3') }),
    );
    expect(r.volume!.toString()).toBe('1.23261'); // 54.3 × 0.0227 (RULES.md Example 3.1 volume)
  });
  it('no norm given: method norm with no volume', () => {
    const r = consumptionForPeriod(input({ meters: [], norm: null }));
    expect(r).toMatchObject({ method: 'norm', zones: null, volume: null });
  });
});

describe('late readings reconcile against the averages billed (RULES.md §1.4, Example 1.4)', () => {
  // last accepted 100.000 (2026-01); M1 = 2026-02, M2 = 2026-03 billed by the average 5.266667; M3 = 2026-04: 118.000
  const m = meter({ readings: [...history(), reading('2026-04', '118')] });
  const billed = [
    { period: p('2026-02'), zone: 'single' as MeterZone, volume: D('5.266667') },
    { period: p('2026-03'), zone: 'single' as MeterZone, volume: D('5.266667') },
  ];
  it('M3 volume = 18 − 2 × 5.266667 = 7.466666', () => {
    const r = consumptionForPeriod(input({ period: p('2026-04'), meters: [m], billedByAverage: billed }));
    expect(r).toMatchObject({ method: 'actual', reason: 'readings' });
    expect(r.volume!.toString()).toBe('7.466666');
    expect(r.reconciliation).toMatchObject({ periods: ['2026-02', '2026-03'] });
    expect(r.reconciliation!.rawVolume.toString()).toBe('18');
    expect(r.reconciliation!.billedByAverage.toString()).toBe('10.533334');
    // RULES.md writes 7.46667 (the same value to 5 decimals): 7.46667 × 45.67 = 341.0028 → 341.00 ₽;
    // at 6 decimals 7.466666 × 45.67 = 319.69 + 21.312635 = 341.002635 → 341.00 ₽ as well
    expect(r.volume!.round(5).toString()).toBe('7.46667');
    expect(rub(r.volume!.round(5))).toBe(34100);
    expect(rub(r.volume!)).toBe(34100);
  });
  it('averages of periods before the last reading are not subtracted', () => {
    const old = [{ period: p('2025-12'), zone: 'single' as MeterZone, volume: D('5') }];
    const r = consumptionForPeriod(input({ period: p('2026-04'), meters: [m], billedByAverage: old }));
    expect(r.volume!.toString()).toBe('18');
    expect(r.reconciliation).toBeNull();
  });
  it('a negative result is a credit', () => {
    expect(reconcileLateReadings(D('8'), [D('5.266667'), D('5.266667')]).toString()).toBe('-2.533334');
  });
});

describe('replacement inside a period: the volume is summed over both meters', () => {
  const old = meter({
    id: 1,
    readings: [reading('2026-02', '50'), reading('2026-03', '53', 'final', '2026-03-10')],
    decommissionedOn: d('2026-03-10'),
    decommissionReason: 'replaced',
  });
  it('old 50 → 53 (final) plus new 0 (initial) → 2.5 = 5.5', () => {
    const fresh = meter({
      id: 2,
      commissionedOn: d('2026-03-10'),
      readings: [
        reading('2026-03', '0', 'initial', '2026-03-10'),
        reading('2026-03', '2.5', 'regular', '2026-03-24'),
      ],
    });
    const r = consumptionForPeriod(input({ period: p('2026-03'), meters: [old, fresh] }));
    expect(r).toMatchObject({ method: 'actual', reason: 'readings' });
    expect(r.volume!.toString()).toBe('5.5');
    expect(r.readingIds).toHaveLength(4);
  });
  it('the new meter read after the window: 3 in March, 2.5 in April', () => {
    const fresh = meter({
      id: 2,
      commissionedOn: d('2026-03-10'),
      readings: [
        reading('2026-03', '0', 'initial', '2026-03-10'),
        reading('2026-04', '2.5', 'regular', '2026-03-27'),
      ],
    });
    expect(
      consumptionForPeriod(input({ period: p('2026-03'), meters: [old, fresh] })).volume!.toString(),
    ).toBe('3');
    expect(
      consumptionForPeriod(input({ period: p('2026-04'), meters: [old, fresh] })).volume!.toString(),
    ).toBe('2.5');
  });
});

describe('the average continues across a replacement', () => {
  it('old meter Sep→Dec (final 25), new one from 0 in December: 5 months, 25 / 5 = 5', () => {
    const old = meter({
      id: 1,
      readings: [
        reading('2025-09', '10'),
        reading('2025-10', '15'),
        reading('2025-11', '20'),
        reading('2025-12', '25', 'final', '2025-12-10'),
      ],
      decommissionedOn: d('2025-12-10'),
      decommissionReason: 'replaced',
    });
    const fresh = meter({
      id: 2,
      commissionedOn: d('2025-12-10'),
      readings: [
        reading('2025-12', '0', 'initial', '2025-12-10'),
        reading('2026-01', '5'),
        reading('2026-02', '10'),
      ],
    });
    const r = consumptionForPeriod(input({ period: p('2026-03'), meters: [old, fresh] }));
    expect(r).toMatchObject({
      method: 'average',
      reason: 'p59b_not_submitted',
      caseRun: { since: '2026-03' },
    });
    expect(r.average).toMatchObject({ fromPeriod: '2025-10', toPeriod: '2026-02', months: 5 });
    expect(r.volume!.toString()).toBe('5');
  });
});

describe('zones (RULES.md §10.2) and rollover', () => {
  const zoned = (zones: MeterZone[], from: string[], to: string[]) =>
    meter({
      zones,
      readings: [
        {
          id: 901,
          readOn: d('2026-02-20'),
          period: p('2026-02'),
          kind: 'regular',
          values: Object.fromEntries(zones.map((z, i) => [z, D(from[i]!)])),
        },
        {
          id: 902,
          readOn: d('2026-03-20'),
          period: p('2026-03'),
          kind: 'regular',
          values: Object.fromEntries(zones.map((z, i) => [z, D(to[i]!)])),
        },
      ],
    });
  it('Example 10.2: day 200 × 6.50 + night 100 × 3.25 = 1,625.00 ₽', () => {
    const r = consumptionForPeriod(
      input({
        period: p('2026-03'),
        meters: [zoned(['day', 'night'], ['12345', '5432'], ['12545', '5532'])],
      }),
    );
    expect(r.zones!.map((z) => [z.zone, z.volume.toString()])).toEqual([
      ['day', '200'],
      ['night', '100'],
    ]);
    const money = toKopecks(r.zones![0]!.volume.mul(D('6.50')).add(r.zones![1]!.volume.mul(D('3.25'))));
    expect(money).toBe(162500);
  });
  it('Example 10.3: peak 80 × 7.80 + semi-peak 120 × 6.50 + night 100 × 3.25 = 1,729.00 ₽', () => {
    const r = consumptionForPeriod(
      input({
        period: p('2026-03'),
        meters: [zoned(['peak', 'semi_peak', 'night'], ['1000', '2000', '3000'], ['1080', '2120', '3100'])],
      }),
    );
    const rates = [D('7.80'), D('6.50'), D('3.25')];
    expect(toKopecks(Decimal.sum(r.zones!.map((z, i) => z.volume.mul(rates[i]!))))).toBe(172900);
  });
  it('the average of a zoned meter is per zone', () => {
    const m = meter({
      zones: ['day', 'night'],
      readings: ['2025-10', '2025-11', '2025-12', '2026-01'].map((period, i) => ({
        id: 950 + i,
        readOn: d(`${period}-20`),
        period: p(period),
        kind: 'regular' as const,
        values: { day: D(String(100 + 30 * i)), night: D(String(50 + 12 * i)) },
      })),
    });
    const r = consumptionForPeriod(input({ period: p('2026-02'), meters: [m] }));
    expect(r.zones!.map((z) => [z.zone, z.volume.toString()])).toEqual([
      ['day', '30'],
      ['night', '12'],
    ]);
  });
  it('a rollover at 5 digits: 99990 → 15 = 25', () => {
    const m = meter({ readings: [reading('2026-02', '99990'), reading('2026-03', '15')] });
    expect(consumptionForPeriod(input({ period: p('2026-03'), meters: [m] })).volume!.toString()).toBe('25');
  });
});

describe('common-house meters (RULES.md §2.2, §3.2)', () => {
  const base = use('average.base_months', 6);
  const min = use('average.min_months', 3);
  const limit = use('average.limit_months.heating_common_meter', 6, '2025-03-01');
  const odpu = (id: number, values: [string, string][]) =>
    meter({ id, readings: values.map(([period, v]) => reading(period, v)) });
  const a = odpu(11, [
    ['2025-11', '1000'],
    ['2025-12', '1100'],
    ['2026-01', '1220'],
    ['2026-02', '1300'],
  ]);
  const b = odpu(12, [
    ['2025-11', '500'],
    ['2025-12', '550'],
    ['2026-01', '610'],
    ['2026-02', '650'],
  ]);
  it('two meters of the house: 80 + 40 = 120 in February', () => {
    const r = commonHouseVolume({
      period: p('2026-02'),
      meters: [a, b],
      baseMonths: base,
      minMonths: min,
      limitMonths: limit,
    });
    expect(r).toMatchObject({ method: 'actual' });
    expect(r.volume!.toString()).toBe('120');
  });
  it('readings missing: the average (100+120+80 + 50+60+40) / 3 = 150, then nothing after the limit', () => {
    const r = commonHouseVolume({
      period: p('2026-03'),
      meters: [a, b],
      baseMonths: base,
      minMonths: min,
      limitMonths: limit,
    });
    expect(r).toMatchObject({ method: 'average' });
    expect(r.volume!.toString()).toBe('150');
    expect(r.parameters.map((x) => x.code)).toEqual([
      'average.limit_months.heating_common_meter',
      'average.base_months',
      'average.min_months',
    ]);
    const late = commonHouseVolume({
      period: p('2026-09'),
      meters: [a, b],
      baseMonths: base,
      minMonths: min,
      limitMonths: limit,
    });
    expect(late).toMatchObject({ method: 'norm', volume: null });
    expect(late.parameters.map((x) => x.code)).toEqual(['average.limit_months.heating_common_meter']);
  });
});

describe('group meter split by area', () => {
  it('10 m³ over 50 / 30 / 20 m² = 5 / 3 / 2; over equal areas the parts still sum to 10', () => {
    expect(splitGroupVolume(D('10'), [D('50'), D('30'), D('20')], 3).map(String)).toEqual(['5', '3', '2']);
    // 10 / 3 = 3.333 each, the leftover 0.001 to the first
    expect(splitGroupVolume(D('10'), [D('1'), D('1'), D('1')], 3).map(String)).toEqual([
      '3.334',
      '3.333',
      '3.333',
    ]);
  });
});
