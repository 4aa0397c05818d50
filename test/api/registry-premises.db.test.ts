/**
 * Premises of a house and their areas over time. Houses of their own town (Заозёрск), so the demo town does
 * not stand in the way. The clock stands at 2026-11-02: the current period is 2026-11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
let houseA: number; // УК Уютный дом, 9 floors, 4 entrances
let houseB: number; // ТСЖ Берёзка
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const house = async (houseNumber: string, manager: string) => {
    const res = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: {
        region: 'Демо-область',
        city: 'Заозёрск',
        street: 'ул. Ленина',
        houseNumber,
        floors: 9,
        entrances: 4,
        managerId: await t.orgId(manager),
        managedFrom: '2025-01-01',
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as number;
  };
  houseA = await house('5', 'УК Уютный дом');
  houseB = await house('7', 'ТСЖ Берёзка');
});
afterAll(() => t.dispose());

const post = (path: string, body: unknown, cookie = admin) =>
  t.call('POST', `/api/v1${path}`, { cookie, body });
const get = (path: string, cookie = admin) => t.call('GET', `/api/v1${path}`, { cookie });
const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field);

describe(`premises on ${engineName}`, () => {
  let flat12: number;
  let flat7: number;
  let room1: number;

  it('registers a flat with its areas from a date; areas are exact decimal strings', async () => {
    const res = await post(`/houses/${houseA}/premises`, {
      number: '12',
      rooms: 2,
      floor: 3,
      entrance: 1,
      totalArea: '54.3',
      livingArea: '32.10',
      areaFrom: '2026-01-01',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      houseId: houseA,
      number: '12',
      kind: 'flat',
      label: 'кв. 12',
      address: 'г. Заозёрск, ул. Ленина, д. 5',
      totalArea: '54.30',
      livingArea: '32.10',
      accountsCount: 0,
    });
    flat12 = res.json.id;
    const audit = await t.db.query<{ action: string }>(
      `select action from audit_records where object_type = 'premise' and object_id = $1`,
      [String(flat12)],
    );
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('names every bad field at once: a room without its flat, floor, entrance, living > total area', async () => {
    const res = await post(`/houses/${houseA}/premises`, {
      number: '13',
      kind: 'room',
      floor: 10, // the house has 9 floors
      entrance: 5, // and 4 entrances
      totalArea: '20.00',
      livingArea: '20.01',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { field: 'flatId', problem: 'комната должна принадлежать коммунальной квартире' },
      { field: 'floor', problem: 'этаж выше этажности дома (9)' },
      { field: 'entrance', problem: 'в доме подъезды с 1 по 4' },
      { field: 'livingArea', problem: 'жилая площадь больше общей (20.00 м²)' },
    ]);
    const zero = await post(`/houses/${houseA}/premises`, { number: '13', totalArea: '0.00' });
    expect(zero.json.error.details).toEqual([
      { field: 'totalArea', problem: 'общая площадь должна быть больше 0' },
    ]);
    const float = await post(`/houses/${houseA}/premises`, { number: '13', totalArea: '54.333' });
    expect(fields(float)).toEqual(['totalArea']);
  });

  it('refuses a second premise with the same number in the house, in any letter case: conflict on `number`', async () => {
    const res = await post(`/houses/${houseA}/premises`, { number: '12' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('conflict');
    expect(res.json.error.details).toEqual([{ field: 'number', problem: 'номер 12 уже занят в доме' }]);
    expect((await post(`/houses/${houseA}/premises`, { number: '12А' })).status).toBe(201);
    expect((await post(`/houses/${houseA}/premises`, { number: '12а' })).status).toBe(409);
    // the same number in another house is another premise
    expect((await post(`/houses/${houseB}/premises`, { number: '12' })).status).toBe(201);
    // two requests at once: the unique index decides, the loser gets the same conflict
    const both = await Promise.all([1, 2].map(() => post(`/houses/${houseB}/premises`, { number: '30' })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('keeps rooms in their shared flat: numbered within the flat, only in a shared flat', async () => {
    const flat = await post(`/houses/${houseA}/premises`, { number: '7', isSharedFlat: true, rooms: 3 });
    expect(flat.status).toBe(201);
    flat7 = flat.json.id;
    const room = await post(`/houses/${houseA}/premises`, {
      number: '1',
      kind: 'room',
      flatId: flat7,
      totalArea: '14.20',
    });
    expect(room.status, room.text).toBe(201);
    expect(room.json).toMatchObject({ label: 'кв. 7, комн. 1', flatId: flat7, totalArea: '14.20' });
    room1 = room.json.id;
    expect(
      (await post(`/houses/${houseA}/premises`, { number: '1', kind: 'room', flatId: flat7 })).status,
    ).toBe(409);
    // flat 1 of the house is not the room 1 of flat 7
    expect((await post(`/houses/${houseA}/premises`, { number: '1' })).status).toBe(201);
    const notShared = await post(`/houses/${houseA}/premises`, { number: '2', kind: 'room', flatId: flat12 });
    expect(notShared.json.error.details).toEqual([{ field: 'flatId', problem: 'кв. 12 не коммунальная' }]);
    const otherHouse = await post(`/houses/${houseB}/premises`, { number: '2', kind: 'room', flatId: flat7 });
    expect(otherHouse.json.error.details).toEqual([
      { field: 'flatId', problem: 'квартира не найдена в этом доме' },
    ]);
    const unshare = await t.call('PATCH', `/api/v1/premises/${flat7}`, {
      cookie: admin,
      body: { isSharedFlat: false },
    });
    expect(unshare.json.error.details).toEqual([
      { field: 'isSharedFlat', problem: 'в квартире 1 комнат(ы)' },
    ]);
  });

  it('lists the premises of a house in number order, a room after its flat, with the areas on a date', async () => {
    const res = await get(`/houses/${houseA}/premises`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((p: { label: string }) => p.label)).toEqual([
      'кв. 1',
      'кв. 7',
      'кв. 7, комн. 1',
      'кв. 12',
      'кв. 12А',
    ]);
    expect(res.json.total).toBe(5);
    const before = await get(`/houses/${houseA}/premises?onDate=2025-12-31&kind=flat&sort=-number`);
    expect(
      before.json.items.map((p: { number: string; totalArea: string | null }) => [p.number, p.totalArea]),
    ).toEqual([
      ['12А', null],
      ['12', null], // its areas hold from 2026-01-01
      ['7', null],
      ['1', null],
    ]);
    const rooms = await get(`/houses/${houseA}/premises?flatId=${flat7}`);
    expect(rooms.json.items.map((p: { id: number }) => p.id)).toEqual([room1]);
    expect((await get(`/houses/${houseA}/premises?sort=colour`)).status).toBe(400);
  });

  it('changes a premise; a number taken is a conflict; a reader may not write', async () => {
    const res = await t.call('PATCH', `/api/v1/premises/${flat12}`, {
      cookie: admin,
      body: { floor: 4, rooms: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ floor: 4, rooms: 3, entrance: 1, number: '12' });
    const taken = await t.call('PATCH', `/api/v1/premises/${flat12}`, {
      cookie: admin,
      body: { number: '7' },
    });
    expect(taken.status).toBe(409);
    const cashier = await t.login('cashier');
    expect((await get(`/premises/${flat12}`, cashier)).status).toBe(200);
    const denied = await t.call('PATCH', `/api/v1/premises/${flat12}`, {
      cookie: cashier,
      body: { floor: 5 },
    });
    expect(denied.status).toBe(403);
  });

  it('adds areas from a date: the version in force ends the day before; no recalculation in the current period', async () => {
    const res = await post(`/premises/${flat12}/areas`, {
      totalArea: '55.00',
      livingArea: '32.10',
      validFrom: '2026-11-15',
    });
    expect(res.status, res.text).toBe(201);
    expect(
      res.json.items.map((a: { totalArea: string; validFrom: string; validTo: string | null }) => [
        a.totalArea,
        a.validFrom,
        a.validTo,
      ]),
    ).toEqual([
      ['54.30', '2026-01-01', '2026-11-14'],
      ['55.00', '2026-11-15', null],
    ]);
    const again = await post(`/premises/${flat12}/areas`, { totalArea: '56.00', validFrom: '2026-11-15' });
    expect(again.status).toBe(400);
    expect(fields(again)).toEqual(['validFrom']);
    const pending = await t.db.query(`select 1 from recalculation_requests where house_id = $1`, [houseA]);
    expect(pending).toEqual([]);
    expect((await get(`/premises/${flat12}`)).json.totalArea).toBe('54.30'); // today is 2026-11-02
    expect((await get(`/premises/${flat12}?onDate=2026-11-15`)).json.totalArea).toBe('55.00');
  });

  it('a new area from a date before the current period is recorded for the house’s recalculation', async () => {
    const flat1 = (await get(`/houses/${houseA}/premises?sort=number`)).json.items[0].id as number;
    expect(
      (await post(`/premises/${flat1}/areas`, { totalArea: '40.00', validFrom: '2026-01-01' })).status,
    ).toBe(201);
    const past = await post(`/premises/${flat1}/areas`, { totalArea: '41.20', validFrom: '2026-10-01' });
    expect(past.status).toBe(201);
    expect(past.json.items.map((a: { validTo: string | null }) => a.validTo)).toEqual(['2026-09-30', null]);
    const requests = await t.db.query<{ object_type: string; house_id: number; from_date: string }>(
      `select object_type, house_id, from_date from recalculation_requests where house_id = $1 order by id`,
      [houseA],
    );
    expect(requests).toEqual([
      { object_type: 'premise_area', house_id: houseA, from_date: '2026-01-01' }, // the first areas, from January
      { object_type: 'premise_area', house_id: houseA, from_date: '2026-10-01' },
    ]);
  });

  it('a manager sees the premises of his houses only; another manager’s are not found', async () => {
    const uk = await t.login('uk_admin');
    expect((await get(`/houses/${houseA}/premises`, uk)).json.total).toBe(5);
    expect((await get(`/premises/${flat12}/areas`, uk)).status).toBe(200);
    const tsj = await t.login('tsj_admin');
    expect((await get(`/houses/${houseA}/premises`, tsj)).status).toBe(404);
    expect((await get(`/premises/${flat12}`, tsj)).status).toBe(404);
    expect((await get(`/premises/${flat12}/areas`, tsj)).status).toBe(404);
    expect(
      (await post(`/premises/${flat12}/areas`, { totalArea: '1.00', validFrom: '2027-01-01' }, tsj)).status,
    ).toBe(404);
    expect((await post(`/houses/${houseA}/premises`, { number: '99' }, tsj)).status).toBe(404);
  });
  it('only the settlement centre and the house’s manager of today change premises and accounts; a supplier and a former manager only read', async () => {
    // houseC: УК Уютный дом until 2025-12-31, ТСЖ Берёзка from 2026-01-01; Водоканал supplies cold water there
    const houseC = (
      await post('/houses', {
        region: 'Демо-область',
        city: 'Заозёрск',
        street: 'ул. Ленина',
        houseNumber: '9',
        managerId: await t.orgId('УК Уютный дом'),
        managedFrom: '2025-01-01',
      })
    ).json.id as number;
    expect(
      (
        await post(`/houses/${houseC}/managers`, {
          managerId: await t.orgId('ТСЖ Берёзка'),
          validFrom: '2026-01-01',
        })
      ).status,
    ).toBe(201);
    const water = await t.orgId('Водоканал Демо-города');
    const coldWater = (await get('/services?pageSize=100')).json.items.find(
      (x: { code: string }) => x.code === 'cold_water',
    ).id as number;
    const supply = await post(`/houses/${houseC}/services`, {
      serviceId: coldWater,
      supplierId: water,
      method: 'by_meter',
      validFrom: '2025-01-01',
    });
    expect(supply.status, supply.text).toBe(201);
    const created = await post('/users', {
      login: 'water_accountant',
      fullName: 'Водянова Лидия Петровна',
      password: 'long-enough-1',
      roles: ['billing_accountant'],
      organisationId: water,
    });
    expect(created.status, created.text).toBe(201);
    const supplier = await t.login('water_accountant', 'long-enough-1');
    const formerManager = await t.login('uk_admin');
    const manager = await t.login('tsj_admin');

    // both see the house's premises (the supplier by its service, the former manager by his history) …
    const flat = await post(`/houses/${houseC}/premises`, { number: '1', totalArea: '40.00' });
    expect(flat.status, flat.text).toBe(201);
    expect((await get(`/houses/${houseC}/premises`, supplier)).json.total).toBe(1);
    expect((await get(`/houses/${houseC}/premises`, formerManager)).json.total).toBe(1);
    // … but change nothing: 403, and nothing written
    for (const cookie of [supplier, formerManager]) {
      const denied = [
        await post(`/houses/${houseC}/premises`, { number: '2' }, cookie),
        await t.call('PATCH', `/api/v1/premises/${flat.json.id}`, { cookie, body: { rooms: 3 } }),
        await post(
          `/premises/${flat.json.id}/areas`,
          { totalArea: '41.00', validFrom: '2026-12-01' },
          cookie,
        ),
        await post(
          `/premises/${flat.json.id}/accounts`,
          { payerKind: 'person', payerName: 'Иванов И. И.', areaShare: '1' },
          cookie,
        ),
      ];
      expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    }
    expect((await get(`/houses/${houseC}/premises`)).json.total).toBe(1);
    // the manager of today does it all
    expect((await post(`/houses/${houseC}/premises`, { number: '2' }, manager)).status).toBe(201);
    const account = await post(
      `/premises/${flat.json.id}/accounts`,
      { payerKind: 'person', payerName: 'Иванов Иван Иванович', areaShare: '1' },
      manager,
    );
    expect(account.status, account.text).toBe(201);
    // and the supplier may not close the account the manager opened
    const close = await post(
      `/accounts/${account.json.id}/close`,
      { closedOn: '2026-11-30', reason: 'продажа' },
      supplier,
    );
    expect(close.status).toBe(403);
  });
});
