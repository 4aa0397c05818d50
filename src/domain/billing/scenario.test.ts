/**
 * A small house over 2026, month by month, every line checked to the kopeck against hand computations:
 * a tariff indexation on 1 July, readings not submitted in February and March and reconciled in April,
 * a meter whose verification expired on 15 May (average for 3 periods, then the norm × K = 3 for cold
 * water, then a new meter in November), a resident registered on 17 April, an absence in August and a
 * cold-water interruption in October.
 *
 * House: account 1 (50 m², 2 residents, a third from 17.04) and account 2 (40 m², 1 resident).
 * Tariffs: cold water 40.00 ₽/m³ → 42.00 from 01.07; maintenance 30.00 ₽/m² → 31.50 from 01.07; waste
 * (ТКО) 100.00 ₽ per person all year. Cold-water norm 4.32 m³/person.
 */
import { describe, expect, it } from 'vitest';
import { computeHouse } from './compute.js';
import type { AccountInput, ChargeLine, Undersupply, VolumeBasis } from './types.js';
import {
  SERVICES as S,
  account,
  area,
  average,
  d,
  house,
  houseService,
  norm,
  period,
  readings,
  residents,
  tariff,
  zone,
} from '../../../test/support/billing.js';

type Month = string;
const months: Month[] = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map(
  (m) => `2026-${m}`,
);

const avg = (n: number, volume: string, c: 'failed' | 'not_submitted'): VolumeBasis =>
  average(S.coldWater.id, c, n, volume);

/** Account 1's cold-water basis per month: readings 6.000; Feb–Mar not submitted (average 5.500); April reconciled. */
function coldA1(m: Month): VolumeBasis {
  if (m === '2026-02') return avg(1, '5.500', 'not_submitted');
  if (m === '2026-03') return avg(2, '5.500', 'not_submitted');
  if (m === '2026-04') {
    // Reported 19.000 m³ since the last accepted reading; 2 × 5.500 = 11.000 billed by the average → 8.000.
    return {
      kind: 'readings',
      serviceId: S.coldWater.id,
      zones: [zone('8.000', [104])],
      meterIds: [77],
      reconciliation: { averageBilled: d('11.000'), periods: [period('2026-02'), period('2026-03')] },
    };
  }
  return readings(S.coldWater.id, zone('6.000', [100]));
}

/** Account 2's: readings 5.000; verification expired 15.05 → average 4.000 for May–July, then no basis but the norm; new meter from November. */
function coldA2(m: Month): VolumeBasis {
  if (m === '2026-05') return avg(1, '4.000', 'failed');
  if (m === '2026-06') return avg(2, '4.000', 'failed');
  if (m === '2026-07') return avg(3, '4.000', 'failed');
  if (m === '2026-08' || m === '2026-09' || m === '2026-10')
    return avg(Number(m.slice(5)) - 4, '4.000', 'failed');
  return readings(S.coldWater.id, zone('5.000', [200]));
}

const interruptions: Undersupply[] = [
  {
    id: 1,
    serviceId: S.coldWater.id,
    scope: { kind: 'house' },
    start: '2026-10-05T09:00',
    end: '2026-10-05T15:00',
    detail: { kind: 'interruption' },
  },
  {
    id: 2,
    serviceId: S.coldWater.id,
    scope: { kind: 'house' },
    start: '2026-10-20T09:00',
    end: '2026-10-20T16:00',
    detail: { kind: 'interruption' },
  },
];

function houseIn(m: Month) {
  const a1: AccountInput = account(1, {
    areas: [area('50')],
    residents: [residents(2, '2020-01-01', '2026-04-16'), residents(3, '2026-04-17', '2099-12-31')],
    volumes: [coldA1(m)],
    absences: [{ id: 8, persons: 1, departure: '2026-08-03' as never, arrival: '2026-08-16' as never }],
  });
  const a2: AccountInput = account(2, {
    areas: [area('40')],
    residents: [residents(1, '2020-01-01', '2099-12-31')],
    volumes: [coldA2(m)],
  });
  return house({
    period: period(m),
    houseServices: [
      houseService(S.coldWater.id, 'by_meter'),
      houseService(S.maintenance.id, 'by_area'),
      houseService(S.waste.id, 'per_person'),
    ],
    tariffs: [
      tariff(S.coldWater.id, '40', '2025-07-01', '2026-06-30'),
      tariff(S.coldWater.id, '42', '2026-07-01'),
      tariff(S.maintenance.id, '30', '2025-07-01', '2026-06-30'),
      tariff(S.maintenance.id, '31.50', '2026-07-01'),
      tariff(S.waste.id, '100'),
    ],
    norms: [norm(S.coldWater.id, '4.32')],
    accounts: [a1, a2],
    undersupplies: m === '2026-10' ? interruptions : [],
  });
}

