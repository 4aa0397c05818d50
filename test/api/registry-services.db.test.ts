/**
 * The service catalogue and the services of a house over time: a new supplier or method closes the open
 * version the day before, overlaps are refused, a past start is recorded for the house, the supplier must
 * fit the service, and a manager sees only its own houses. The clock stands at 2026-11-02.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedServices, standardServices } from '../../src/services/registry/services.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registryFixture } from './registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
});
afterAll(() => t.dispose());

const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field).sort();

describe('the service catalogue', () => {
  it('holds the standard services once, however often it is loaded', async () => {
    expect(await seedServices(t.db)).toBe(0);
    const res = await t.call('GET', '/api/v1/services', { cookie: await t.login('cashier') });
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(standardServices.length);
    const heating = res.json.items.find((s: { code: string }) => s.code === 'heating');
    expect(heating).toMatchObject({ name: 'Отопление', unit: 'Гкал', kind: 'utility', resource: 'heating' });
  });

  it('adds a service; a taken code is a conflict; a utility needs a resource', async () => {
    const body = { code: 'intercom', name: 'Домофон', unit: 'кв.', kind: 'housing' };
    const created = await t.call('POST', '/api/v1/services', { cookie: f.admin, body });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ ...body, resource: null });
    const again = await t.call('POST', '/api/v1/services', { cookie: f.admin, body });
    expect(again.status).toBe(409);
    const utility = await t.call('POST', '/api/v1/services', {
      cookie: f.admin,
      body: { ...body, code: 'steam', kind: 'utility' },
    });
    expect(fields(utility)).toEqual(['resource']);
    const badCode = await t.call('POST', '/api/v1/services', {
      cookie: f.admin,
      body: { ...body, code: 'Bad' },
    });
    expect(fields(badCode)).toEqual(['code']);
  });

  it('is kept by the settlement centre', async () => {
    const body = { code: 'concierge', name: 'Консьерж', unit: 'кв.', kind: 'housing' };
    const res = await t.call('POST', '/api/v1/services', { cookie: await t.login('uk_admin'), body });
    expect(res.status).toBe(403);
  });
});

describe('services of a house', () => {
  const path = () => `/api/v1/houses/${f.houses.A}/services`;
  const add = (body: Record<string, unknown>, cookie = f.admin) =>
    t.call('POST', path(), { cookie, body: { serviceId: f.services.cold_water, ...body } });
  const onDate = async (date: string) =>
    (await t.call('GET', `${path()}?onDate=${date}`, { cookie: f.admin })).json.items.map(
      (s: Record<string, string>) => `${s.serviceCode} ${s.supplierName} ${s.method}`,
    );

  it('a change of method from 1 July closes the open version on 30 June and is recorded for the house', async () => {
    expect((await add({ supplierId: f.org.water, method: 'by_meter', validFrom: '2026-01-01' })).status).toBe(
      201,
    );
    const res = await add({ supplierId: f.org.water, method: 'by_norm', validFrom: '2026-07-01' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.items.map((s: Record<string, string>) => [s.method, s.validFrom, s.validTo])).toEqual([
      ['by_meter', '2026-01-01', '2026-06-30'],
      ['by_norm', '2026-07-01', null],
    ]);
    expect(await onDate('2026-06-30')).toEqual(['cold_water Водоканал Демо-города by_meter']);
    expect(await onDate('2026-07-01')).toEqual(['cold_water Водоканал Демо-города by_norm']);
    const newest = res.json.items[1].id as number;
    expect(await f.requests('house_service', newest)).toEqual([[f.houses.A, '2026-07-01']]);
  });

  it('refuses a version that does not start after the open one, naming validFrom', async () => {
    const res = await add({ supplierId: f.org.water, method: 'by_meter', validFrom: '2026-07-01' });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['validFrom']);
  });

  it('records nothing for a start in the current period', async () => {
    const res = await add({ supplierId: f.org.water, method: 'by_meter', validFrom: '2026-11-01' });
    expect(res.status).toBe(201);
    expect(await f.requests('house_service', res.json.items.at(-1).id)).toEqual([]);
  });

  it('a housing service may be provided by the house’s manager, a utility only by a supplier', async () => {
    const maintenance = { serviceId: f.services.maintenance, method: 'by_area', validFrom: '2026-01-01' };
    expect((await add({ ...maintenance, supplierId: f.org.uk })).status).toBe(201);
    const other = await add({ ...maintenance, supplierId: f.org.tsj, validFrom: '2026-12-01' });
    expect(other.json.error.details).toEqual([
      { field: 'supplierId', problem: 'организация не управляет домом на 2026-12-01' },
    ]);
    const utility = await add({
      serviceId: f.services.hot_water,
      supplierId: f.org.uk,
      method: 'by_meter',
      validFrom: '2026-01-01',
    });
    expect(fields(utility)).toEqual(['supplierId']);
  });

  it('collects every problem: a heating method for water, an unknown supplier, a start inside history', async () => {
    const res = await add({ supplierId: 999999, method: 'heating_by_norm', validFrom: '2026-01-01' });
    expect(fields(res)).toEqual(['method', 'supplierId', 'validFrom']);
  });

  it('a manager sees the services of its own houses only', async () => {
    const uk = await t.login('uk_admin');
    expect((await t.call('GET', path(), { cookie: uk })).status).toBe(200);
    const other = await t.call('GET', `/api/v1/houses/${f.houses.C}/services`, { cookie: uk });
    expect(other.status).toBe(404);
    const write = await t.call('POST', `/api/v1/houses/${f.houses.C}/services`, {
      cookie: uk,
      body: {
        serviceId: f.services.maintenance,
        supplierId: f.org.uk,
        method: 'by_area',
        validFrom: '2026-12-01',
      },
    });
    expect(write.status).toBe(404);
  });
});
