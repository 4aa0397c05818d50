/**
 * A small registry for the tariff, norm and service tests: the standard services, three houses in
 * Тестовая область — A and B in Тестоград managed by УК Уютный дом, C in посёлок Лесной managed by ТСЖ Берёзка —
 * and helpers to give a house a service and to read the recalculation requests of an object.
 */
import { expect } from 'vitest';
import { seedServices } from '../../src/services/registry/services.js';
import type { TestApp } from '../support/app.js';

export const REGION = 'Тестовая область';

export async function registryFixture(t: TestApp) {
  await seedServices(t.db);
  const admin = await t.login('admin');
  const org = {
    eirc: await t.orgId('ЕИРЦ Демо-города'),
    uk: await t.orgId('УК Уютный дом'),
    tsj: await t.orgId('ТСЖ Берёзка'),
    water: await t.orgId('Водоканал Демо-города'),
    heat: await t.orgId('Теплосеть Демо-города'),
  };
  const list = await t.call('GET', '/api/v1/services', { cookie: admin });
  const services: Record<string, number> = Object.fromEntries(
    (list.json.items as { code: string; id: number }[]).map((s) => [s.code, s.id]),
  );
  const house = async (city: string, street: string, houseNumber: string, managerId: number, extra = {}) => {
    const res = await t.call('POST', '/api/v1/houses', {
      cookie: admin,
      body: { region: REGION, city, street, houseNumber, managerId, managedFrom: '2025-01-01', ...extra },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as number;
  };
  const houses = {
    A: await house('Тестоград', 'ул. Ленина', '1', org.uk, { hasLift: true }),
    B: await house('Тестоград', 'ул. Ленина', '2', org.uk, { hasElectricStoves: true }),
    C: await house('Лесной', 'ул. Школьная', '3', org.tsj, { hotWater: 'local_heater', hasGas: true }),
  };
  /** The house gets the service from the supplier (from 2025-01-01 unless told). */
  const provide = async (
    houseId: number,
    code: string,
    supplierId: number,
    method: string,
    validFrom = '2025-01-01',
  ) => {
    const res = await t.call('POST', `/api/v1/houses/${houseId}/services`, {
      cookie: admin,
      body: { serviceId: services[code], supplierId, method, validFrom },
    });
    expect(res.status, res.text).toBe(201);
  };
  /** The recalculation requests recorded for one object: [house id or null, from date]. */
  const requests = async (objectType: string, objectId: number) =>
    (
      await t.db.query<{ house_id: number | null; from_date: string }>(
        `select house_id, from_date from recalculation_requests where object_type = $1 and object_id = $2
          order by house_id nulls first`,
        [objectType, String(objectId)],
      )
    ).map((r) => [r.house_id, r.from_date]);
  return { admin, org, services, houses, provide, requests };
}
