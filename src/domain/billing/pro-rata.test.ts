/**
 * Pro rata by days and the line rule (docs/billing.md "Lines"): one line per (service, supplier, tariff
 * version, zone, method), each rounded once; the pieces inside a line are summed exactly. Expected values
 * are hand computations written beside them.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { accountTotals, computeHouse } from './compute.js';
import type { ChargeLine } from './types.js';
import {
  SERVICES as S,
  account,
  area,
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
  zone,
} from '../../../test/support/billing.js';

const march = period('2026-03'); // 31 days
const amounts = (lines: ChargeLine[]): number[] => lines.map((l) => l.amount);

describe('pro rata by days', () => {
  it('a tariff from the 1st of the month is the boundary case: the new tariff alone, one line', () => {
    // 2026-07: 50 m² × 33.00 = 1650.00 (the old 30.00 ended 30.06)
    const lines = computeHouse(
      house({
        period: period('2026-07'),
        houseServices: [houseService(S.maintenance.id, 'by_area')],
        tariffs: [
          tariff(S.maintenance.id, '30', '2025-07-01', '2026-06-30', { id: 1 }),
          tariff(S.maintenance.id, '33', '2026-07-01', null, { id: 2 }),
        ],
        accounts: [account(1, { areas: [area('50')] })],
      }),
    );
    expect(lines.map((l) => [l.tariffId, l.amount])).toEqual([[2, 165000]]);
    expect(lines[0]!.explanation.pieces).toEqual([
      { from: '2026-07-01', to: '2026-07-31', days: 31, note: '50 м², 31/31 дн.' },
    ]);
  });

  it('a tariff change on the 16th: two lines, each rounded once', () => {
    // 50 × 30.00 × 15/31 = 22500/31 = 725.806 → 725.81; 50 × 33.00 × 16/31 = 26400/31 = 851.613 → 851.61
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [houseService(S.maintenance.id, 'by_area')],
        tariffs: [
          tariff(S.maintenance.id, '30', '2025-07-01', '2026-03-15', { id: 1 }),
          tariff(S.maintenance.id, '33', '2026-03-16', null, { id: 2 }),
        ],
        accounts: [account(1, { areas: [area('50')] })],
      }),
    );
    expect(lines.map((l) => [l.tariffId, l.amount])).toEqual([
      [1, 72581],
      [2, 85161],
    ]);
    expect(accountTotals(lines).get(1)).toBe(157742);
  });

  it('a resident from the 17th: one line with two pieces, summed before rounding', () => {
    // waste 150.00 per person: (2 × 16 + 3 × 15) / 31 × 150 = 77 × 150 / 31 = 11550 / 31 = 372.5806 → 372.58
    // (rounding each piece: 2 × 150 × 16/31 = 154.84 and 3 × 150 × 15/31 = 217.74 → 372.58 too, but not in general)
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [houseService(S.waste.id, 'per_person')],
        tariffs: [tariff(S.waste.id, '150')],
        accounts: [
          account(1, {
            residents: [residents(2, '2020-01-01', '2026-03-16'), residents(3, '2026-03-17', '2099-12-31')],
          }),
        ],
      }),
    );
    expect(amounts(lines)).toEqual([37258]);
    expect(lines[0]!.explanation.pieces.map((p) => p.days)).toEqual([16, 15]);
    expect(lines[0]!.volume?.toString()).toBe('2.483871'); // 77/31 person-months, shown to 6 decimals
  });

  it('an account opened on the 10th: area and fixed charges for 22 of 31 days; its meter volume whole', () => {
    // maintenance 40 × 25.00 × 22/31 = 22000/31 = 709.677 → 709.68; intercom 60.00 × 22/31 = 1320/31 = 42.581 → 42.58;
    // cold water 6.000 m³ × 45.67 = 274.02 (the meter measured only its own days)
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [
          houseService(S.maintenance.id, 'by_area'),
          houseService(S.intercom.id, 'fixed'),
          houseService(S.coldWater.id, 'by_meter'),
        ],
        tariffs: [
          tariff(S.maintenance.id, '25'),
          tariff(S.intercom.id, '60'),
          tariff(S.coldWater.id, '45.67'),
        ],
        accounts: [
          account(1, {
            openFrom: date('2026-03-10'),
            areas: [area('40')],
            volumes: [readings(S.coldWater.id, zone('6.000', [1]))],
          }),
        ],
      }),
    );
    expect(lines.map((l) => [l.serviceId, l.amount])).toEqual([
      [S.coldWater.id, 27402],
      [S.maintenance.id, 70968],
      [S.intercom.id, 4258],
    ]);
  });

  it('an account closed on the 20th: 20 of 31 days; a closed account gets nothing the next month', () => {
    // 100.00 × 20/31 = 2000/31 = 64.516 → 64.52
    const input = (p: string) =>
      house({
        period: period(p),
        houseServices: [houseService(S.intercom.id, 'fixed')],
        tariffs: [tariff(S.intercom.id, '100')],
        accounts: [account(1, { closedOn: date('2026-03-20') })],
      });
    expect(amounts(computeHouse(input('2026-03')))).toEqual([6452]);
    expect(computeHouse(input('2026-04'))).toEqual([]);
  });

  it("a supplier changed on the 11th: the month's 310 kWh spread by days, one line per supplier", () => {
    // A: 310 × 10/31 = 100 kWh × 6.00 = 600.00; B: 310 × 21/31 = 210 kWh × 6.20 = 1302.00
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [
          houseService(S.electricity.id, 'by_meter', '2020-01-01', '2026-03-10', 501),
          houseService(S.electricity.id, 'by_meter', '2026-03-11', null, 502),
        ],
        tariffs: [
          tariff(S.electricity.id, '6', undefined, null, { supplierId: 501 }),
          tariff(S.electricity.id, '6.20', undefined, null, { supplierId: 502 }),
        ],
        accounts: [account(1, { volumes: [readings(S.electricity.id, zone('310', [1, 2]))] })],
      }),
    );
    expect(lines.map((l) => [l.supplierId, l.volume?.toString(), l.amount])).toEqual([
      [501, '100', 60000],
      [502, '210', 130200],
    ]);
  });

  it('a norm change mid-month is one line (same tariff) with two pieces', () => {
    // 2 persons, hot water no meter possible (K = 1), T = 230.50:
    // 2 × 3.16 × 10/31 + 2 × 3.00 × 21/31 = (63.2 + 126) / 31 = 189.2/31 m³; × 230.50 = 43610.6/31 = 1406.793548 → 1406.79
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [houseService(S.hotWater.id, 'by_norm')],
        tariffs: [tariff(S.hotWater.id, '230.50')],
        norms: [
          norm(S.hotWater.id, '3.16', '2020-01-01', '2026-03-10'),
          norm(S.hotWater.id, '3.00', '2026-03-11'),
        ],
        accounts: [
          account(1, {
            residents: [residents(2, '2020-01-01', '2099-12-31')],
            volumes: [noMeter(S.hotWater.id, false)],
          }),
        ],
      }),
    );
    expect(amounts(lines)).toEqual([140679]);
    expect(lines[0]!.explanation.pieces.map((p) => p.days)).toEqual([10, 21]);
  });
});

describe("shared flats: per-account shares of the flat's meter", () => {
  it('10.000 m³ split 1 : 2 by residents → 3.333 and 6.667 m³; 152.22 + 304.48 = 456.70 = 10 × 45.67', () => {
    // 10000 × 1/3 = 3333.33 → 3333 (.33), 10000 × 2/3 = 6666.67 → 6666 (.67) takes the leftover → 6667.
    // 3.333 × 45.67 = 152.21811 → 152.22; 6.667 × 45.67 = 304.47689 → 304.48
    const lines = computeHouse(
      house({
        period: march,
        houseServices: [houseService(S.coldWater.id, 'by_meter')],
        tariffs: [tariff(S.coldWater.id, '45.67')],
        accounts: [1, 2].map((id) =>
          account(id, { volumes: [{ kind: 'flat_meter', serviceId: S.coldWater.id }] }),
        ),
        flatMeters: [
          {
            id: 9,
            serviceId: S.coldWater.id,
            zones: [zone('10.000', [91, 92])],
            weightBasis: 'residents',
            accounts: [
              { accountId: 1, weight: d('1') },
              { accountId: 2, weight: d('2') },
            ],
          },
        ],
      }),
    );
    expect(lines.map((l) => [l.accountId, l.volume?.toString(), l.amount, l.method])).toEqual([
      [1, '3.333', 15222, 'by_flat_meter'],
      [2, '6.667', 30448, 'by_flat_meter'],
    ]);
  });
});

describe('bad input is refused with the field named', () => {
  it.each([
    [
      'no tariff in force',
      house({
        period: march,
        houseServices: [houseService(S.intercom.id, 'fixed')],
        tariffs: [tariff(S.intercom.id, '60', '2026-04-01')],
        accounts: [account(1)],
      }),
      'tariffs',
    ],
    [
      'a metered service with no volume basis',
      house({
        period: march,
        houseServices: [houseService(S.coldWater.id, 'by_meter')],
        tariffs: [tariff(S.coldWater.id, '45.67')],
        accounts: [account(1)],
      }),
      'accounts.1.volumes',
    ],
    [
      'no norm in force',
      house({
        period: march,
        houseServices: [houseService(S.coldWater.id, 'by_norm')],
        tariffs: [tariff(S.coldWater.id, '45.67')],
        accounts: [
          account(1, {
            residents: [residents(1, '2020-01-01', '2099-12-31')],
            volumes: [noMeter(S.coldWater.id, false)],
          }),
        ],
      }),
      'norms',
    ],
    ['the same account twice', house({ period: march, accounts: [account(1), account(1)] }), 'accounts.1'],
  ])('%s', (_name, input, field) => {
    try {
      computeHouse(input);
      expect.unreachable('computeHouse must refuse the input');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.map((x) => x.field)).toEqual([field]);
    }
  });
});

describe('every problem of the input at once, each naming its field', () => {
  it('areas, residents, absences, tariffs, periods and times', () => {
    const input = house({
      period: march,
      houseServices: [houseService(S.intercom.id, 'fixed')],
      tariffs: [tariff(S.intercom.id, '-1')],
      accounts: [
        account(7, {
          areas: [area('0')],
          residents: [residents(-1, '2026-03-10', '2026-03-01')],
          absences: [{ id: 1, persons: 1, departure: date('2026-03-10'), arrival: date('2026-03-10') }],
          openFrom: date('2026-03-20'),
          closedOn: date('2026-03-10'),
        }),
      ],
      undersupplies: [
        {
          id: 1,
          serviceId: S.intercom.id,
          scope: { kind: 'house' },
          start: '2026-03-02T10:00',
          end: '2026-03-02T09:00',
          detail: { kind: 'interruption' },
        },
      ],
    });
    try {
      computeHouse(input);
      expect.unreachable('the input must be refused');
    } catch (e) {
      expect((e as DomainError).details.map((x) => x.field)).toEqual([
        'tariffs.0.rate',
        'accounts.7.closedOn',
        'accounts.7.areas.0.area',
        'accounts.7.residents.0.count',
        'accounts.7.residents.0',
        'accounts.7.absences.0',
        'undersupplies.0.end',
      ]);
    }
  });
});
