/**
 * The billing engine's entry points on stored data: a replacement inside a period summed over both meters,
 * an act of refused access, an act of impossible installation (no K), and a house's common-house meters.
 * Services called directly, as the engine will; the clock stands at 2026-11-02.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectPremiseMetering } from '../../src/db/billing/inputs.js';
import { Decimal } from '../../src/domain/decimal.js';
import type { BillingPeriod } from '../../src/domain/period.js';
import { commonHouseConsumption, meteredConsumption } from '../../src/services/meters/consumption.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
let houseId: number;
const premise: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  houseId = (
    await post('/houses', {
      region: 'Демо-область',
      city: 'Заозёрск',
      street: 'ул. Расчётная',
      houseNumber: '3',
      managerId: await t.orgId('ТСЖ Берёзка'),
      managedFrom: '2025-01-01',
    })
  ).json.id;
  for (const n of ['1', '2', '3'])
    premise[n] = (await post(`/houses/${houseId}/premises`, { number: n })).json.id;
});
afterAll(() => t.dispose());

async function post(path: string, body: unknown) {
  const res = await t.call('POST', `/api/v1${path}`, { cookie: admin, body });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res;
}
const meter = async (premiseIds: number[], serialNumber: string, initial: string, extra: object = {}) =>
  (
    await post(`/houses/${houseId}/meters`, {
      resource: 'cold_water',
      premiseIds,
      serialNumber,
      commissionedOn: '2026-01-10',
      lastVerifiedOn: '2026-01-01',
      initialValues: { single: initial },
      ...extra,
    })
  ).json.id as number;
const read = (id: number, readOn: string, single: string) =>
  post(`/meters/${id}/readings`, { readOn, values: { single } });
const norm = { value: Decimal.parse('4.32'), basis: 'per_person' as const, normId: null };
const consumption = (premiseId: number, period: string) =>
  meteredConsumption(t.db, {
    premiseIds: [premiseId],
    resource: 'cold_water',
    period: period as BillingPeriod,
    residential: true,
    persons: 3,
    area: null,
    norm,
    billedByAverage: [],
  });

describe(`consumption from stored meters on ${engineName}`, () => {
  it('a replacement in October: old 20 → 22 (final) plus new 0 → 3 = 5', async () => {
    const old = await meter([premise['1']!], 'Р-1', '10');
    await read(old, '2026-09-20', '20');
    await post(`/meters/${old}/replace`, {
      on: '2026-10-10',
      finalValues: { single: '22' },
      initialValues: { single: '0' },
      meter: { serialNumber: 'Р-2', lastVerifiedOn: '2026-10-01' },
    });
    const fresh = (await t.db.query<{ id: number }>(`select id from meters where serial_number = 'Р-2'`))[0]!
      .id;
    await read(fresh, '2026-10-24', '3');
    const r = await consumption(premise['1']!, '2026-10');
    expect(r).toMatchObject({ method: 'actual', reason: 'readings' });
    expect(r.volume!.toString()).toBe('5');
    expect(r.readingIds).toHaveLength(4);
    // September: 20 − 10 over January…September
    expect((await consumption(premise['1']!, '2026-09')).volume!.toString()).toBe('10');
  });

  it('refused access (п.59 "в") from the act: the average of the readings before it, then norm × K', async () => {
    const id = await meter([premise['2']!], 'Р-3', '100');
    // each within 3 × the average so far, so all are accepted (none held)
    for (const [date, v] of [
      ['2026-04-20', '106'],
      ['2026-05-20', '108'],
      ['2026-08-20', '114'],
    ])
      await read(id, date!, v!);
    await post(`/premises/${premise['2']}/metering-acts`, { kind: 'access_refused', actOn: '2026-09-05' });
    const r = await consumption(premise['2']!, '2026-09');
    expect(r).toMatchObject({
      method: 'average',
      reason: 'p59v_access_refused',
      caseRun: { since: '2026-09', number: 1 },
    });
    // spans before September, from the latest: May → August 6 (3 months), April → May 2 (1), January → April
    // 6 (3): 7 months ≥ 6, 14 / 7 = 2
    expect(r.volume!.toString()).toBe('2');
    expect(r.average).toMatchObject({ months: 7 });
    const december = await consumption(premise['2']!, '2026-12');
    expect(december).toMatchObject({ method: 'norm', reason: 'p60_after_limit' });
    expect(december.coefficient.toString()).toBe('3'); // cold water from 06.12.2025 (ПП 1871)
    expect(december.parameters.map((p) => [p.code, p.validFrom])).toContainEqual([
      'increasing_coefficient.cold_water',
      '2025-12-06',
    ]);
  });

  it('no meter: the norm × K; with an act of impossible installation, K = 1', async () => {
    const r = await consumption(premise['3']!, '2026-10');
    expect(r).toMatchObject({ method: 'norm', reason: 'no_meter' });
    expect(r.volume!.toString()).toBe('12.96'); // 3 × 4.32
    expect(r.coefficient.toString()).toBe('3');
    await post(`/premises/${premise['3']}/metering-acts`, {
      kind: 'installation_impossible',
      actOn: '2020-01-01',
    });
    expect((await consumption(premise['3']!, '2026-10')).coefficient.toString()).toBe('1');
  });

  it("the house's common-house meters, and their average while readings are missing", async () => {
    const odpu = await meter([], 'ОДПУ-1', '1000', { kind: 'common_house', digits: 7 });
    await read(odpu, '2026-08-20', '1300');
    await read(odpu, '2026-09-20', '1420');
    const sept = await commonHouseConsumption(t.db, houseId, 'cold_water', '2026-09' as BillingPeriod);
    expect(sept).toMatchObject({ method: 'actual' });
    expect(sept.volume!.toString()).toBe('120');
    const oct = await commonHouseConsumption(t.db, houseId, 'cold_water', '2026-10' as BillingPeriod);
    // spans: January → August 300 (7 months), August → September 120: 420 / 8 months
    expect(oct).toMatchObject({ method: 'average', reason: 'p59b_not_submitted' });
    expect(oct.volume!.toString()).toBe('52.5');
  });

  it("the billing loader's premises: those with a meter or an act of impossible installation, no others", async () => {
    await post(`/houses/${houseId}/premises`, { number: '4' });
    const rows = await selectPremiseMetering(t.db, [houseId], '2026-10-01', '2026-10-31');
    expect(rows.sort((a, b) => a.premiseId - b.premiseId)).toEqual([
      { houseId, premiseId: premise['1'], hasMeter: true, impossible: [] }, // two meters: one row
      { houseId, premiseId: premise['2'], hasMeter: true, impossible: [] }, // refused access is not counted
      { houseId, premiseId: premise['3'], hasMeter: false, impossible: ['*'] },
    ]);
  });
});
