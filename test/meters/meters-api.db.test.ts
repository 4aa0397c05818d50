/**
 * Meters and readings through the API: registration and its checks, readings with the core's checks
 * (rollover refused, hold for confirmation, verification expired, the window day), idempotent submission by
 * client id, replacement, the verification-due list, the entry grid, consumption month by month, scope and
 * permissions, audit and recalculation requests. A house of its own town (Заозёрск) managed by ТСЖ Берёзка;
 * the clock stands at 2026-11-02: the current period is 2026-11, the window day is the 25th.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
let houseId: number;
const premise: Record<string, number> = {};
let accountId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const h = await post('/houses', {
    region: 'Демо-область',
    city: 'Заозёрск',
    street: 'ул. Счётчиков',
    houseNumber: '1',
    managerId: await t.orgId('ТСЖ Берёзка'),
    managedFrom: '2025-01-01',
  });
  houseId = h.json.id;
  for (const n of ['1', '2']) premise[n] = (await post(`/houses/${houseId}/premises`, { number: n })).json.id;
  premise['3'] = (await post(`/houses/${houseId}/premises`, { number: '3', isSharedFlat: true })).json.id;
  premise['3/1'] = (
    await post(`/houses/${houseId}/premises`, { number: '1', kind: 'room', flatId: premise['3'] })
  ).json.id;
  accountId = (await post(`/premises/${premise['1']}/accounts`, { payerName: 'Водомеров Иван' })).json.id;
});
afterAll(() => t.dispose());

function post(path: string, body: unknown, cookie = admin) {
  return t.call('POST', `/api/v1${path}`, { cookie, body });
}
const get = (path: string, cookie = admin) => t.call('GET', `/api/v1${path}`, { cookie });
const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field);
const requests = async (objectType: string) =>
  (
    await t.db.query<{ object_id: string; from_date: string }>(
      `select object_id, from_date from recalculation_requests where house_id = $1 and object_type = $2 order by id`,
      [houseId, objectType],
    )
  ).map((r) => [Number(r.object_id), r.from_date]);

const meter: Record<string, number> = {};
const reading = (
  id: number,
  readOn: string,
  values: Record<string, string>,
  extra: Record<string, unknown> = {},
  cookie = admin,
) => post(`/meters/${id}/readings`, { readOn, values, ...extra }, cookie);

describe(`meters on ${engineName}`, () => {
  it('registers a cold-water meter with its initial reading; next verification from the passport date + 6 years', async () => {
    const res = await post(`/houses/${houseId}/meters`, {
      resource: 'cold_water',
      premiseIds: [premise['1']],
      serialNumber: 'ХВ-001',
      model: 'СГВ-15',
      commissionedOn: '2026-01-15',
      lastVerifiedOn: '2021-01-20',
      sealNumber: 'П-17',
      initialValues: { single: '100' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      kind: 'individual',
      zoneCount: 1,
      digits: 5,
      nextVerificationOn: '2027-01-20', // verification.interval_years: cold_water 6
      premises: [{ id: premise['1'], label: 'кв. 1' }],
      lastReading: { readOn: '2026-01-15', period: '2026-01', state: 'accepted', values: { single: '100' } },
    });
    meter.cold = res.json.id;
    // commissioned in January: reaches a past period
    expect(await requests('meter')).toEqual([[meter.cold, '2026-01-15']]);
    const audit = await t.db.query(
      `select action from audit_records where object_type = 'meter' and object_id = $1`,
      [String(meter.cold)],
    );
    expect(audit).toHaveLength(1);
  });

  it('refuses what does not fit, naming the fields; nothing half-written', async () => {
    const before = (await t.db.query(`select count(*)::int as n from meters`))[0]!.n;
    const bad = await post(`/houses/${houseId}/meters`, {
      kind: 'group',
      resource: 'cold_water',
      zoneCount: 2,
      premiseIds: [premise['1']],
      serialNumber: 'хв-001',
      commissionedOn: '2026-01-15',
      installedOn: '2026-02-01',
      initialValues: { single: '1' },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad).sort()).toEqual(
      [
        'installedOn',
        'premiseIds',
        'zoneCount',
        'initialValues.day',
        'initialValues.night',
        'initialValues.single',
        'serialNumber',
      ].sort(),
    );
    const room = await post(`/houses/${houseId}/meters`, {
      kind: 'flat',
      resource: 'cold_water',
      premiseIds: [premise['3/1']],
      serialNumber: 'X',
      commissionedOn: '2026-01-15',
    });
    expect(room.json.error.details).toEqual([
      { field: 'premiseIds', problem: 'общеквартирный прибор ставится в коммунальной квартире' },
    ]);
    expect((await t.db.query(`select count(*)::int as n from meters`))[0]!.n).toBe(before);
  });

  it('a reading: volume since the previous one, the period by the window day; below the previous is refused', async () => {
    const oct = await reading(meter.cold!, '2026-10-20', { single: '104.5' });
    expect(oct.status, oct.text).toBe(201);
    expect(oct.json.reading).toMatchObject({
      period: '2026-10',
      volume: '4.5',
      state: 'accepted',
      source: 'operator',
    });
    expect(await requests('meter_reading')).toEqual([[oct.json.reading.id, '2026-10-01']]); // October is past
    const below = await reading(meter.cold!, '2026-10-30', { single: '104' });
    expect(below.status).toBe(400);
    expect(below.json.error.details[0]).toMatchObject({ field: 'values.single' });
    const missing = await reading(meter.cold!, '2026-10-30', { day: '1' });
    expect(fields(missing).sort()).toEqual(['values.day', 'values.single']);
  });

  it('an unusually large volume is held, then confirmed by the accountant', async () => {
    // average: 4.5 over 2026-01 → 2026-10 = 9 months = 0.5/month; 2026-11-26 counts for 2026-12: 2 months
    // after October, so the limit is 3 × 0.5 × 2 = 3; 110 − 104.5 = 5.5 > 3 → held
    const res = await reading(meter.cold!, '2026-11-26', { single: '110' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.reading).toMatchObject({ period: '2026-12', state: 'held', volume: '5.5' });
    expect(res.json.warnings[0]).toContain('нужно подтверждение');
    const cashier = await t.login('cashier');
    expect((await post(`/readings/${res.json.reading.id}/confirm`, {}, cashier)).status).toBe(403);
    const ok = await post(`/readings/${res.json.reading.id}/confirm`, {}, await t.login('accountant'));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ state: 'accepted', confirmedBy: await t.userId('accountant') });
    expect((await post(`/readings/${res.json.reading.id}/confirm`, {})).status).toBe(409);
  });

  it('a submission by client id is applied once, however often it is sent', async () => {
    const item = {
      meterId: meter.cold,
      readOn: '2026-11-27',
      values: { single: '110.2' },
      clientId: 'bank-77',
      source: 'api_client',
    };
    const first = await post('/readings/bulk', {
      items: [item, { ...item, clientId: 'bank-78', meterId: 999999 }],
    });
    expect(first.status, first.text).toBe(200);
    expect(first.json.items.map((i: { status: string }) => i.status)).toEqual(['created', 'rejected']);
    const again = await post('/readings/bulk', { items: [item] });
    expect(again.json.items[0]).toMatchObject({
      status: 'duplicate',
      readingId: first.json.items[0].readingId,
    });
    const single = await reading(
      meter.cold!,
      '2026-11-27',
      { single: '110.2' },
      { clientId: 'bank-77', source: 'api_client' },
    );
    expect(single.status).toBe(200);
    expect(single.json).toMatchObject({ created: false, reading: { id: first.json.items[0].readingId } });
    const other = await reading(
      meter.cold!,
      '2026-11-28',
      { single: '111' },
      { clientId: 'bank-77', source: 'api_client' },
    );
    expect(other.status).toBe(409);
    const n = await t.db.query(`select count(*)::int as n from meter_readings where client_id = 'bank-77'`);
    expect(n[0]!.n).toBe(1);
  });

  it('a meter past its verification: readings stored, not for billing; the verification-due list', async () => {
    const hot = await post(`/houses/${houseId}/meters`, {
      resource: 'hot_water',
      premiseIds: [premise['1']],
      serialNumber: 'ГВ-001',
      commissionedOn: '2025-06-01',
      lastVerifiedOn: '2022-06-01', // + 4 years (hot water) = 2026-06-01
      initialValues: { single: '40' },
    });
    expect(hot.json.nextVerificationOn).toBe('2026-06-01');
    meter.hot = hot.json.id;
    const res = await reading(meter.hot!, '2026-10-10', { single: '45' });
    expect(res.json.reading).toMatchObject({ state: 'not_for_billing' });
    expect(res.json.reading.stateReason).toContain('срок поверки истёк 2026-06-01');
    // today 2026-11-02: + 30 days = 2026-12-02 (only the hot one), + 90 days = 2027-01-31 (both)
    const due30 = await get(`/meters?dueWithinDays=30&houseId=${houseId}`);
    expect(due30.json.items.map((m: { id: number }) => m.id)).toEqual([meter.hot]);
    const due90 = await get(`/meters?dueWithinDays=90&houseId=${houseId}&sort=nextVerificationOn`);
    expect(due90.json.items.map((m: { id: number }) => m.id)).toEqual([meter.hot, meter.cold]);
  });

  it('replacement: the final reading and decommissioning of the old meter, the new one with its initial reading', async () => {
    const res = await post(`/meters/${meter.hot}/replace`, {
      on: '2026-10-15',
      finalValues: { single: '46' },
      initialValues: { single: '0' },
      meter: { serialNumber: 'ГВ-002', lastVerifiedOn: '2026-10-01' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      resource: 'hot_water',
      replacesMeterId: meter.hot,
      premises: [{ id: premise['1'] }],
      nextVerificationOn: '2030-10-01',
      lastReading: { readOn: '2026-10-15', values: { single: '0' } },
    });
    const old = await get(`/meters/${meter.hot}`);
    expect(old.json).toMatchObject({ decommissionedOn: '2026-10-15', decommissionReason: 'replaced' });
    const history = await get(`/meters/${meter.hot}/readings`);
    expect(history.json.items.at(-1)).toMatchObject({
      kind: 'final',
      readOn: '2026-10-15',
      period: '2026-10',
    });
    const later = await reading(meter.hot!, '2026-10-20', { single: '47' });
    expect(later.json.reading.state).toBe('not_for_billing');
  });

  it('two zones for electricity: each zone entered', async () => {
    const el = await post(`/houses/${houseId}/meters`, {
      resource: 'electricity',
      zoneCount: 2,
      digits: 6,
      decimals: 1,
      premiseIds: [premise['2']],
      serialNumber: 'Э-1',
      commissionedOn: '2026-09-01',
      initialValues: { day: '12345', night: '5432' },
    });
    expect(el.status, el.text).toBe(201);
    meter.el = el.json.id;
    // RULES.md Example 10.2: day 12,345 → 12,545 = 200, night 5,432 → 5,532 = 100
    const ok = await reading(meter.el!, '2026-10-20', { day: '12545', night: '5532' });
    expect(ok.json.reading).toMatchObject({ values: { day: '12545', night: '5532' }, volume: '300' });
    expect((await reading(meter.el!, '2026-10-21', { day: '12546' })).json.error.details).toEqual([
      { field: 'values.night', problem: 'нет показания по зоне' },
    ]);
  });

  it('the meters of an account, of a house, the entry grid and the consumption by month', async () => {
    const ofAccount = await get(`/accounts/${accountId}/meters?sort=serialNumber`);
    expect(ofAccount.json.items.map((m: { serialNumber: string }) => m.serialNumber)).toEqual([
      'ГВ-001',
      'ГВ-002',
      'ХВ-001',
    ]);
    const active = await get(`/accounts/${accountId}/meters?activeOnly=true&resource=hot_water`);
    expect(active.json.items.map((m: { serialNumber: string }) => m.serialNumber)).toEqual(['ГВ-002']);
    expect((await get(`/houses/${houseId}/meters`)).json.total).toBe(4);
    const grid = await get(`/houses/${houseId}/meter-grid`);
    expect(
      grid.json.items.map(
        (r: { premiseLabel: string; serialNumber: string }) => `${r.premiseLabel} ${r.serialNumber}`,
      ),
    ).toEqual(['кв. 1 ХВ-001', 'кв. 1 ГВ-002', 'кв. 2 Э-1']);
    const c = await get(`/meters/${meter.cold}/consumption?from=2026-09&to=2026-12`);
    expect(c.status, c.text).toBe(200);
    expect(
      c.json.items.map((p: { period: string; method: string; reason: string; volume: string | null }) => [
        p.period,
        p.method,
        p.reason,
        p.volume,
      ]),
    ).toEqual([
      ['2026-09', 'norm', 'p60_after_limit', null], // no readings since January: the 8th period of п.59 "б"
      ['2026-10', 'actual', 'readings', '4.5'],
      ['2026-11', 'average', 'p59b_not_submitted', '0.5'], // 4.5 / 9 months
      // 110.2 (the last of December) − 104.5 = 5.7, less the 0.5 billed by the average in November
      ['2026-12', 'actual', 'readings', '5.2'],
    ]);
  });

  it('scope and permissions: another manager sees nothing; the analyst reads but does not enter', async () => {
    const uk = await t.login('uk_admin');
    expect((await get(`/meters/${meter.cold}`, uk)).status).toBe(404);
    expect((await reading(meter.cold!, '2026-11-28', { single: '111' }, {}, uk)).status).toBe(404);
    expect((await get(`/houses/${houseId}/meters`, uk)).status).toBe(404);
    const analyst = await t.login('analyst');
    expect((await get(`/meters/${meter.cold}`, analyst)).status).toBe(200);
    expect((await reading(meter.cold!, '2026-11-28', { single: '111' }, {}, analyst)).status).toBe(403);
    const tsj = await t.login('tsj_admin');
    expect((await get(`/meters/${meter.cold}`, tsj)).status).toBe(200);
    const dispatcher = await t.login('dispatcher');
    expect((await reading(meter.cold!, '2026-11-28', { single: '110.3' }, {}, dispatcher)).status).toBe(201);
  });

  it('passport changes and decommissioning: audited, recorded for recalculation when they reach the past', async () => {
    const patch = await t.call('PATCH', `/api/v1/meters/${meter.el}`, {
      cookie: admin,
      body: { sealNumber: 'П-99', verificationIntervalYears: 1, lastVerifiedOn: '2025-09-15' },
    });
    expect(patch.status, patch.text).toBe(200);
    // 2025-09-15 + 1 year = 2026-09-15: before the current period, so the house is recalculated from it
    expect(patch.json).toMatchObject({ sealNumber: 'П-99', nextVerificationOn: '2026-09-15' });
    expect((await requests('meter')).at(-1)).toEqual([meter.el, '2026-09-15']);
    const early = await post(`/meters/${meter.el}/decommission`, { on: '2026-10-01', reason: 'failed' });
    expect(early.status).toBe(400);
    expect(early.json.error.details[0]).toMatchObject({
      field: 'on',
      problem: 'раньше последнего показания (2026-10-20)',
    });
    const off = await post(`/meters/${meter.el}/decommission`, { on: '2026-10-25', reason: 'failed' });
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ decommissionedOn: '2026-10-25', decommissionReason: 'failed' });
    const after = await reading(meter.el!, '2026-10-28', { day: '12600', night: '5600' });
    expect(after.json.reading.state).toBe('not_for_billing');
    expect(
      (await post(`/meters/${meter.el}/decommission`, { on: '2026-10-30', reason: 'lost' })).status,
    ).toBe(400);
    const audit = await t.db.query<{ action: string }>(
      `select action from audit_records where object_type = 'meter' and object_id = $1 order by id`,
      [String(meter.el)],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('an act of refused access makes the premise average (п.59 "в")', async () => {
    const act = await post(`/premises/${premise['2']}/metering-acts`, {
      kind: 'access_refused',
      resource: 'electricity',
      actOn: '2026-10-05',
    });
    expect(act.status, act.text).toBe(201);
    expect((await get(`/premises/${premise['2']}/metering-acts`)).json.items).toHaveLength(1);
    expect(await requests('metering_act')).toEqual([[act.json.id, '2026-10-05']]);
  });
});
