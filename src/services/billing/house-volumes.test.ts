/**
 * The house-level volumes for the three methods the loader once left out (house-volumes.ts), through the
 * core: wastewater by meter as cold + hot water (RULES.md §1.2, §4.3), common needs by the ОДПУ with
 * ΣV_individual of every premise (RULES.md §2.2, example 2.2), heating by the ОДПУ over twelve months with
 * last year's volume and the annual correction (RULES.md §3.2, example 3.3). Expected values come from the
 * RULES examples or from the arithmetic in the comments, never from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { computeHouse } from '../../domain/billing/compute.js';
import type { ChargeLine, HouseInput, VolumeBasis } from '../../domain/billing/types.js';
import type { ConsumptionResult } from '../../domain/meters/consumption.js';
import { Decimal } from '../../domain/decimal.js';
import type { Kopecks } from '../../domain/money.js';
import type { BillingPeriod } from '../../domain/period.js';
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
import { completeHouseInput, individualVolume, volumeNeeds, type HouseVolumeData } from './house-volumes.js';

const none: HouseVolumeData = {
  common: new Map(),
  heatingYear: null,
  heatingCharged: null,
  yearEndTariffs: [],
};

/** An ОДПУ answer of the meters module: actual, with its readings; or no volume (method norm). */
const odpu = (volume: string | null, readingIds: number[] = []): ConsumptionResult => ({
  period: '2026-03' as BillingPeriod,
  method: volume === null ? 'norm' : 'actual',
  reason: volume === null ? 'p60_after_limit' : 'readings',
  zones: volume === null ? null : [{ zone: 'single', volume: d(volume) }],
  volume: volume === null ? null : d(volume),
  coefficient: Decimal.ONE,
  caseRun: null,
  average: null,
  reconciliation: null,
  readingIds,
  parameters: [],
  explanation: '',
});

const run = (input: HouseInput, data = none) => {
  const done = completeHouseInput(input, data);
  return { ...done, lines: computeHouse(done.input) };
};
const of = (lines: ChargeLine[], serviceId: number) => lines.filter((l) => l.serviceId === serviceId);

