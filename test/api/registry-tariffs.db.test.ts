/**
 * Tariffs: which one applies on a date (house list over city over region), a change from the 1st of July,
 * overlaps refused, retroactive changes recorded with the right from_date, zones, exact rates, and scope.
 * The clock stands at 2026-11-02, so the current period starts 2026-11-01. Expected values are by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import type { IsoDate } from '../../src/domain/period.js';
import { tariffFor } from '../../src/services/registry/tariffs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { REGION, registryFixture } from './registry-fixture.js';

/** The demo town's own tariffs are set for its region; these tests work in another. */
const notDemo = (x: { region: string | null }) => x.region !== 'Демо-область';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  for (const h of [f.houses.A, f.houses.B, f.houses.C]) {
    await f.provide(h, 'cold_water', f.org.water, 'by_meter');
    await f.provide(h, 'electricity', f.org.heat, 'by_meter'); // the heat network plays the power supplier
  }
});
afterAll(() => t.dispose());

const post = async (body: Record<string, unknown>, as = f.admin) =>
  t.call('POST', '/api/v1/tariffs', { cookie: as, body: { source: 'Постановление РЭК № 1', ...body } });
const cold = (body: Record<string, unknown>) =>
  post({ supplierId: f.org.water, serviceId: f.services.cold_water, ...body });
/** The cold-water rate that applies to a house on a date, and from which level. */
const coldRate = async (house: number, date: string) => {
  const choice = await tariffFor(t.db, house, f.services.cold_water!, date as IsoDate);
  return choice && `${choice.level} ${choice.tariffs.map((x) => x.rate).join(' ')}`;
};

describe('which tariff applies on a date', () => {
  beforeAll(async () => {
    const region = await cold({ region: REGION, rate: '45.67', validFrom: '2026-01-01' });
    const city = await cold({ region: REGION, city: 'Тестоград', rate: '47.1', validFrom: '2026-01-01' });
    const houseA = await cold({ houseIds: [f.houses.A], rate: '40.0000', validFrom: '2026-03-01' });
    for (const r of [region, city, houseA]) expect(r.status, r.text).toBe(201);
    ids.region = region.json.id;
    ids.city = city.json.id;
    ids.houseA = houseA.json.id;
  });

  it.each([
    ['A', '2025-12-31', undefined], // before any tariff
    ['A', '2026-02-28', 'city 47.1'], // the city tariff beats the region tariff
    ['A', '2026-03-01', 'houses 40'], // the house list beats the city
    ['B', '2026-03-01', 'city 47.1'], // B is in the city but not in the list
    ['C', '2026-03-01', 'region 45.67'], // C is in another town of the region
  ] as const)('house %s on %s → %s', async (house, date, expected) => {
    expect(await coldRate(f.houses[house], date)).toBe(expected);
  });

  it('the API shows the same per service of the house, with trailing zeros trimmed', async () => {
    const res = await t.call('GET', `/api/v1/houses/${f.houses.A}/tariffs?onDate=2026-03-01`, {
      cookie: f.admin,
    });
    expect(res.status).toBe(200);
    const water = res.json.items.find((i: { serviceCode: string }) => i.serviceCode === 'cold_water');
    expect([water.level, water.tariffs.map((x: { rate: string }) => x.rate)]).toEqual(['houses', ['40']]);
  });

  it('a tariff entered in November for January is retroactive: one request for the territory', async () => {
    expect(await f.requests('tariff', ids.region!)).toEqual([[null, '2026-01-01']]);
    expect(await f.requests('tariff', ids.houseA!)).toEqual([[f.houses.A, '2026-03-01']]);
  });
});

