import { describe, expect, it } from 'vitest';
import type { Tariff } from '../../db/registry/tariffs.js';
import type { IsoDate } from '../../domain/period.js';
import { planVersion } from './services.js';
import { chooseTariffs, tariffKey } from './tariffs.js';

let serial = 0;
const tariff = (t: Partial<Tariff>): Tariff => ({
  id: ++serial,
  supplierId: 1,
  supplierName: 'Водоканал',
  serviceId: 1,
  serviceCode: 'cold_water',
  serviceName: 'Холодное водоснабжение',
  zone: 'single',
  rate: '1',
  region: 'Демо-область',
  city: null,
  houseIds: [],
  validFrom: '2026-01-01',
  validTo: null,
  source: null,
  createdAt: new Date(0),
  ...t,
});
const rates = (list: Tariff[]) => {
  const choice = chooseTariffs(list);
  return choice && `${choice.level}: ${choice.tariffs.map((t) => `${t.zone} ${t.rate}`).join(', ')}`;
};

describe('chooseTariffs', () => {
  const region = tariff({ rate: '45.67' });
  const city = tariff({ city: 'Демо-город', rate: '47.1' });
  const houses = tariff({ houseIds: [7], rate: '40' });
  it.each([
    [[], undefined],
    [[region], 'region: single 45.67'],
    [[region, city], 'city: single 47.1'],
    [[houses, region, city], 'houses: single 40'],
    // the later of two house lists naming the house wins
    [[houses, tariff({ houseIds: [7, 8], rate: '39.5', validFrom: '2026-09-01' })], 'houses: single 39.5'],
    // zones are chosen with their level: the city's single rate replaces the region's day/night
    [
      [tariff({ zone: 'day', rate: '6.5' }), tariff({ zone: 'night', rate: '3.25' })],
      'region: day 6.5, night 3.25',
    ],
    [[tariff({ zone: 'day', rate: '6.5' }), city], 'city: single 47.1'],
  ])('%#: %s', (list, expected) => expect(rates(list)).toBe(expected));
});

describe('tariffKey', () => {
  it('ignores the order of houses and the letter case of the territory', () => {
    expect(tariffKey(tariff({ houseIds: [2, 1] }))).toBe(
      tariffKey(tariff({ houseIds: [1, 2], region: 'x' })),
    );
    expect(tariffKey(tariff({ region: 'ДЕМО-ОБЛАСТЬ' }))).toBe(tariffKey(tariff({})));
    expect(tariffKey(tariff({ city: 'Демо-город' }))).not.toBe(tariffKey(tariff({})));
    expect(tariffKey(tariff({ zone: 'day' }))).not.toBe(tariffKey(tariff({})));
  });
});

describe('planVersion', () => {
  type V = { id: number; validFrom: IsoDate; validTo: IsoDate | null; rate: string };
  const v = (id: number, from: string, to: string | null, rate: string): V => ({
    id,
    validFrom: from as IsoDate,
    validTo: to as IsoDate | null,
    rate,
  });
  const same = (a: V, b: V) => a.rate === b.rate;
  const history = [v(1, '2026-01-01', null, '45.67')];

  it('closes the open version the day before; the value changes from the new start', () => {
    const result = planVersion(history, v(0, '2026-07-01', null, '50'), same);
    expect(result.ok && [result.plan.closed?.validTo, result.plan.fromDate]).toEqual([
      '2026-06-30',
      '2026-07-01',
    ]);
  });

  it('changes no day when the value stays', () => {
    const result = planVersion(history, v(0, '2026-07-01', null, '45.67'), same);
    expect(result.ok && result.plan.fromDate).toBeNull();
  });

  it('fills a gap before the history with a dated version, and refuses one over existing days', () => {
    const gap = planVersion(history, v(0, '2025-01-01', '2025-12-31', '44'), same);
    expect(gap.ok && [gap.plan.closed, gap.plan.fromDate]).toEqual([undefined, '2025-01-01']);
    const clash = planVersion(history, v(0, '2025-06-01', '2026-01-01', '44'), same);
    expect(!clash.ok && clash.error.field).toBe('validFrom');
  });

  it('refuses an open version that does not start after the open one', () => {
    const result = planVersion(history, v(0, '2026-01-01', null, '50'), same);
    expect(!result.ok && result.error.field).toBe('validFrom');
  });
});
