/**
 * A seeded generator of billing inputs: a house of N accounts with 8 services (meter, norm, area, capital
 * repair, per person, fixed, heating, common needs), tariffs that may change inside the month, residents that
 * may change, accounts opened or closed mid-month. Deterministic for a seed; used by the recalculation
 * property test and by bench/billing-core.bench.ts.
 */
import { Decimal } from '../../src/domain/decimal.js';
import { addDays, daysInPeriod, firstDay, type BillingPeriod } from '../../src/domain/period.js';
import type { AccountInput, HouseInput, TariffVersion } from '../../src/domain/billing/types.js';
import { prng } from '../../src/services/demo/town-generator.js';
import { SERVICES as S, catalogueLegal, date, houseService, norm } from './billing.js';

const units = (r: () => number, max: number, scale: number): Decimal =>
  Decimal.fromUnits(BigInt(1 + Math.floor(r() * max)), scale);

export type GenOptions = { accounts: number; period: BillingPeriod; legal?: HouseInput['legal'] };

export function generateHouse(seed: number, o: GenOptions): HouseInput {
  const r = prng(seed);
  const dim = daysInPeriod(o.period);
  const start = firstDay(o.period);
  const midDay = (): number => 1 + Math.floor(r() * (dim - 1)); // 1..dim−1: a change from day+1
  let tid = seed * 100;
  const tariffs: TariffVersion[] = [];
  const tariffOf = (serviceId: number, max: number, scale: number): void => {
    if (r() < 0.3) {
      const cut = addDays(start, midDay());
      tariffs.push({
        id: ++tid,
        serviceId,
        supplierId: 500,
        zone: 'single',
        rate: units(r, max, scale),
        validFrom: date('2000-01-01'),
        validTo: addDays(cut, -1),
      });
      tariffs.push({
        id: ++tid,
        serviceId,
        supplierId: 500,
        zone: 'single',
        rate: units(r, max, scale),
        validFrom: cut,
        validTo: null,
      });
    } else {
      tariffs.push({
        id: ++tid,
        serviceId,
        supplierId: 500,
        zone: 'single',
        rate: units(r, max, scale),
        validFrom: date('2000-01-01'),
        validTo: null,
      });
    }
  };
  tariffOf(S.coldWater.id, 9000, 2);
  tariffOf(S.hotWater.id, 30000, 2);
  tariffOf(S.maintenance.id, 5000, 2);
  tariffOf(S.capitalRepair.id, 2500, 2);
  tariffOf(S.waste.id, 30000, 2);
  tariffOf(S.intercom.id, 10000, 2);
  tariffOf(S.heating.id, 400000, 2);
  tariffOf(S.electricityCommon.id, 900, 2);

  const accounts: AccountInput[] = [];
  let totalArea = Decimal.ZERO;
  for (let i = 1; i <= o.accounts; i++) {
    const areaValue = units(r, 15000, 2).add(Decimal.fromInt(15)); // 15.01 … 165.00 m²
    totalArea = totalArea.add(areaValue);
    const persons = Math.floor(r() * 5);
    const change = r() < 0.2 ? addDays(start, midDay()) : null;
    const residentsList = change
      ? [
          { from: date('2000-01-01'), to: addDays(change, -1), count: persons, source: `gen ${i}` },
          { from: change, to: date('2099-12-31'), count: persons + 1, source: `gen ${i}'` },
        ]
      : [{ from: date('2000-01-01'), to: date('2099-12-31'), count: persons, source: `gen ${i}` }];
    const opens = r() < 0.05 ? addDays(start, midDay()) : null;
    const closes = r() < 0.05 ? addDays(start, midDay()) : null;
    accounts.push({
      id: seed * 10000 + i,
      number: String(100000 + i),
      residential: true,
      openFrom: opens,
      closedOn: closes !== null && opens !== null && closes < opens ? null : closes,
      entrance: String(1 + (i % 4)),
      normCategory: null,
      areas: [{ id: i, area: areaValue, validFrom: date('2000-01-01'), validTo: null }],
      residents: residentsList,
      volumes: [
        {
          kind: 'readings',
          serviceId: S.coldWater.id,
          zones: [{ zone: 'single', volume: units(r, 15000, 3), readingIds: [i * 2, i * 2 + 1] }],
          meterIds: [i],
        },
        { kind: 'no_meter', serviceId: S.hotWater.id, meterInstallable: r() < 0.5 },
      ],
      absences: [],
    });
  }
  return {
    period: o.period,
    house: { id: seed, totalArea, commonArea: units(r, 80000, 2) },
    services: Object.values(S),
    houseServices: [
      houseService(S.coldWater.id, 'by_meter'),
      houseService(S.hotWater.id, 'by_norm'),
      houseService(S.maintenance.id, 'by_area'),
      houseService(S.capitalRepair.id, 'by_area'),
      houseService(S.waste.id, 'per_person'),
      houseService(S.intercom.id, 'fixed'),
      houseService(S.heating.id, 'heating_by_norm'),
      houseService(S.electricityCommon.id, 'common_needs_by_norm'),
    ],
    tariffs,
    norms: [norm(S.hotWater.id, '3.16'), norm(S.heating.id, '0.0227'), norm(S.electricityCommon.id, '1.781')],
    legal: o.legal ?? catalogueLegal(),
    accounts,
    flatMeters: [],
    commonMeters: [],
    heating: { schedule: 'twelve_months', inSeason: true },
    undersupplies: [],
  };
}