describe('wastewater by meter = cold + hot water of the account (RULES.md §1.2, §4.3)', () => {
  // March 2026 (31 days); wastewater 38.90 ₽/m³ (RULES.md example 4.1); norms 4.32 cold, 3.16 hot (§1.2).
  const waterHouse = (cold: VolumeBasis, hot: VolumeBasis, over: Partial<HouseInput> = {}): HouseInput =>
    house({
      period: period('2026-03'),
      houseServices: [
        houseService(S.coldWater.id, 'by_meter'),
        houseService(S.hotWater.id, 'by_meter'),
        houseService(S.wastewater.id, 'by_meter'),
      ],
      tariffs: [
        tariff(S.coldWater.id, '45.67'),
        tariff(S.hotWater.id, '230.50'),
        tariff(S.wastewater.id, '38.90'),
      ],
      norms: [
        norm(S.coldWater.id, '4.32', undefined, null, 41),
        norm(S.hotWater.id, '3.16', undefined, null, 42),
      ],
      accounts: [account(1, { volumes: [cold, hot], residents: [residents(3, '2026-03-01', '2026-03-31')] })],
      ...over,
    });
  const cold = (v: string, ids: number[]) => readings(S.coldWater.id, zone(v, ids));
  const hot = (v: string, ids: number[]) => readings(S.hotWater.id, zone(v, ids));

  const cases: { name: string; input: HouseInput; volume: string; amount: number; sources: RegExp[] }[] = [
    {
      // 7.333 + 3.5 = 10.833 m³ × 38.90 = 421.4037 → 421.40 ₽
      name: 'both by readings',
      input: waterHouse(cold('7.333', [11, 12]), hot('3.5', [21, 22])),
      volume: '10.833',
      amount: 42140,
      sources: [/reading #11, reading #12/, /reading #21, reading #22/],
    },
    {
      // hot water on the п.59 «б» average, 2nd period of 3: 7.333 + 3.16 = 10.493 × 38.90 = 408.1777 → 408.18 ₽
      name: 'cold by readings, hot by the average within its limit',
      input: waterHouse(cold('7.333', [11]), average(S.hotWater.id, 'not_submitted', 2, '3.16')),
      volume: '10.493',
      amount: 40818,
      sources: [/reading #11/, /6 мес\./],
    },
    {
      // cold without a meter (one could be installed): 3 × 4.32 = 12.96 m³ by norm, K of wastewater = 1
      // (increasing_coefficient.wastewater, RULES.md §1.2); + 3.5 hot = 16.46 × 38.90 = 640.294 → 640.29 ₽
      name: 'cold by norm (no meter), hot by readings',
      input: waterHouse(noMeter(S.coldWater.id, true), hot('3.5', [21])),
      volume: '16.46',
      amount: 64029,
      sources: [/norm #41/, /reading #21/],
    },
    {
      // the same with K of wastewater set to 1.5: money (12.96 × 1.5 + 3.5) × 38.90 = 22.94 × 38.90 = 892.366
      // → 892.37 ₽; the volume stays 16.46 (K multiplies money, RULES-ADDENDUM §2)
      name: 'a K on wastewater applies to the norm part only, on money',
      input: waterHouse(noMeter(S.coldWater.id, true), hot('3.5', [21]), {
        legal: withLegal('increasing_coefficient.wastewater', '1.5'),
      }),
      volume: '16.46',
      amount: 89237,
      sources: [/norm #41/, /reading #21/],
    },
    {
      // nobody registered: the cold norm part is 0 (no norm needed); hot 3.5 × 38.90 = 136.15 ₽
      name: 'a norm part of an empty flat is 0',
      input: waterHouse(noMeter(S.coldWater.id, true), hot('3.5', [21]), {
        norms: [],
        accounts: [account(1, { volumes: [noMeter(S.coldWater.id, true), hot('3.5', [21])] })],
      }),
      volume: '3.5',
      amount: 13615,
      sources: [/reading #21/],
    },
    {
      // no meter can be installed: 3 × (4.32 + 3.16) = 22.44 m³ × 38.90 = 872.916 → 872.92 ₽ (= 3 × 290.97 of §4.3)
      name: 'both by norm',
      input: waterHouse(noMeter(S.coldWater.id, false), noMeter(S.hotWater.id, false)),
      volume: '22.44',
      amount: 87292,
      sources: [/norm #41/, /norm #42/],
    },
    {
      // cold past the п.59 «б» limit (4th period of 3): the norm 3 × 4.32 = 12.96 (K of wastewater 1);
      // + 3.5 = 16.46 × 38.90 = 640.29 ₽
      name: 'cold past the average limit goes to the norm (п.60)',
      input: waterHouse(average(S.coldWater.id, 'not_submitted', 4, '5'), hot('3.5', [21])),
      volume: '16.46',
      amount: 64029,
      sources: [/norm #41/, /п\.59 «б»/],
    },
    {
      // one resident to the 15th, two from the 16th (31 days): cold norm 4.32 × (1 × 15 + 2 × 16) / 31
      // = 203.04 / 31 = 6.549677…; hot 3.5 spread over the two pieces (15/31 + 16/31 = whole);
      // 10.049677… × 38.90 = 390.93245… → 390.93 ₽, one line of two pieces
      name: 'a resident from the 16th: two pieces, one line rounded once',
      input: waterHouse(noMeter(S.coldWater.id, true), hot('3.5', [21]), {
        accounts: [
          account(1, {
            volumes: [noMeter(S.coldWater.id, true), hot('3.5', [21])],
            residents: [residents(1, '2026-03-01', '2026-03-15'), residents(2, '2026-03-16', '2026-03-31')],
          }),
        ],
      }),
      volume: '10.049677',
      amount: 39093,
      sources: [/norm #41/, /reading #21/],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { lines, gaps } = run(c.input);
      expect(gaps).toEqual([]);
      const ww = of(lines, S.wastewater.id);
      expect(ww.map((l) => [l.method, l.volume?.toString(), l.amount])).toEqual([
        ['by_water_volumes', c.volume, c.amount],
      ]);
      const text = JSON.stringify(ww[0]!.explanation.inputs);
      for (const s of c.sources) expect(text).toMatch(s);
    });
  }

  it('RULES.md example 4.1: a temporary absence recalculates cold, hot and sewage where no meter can be installed', () => {
    // June 2025 (30 days), 3 residents, one away 03.06–16.06: 12 full days (04.06–15.06).
    //   cold  4.32 × 45.67 = 197.2944 × 12/30 = 78.91776 → 78.92 ₽
    //   hot   3.16 × 230.50 = 728.38 × 12/30 = 291.352 → 291.35 ₽
    //   sewage (4.32 + 3.16) × 38.90 = 290.972 × 12/30 = 116.3888 → 116.39 ₽ (with its water, §4.1)
    const input = waterHouse(noMeter(S.coldWater.id, false), noMeter(S.hotWater.id, false), {
      period: period('2025-06'),
      accounts: [
        account(1, {
          volumes: [noMeter(S.coldWater.id, false), noMeter(S.hotWater.id, false)],
          residents: [residents(3, '2025-06-01', '2025-06-30')],
          absences: [{ id: 5, persons: 1, departure: date('2025-06-03'), arrival: date('2025-06-16') }],
        }),
      ],
    });
    const { lines } = run(input);
    const absence = lines.filter((l) => l.kind === 'absence');
    expect(absence.map((l) => [l.serviceId, l.amount])).toEqual([
      [S.coldWater.id, -7892],
      [S.hotWater.id, -29135],
      [S.wastewater.id, -11639],
    ]);
    expect(JSON.stringify(of(absence, S.wastewater.id)[0]!.explanation.inputs)).toMatch(/norm #41.*norm #42/);
  });

  it('a metered hot part is not recalculated: sewage goes with the cold part only', () => {
    // cold by norm (no meter possible), hot by meter: sewage absence = 4.32 × 38.90 × 12/30 = 67.2192 → 67.22 ₽
    const input = waterHouse(noMeter(S.coldWater.id, false), hot('3.5', [21]), {
      period: period('2025-06'),
      accounts: [
        account(1, {
          volumes: [noMeter(S.coldWater.id, false), hot('3.5', [21])],
          residents: [residents(3, '2025-06-01', '2025-06-30')],
          absences: [{ id: 5, persons: 1, departure: date('2025-06-03'), arrival: date('2025-06-16') }],
        }),
      ],
    });
    const absence = run(input).lines.filter((l) => l.kind === 'absence');
    expect(absence.map((l) => [l.serviceId, l.amount])).toEqual([
      [S.coldWater.id, -7892],
      [S.wastewater.id, -6722],
    ]);
  });

  it('a house without cold or hot water services: wastewater by meter is a gap, the rest is charged', () => {
    const input = waterHouse(cold('1', [1]), hot('1', [2]), {
      houseServices: [houseService(S.wastewater.id, 'by_meter'), houseService(S.maintenance.id, 'by_area')],
      tariffs: [tariff(S.wastewater.id, '38.90'), tariff(S.maintenance.id, '30')],
    });
    const { lines, gaps } = run(input);
    expect(gaps.map((g) => g.serviceId)).toEqual([S.wastewater.id]);
    expect(gaps[0]!.reason).toMatch(/холодной и горячей воды/);
    // 54.3 m² × 30.00 = 1629.00 ₽
    expect(lines.map((l) => [l.serviceId, l.amount])).toEqual([[S.maintenance.id, 162900]]);
  });
});

describe('common needs by the ОДПУ: V_Д − ΣV_individual of every premise (RULES.md §2.2)', () => {
  // March 2026; S_об = 5000 m², S_ои = 600 m², N_СОИ = 1.2 kWh/m², T = 6.50 (RULES.md example 2.2).
  const odpuHouse = (accounts: HouseInput['accounts'], over: Partial<HouseInput> = {}) =>
    house({
      period: period('2026-03'),
      house: { id: 1, totalArea: d('5000'), commonArea: d('600') },
      houseServices: [
        houseService(S.electricity.id, 'by_meter'),
        houseService(S.electricityCommon.id, 'common_needs_by_common_meter'),
      ],
      tariffs: [tariff(S.electricity.id, '6.43'), tariff(S.electricityCommon.id, '6.50')],
      norms: [norm(S.electricity.id, '98'), norm(S.electricityCommon.id, '1.2')],
      accounts,
      ...over,
    });
  const kwh = (v: string, id: number) => readings(S.electricity.id, zone(v, [id]));

  it('example 2.2: ОДПУ 10000, flats 100 + 8000 and a shop 800 = 8900 individual; capped at 720 → 7.2 kWh = 46.80 ₽', () => {
    // Flat 50 m², flat 4000 m², non-residential 950 m² (Σ 5000). Excess 10000 − 8900 = 1100 > 1.2 × 600 = 720:
    // 720 shared by area — 7.2 kWh × 6.50 = 46.80 ₽; 576 kWh = 3744.00 ₽; 136.8 kWh = 889.20 ₽; Σ 4680.00.
    const input = odpuHouse([
      account(1, { areas: [area('50')], volumes: [kwh('100', 1)] }),
      account(2, { areas: [area('4000')], volumes: [kwh('8000', 2)] }),
      account(3, { areas: [area('950')], residential: false, volumes: [kwh('800', 3)] }),
    ]);
    const data = { ...none, common: new Map([['electricity', odpu('10000', [90, 91])]]) };
    const { lines, input: done } = run(input, data);
    expect(done.commonMeters.map((c) => [c.volume.toString(), c.individualVolume.toString()])).toEqual([
      ['10000', '8900'],
    ]);
    const common = of(lines, S.electricityCommon.id);
    expect(common.map((l) => [l.accountId, l.volume?.toString(), l.amount])).toEqual([
      [1, '7.2', 4680],
      [2, '576', 374400],
      [3, '136.8', 88920],
    ]);
    expect(JSON.stringify(common[0]!.explanation.inputs)).toMatch(/reading #90, reading #91/);
  });

  it('a premise by norm counts its norm volume; an excess under the cap is shared whole', () => {
    // Flat 1 (50 m²) has no meter and none can be installed: 2 × 98 = 196 kWh; flat 2 (4950 m²) 700 by meter.
    // ΣV = 896; ОДПУ 1000 → excess 104 (< 720): flat 1 104 × 50 / 5000 = 1.04 kWh × 6.50 = 6.76 ₽;
    // flat 2 102.96 kWh × 6.50 = 669.24 ₽; Σ 104 × 6.50 = 676.00 ₽.
    const input = odpuHouse([
      account(1, {
        areas: [area('50')],
        volumes: [noMeter(S.electricity.id, false)],
        residents: [residents(2, '2026-03-01', '2026-03-31')],
      }),
      account(2, { areas: [area('4950')], volumes: [kwh('700', 2)] }),
    ]);
    const data = { ...none, common: new Map([['electricity', odpu('1000', [90])]]) };
    expect(individualVolume(input, 'electricity').toString()).toBe('896');
    const common = of(run(input, data).lines, S.electricityCommon.id);
    expect(common.map((l) => [l.volume?.toString(), l.amount])).toEqual([
      ['1.04', 676],
      ['102.96', 66924],
    ]);
  });

  it('no ОДПУ volume (no meter, or past its average): charged by the norm (ЖК ст.156 ч.9.2, п.59(1)/60(1))', () => {
    // by norm: 1.2 × 600 = 720 kWh shared by area: 50 m² → 7.2 kWh × 6.50 = 46.80 ₽; 4950 m² → 712.8 × 6.50 = 4633.20
    const input = odpuHouse([
      account(1, { areas: [area('50')], volumes: [kwh('100', 1)] }),
      account(2, { areas: [area('4950')], volumes: [kwh('8800', 2)] }),
    ]);
    for (const data of [none, { ...none, common: new Map([['electricity', odpu(null)]]) }]) {
      const { lines, gaps } = run(input, data);
      expect(gaps).toEqual([]);
      const common = of(lines, S.electricityCommon.id);
      expect(common.map((l) => [l.method, l.volume?.toString(), l.amount])).toEqual([
        ['common_needs_by_norm', '7.2', 4680],
        ['common_needs_by_norm', '712.8', 463320],
      ]);
    }
  });
});

describe('heating by the ОДПУ paid evenly over twelve months (RULES.md §3.1–3.2)', () => {
  // S_i = 54.3 m², S_об = 6250 m², T_T = 2345.67 ₽/Гкал (RULES.md examples 3.2–3.3).
  const months = (values: (string | null)[]) => values.map((v, i) => odpu(v, v === null ? [] : [100 + i]));
  const heatHouse = (p: string, over: Partial<HouseInput> = {}) =>
    house({
      period: period(p),
      houseServices: [houseService(S.heating.id, 'heating_by_common_meter')],
      tariffs: [tariff(S.heating.id, '2345.67', '2000-01-01', null, { id: 77 })],
      accounts: [account(1)],
      heating: { schedule: 'twelve_months', inSeason: false },
      ...over,
    });
  // 2026 month by month: Σ = 200 + 180 + 150 + 100 + 30 + 0 + 0 + 0 + 20 + 110 + 160 + 191 = 1141 Гкал
  const y2026 = ['200', '180', '150', '100', '30', '0', '0', '0', '20', '110', '160', '191'];

  it('a summer month charges last year’s average, kept exact: 1141 / 12 × 54.3 / 6250 × 2345.67 = 1937.72 ₽', () => {
    // 1141 × 54.3 × 2345.67 / (12 × 6250) = 145329034.221 / 75000 = 1937.720456… → 1937.72 ₽
    // (rounding the average to 95.083333 first would give 1937.7204 too here, but not in general)
    const data = { ...none, heatingYear: { year: 2026, months: months(y2026) } };
    const { lines, gaps, input } = run(heatHouse('2027-07'), data);
    expect(gaps).toEqual([]);
    expect(lines.map((l) => [l.method, l.amount])).toEqual([['heating_by_common_meter', 193772]]);
    expect(input.heating.annualCorrection).toBeUndefined();
    expect(lines[0]!.explanation.inputs.find((i) => i.name.includes('ОДПУ'))?.value).toBe('1141 / 12');
  });

  it('example 3.3 in the correction month: 1080 Гкал actual against 23 232.27 ₽ charged → −1 222.75 ₽', () => {
    // January 2027: the month's charge 1080 / 12 = 90 × 54.3 / 6250 × 2345.67 = 1834.1262864 → 1834.13 ₽;
    // correction 1080 × 54.3 / 6250 × 2345.67 = 22009.5154368 − 23232.27 = −1222.7545632 → −1222.75 ₽.
    const flat = ['150', '140', '120', '90', '50', '0', '0', '0', '40', '110', '180', '200']; // Σ 1080
    const data: HouseVolumeData = {
      ...none,
      heatingYear: { year: 2026, months: months(flat) },
      heatingCharged: [{ accountId: 1, amount: 2323227 as Kopecks }],
    };
    const { lines, gaps } = run(heatHouse('2027-01'), data);
    expect(gaps).toEqual([]);
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['charge', 183413],
      ['heating_correction', -122275],
    ]);
  });

  it('an account opened during the year gets no correction, and the operator is told', () => {
    const flat = ['150', '140', '120', '90', '50', '0', '0', '0', '40', '110', '180', '200'];
    const data: HouseVolumeData = {
      ...none,
      heatingYear: { year: 2026, months: months(flat) },
      heatingCharged: [
        { accountId: 1, amount: 2323227 as Kopecks },
        { accountId: 2, amount: 500000 as Kopecks },
      ],
    };
    const input = heatHouse('2027-01', {
      accounts: [account(1), account(2, { openFrom: date('2026-06-01') })],
    });
    const { lines, gaps } = run(input, data);
    expect(lines.filter((l) => l.kind === 'heating_correction').map((l) => l.accountId)).toEqual([1]);
    expect(gaps.map((g) => g.reason)).toEqual([
      expect.stringMatching(/корректировка за 2026 не начислена 1 счетам/),
    ]);
  });

  it('a month of last year without an ОДПУ volume: heating is a gap naming the month', () => {
    const data = { ...none, heatingYear: { year: 2026, months: months([...y2026.slice(0, 11), null]) } };
    const { lines, gaps } = run(heatHouse('2027-07'), data);
    expect(lines).toEqual([]);
    expect(gaps).toEqual([
      { serviceId: S.heating.id, reason: expect.stringMatching(/нет объёма ОДПУ за 2026-12/) },
    ]);
  });

  it('in the heating season without the month’s ОДПУ volume: formula 2 by the norm (RULES.md §3.1)', () => {
    // 54.3 × 0.0227 × 2345.67 = 2891.2963… → 2891.30 ₽ (RULES.md example 3.1)
    const input = heatHouse('2027-01', {
      heating: { schedule: 'heating_season', inSeason: true },
      norms: [norm(S.heating.id, '0.0227')],
    });
    expect(run(input).lines.map((l) => [l.method, l.amount])).toEqual([['heating_by_norm', 289130]]);
  });
});

describe('what a house needs read (volumeNeeds)', () => {
  const services = Object.values(S).map((s) => ({ id: s.id, resource: s.resource }));
  const schedule = (value: string, month = '1') => [
    ...withLegal('heating.payment_schedule', value).filter(
      (l) => l.code !== 'heating.annual_correction_month',
    ),
    {
      id: 9999,
      code: 'heating.annual_correction_month',
      value: month,
      validFrom: date('2000-01-01'),
      validTo: null,
    },
  ];
  const twelve = '{"schedule":"twelve_months","seasonMonths":[1,2,3,4,5,10,11,12]}';

  it.each([
    [
      'no house-level method',
      [{ serviceId: S.heating.id, method: 'heating_by_norm' }],
      catalogueLegal(),
      '2027-01',
      [],
      null,
    ],
    [
      'common needs by ОДПУ of electricity',
      [{ serviceId: S.electricityCommon.id, method: 'common_needs_by_common_meter' }],
      catalogueLegal(),
      '2027-01',
      ['electricity'],
      null,
    ],
    [
      'heating over 12 months in the correction month',
      [{ serviceId: S.heating.id, method: 'heating_by_common_meter' }],
      schedule(twelve, '1'),
      '2027-01',
      [],
      { year: 2026, correction: true, serviceIds: [S.heating.id] },
    ],
    [
      'heating over 12 months in another month',
      [{ serviceId: S.heating.id, method: 'heating_by_common_meter' }],
      schedule(twelve, '2'),
      '2027-01',
      [],
      { year: 2026, correction: false, serviceIds: [S.heating.id] },
    ],
  ] as const)('%s', (_name, houseServices, legal, p, common, heatingYear) => {
    expect(volumeNeeds(houseServices, services, legal, period(p))).toEqual({
      commonResources: common,
      heatingYear,
    });
  });
});