describe('a change from the 1st of July', () => {
  it('closes the region version on 30 June and is recorded for recalculation from 1 July', async () => {
    const res = await cold({ region: REGION, rate: '50.00', validFrom: '2026-07-01' });
    expect(res.status, res.text).toBe(201);
    ids.july = res.json.id;
    const history = await t.call('GET', `/api/v1/tariffs/${ids.region}/history`, { cookie: f.admin });
    expect(history.json.items.map((x: Record<string, string>) => [x.rate, x.validFrom, x.validTo])).toEqual([
      ['45.67', '2026-01-01', '2026-06-30'],
      ['50', '2026-07-01', null],
    ]);
    expect(await coldRate(f.houses.C, '2026-06-30')).toBe('region 45.67');
    expect(await coldRate(f.houses.C, '2026-07-01')).toBe('region 50');
    expect(await f.requests('tariff', ids.july!)).toEqual([[null, '2026-07-01']]);
  });

  it('charges RULES.md example 1.1 at the June rate: 7.333 m³ × 45.67 = 334.90', async () => {
    const june = (await tariffFor(t.db, f.houses.C, f.services.cold_water!, '2026-06-30' as IsoDate))!;
    expect(Decimal.parse('7.333').mul(Decimal.parse(june.tariffs[0]!.rate)).round(2).toString()).toBe(
      '334.9',
    );
  });

  it('refuses a second version from the same day, and a dated one over existing days, naming validFrom', async () => {
    for (const body of [
      { region: REGION, rate: '52', validFrom: '2026-07-01' },
      { region: REGION, rate: '48', validFrom: '2026-05-01', validTo: '2026-08-31' },
    ]) {
      const res = await cold(body);
      expect(res.status).toBe(400);
      expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual(['validFrom']);
    }
    const history = await t.call('GET', `/api/v1/tariffs/${ids.july}/history`, { cookie: f.admin });
    expect(history.json.items).toHaveLength(2);
  });

  it('records nothing when the new version keeps the rate (no day changes)', async () => {
    const res = await cold({ region: REGION, city: 'Тестоград', rate: '47.10', validFrom: '2026-08-01' });
    expect(res.status).toBe(201);
    expect(await f.requests('tariff', res.json.id)).toEqual([]);
  });
});

