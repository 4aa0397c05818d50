/**
 * The loader's pure parts: undersupply records as the core takes them (RULES.md §5), the heating schedule from
 * its legal parameter (RULES.md §3.1), residents by day range from registrations (the day of registration
 * counts). Expected values by hand from the inputs.
 */
import { describe, expect, it } from 'vitest';
import type { Undersupply } from '../../db/billing/undersupplies.js';
import type { LegalParameterValue } from '../../domain/billing/types.js';
import type { BillingPeriod, IsoDate } from '../../domain/period.js';
import { heatingSettings, residentCounts, toCoreUndersupply } from './loader.js';

const row = (over: Partial<Undersupply>): Undersupply => ({
  id: 5,
  houseId: 1,
  serviceId: 2,
  serviceName: 'Горячее водоснабжение',
  scopeKind: 'house',
  entrance: null,
  accountIds: [],
  startsAt: '2026-10-10T08:00',
  endsAt: '2026-10-10T20:00',
  kind: 'interruption',
  measured: null,
  norm: null,
  night: false,
  roomTemperature: null,
  powerSources: null,
  deadEndAccident: false,
  note: null,
  createdAt: new Date(0),
  createdBy: null,
  ...over,
});

describe('undersupply records for the core (RULES.md §5)', () => {
  it('an interruption of the whole house, with only the details given', () => {
    expect(toCoreUndersupply(row({ deadEndAccident: true }))).toEqual({
      id: 5,
      serviceId: 2,
      scope: { kind: 'house' },
      start: '2026-10-10T08:00',
      end: '2026-10-10T20:00',
      detail: { kind: 'interruption', deadEndAccident: true },
    });
  });

  it('a hot-water temperature of 50.5 °C at night in entrance 2', () => {
    expect(
      toCoreUndersupply(
        row({
          kind: 'hot_water_temperature',
          measured: '50.5',
          night: true,
          scopeKind: 'entrance',
          entrance: '2',
        }),
      ),
    ).toMatchObject({
      scope: { kind: 'entrance', entrance: '2' },
      detail: { kind: 'hot_water_temperature', measured: 50.5, night: true },
    });
  });

  it('a room temperature of 16 °C against a norm of 20 °C in two accounts', () => {
    expect(
      toCoreUndersupply(
        row({
          kind: 'room_temperature',
          measured: '16',
          norm: '20',
          scopeKind: 'accounts',
          accountIds: [7, 9],
        }),
      ),
    ).toMatchObject({
      scope: { kind: 'accounts', accountIds: [7, 9] },
      detail: { kind: 'room_temperature', measured: 16, norm: 20, night: false },
    });
  });
});

describe('heating schedule (legal parameter heating.payment_schedule, RULES.md §3.1)', () => {
  const legal: LegalParameterValue[] = [
    {
      id: 1,
      code: 'heating.payment_schedule',
      value: '{"schedule":"heating_season","seasonMonths":[1,2,3,4,5,10,11,12]}',
      validFrom: '2012-09-01' as IsoDate,
      validTo: '2026-06-30' as IsoDate,
    },
    {
      id: 2,
      code: 'heating.payment_schedule',
      value: '{"schedule":"twelve_months","seasonMonths":[]}',
      validFrom: '2026-07-01' as IsoDate,
      validTo: null,
    },
  ];
  it.each([
    ['2026-05', 'heating_season', true], // May is in the season
    ['2026-06', 'heating_season', false], // June is not
    ['2026-07', 'twelve_months', false], // the region switched to twelve months from July
  ] as const)('%s → %s, in season %s', (period, schedule, inSeason) => {
    expect(heatingSettings(legal, period as BillingPeriod)).toEqual({ schedule, inSeason });
  });
  it('no version on the 1st of the period is an error naming the parameter', () => {
    expect(() => heatingSettings(legal.slice(1), '2026-05' as BillingPeriod)).toThrow(
      /heating.payment_schedule/,
    );
  });
});

describe('residents by day range from registrations', () => {
  it('one person all November, a second from the 16th, a third deregistered after the 10th', () => {
    const counts = residentCounts(
      [
        { id: 1, accountId: 7, personId: 1, kind: 'permanent', validFrom: '2020-01-01', validTo: null },
        {
          id: 2,
          accountId: 7,
          personId: 2,
          kind: 'temporary',
          validFrom: '2026-11-16',
          validTo: '2027-01-31',
        },
        {
          id: 3,
          accountId: 7,
          personId: 3,
          kind: 'permanent',
          validFrom: '2019-05-05',
          validTo: '2026-11-10',
        },
        { id: 4, accountId: 8, personId: 4, kind: 'permanent', validFrom: '2026-11-30', validTo: null },
      ],
      '2026-11' as BillingPeriod,
    );
    // account 7: 1–10 two persons (1 and 3), 11–15 one, 16–30 two (1 and 2)
    expect(counts.get(7)!.map((r) => [r.from, r.to, r.count])).toEqual([
      ['2026-11-01', '2026-11-10', 2],
      ['2026-11-11', '2026-11-15', 1],
      ['2026-11-16', '2026-11-30', 2],
    ]);
    // account 8: only the 30th; the days with nobody are left out
    expect(counts.get(8)!.map((r) => [r.from, r.to, r.count, r.source])).toEqual([
      ['2026-11-30', '2026-11-30', 1, 'registration #4'],
    ]);
  });
});
