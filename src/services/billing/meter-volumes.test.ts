/**
 * Shared flats' meters for the core (pure, `flatMeterBases`): the weights of Rules 354 п.50 (the setting
 * `flat_meter.weight_basis`, UNCONFIRMED), the п.59 average split into the accounts' `average` bases, the norm
 * past the limit per account, and the gaps. Expected values by hand.
 */
import { describe, expect, it } from 'vitest';
import type { AccountInput, LegalParameterValue } from '../../domain/billing/types.js';
import { Decimal } from '../../domain/decimal.js';
import type { ConsumptionResult } from '../../domain/meters/consumption.js';
import type { BillingPeriod, IsoDate } from '../../domain/period.js';
import { flatMeterBases, flatWeights, type FlatMeterLoad } from './meter-volumes.js';

const period = '2026-10' as BillingPeriod;
const d = (s: string) => Decimal.parse(s);

const account = (id: number, residents: [string, string, number][], area: string): AccountInput => ({
  id,
  number: `${id}`,
  residential: true,
  openFrom: '2024-01-01' as IsoDate,
  closedOn: null,
  entrance: '1',
  normCategory: null,
  areas: [{ id: id * 10, area: d(area), validFrom: '2024-01-01' as IsoDate, validTo: null }],
  residents: residents.map(([from, to, count]) => ({
    from: from as IsoDate,
    to: to as IsoDate,
    count,
    source: 'registration',
  })),
  volumes: [],
  absences: [],
});

const legal = (value: string): LegalParameterValue[] => [
  { id: 9, code: 'flat_meter.weight_basis', value, validFrom: '2012-09-01' as IsoDate, validTo: null },
];

const result = (over: Partial<ConsumptionResult>): ConsumptionResult => ({
  period,
  method: 'actual',
  reason: 'readings',
  zones: [{ zone: 'single', volume: d('10') }],
  volume: d('10'),
  coefficient: Decimal.ONE,
  caseRun: null,
  average: null,
  reconciliation: null,
  readingIds: [71, 72],
  parameters: [],
  explanation: '',
  ...over,
});

const load = (r: ConsumptionResult): FlatMeterLoad => ({
  serviceId: 3,
  flatPremiseId: 40,
  flatLabel: 'кв. 3',
  meterIds: [7],
  accountIds: [1, 2, 3],
  result: r,
  installable: true,
});

// room 1: one person all month; room 2: two persons all month, a third from the 16th (16 days); room 3: nobody
const rooms = [
  account(1, [['2026-10-01', '2026-10-31', 1]], '15'),
  account(
    2,
    [
      ['2026-10-01', '2026-10-15', 2],
      ['2026-10-16', '2026-10-31', 3],
    ],
    '20',
  ),
  account(3, [], '12'),
];

describe('the weights of a shared flat’s accounts (Rules 354 п.50)', () => {
  it('residents: person-days over their common divisor with the days of the period', () => {
    // 31 : (15 × 2 + 16 × 3 = 78) : 0 — no divisor but 1 in common with 31
    expect(flatWeights('residents', rooms, period)?.weights.map(String)).toEqual(['31', '78', '0']);
    // nobody came or left: the persons themselves
    const steady = [rooms[0]!, account(2, [['2026-10-01', '2026-10-31', 2]], '20')];
    expect(flatWeights('residents', steady, period)).toEqual({
      basis: 'residents',
      weights: [d('1'), d('2')],
    });
  });

  it('area; nobody living in the flat falls back to area; no area either: null', () => {
    expect(flatWeights('area', rooms, period)?.weights.map(String)).toEqual(['15', '20', '12']);
    const empty = [account(1, [], '15'), account(2, [], '20')];
    expect(flatWeights('residents', empty, period)).toEqual({ basis: 'area', weights: [d('15'), d('20')] });
    expect(flatWeights('residents', [account(1, [], '0')], period)).toBeNull();
  });
});