/** Expected lines per month: [account, service, kind, method, kopecks]. */
type Row = [number, number, ChargeLine['kind'], ChargeLine['method'], number];
const CW = S.coldWater.id;
const MT = S.maintenance.id;
const WS = S.waste.id;
const expected: Record<Month, Row[]> = {
  // Jan: A1 6 × 40 = 240.00; 50 × 30 = 1500.00; 2 × 100 = 200.00. A2 5 × 40 = 200.00; 40 × 30 = 1200.00; 100.00
  '2026-01': [
    [1, CW, 'charge', 'by_meter', 24000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 20000],
    [2, CW, 'charge', 'by_meter', 20000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Feb–Mar: A1 by the average 5.5 × 40 = 220.00 (п.59 «б», periods 1 and 2 of 3)
  '2026-02': [
    [1, CW, 'charge', 'by_average', 22000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 20000],
    [2, CW, 'charge', 'by_meter', 20000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  '2026-03': [
    [1, CW, 'charge', 'by_average', 22000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 20000],
    [2, CW, 'charge', 'by_meter', 20000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Apr: A1 reconciled 8 × 40 = 320.00; waste (2 × 16 + 3 × 14) / 30 × 100 = 7400 / 30 = 246.666… → 246.67
  '2026-04': [
    [1, CW, 'charge', 'by_meter', 32000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 24667],
    [2, CW, 'charge', 'by_meter', 20000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // May–Jun: A1 waste 3 × 100 = 300.00; A2 by the average 4 × 40 = 160.00 (п.59 «а», the first period whole)
  '2026-05': [
    [1, CW, 'charge', 'by_meter', 24000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_average', 16000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  '2026-06': [
    [1, CW, 'charge', 'by_meter', 24000],
    [1, MT, 'charge', 'by_area', 150000],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_average', 16000],
    [2, MT, 'charge', 'by_area', 120000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Jul (new tariffs from the 1st): A1 6 × 42 = 252.00; 50 × 31.50 = 1575.00. A2 average 4 × 42 = 168.00 (3rd of 3); 40 × 31.50 = 1260.00
  '2026-07': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_average', 16800],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Aug: A1 one of 3 away 03.08–16.08 = 12 full days: −100 × 12 / 31 = −38.709… → −38.71.
  // A2 past the limit: 1 × 4.32 × K 3 × 42 = 544.32
  '2026-08': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [1, WS, 'absence', 'temporary_absence', -3871],
    [2, CW, 'charge', 'by_norm_after_average', 54432],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  '2026-09': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_norm_after_average', 54432],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Oct: interruptions of 6 h and 7 h: 13 − 8 = 5 h × 0.15 % = 0.75 %: A1 252.00 × 0.75 % = 1.89; A2 544.32 × 0.75 % = 4.0824 → 4.08
  '2026-10': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, CW, 'reduction', 'quality_reduction', -189],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_norm_after_average', 54432],
    [2, CW, 'reduction', 'quality_reduction', -408],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  // Nov–Dec: A2's new meter: 5 × 42 = 210.00
  '2026-11': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_meter', 21000],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
  '2026-12': [
    [1, CW, 'charge', 'by_meter', 25200],
    [1, MT, 'charge', 'by_area', 157500],
    [1, WS, 'charge', 'per_person', 30000],
    [2, CW, 'charge', 'by_meter', 21000],
    [2, MT, 'charge', 'by_area', 126000],
    [2, WS, 'charge', 'per_person', 10000],
  ],
};

describe('a small house over 2026, month by month', () => {
  it.each(months)('%s', (m) => {
    const lines = computeHouse(houseIn(m));
    expect(lines.map((l): Row => [l.accountId, l.serviceId, l.kind, l.method, l.amount])).toEqual(
      expected[m],
    );
  });

  it('the year: account 1 = 24 648.07 ₽ and account 2 = 19 296.88 ₽', () => {
    // A1: cold 240 + 220 + 220 + 320 + 240 + 240 = 1480, + 252 × 6 = 2992, − 1.89 = 2990.11;
    //     maintenance 1500 × 6 + 1575 × 6 = 18450; waste 200 × 3 + 246.67 + 300 × 8 − 38.71 = 3207.96 → 24648.07
    // A2: cold 200 × 4 + 160 × 2 + 168 + 544.32 × 3 − 4.08 + 210 × 2 = 3336.88; maintenance 1200 × 6 + 1260 × 6 = 14760;
    //     waste 1200 → 19296.88
    const total = (id: number) =>
      months
        .flatMap((m) => computeHouse(houseIn(m)))
        .filter((l) => l.accountId === id)
        .reduce((s, l) => s + l.amount, 0);
    expect(total(1)).toBe(2464807);
    expect(total(2)).toBe(1929688);
  });
});
