/**
 * Every worked example of RULES.md §1–§5 and §10 reproduced through the billing core, and the hand
 * computations beside them. Expected values come from the examples or from the arithmetic in the comments,
 * never from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { computeHouse } from './compute.js';
import type { ChargeLine, HouseInput, Undersupply } from './types.js';
import {
  SERVICES as S,
  account,
  area,
  average,
  catalogueLegal,
  d,
  date,
  house,
  houseService,
  noMeter,
  norm,
  period,
  readings,
  residents,
  tariff,
  withLegal,
  zone,
} from '../../../test/support/billing.js';

const amounts = (lines: ChargeLine[]): number[] => lines.map((l) => l.amount);
const sum = (lines: ChargeLine[]): number => lines.reduce((s, l) => s + l.amount, 0);

describe('RULES.md §1.1–§1.4, §10: individual consumption', () => {
  const cold = (p: string, over: Partial<HouseInput> = {}): HouseInput =>
    house({
      period: period(p),
      houseServices: [houseService(S.coldWater.id, 'by_meter')],
      tariffs: [tariff(S.coldWater.id, '45.67')],
      norms: [norm(S.coldWater.id, '4.32')],
      ...over,
    });
  const one = (input: HouseInput): ChargeLine => {
    const lines = computeHouse(input);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('example 1.1: 130.789 − 123.456 = 7.333 m³ × 45.67 = 334.89811 → 334.90 ₽', () => {
    const line = one(
      cold('2026-03', {
        accounts: [account(1, { volumes: [readings(S.coldWater.id, zone('7.333', [11, 12]))] })],
      }),
    );
    expect(line.amount).toBe(33490);
    expect(line.method).toBe('by_meter');
    expect(line.volume?.toString()).toBe('7.333');
    expect(line.explanation.inputs.map((i) => i.source)).toContain('reading #11, reading #12');
    expect(line.explanation.rules).toContain('RULES.md §1.1');
  });

  it.each([
    // n = 3, N = 4.32, T = 45.67: 3 × 4.32 × 45.67 = 591.8832
    ['K = 1: no meter can be installed → 591.8832 → 591.88', '2026-03', false, 59188],
    // 2025-11: the general K = 1.5 (cold-water K = 3 only from 06.12.2025): 591.8832 × 1.5 = 887.8248 → 887.82
    ['K = 1.5 before ПП 1871', '2025-11', true, 88782],
    // 2026-01: K = 3 for cold water: 591.8832 × 3 = 1775.6496 → 1775.65
    ['K = 3 for cold water from 06.12.2025', '2026-01', true, 177565],
  ])('example 1.2, %s', (_name, p, installable, kop) => {
    const acc = account(1, {
      residents: [residents(3, '2000-01-01', '2099-12-31')],
      volumes: [noMeter(S.coldWater.id, installable)],
    });
    const line = one(cold(p, { accounts: [acc] }));
    expect(line.amount).toBe(kop);
    expect(line.volume?.toString()).toBe('12.96'); // K multiplies money, not volume (ADDENDUM §2): 3 × 4.32
  });

  it('example 1.2 in December 2025: K 1.5 for 5 days and 3 for 26 days, one line', () => {
    // 591.8832 × (1.5 × 5 + 3 × 26) / 31 = 591.8832 × 85.5 / 31 = 50605.9136 / 31 = 1632.448826 → 1632.45
    const acc = account(1, {
      residents: [residents(3, '2000-01-01', '2099-12-31')],
      volumes: [noMeter(S.coldWater.id, true)],
    });
    const line = one(cold('2025-12', { accounts: [acc] }));
    expect(line.amount).toBe(163245);
    expect(line.explanation.pieces.map((p) => p.days)).toEqual([5, 26]);
  });

  it('example 1.3: the average 5.26667 (31.6 / 6) × 45.67 = 240.52882 → 240.53; 5.2667 gives the same', () => {
    for (const avg of ['5.26667', '5.2667']) {
      const basis = average(S.coldWater.id, 'not_submitted', 1, avg);
      const line = one(cold('2026-03', { accounts: [account(1, { volumes: [basis] })] }));
      expect(line.amount).toBe(24053);
      expect(line.method).toBe('by_average');
    }
  });

  it('example 1.4: after two months by the average, 18.000 − 10.53333 = 7.46667 m³ × 45.67 = 341.0028 → 341.00', () => {
    const basis = {
      kind: 'readings',
      serviceId: S.coldWater.id,
      zones: [zone('7.46667', [31])],
      meterIds: [77],
      reconciliation: { averageBilled: d('10.53333'), periods: [period('2026-01'), period('2026-02')] },
    } as const;
    const line = one(cold('2026-03', { accounts: [account(1, { volumes: [basis] })] }));
    expect(line.amount).toBe(34100);
    expect(line.explanation.rules).toContain('RULES.md §1.4');
  });

  describe('example 10.1: verification expired 15.03.2026 → the average for 3 periods → the norm × K = 3', () => {
    const expired = (p: string, periodInRow: number): ChargeLine => {
      const basis = average(S.coldWater.id, 'failed', periodInRow, '5.26666');
      const acc = account(1, { residents: [residents(3, '2000-01-01', '2099-12-31')], volumes: [basis] });
      return one(cold(p, { accounts: [acc] }));
    };
    // 5.26666 × 45.67 = 240.5283622 → 240.53, the first period taken whole (RULES.md 10.1)
    it.each([
      ['2026-03', 1],
      ['2026-04', 2],
      ['2026-05', 3],
    ])('%s is period %i by the average: 240.53', (p, n) => {
      const line = expired(p, n);
      expect(line.amount).toBe(24053);
      expect(line.method).toBe('by_average');
    });
    it('2026-06, period 4: 3 × 4.32 × 3 × 45.67 = 1775.6496 → 1775.65', () => {
      const line = expired('2026-06', 4);
      expect(line.amount).toBe(177565);
      expect(line.method).toBe('by_norm_after_average');
    });
    it('with average.limit.apply_k_after = false the norm is charged without K: 591.88', () => {
      const basis = average(S.coldWater.id, 'failed', 4, '5.26666');
      const acc = account(1, { residents: [residents(3, '2000-01-01', '2099-12-31')], volumes: [basis] });
      const line = one(
        cold('2026-06', { accounts: [acc], legal: withLegal('average.limit.apply_k_after', 'false') }),
      );
      expect(line.amount).toBe(59188);
    });
  });

  it('п.59 «б»: the limit of 3 periods for readings not submitted (RULES-ADDENDUM §1), then the norm', () => {
    const basis = (n: number) => average(S.coldWater.id, 'not_submitted', n, '5.26666');
    const acc = (n: number) =>
      account(1, { residents: [residents(3, '2000-01-01', '2099-12-31')], volumes: [basis(n)] });
    expect(one(cold('2026-05', { accounts: [acc(3)] })).method).toBe('by_average');
    expect(one(cold('2026-06', { accounts: [acc(4)] })).amount).toBe(177565);
    // Non-residential: the limit is 2 and no norm per person applies K (K only in residential premises).
    const nonRes = account(1, {
      residential: false,
      residents: [residents(3, '2000-01-01', '2099-12-31')],
      volumes: [basis(3)],
    });
    expect(one(cold('2026-06', { accounts: [nonRes] })).amount).toBe(59188);
  });

  it('п.59 «в»: access refused — the average for 3 periods, then the norm × K = 3 (ADDENDUM §1: 1775.65)', () => {
    const acc = (n: number) =>
      account(1, {
        residents: [residents(3, '2000-01-01', '2099-12-31')],
        volumes: [average(S.coldWater.id, 'access_refused', n, '5.26666')],
      });
    expect(one(cold('2026-05', { accounts: [acc(3)] })).amount).toBe(24053);
    expect(one(cold('2026-06', { accounts: [acc(4)] })).amount).toBe(177565);
  });

  it('example 10.2: two zones, 200 kWh × 6.50 + 100 kWh × 3.25 = 1300.00 + 325.00 = 1625.00', () => {
    const input = house({
      period: period('2026-03'),
      houseServices: [houseService(S.electricity.id, 'by_meter')],
      tariffs: [
        tariff(S.electricity.id, '6.50', undefined, null, { zone: 'day' }),
        tariff(S.electricity.id, '3.25', undefined, null, { zone: 'night' }),
      ],
      accounts: [
        account(1, {
          volumes: [readings(S.electricity.id, zone('200', [1, 2], 'day'), zone('100', [3, 4], 'night'))],
        }),
      ],
    });
    const lines = computeHouse(input);
    expect(amounts(lines).sort((a, b) => b - a)).toEqual([130000, 32500]);
    expect(sum(lines)).toBe(162500);
  });

  it('example 10.3: three zones, 80 × 7.80 + 120 × 6.50 + 100 × 3.25 = 624 + 780 + 325 = 1729.00', () => {
    const input = house({
      period: period('2026-03'),
      houseServices: [houseService(S.electricity.id, 'by_meter')],
      tariffs: [
        tariff(S.electricity.id, '7.80', undefined, null, { zone: 'peak' }),
        tariff(S.electricity.id, '6.50', undefined, null, { zone: 'semi_peak' }),
        tariff(S.electricity.id, '3.25', undefined, null, { zone: 'night' }),
      ],
      accounts: [
        account(1, {
          volumes: [
            readings(
              S.electricity.id,
              zone('80', [], 'peak'),
              zone('120', [], 'semi_peak'),
              zone('100', [], 'night'),
            ),
          ],
        }),
      ],
    });
    const lines = computeHouse(input);
    expect(sum(lines)).toBe(172900);
    expect(amounts(lines).sort((a, b) => a - b)).toEqual([32500, 62400, 78000]);
  });
});

describe('RULES.md §2: common needs, shares summing exactly to the house', () => {
  const commonHouse = (over: Partial<HouseInput>): HouseInput =>
    house({
      period: period('2026-03'),
      houseServices: [houseService(S.electricityCommon.id, 'common_needs_by_norm')],
      ...over,
    });

  it('example 2.1: 1.781 × 2691.9 / 4321 × 46.6 = 51.704 kWh × 2.49 = 128.74 ₽ (full precision)', () => {
    // House: N × S_ои = 1.781 × 2691.9 = 4794.2739 kWh; × 2.49 = 11937.742011 → 11937.74 ₽ for the house.
    // Shares by area 46.6 : 4274.4 of 4321: 1193774 × 46.6 / 4321 = 12874.306 kop → 12874 (remainder .306);
    // 1193774 × 4274.4 / 4321 = 1180899.694 → 1180899 (.694) takes the leftover kopeck → 1180900.
    // Volume 4794.274 (to 0.001): 4794274 × 46.6 / 4321 = 51704.04 → 51.704 kWh; the rest 4742.570.
    const input = commonHouse({
      house: { id: 1, totalArea: d('4321'), commonArea: d('2691.9') },
      tariffs: [tariff(S.electricityCommon.id, '2.49')],
      norms: [norm(S.electricityCommon.id, '1.781')],
      accounts: [account(1, { areas: [area('46.6')] }), account(2, { areas: [area('4274.4')] })],
    });
    const lines = computeHouse(input);
    expect(amounts(lines)).toEqual([12874, 1180900]);
    expect(lines.map((l) => l.volume?.toString())).toEqual(['51.704', '4742.57']);
    expect(sum(lines)).toBe(1193774);
  });

  const meterHouse = (individual: string, legal = catalogueLegal()): HouseInput =>
    commonHouse({
      house: { id: 1, totalArea: d('5000'), commonArea: d('600') },
      houseServices: [houseService(S.electricityCommon.id, 'common_needs_by_common_meter')],
      tariffs: [tariff(S.electricityCommon.id, '6.50')],
      norms: [norm(S.electricityCommon.id, '1.2')],
      commonMeters: [
        {
          serviceId: S.electricityCommon.id,
          volume: d('10000'),
          individualVolume: d(individual),
          readingIds: [5],
        },
      ],
      accounts: [account(1, { areas: [area('50')] }), account(2, { areas: [area('4950')] })],
      legal,
    });

  it('example 2.2: excess 1100 kWh capped at 1.2 × 600 = 720 for the house; 7.2 kWh × 6.50 = 46.80 ₽', () => {
    const lines = computeHouse(meterHouse('8900'));
    expect(lines[0]!.amount).toBe(4680);
    expect(lines[0]!.volume?.toString()).toBe('7.2');
    expect(sum(lines)).toBe(468000); // 720 × 6.50 = 4680.00
  });

  it('example 2.2 without the cap: 1100 × 50 / 5000 = 11 kWh × 6.50 = 71.50 ₽', () => {
    const lines = computeHouse(meterHouse('8900', withLegal('common_needs.cap_by_norm', 'false')));
    expect(lines[0]!.amount).toBe(7150);
    expect(sum(lines)).toBe(715000); // 1100 × 6.50
  });

  it('negative excess is 0 by default; shared as a credit when the setting says so', () => {
    // 10000 − 10100 = −100 kWh: 0 by default; otherwise −100 × 50 / 5000 = −1 kWh × 6.50 = −6.50
    expect(amounts(computeHouse(meterHouse('10100')))).toEqual([0, 0]);
    const credit = computeHouse(meterHouse('10100', withLegal('common_needs.negative_as_zero', 'false')));
    expect(amounts(credit)).toEqual([-650, -64350]);
    expect(credit[0]!.volume?.toString()).toBe('-1');
  });

  it('an account opened on the 17th of March carries 15/31 of its area share; the house shares still sum exactly', () => {
    // House of 3 equal flats 100 m² each, total 300, N × S_ои = 1.2 × 600 = 720 kWh, T = 6.50.
    // Weights (area × days): 100 × 31, 100 × 31, 100 × 15 = 3100, 3100, 1500 of 300 × 31 = 9300.
    // Amount to share: 720 × 6.50 × 7700 / 9300 = 4680 × 77 / 93 = 3874.8387 → 3874.84 ₽.
    // 387484 × 31 / 77 = 12012004 / 77 = 156000.052 → 156000 (twice); 387484 × 15 / 77 = 5812260 / 77
    // = 75483.896 → 75483; 1 kopeck left over goes to the largest remainder (.896) → 156000 / 156000 / 75484.
    const input = commonHouse({
      house: { id: 1, totalArea: d('300'), commonArea: d('600') },
      tariffs: [tariff(S.electricityCommon.id, '6.50')],
      norms: [norm(S.electricityCommon.id, '1.2')],
      accounts: [
        account(1, { areas: [area('100')] }),
        account(2, { areas: [area('100')] }),
        account(3, { areas: [area('100')], openFrom: date('2026-03-17') }),
      ],
    });
    const lines = computeHouse(input);
    expect(amounts(lines)).toEqual([156000, 156000, 75484]);
    expect(sum(lines)).toBe(387484);
  });
});

describe('RULES.md §3: heating', () => {
  const heat = (
    method: 'heating_by_norm' | 'heating_by_common_meter',
    over: Partial<HouseInput> = {},
  ): HouseInput =>
    house({
      period: period('2026-02'),
      houseServices: [houseService(S.heating.id, method)],
      tariffs: [tariff(S.heating.id, '2345.67')],
      norms: [norm(S.heating.id, '0.0227')],
      accounts: [account(1)],
      ...over,
    });

  it('example 3.1, formula 2: 54.3 × 0.0227 × 2345.67 = 2891.2963 → 2891.30', () => {
    expect(amounts(computeHouse(heat('heating_by_norm')))).toEqual([289130]);
  });

  it('example 3.2, formula 3: 120.5 × 54.3 / 6250 × 2345.67 = 2455.6873 → 2455.69', () => {
    const lines = computeHouse(
      heat('heating_by_common_meter', {
        heating: {
          schedule: 'heating_season',
          inSeason: true,
          commonMeter: { volume: d('120.5'), readingIds: [9] },
        },
      }),
    );
    expect(amounts(lines)).toEqual([245569]);
  });

  it("formula 3 over twelve months uses last year's monthly average: 95 × 54.3 / 6250 × 2345.67 = 1936.0222 → 1936.02", () => {
    // 95 × 54.3 = 5158.5; / 6250 = 0.82536; × 2345.67 = 1936.022191
    const lines = computeHouse(
      heat('heating_by_common_meter', {
        period: period('2026-07'),
        heating: {
          schedule: 'twelve_months',
          inSeason: false,
          previousYearAverage: { volume: d('95'), source: 'ОДПУ 2025' },
        },
      }),
    );
    expect(amounts(lines)).toEqual([193602]);
  });

  it('in-season territories charge nothing outside the heating season', () => {
    expect(
      computeHouse(
        heat('heating_by_norm', {
          period: period('2026-07'),
          heating: { schedule: 'heating_season', inSeason: false },
        }),
      ),
    ).toEqual([]);
  });

  it('example 3.3, annual correction: 1080 × 54.3 / 6250 × 2345.67 = 22009.5166 − 23232.27 = −1222.75', () => {
    const lines = computeHouse(
      heat('heating_by_common_meter', {
        period: period('2026-02'),
        heating: {
          schedule: 'twelve_months',
          inSeason: true,
          previousYearAverage: { volume: d('90'), source: 'ОДПУ 2025' },
          annualCorrection: {
            year: 2025,
            actualVolume: d('1080'),
            readingIds: [40],
            charged: [{ accountId: 1, amount: 2323227 as never }],
          },
        },
      }),
    );
    const corr = lines.find((l) => l.kind === 'heating_correction')!;
    expect(corr.amount).toBe(-122275);
  });
});

describe('RULES.md §4: temporary absence', () => {
  const absent = (departure: string, arrival: string): HouseInput =>
    house({
      period: period('2025-06'),
      houseServices: [
        houseService(S.coldWater.id, 'by_norm'),
        houseService(S.hotWater.id, 'by_norm'),
        houseService(S.wastewater.id, 'by_norm'),
      ],
      tariffs: [
        tariff(S.coldWater.id, '45.67'),
        tariff(S.hotWater.id, '230.50'),
        tariff(S.wastewater.id, '38.90'),
      ],
      norms: [norm(S.coldWater.id, '4.32'), norm(S.hotWater.id, '3.16'), norm(S.wastewater.id, '7.48')],
      accounts: [
        account(1, {
          residents: [residents(2, '2000-01-01', '2099-12-31')],
          volumes: [
            noMeter(S.coldWater.id, false),
            noMeter(S.hotWater.id, false),
            noMeter(S.wastewater.id, false),
          ],
          absences: [{ id: 71, persons: 1, departure: departure as never, arrival: arrival as never }],
        }),
      ],
    });

  it('example 4.1: away 03.06–16.06.2025 = 12 full days of 30: −78.92, −291.35, −116.39', () => {
    // cold 4.32 × 45.67 = 197.2944 × 12/30 = 78.91776 → 78.92; hot 3.16 × 230.50 = 728.38 × 0.4 = 291.352 → 291.35;
    // sewage 7.48 × 38.90 = 290.972 × 0.4 = 116.3888 → 116.39
    const lines = computeHouse(absent('2025-06-03', '2025-06-16')).filter((l) => l.kind === 'absence');
    expect(lines.map((l) => [l.serviceId, l.amount])).toEqual([
      [S.coldWater.id, -7892],
      [S.hotWater.id, -29135],
      [S.wastewater.id, -11639],
    ]);
  });

  it('exactly 5 full days (03.06–09.06) gives no recalculation', () => {
    expect(computeHouse(absent('2025-06-03', '2025-06-09')).filter((l) => l.kind === 'absence')).toEqual([]);
  });

  it('6 full days (03.06–10.06) do: cold 197.2944 × 6/30 = 39.45888 → −39.46', () => {
    const cold = computeHouse(absent('2025-06-03', '2025-06-10')).find(
      (l) => l.kind === 'absence' && l.serviceId === S.coldWater.id,
    )!;
    expect(cold.amount).toBe(-3946);
  });

  it('no recalculation where a meter could be installed (п.86)', () => {
    const input = absent('2025-06-03', '2025-06-16');
    const acc = {
      ...input.accounts[0]!,
      volumes: input.accounts[0]!.volumes.map((v) => ({ ...v, meterInstallable: true })),
    };
    expect(computeHouse({ ...input, accounts: [acc] }).filter((l) => l.kind === 'absence')).toEqual([]);
  });
});

describe('RULES.md §5: reductions for interruptions and poor quality', () => {
  const base = (
    serviceId: number,
    volume: string,
    rate: string,
    undersupplies: Undersupply[],
    legal = catalogueLegal(),
  ): ChargeLine[] =>
    computeHouse(
      house({
        period: period('2026-03'),
        houseServices: [houseService(serviceId, 'by_meter')],
        tariffs: [tariff(serviceId, rate)],
        accounts: [account(1, { volumes: [readings(serviceId, zone(volume))] })],
        undersupplies,
        legal,
      }),
    );
  const cut = (
    id: number,
    serviceId: number,
    start: string,
    end: string,
    detail: Undersupply['detail'] = { kind: 'interruption' },
  ): Undersupply => ({
    id,
    serviceId,
    scope: { kind: 'house' },
    start,
    end,
    detail,
  });
  const reduction = (lines: ChargeLine[]): number => lines.find((l) => l.kind === 'reduction')?.amount ?? 0;
  // Hot water P = 10 m³ × 120.00 = 1200.00; interruptions of 6 h and 7 h.
  const hotCuts = [
    cut(1, S.hotWater.id, '2026-03-03T08:00', '2026-03-03T14:00'),
    cut(2, S.hotWater.id, '2026-03-10T08:00', '2026-03-10T15:00'),
  ];

  it('example 5.1: 13 − 8 = 5 h × 0.15 % × 1200 = 9.00 (monthly_total, the default)', () => {
    expect(reduction(base(S.hotWater.id, '10', '120', hotCuts))).toBe(-900);
  });
  it('example 5.1 by (a) per-event sum: (6 − 4) + (7 − 4) = 5 h → 9.00', () => {
    expect(
      reduction(
        base(
          S.hotWater.id,
          '10',
          '120',
          hotCuts,
          withLegal('quality.excess_hours_method', '"per_event_sum"'),
        ),
      ),
    ).toBe(-900);
  });
  it('example 5.1 by (c) union: 2 h of the first + 5 h of the second (its last 5 h pass 8 h in the month) = 7 h → 12.60', () => {
    // 7 × 0.15 % × 1200 = 12.60 (RULES-ADDENDUM §4)
    expect(
      reduction(
        base(S.hotWater.id, '10', '120', hotCuts, withLegal('quality.excess_hours_method', '"union"')),
      ),
    ).toBe(-1260);
  });
  it('example 5.2: hot water at 51 °C by day for 50 h: (57 − 51) / 3 = 2 steps × 0.1 % × 50 h = 10 % of 1200 = 120.00', () => {
    const t = cut(3, S.hotWater.id, '2026-03-02T06:00', '2026-03-04T08:00', {
      kind: 'hot_water_temperature',
      measured: 51,
      night: false,
    });
    expect(reduction(base(S.hotWater.id, '10', '120', [t]))).toBe(-12000);
  });
  it('hot water at 56 °C by day is within 3 °C plus less than one step: nothing (whole steps only)', () => {
    const t = cut(3, S.hotWater.id, '2026-03-02T06:00', '2026-03-04T08:00', {
      kind: 'hot_water_temperature',
      measured: 56,
      night: false,
    });
    expect(base(S.hotWater.id, '10', '120', [t]).find((l) => l.kind === 'reduction')?.amount).toBe(0);
  });

  // Heating P = 100 m² × 0.025 Gcal/m² × 1000.00 = 2500.00
  const heating = (undersupplies: Undersupply[]): ChargeLine[] =>
    computeHouse(
      house({
        period: period('2026-03'),
        houseServices: [houseService(S.heating.id, 'heating_by_norm')],
        tariffs: [tariff(S.heating.id, '1000')],
        norms: [norm(S.heating.id, '0.025')],
        accounts: [account(1, { areas: [area('100')] })],
        undersupplies,
      }),
    );
  it('example 5.3: +15 °C by day against +18 for 72 h: 0.15 % × 3 × 72 = 32.4 % of 2500 = 810.00', () => {
    const t = cut(4, S.heating.id, '2026-03-05T00:00', '2026-03-08T00:00', {
      kind: 'room_temperature',
      measured: 15,
      norm: 18,
      night: false,
    });
    expect(reduction(heating([t]))).toBe(-81000);
  });
  it('example 5.4: three 10 h heating interruptions at +14 °C: 30 − 24 = 6 h × 0.15 % × 2500 = 22.50', () => {
    const cuts = [5, 12, 19].map((day, i) =>
      cut(
        10 + i,
        S.heating.id,
        `2026-03-${String(day).padStart(2, '0')}T06:00`,
        `2026-03-${String(day).padStart(2, '0')}T16:00`,
        { kind: 'interruption', roomTemperature: 14 },
      ),
    );
    expect(reduction(heating(cuts))).toBe(-2250);
  });
  it('example 5.5: electricity, 5 h with two sources (2 h permitted): 3 h × 0.15 % × 1000 = 4.50', () => {
    // P = 200 kWh × 5.00 = 1000.00
    const t = cut(6, S.electricity.id, '2026-03-07T10:00', '2026-03-07T15:00', {
      kind: 'interruption',
      powerSources: 2,
    });
    expect(reduction(base(S.electricity.id, '200', '5', [t]))).toBe(-450);
  });
  it('gas (ADDENDUM §4): 4 h a month permitted; 6 h → 2 h × 0.15 % × 500.00 = 1.50', () => {
    const t = cut(7, S.gas.id, '2026-03-07T10:00', '2026-03-07T16:00');
    expect(reduction(base(S.gas.id, '50', '10', [t]))).toBe(-150);
  });
  it('sewage (ADDENDUM §4): 8 h a month, 4 h at once; 5 h + 5 h → 10 − 8 = 2 h × 0.15 % × 800.00 = 2.40', () => {
    const cuts = [
      cut(8, S.wastewater.id, '2026-03-02T10:00', '2026-03-02T15:00'),
      cut(9, S.wastewater.id, '2026-03-09T10:00', '2026-03-09T15:00'),
    ];
    expect(reduction(base(S.wastewater.id, '20', '40', cuts))).toBe(-240);
  });
  it('the reduction is capped at the whole charge: a 30-day outage frees the month fully', () => {
    // 718 h over the limit × 0.15 % = 107.7 % → 100 % of 1000.00
    const t = cut(10, S.electricity.id, '2026-03-01T00:00', '2026-03-31T00:00', {
      kind: 'interruption',
      powerSources: 2,
    });
    const lines = base(S.electricity.id, '200', '5', [t]);
    expect(reduction(lines)).toBe(-100000);
    expect(sum(lines)).toBe(0);
  });
  it('an interruption in another entrance does not reduce this account', () => {
    const t: Undersupply = {
      ...cut(11, S.gas.id, '2026-03-07T10:00', '2026-03-07T16:00'),
      scope: { kind: 'entrance', entrance: '2' },
    };
    expect(base(S.gas.id, '50', '10', [t]).some((l) => l.kind === 'reduction')).toBe(false);
  });
});

describe('settings of §4 and §5 at work', () => {
  const power = (setting: string): ChargeLine[] =>
    computeHouse(
      house({
        period: period('2025-06'),
        houseServices: [houseService(S.electricity.id, 'by_norm')],
        tariffs: [tariff(S.electricity.id, '6.50')],
        norms: [norm(S.electricity.id, '100')],
        accounts: [
          account(1, {
            residents: [residents(1, '2000-01-01', '2099-12-31')],
            volumes: [noMeter(S.electricity.id, false)],
            absences: [{ id: 1, persons: 1, departure: date('2025-06-03'), arrival: date('2025-06-16') }],
          }),
        ],
        legal: withLegal('temporary_absence.electricity', setting),
      }),
    );
  it('temporary_absence.electricity "heating_use_only" (default): electricity is recalculated, 100 × 6.50 × 12/30 = 260.00', () => {
    expect(power('"heating_use_only"').find((l) => l.kind === 'absence')?.amount).toBe(-26000);
  });
  it('temporary_absence.electricity "all": no recalculation of electricity', () => {
    expect(power('"all"').some((l) => l.kind === 'absence')).toBe(false);
  });
  it('sewage alone (its water metered) is not recalculated for an absence', () => {
    const lines = computeHouse(
      house({
        period: period('2025-06'),
        houseServices: [houseService(S.wastewater.id, 'by_norm')],
        tariffs: [tariff(S.wastewater.id, '38.90')],
        norms: [norm(S.wastewater.id, '7.48')],
        accounts: [
          account(1, {
            residents: [residents(1, '2000-01-01', '2099-12-31')],
            volumes: [noMeter(S.wastewater.id, false), readings(S.coldWater.id, zone('3'))],
            absences: [{ id: 1, persons: 1, departure: date('2025-06-03'), arrival: date('2025-06-16') }],
          }),
        ],
      }),
    );
    expect(lines.map((l) => l.kind)).toEqual(['charge']);
  });

  const hot = (undersupplies: Undersupply[]): number =>
    computeHouse(
      house({
        period: period('2026-03'),
        houseServices: [houseService(S.hotWater.id, 'by_meter')],
        tariffs: [tariff(S.hotWater.id, '120')],
        accounts: [account(1, { volumes: [readings(S.hotWater.id, zone('10'))] })],
        undersupplies,
      }),
    ).find((l) => l.kind === 'reduction')?.amount ?? 0;
  it('hot water at 49 °C at night for 10 h: (55 − 49) / 3 = 2 steps × 0.1 % × 10 h = 2 % of 1200 = 24.00', () => {
    const u: Undersupply = {
      id: 1,
      serviceId: S.hotWater.id,
      scope: { kind: 'house' },
      start: '2026-03-02T00:00',
      end: '2026-03-02T10:00',
      detail: { kind: 'hot_water_temperature', measured: 49, night: true },
    };
    expect(hot([u])).toBe(-2400);
  });
  it('partial 3 °C steps when quality.hot_water_temperature says wholeSteps: false: 56 °C by day, 50 h → 20.00', () => {
    // (57 − 56) / 3 = 1/3 step × 0.1 % × 50 h = 5/3 % of 1200.00 = 20.00 (whole steps only: 0)
    const u: Undersupply = {
      id: 1,
      serviceId: S.hotWater.id,
      scope: { kind: 'house' },
      start: '2026-03-02T06:00',
      end: '2026-03-04T08:00',
      detail: { kind: 'hot_water_temperature', measured: 56, night: false },
    };
    const partial =
      '{"norm":60,"dayDeviation":3,"nightDeviation":5,"stepDegrees":3,"wholeSteps":false,"percentPerStepHour":"0.1","coldBelow":40}';
    const lines = computeHouse(
      house({
        period: period('2026-03'),
        houseServices: [houseService(S.hotWater.id, 'by_meter')],
        tariffs: [tariff(S.hotWater.id, '120')],
        accounts: [account(1, { volumes: [readings(S.hotWater.id, zone('10'))] })],
        undersupplies: [u],
        legal: withLegal('quality.hot_water_temperature', partial),
      }),
    );
    expect(lines.find((l) => l.kind === 'reduction')?.amount).toBe(-2000);
    expect(hot([u])).toBe(0);
  });
  it('a measured 50.5 °C by day: 6.5 °C beyond, 2 whole steps, 10 h → 2 % of 1200 = 24.00', () => {
    const u: Undersupply = {
      id: 1,
      serviceId: S.hotWater.id,
      scope: { kind: 'house' },
      start: '2026-03-02T06:00',
      end: '2026-03-02T16:00',
      detail: { kind: 'hot_water_temperature', measured: 50.5, night: false },
    };
    expect(hot([u])).toBe(-2400);
  });
  it('hot water below 40 °C is refused with the field named (the cold-water tariff case is not in the core)', () => {
    const u: Undersupply = {
      id: 4,
      serviceId: S.hotWater.id,
      scope: { kind: 'house' },
      start: '2026-03-02T00:00',
      end: '2026-03-02T10:00',
      detail: { kind: 'hot_water_temperature', measured: 35, night: false },
    };
    expect(() => hot([u])).toThrow(DomainError);
  });
  it("a 20 h accident on a dead-end main (24 h permitted) reduces nothing and does not use up the month's 8 h", () => {
    // accident 20 h ≤ 24 h → 0; an ordinary 10 h cut → 10 − 8 = 2 h (monthly_total) × 0.15 % × 1200 = 3.60
    const accident: Undersupply = {
      id: 1,
      serviceId: S.hotWater.id,
      scope: { kind: 'house' },
      start: '2026-03-02T00:00',
      end: '2026-03-02T20:00',
      detail: { kind: 'interruption', deadEndAccident: true },
    };
    const ordinary: Undersupply = {
      id: 2,
      serviceId: S.hotWater.id,
      scope: { kind: 'accounts', accountIds: [1] },
      start: '2026-03-09T08:00',
      end: '2026-03-09T18:00',
      detail: { kind: 'interruption' },
    };
    expect(hot([accident])).toBe(0);
    expect(hot([accident, ordinary])).toBe(-360);
  });
  it('room temperature +14 °C at night against +18 (−3 allowed) for 5 h: 1 ° × 5 h × 0.15 % = 0.75 % of 2500 = 18.75', () => {
    const lines = computeHouse(
      house({
        period: period('2026-03'),
        houseServices: [houseService(S.heating.id, 'heating_by_norm')],
        tariffs: [tariff(S.heating.id, '1000')],
        norms: [norm(S.heating.id, '0.025')],
        accounts: [account(1, { areas: [area('100')] })],
        undersupplies: [
          {
            id: 1,
            serviceId: S.heating.id,
            scope: { kind: 'house' },
            start: '2026-03-02T00:00',
            end: '2026-03-02T05:00',
            detail: { kind: 'room_temperature', measured: 14, norm: 18, night: true },
          },
        ],
      }),
    );
    expect(lines.find((l) => l.kind === 'reduction')?.amount).toBe(-1875);
  });
});