describe('flatMeterBases: the flat meter and the accounts’ bases', () => {
  const steady = [
    account(1, [['2026-10-01', '2026-10-31', 1]], '15'),
    account(2, [['2026-10-01', '2026-10-31', 2]], '20'),
    account(3, [], '12'),
  ];

  it('readings: a FlatMeter with the weights, each account `flat_meter`', () => {
    const out = flatMeterBases([load(result({}))], steady, legal('"residents"'), period);
    expect(out.gaps).toEqual([]);
    expect(out.flatMeters).toEqual([
      {
        id: 7,
        serviceId: 3,
        zones: [{ zone: 'single', volume: d('10'), readingIds: [71, 72] }],
        weightBasis: 'residents',
        accounts: [
          { accountId: 1, weight: d('1') },
          { accountId: 2, weight: d('2') },
          { accountId: 3, weight: d('0') },
        ],
      },
    ]);
    expect(out.volumes.get(2)).toEqual([{ kind: 'flat_meter', serviceId: 3 }]);
  });

  it('the п.59 average: each account’s exact share of it as its `average` basis', () => {
    // average 5.266667 (6 decimals) split 1 : 2 : 0 at 0.000001: 1.755555(6) → 1.755556, 3.511111(3) → 3.511111
    const avg = result({
      method: 'average',
      reason: 'p59b_not_submitted',
      zones: [{ zone: 'single', volume: d('5.266667') }],
      volume: d('5.266667'),
      caseRun: { since: '2026-10' as BillingPeriod, number: 1, limit: 3 },
      average: {
        fromPeriod: '2026-04' as BillingPeriod,
        toPeriod: '2026-09' as BillingPeriod,
        months: 6,
        totals: [{ zone: 'single', total: d('31.6') }],
      },
    });
    const out = flatMeterBases([load(avg)], steady, legal('"residents"'), period);
    expect(out.flatMeters).toEqual([]);
    const [b1, b2, b3] = [1, 2, 3].map((id) => out.volumes.get(id)![0]!);
    const zonesOf = (b: typeof b1) =>
      b?.kind === 'average' ? b.zones.map((z) => z.volume.toString()) : null;
    expect([zonesOf(b1), zonesOf(b2), zonesOf(b3)]).toEqual([['1.755556'], ['3.511111'], ['0']]);
    expect(b2).toMatchObject({
      kind: 'average',
      case: 'not_submitted',
      periodInRow: 1,
      meterIds: [7],
      basis: '6 мес. 2026-04…2026-09; доля 2 из 3 (по числу проживающих) общеквартирного ПУ meter #7, кв. 3',
    });
  });

  it('past the п.59 limit: every account the `average` case with its number (the core charges its norm)', () => {
    const past = result({
      method: 'norm',
      reason: 'p60_after_limit',
      zones: null,
      volume: null,
      readingIds: [],
      caseRun: { since: '2026-06' as BillingPeriod, number: 5, limit: 3 },
    });
    const out = flatMeterBases([load(past)], [account(1, [], '0')], legal('"residents"'), period);
    expect(out.gaps).toEqual([]);
    expect(out.volumes.get(1)).toEqual([
      {
        kind: 'average',
        serviceId: 3,
        case: 'failed',
        periodInRow: 5,
        zones: [],
        meterIds: [],
        basis: 'с 2026-06',
      },
    ]);
  });

  it('gaps: no volume this period, no setting, nobody and no area — naming the flat', () => {
    const none = result({ zones: [], volume: d('0'), readingIds: [] });
    expect(flatMeterBases([load(none)], steady, legal('"residents"'), period).gaps).toEqual([
      {
        serviceId: 3,
        reason: 'кв. 3: у общеквартирного ПУ meter #7 нет объёма за 2026-10 (нет предыдущего показания)',
      },
    ]);
    expect(flatMeterBases([load(result({}))], steady, [], period).gaps[0]!.reason).toMatch(
      /нет параметра flat_meter.weight_basis/,
    );
    const nobody = flatMeterBases([load(result({}))], [account(1, [], '0')], legal('"residents"'), period);
    expect(nobody.gaps[0]!.reason).toMatch(/^кв. 3: у счетов нет ни проживающих, ни площади/);
    expect(nobody.volumes.size).toBe(0);
  });
});
