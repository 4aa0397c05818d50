import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
let ids: Record<string, number>;
beforeAll(async () => {
  t = await createTestApp(); // the clock stands at 2026-11-02: the current period is 2026-11
  admin = await t.login('admin');
  ids = {
    uk: await t.orgId('УК Уютный дом'),
    tsj: await t.orgId('ТСЖ Берёзка'),
    water: await t.orgId('Водоканал Демо-города'),
  };
});
afterAll(() => t.dispose());

const lenina5 = {
  region: 'Демо-область',
  city: 'Демо-город',
  street: 'ул. Испытателей',
  houseNumber: '5',
  building: '2',
  postalCode: '123456',
  yearBuilt: 1975,
  floors: 9,
  entrances: 4,
  totalArea: '5230.40',
  residentialArea: '4100.10',
  nonResidentialArea: '320.00',
  commonArea: '810.30',
  hasLift: true,
  commonMeters: ['cold_water', 'heating'],
};

describe(`houses on ${engineName}`, () => {
  let houseId: number;

  it('registers a house with its manager; the address is written one way', async () => {
    const res = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: { ...lenina5, managerId: ids.uk, managedFrom: '2026-01-01' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      address: 'г. Демо-город, ул. Испытателей, д. 5, корп. 2',
      totalArea: '5230.40',
      manager: { id: ids.uk, name: 'УК Уютный дом' },
      hotWater: 'central',
      commonMeters: ['cold_water', 'heating'],
    });
    houseId = res.json.id;
  });

  it('names each bad field: postal code, FIAS id, areas that do not add up, a manager that is not one', async () => {
    const res = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: { ...lenina5, postalCode: '12345', fiasId: 'not-a-uuid', totalArea: '10.5.1' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'fiasId',
      'postalCode',
      'totalArea',
    ]);
    // 4100.10 + 320.00 = 4420.10 > 4000.00
    const areas = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: { ...lenina5, totalArea: '4000.00', managerId: ids.water },
    });
    expect(areas.status).toBe(400);
    expect(areas.json.error.details).toEqual([
      { field: 'residentialArea', problem: 'жилая и нежилая площади вместе больше общей' },
      { field: 'managerId', problem: 'это не управляющая организация' },
    ]);
  });

  it('finds a house by a fragment of its address', async () => {
    const res = await t.call('GET', `/api/v1/houses?q=${encodeURIComponent('испытателей 5')}`, {
      cookie: admin,
    });
    expect(res.json.items.map((h: { id: number }) => h.id)).toContain(houseId);
    const none = await t.call('GET', `/api/v1/houses?q=${encodeURIComponent('Несуществующая')}`, {
      cookie: admin,
    });
    expect(none.json.items).toEqual([]);
  });

  it('hands the house to another manager from a past date: the previous period ends the day before, and a recalculation is recorded', async () => {
    const res = await t.call('POST', `/api/v1/houses/${houseId}/managers`, {
      cookie: admin,
      body: { managerId: ids.tsj, validFrom: '2026-06-01' },
    });
    expect(res.status).toBe(201);
    expect(res.json.items).toEqual([
      expect.objectContaining({ managerId: ids.uk, validFrom: '2026-01-01', validTo: '2026-05-31' }),
      expect.objectContaining({ managerId: ids.tsj, validFrom: '2026-06-01', validTo: null }),
    ]);
    const requests = await t.db.query<{ house_id: number; from_date: string; reason: string }>(
      `select house_id, from_date, reason from recalculation_requests where object_type = 'house_manager'`,
    );
    expect(requests).toEqual([
      { house_id: houseId, from_date: '2026-06-01', reason: 'смена управляющей организации' },
    ]);
    // the manager on a date before the change is still the first one
    const before = await t.call(
      'GET',
      `/api/v1/houses?onDate=2026-05-31&q=${encodeURIComponent('Испытателей')}`,
      {
        cookie: admin,
      },
    );
    expect(before.json.items[0].manager.id).toBe(ids.uk);
  });

  it('a change from the current period on records no recalculation; a date not after the current start is refused', async () => {
    const refused = await t.call('POST', `/api/v1/houses/${houseId}/managers`, {
      cookie: admin,
      body: { managerId: ids.uk, validFrom: '2026-06-01' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[0].field).toBe('validFrom');
    const ok = await t.call('POST', `/api/v1/houses/${houseId}/managers`, {
      cookie: admin,
      body: { managerId: ids.uk, validFrom: '2026-11-15' },
    });
    expect(ok.status).toBe(201);
    const n = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from recalculation_requests where object_type = 'house_manager'`,
    );
    expect(n!.n).toBe(1);
  });

  it('scope: each manager sees the houses it manages or managed; another supplier or a payment agent sees none', async () => {
    const otherHouse = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: { ...lenina5, houseNumber: '7', managerId: ids.tsj, managedFrom: '2026-01-01' },
    });
    const uk = await t.login('uk_admin');
    const tsj = await t.login('tsj_admin');
    const water = await t.login('water_analyst');
    // within the test street (the demo town's houses are managed by the same organisations)
    const listOf = async (cookie: string) =>
      (await t.call('GET', `/api/v1/houses?q=${encodeURIComponent('Испытателей')}`, { cookie })).json.items
        .map((h: { id: number }) => h.id)
        .sort((a: number, b: number) => a - b);
    expect(await listOf(uk)).toEqual([houseId]);
    expect(await listOf(tsj)).toEqual([houseId, otherHouse.json.id]);
    expect(await listOf(water)).toEqual([]);
    expect((await t.call('GET', `/api/v1/houses/${otherHouse.json.id}`, { cookie: uk })).status).toBe(404);
    expect(
      (await t.call('PATCH', `/api/v1/houses/${otherHouse.json.id}`, { cookie: uk, body: { floors: 12 } }))
        .status,
    ).toBe(404);
    expect((await t.call('GET', '/api/v1/houses', { cookie: await t.login('sber') })).status).toBe(403);
  });

  it('only the settlement centre registers houses', async () => {
    const uk = await t.login('uk_admin');
    const res = await t.call('POST', '/api/v1/houses', {
      cookie: uk,
      body: { ...lenina5, houseNumber: '9' },
    });
    expect(res.status).toBe(403);
  });

  it('a change is audited with the fields before and after', async () => {
    const res = await t.call('PATCH', `/api/v1/houses/${houseId}`, {
      cookie: admin,
      body: { floors: 10, hasGas: true },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ floors: 10, hasGas: true, yearBuilt: 1975 });
    const audit = await t.call('GET', `/api/v1/audit?objectType=house&objectId=${houseId}&action=update`, {
      cookie: admin,
    });
    expect(audit.json.items[0]).toMatchObject({
      before: { floors: 9, hasGas: false },
      after: { floors: 10, hasGas: true },
    });
  });
});
