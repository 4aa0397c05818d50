/**
 * Consumption norms: a change from the 1st of July closes the open version and is recorded for
 * recalculation; overlaps refused; the category must fit the service; a house's norm follows its region and
 * equipment. The clock stands at 2026-11-02. Expected values are by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/domain/period.js';
import { normFor } from '../../src/services/registry/norms.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { REGION, registryFixture } from './registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let first: number;

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
});
afterAll(() => t.dispose());

const post = (body: Record<string, unknown>, cookie = f.admin) =>
  t.call('POST', '/api/v1/norms', {
    cookie,
    body: {
      serviceId: f.services.cold_water,
      region: REGION,
      category: 'water_cold_hot',
      basis: 'per_person',
      unit: 'м³/чел. в месяц',
      source: 'Приказ министерства ЖКХ области № 7',
      ...body,
    },
  });
const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field).sort();

describe('versions of a norm', () => {
  it('a norm entered in November for January is recorded for recalculation of every house', async () => {
    const res = await post({ value: '4.32', validFrom: '2026-01-01' });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ value: '4.32', per: 'month', serviceCode: 'cold_water' });
    first = res.json.id;
    expect(await f.requests('norm', first)).toEqual([[null, '2026-01-01']]);
  });

  it('a change from 1 July closes the first version on 30 June', async () => {
    const res = await post({ value: '4.500000', validFrom: '2026-07-01' });
    expect(res.status, res.text).toBe(201);
    expect(await f.requests('norm', res.json.id)).toEqual([[null, '2026-07-01']]);
    const history = await t.call('GET', `/api/v1/norms/${first}/history`, { cookie: f.admin });
    expect(history.json.items.map((n: Record<string, string>) => [n.value, n.validFrom, n.validTo])).toEqual([
      ['4.32', '2026-01-01', '2026-06-30'],
      ['4.5', '2026-07-01', null],
    ]);
    const june = await t.call(
      'GET',
      `/api/v1/norms?serviceId=${f.services.cold_water}&onDate=2026-06-30&region=${encodeURIComponent(REGION)}`,
      {
        cookie: await t.login('cashier'),
      },
    );
    expect(june.json.items.map((n: { value: string }) => n.value)).toEqual(['4.32']);
  });

  it('refuses an overlap, naming validFrom', async () => {
    const res = await post({ value: '4.6', validFrom: '2026-07-01' });
    expect(fields(res)).toEqual(['validFrom']);
  });

  it('refuses a category of another service and a heating-season norm for water, together', async () => {
    const res = await post({
      value: '1',
      validFrom: '2027-01-01',
      category: 'electricity_gas_stove',
      per: 'heating_season',
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['category', 'per']);
  });

  it('refuses a float value and an unknown category', async () => {
    expect(fields(await post({ value: 4.32, validFrom: '2027-01-01' }))).toEqual(['value']);
    expect(fields(await post({ value: '4.32', validFrom: '2027-01-01', category: 'palace' }))).toEqual([
      'category',
    ]);
  });

  it('is kept by the settlement centre', async () => {
    expect((await post({ value: '1', validFrom: '2027-01-01' }, await t.login('uk_admin'))).status).toBe(403);
    expect((await post({ value: '1', validFrom: '2027-01-01' }, await t.login('cashier'))).status).toBe(403);
  });
});

describe('the norm of a house', () => {
  it('follows the house’s region and equipment category', async () => {
    // C has a local water heater: its category has its own norm
    expect(
      (await post({ value: '5.1', validFrom: '2026-01-01', category: 'water_cold_local_heater' })).status,
    ).toBe(201);
    const on = async (house: number, date: string) =>
      (await normFor(t.db, house, f.services.cold_water!, date as IsoDate))?.value;
    expect(await on(f.houses.A, '2025-12-31')).toBeUndefined();
    expect(await on(f.houses.A, '2026-06-30')).toBe('4.32');
    expect(await on(f.houses.B, '2026-07-01')).toBe('4.5');
    expect(await on(f.houses.C, '2026-07-01')).toBe('5.1');
  });

  it('lists the categories', async () => {
    const res = await t.call('GET', '/api/v1/norms/categories', { cookie: f.admin });
    expect(res.json.items).toContainEqual({
      code: 'common_with_lift',
      group: 'common_needs',
      name: 'Общее имущество: дом с лифтом',
    });
  });

  it('answers not_found for an unknown norm', async () => {
    expect((await t.call('GET', '/api/v1/norms/999999/history', { cookie: f.admin })).status).toBe(404);
  });
});