describe('house lists', () => {
  it('records one request per listed house; a later list wins for a house named twice', async () => {
    const res = await cold({ houseIds: [f.houses.B, f.houses.A], rate: '39.5', validFrom: '2026-09-01' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.houseIds).toEqual([f.houses.A, f.houses.B].sort((a, b) => a - b));
    expect(await f.requests('tariff', res.json.id)).toEqual(
      [f.houses.A, f.houses.B].sort((a, b) => a - b).map((h) => [h, '2026-09-01']),
    );
    expect(await coldRate(f.houses.A, '2026-08-31')).toBe('houses 40');
    expect(await coldRate(f.houses.A, '2026-09-15')).toBe('houses 39.5');
  });

  it('records nothing for a change from the current period or later', async () => {
    for (const validFrom of ['2026-11-01', '2026-12-01']) {
      const res = await cold({
        houseIds: [f.houses.B],
        rate: validFrom === '2026-11-01' ? '41' : '42',
        validFrom,
      });
      expect(res.status).toBe(201);
      expect(await f.requests('tariff', res.json.id)).toEqual([]);
    }
  });

  it('fills a gap with a dated version: house C paid 44.00 in 2025', async () => {
    const res = await cold({
      houseIds: [f.houses.C],
      rate: '44',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    });
    expect(res.status, res.text).toBe(201);
    expect(await coldRate(f.houses.C, '2025-06-01')).toBe('houses 44');
    expect(await coldRate(f.houses.C, '2026-01-01')).toBe('region 45.67');
    expect(await f.requests('tariff', res.json.id)).toEqual([[f.houses.C, '2025-01-01']]);
  });
});

describe('zones and rates', () => {
  it('gives the day and night rates of a two-zone tariff: 200 × 6.50 + 100 × 3.25 = 1625.00 (RULES.md §10.2)', async () => {
    for (const [zone, rate] of [
      ['day', '6.50'],
      ['night', '3.25'],
    ]) {
      const res = await post({
        supplierId: f.org.heat,
        serviceId: f.services.electricity,
        zone,
        rate,
        region: REGION,
        validFrom: '2026-01-01',
      });
      expect(res.status, res.text).toBe(201);
    }
    const choice = (await tariffFor(t.db, f.houses.B, f.services.electricity!, '2026-10-15' as IsoDate))!;
    const rate = Object.fromEntries(choice.tariffs.map((x) => [x.zone, Decimal.parse(x.rate)]));
    const charge = Decimal.fromInt(200).mul(rate.day!).add(Decimal.fromInt(100).mul(rate.night!));
    expect(charge.toFixed(2)).toBe('1625.00');
  });

  it.each([
    ['a float rate', { rate: 45.67 }, ['rate']],
    ['five decimals', { rate: '45.67891' }, ['rate']],
    ['a zone for water', { rate: '1', zone: 'night' }, ['zone']],
  ])('refuses %s', async (_name, body, fields) => {
    const res = await cold({ region: REGION, validFrom: '2027-01-01', ...body });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual(fields);
  });

  it('collects every problem: unknown service and no territory', async () => {
    const res = await post({
      supplierId: f.org.water,
      serviceId: 999999,
      rate: '1',
      validFrom: '2027-01-01',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'region',
      'serviceId',
    ]);
  });
});

describe('scope and permissions', () => {
  it('a manager cannot set a supplier’s tariff, nor one for another manager’s house', async () => {
    const uk = await t.login('uk_admin');
    const asManager = await post(
      {
        supplierId: f.org.water,
        serviceId: f.services.cold_water,
        region: REGION,
        rate: '10',
        validFrom: '2027-02-01',
      },
      uk,
    );
    expect(asManager.status).toBe(400);
    expect(asManager.json.error.details).toEqual([
      { field: 'supplierId', problem: 'организация не найдена' },
    ]);
    const otherHouse = await post(
      {
        supplierId: f.org.uk,
        serviceId: f.services.maintenance,
        houseIds: [f.houses.C],
        rate: '25.5',
        validFrom: '2026-12-01',
      },
      uk,
    );
    expect(otherHouse.json.error.details).toEqual([{ field: 'houseIds.0', problem: 'дом не найден' }]);
  });

  it('a manager sets its own maintenance tariff for its houses', async () => {
    const uk = await t.login('uk_admin');
    const res = await post(
      {
        supplierId: f.org.uk,
        serviceId: f.services.maintenance,
        houseIds: [f.houses.A, f.houses.B],
        rate: '25.50',
        validFrom: '2026-12-01',
      },
      uk,
    );
    expect(res.status, res.text).toBe(201);
    const mine = await t.call('GET', '/api/v1/tariffs', { cookie: uk });
    expect(mine.json.items.filter(notDemo).map((x: { supplierId: number }) => x.supplierId)).toEqual([
      f.org.uk,
    ]);
    const theirs = await t.call('GET', `/api/v1/tariffs/${ids.region}/history`, { cookie: uk });
    expect(theirs.status).toBe(404);
  });

  it.each(['cashier', 'water_analyst'])('%s may not write tariffs', async (login) => {
    const denied = await post(
      {
        supplierId: f.org.water,
        serviceId: f.services.cold_water,
        region: 'Третья область',
        rate: '1',
        validFrom: '2027-01-01',
      },
      await t.login(login),
    );
    expect(denied.status).toBe(403);
  });

  it('the billing accountant may; a supplier reads only its own tariffs', async () => {
    const res = await post(
      {
        supplierId: f.org.water,
        serviceId: f.services.wastewater,
        region: REGION,
        rate: '38.9',
        validFrom: '2026-11-01',
      },
      await t.login('accountant'),
    );
    expect(res.status, res.text).toBe(201);
    const list = await t.call('GET', '/api/v1/tariffs?pageSize=500', {
      cookie: await t.login('water_analyst'),
    });
    expect(new Set(list.json.items.map((x: { supplierId: number }) => x.supplierId))).toEqual(
      new Set([f.org.water]),
    );
  });
});

describe('lists', () => {
  it('filters by service and date: region, city and the house-A list on 30 June', async () => {
    const q = `serviceId=${f.services.cold_water}&onDate=2026-06-30&sort=rate`;
    const res = await t.call('GET', `/api/v1/tariffs?${q}`, { cookie: f.admin });
    expect(res.json.items.filter(notDemo).map((x: { rate: string }) => x.rate)).toEqual([
      '40',
      '45.67',
      '47.1',
    ]);
  });

  it('filters by house: what can apply to C on 30 June is the region tariff alone', async () => {
    const q = `serviceId=${f.services.cold_water}&onDate=2026-06-30&houseId=${f.houses.C}`;
    const res = await t.call('GET', `/api/v1/tariffs?${q}`, { cookie: f.admin });
    expect(res.json.items.map((x: { id: number }) => x.id)).toEqual([ids.region]);
  });
});
