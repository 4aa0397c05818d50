/**
 * A shared flat's meters (общеквартирные ПУ) charged end to end (issue 6, docs/billing.md "Loader"): the
 * loader gives the core the flat meter with its period volume and each room's weight (Rules 354 п.50, the
 * setting `flat_meter.weight_basis`, default `residents`), the rooms' accounts are charged their share
 * (`by_flat_meter`), and wastewater by meter takes that share as its water part. The clock stands at 2026-11-02:
 * the open period is 2026-10 (31 days).
 *
 * The house: shared flat кв. 3 with three rooms — room 1 (15 m², account R1, 1 person), room 2 (20 m², R2,
 * 2 persons), room 3 (12 m², R3, nobody registered); everyone registered since 2026-09-01, so the weights are
 * 1 : 2 : 0 (person-days 31 : 62 : 0 over a common divisor of 31). Flat meters from 1 September 2026, read on
 * 20 October: cold 100 → 110 (10.000 m³), hot 50 → 52.5 (2.500 m³). House tariffs: cold 50.00, hot 200.00,
 * wastewater 40.00 ₽/m³. By hand (the volume split exactly at 0.001 by the largest remainder, RULES.md
 * preamble; each line rounded once, half-up):
 *   cold  10.000 × 1/3 = 3.333 33… → 3.333, × 2/3 = 6.666 67… → 6.666 + the remaining 0.001 (largest
 *         remainder) = 6.667; R3 0.  R1 3.333 × 50 = 166.65;  R2 6.667 × 50 = 333.35;  R3 0.00
 *         (166.65 + 333.35 = 500.00 = 10 × 50)
 *   hot   2.500 × 1/3 = 0.833 33… → 0.833, × 2/3 = 1.666 67… → 1.667.  R1 0.833 × 200 = 166.60;
 *         R2 1.667 × 200 = 333.40 (= 2.5 × 200 = 500.00)
 *   wastewater (cold share + hot share) R1 (3.333 + 0.833) = 4.166 × 40 = 166.64;
 *         R2 (6.667 + 1.667) = 8.334 × 40 = 333.36 (= 12.5 × 40 = 500.00); R3 0.00
 * An ordinary flat 1 with individual meters (cold 5 → 9, 4 m³; hot 10 → 11, 1 m³) keeps its `by_meter`
 * lines: cold 4 × 50 = 200.00, hot 1 × 200 = 200.00, wastewater (4 + 1) × 40 = 200.00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerPass, workRun } from '../../src/services/billing/runs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registryFixture } from '../api/registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let accountant: string;
let house: number;
const acc = { R1: 0, R2: 0, R3: 0, F1: 0 };
const meterId = { cold: 0, hot: 0 };

const who = () => ({ clock: t.clock, userId: null });

type Line = { account_id: number; code: string; method: string; volume: string | null; amount_kop: number };
const lines = async (period: string) =>
  t.db.query<Line>(
    `select l.account_id, s.code, l.method, trim_scale(l.volume)::text as volume, l.amount_kop
       from charge_lines l join services s on s.id = l.service_id
      where l.house_id = $1 and l.period = $2 and l.superseded_at is null and l.origin = 'original'
      order by l.account_id, s.code, l.id`,
    [house, period],
  );

async function post(path: string, body: unknown, cookie = f.admin) {
  const res = await t.call('POST', path, { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function meter(premiseIds: number[], serial: string, resource: string, start: string, extra = {}) {
  return (
    await post(`/api/v1/houses/${house}/meters`, {
      resource,
      premiseIds,
      serialNumber: serial,
      commissionedOn: '2026-09-01',
      lastVerifiedOn: '2026-09-01',
      initialValues: { single: start },
      ...extra,
    })
  ).id as number;
}

async function read(id: number, readOn: string, value: string) {
  const { reading } = await post(`/api/v1/meters/${id}/readings`, { readOn, values: { single: value } });
  expect(reading.state).toBe('accepted');
  return reading.id as number;
}

async function houseTariff(code: string, supplierId: number, rate: string) {
  return post('/api/v1/tariffs', {
    supplierId,
    serviceId: f.services[code],
    houseIds: [house],
    rate,
    validFrom: '2024-01-01',
    source: 'Приказ (тест)',
  });
}

async function resident(accountId: number, surname: string) {
  const person = await post('/api/v1/persons', {
    surname,
    name: 'Жилец',
    patronymic: 'Иванович',
    birthDate: '1980-01-01',
    sex: 'male',
  });
  await post(`/api/v1/accounts/${accountId}/registrations`, {
    personId: person.id,
    kind: 'permanent',
    relation: 'собственник',
    validFrom: '2026-09-01',
  });
}

async function runHouse(period: string) {
  const res = await t.call('POST', '/api/v1/billing/runs', {
    cookie: accountant,
    body: { period, houseId: house },
  });
  expect(res.status, res.text).toBe(202);
  return workRun(t.db, who(), res.json.id, `w-${period}`);
}

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  accountant = await t.login('accountant');
  house = (
    await post('/api/v1/houses', {
      region: 'Тестовая область',
      city: 'Счётоград',
      street: 'ул. Коммунальная',
      houseNumber: '3',
      managerId: f.org.uk,
      managedFrom: '2024-01-01',
      totalArea: '200.00',
      commonArea: '20.00',
    })
  ).id;
  const flat1 = (
    await post(`/api/v1/houses/${house}/premises`, {
      number: '1',
      totalArea: '50.00',
      areaFrom: '2024-01-01',
      entrance: 1,
    })
  ).id as number;
  const flat3 = (
    await post(`/api/v1/houses/${house}/premises`, {
      number: '3',
      isSharedFlat: true,
      rooms: 3,
      totalArea: '70.00',
      areaFrom: '2024-01-01',
      entrance: 1,
    })
  ).id as number;
  const room = async (number: string, totalArea: string) =>
    (
      await post(`/api/v1/houses/${house}/premises`, {
        number,
        kind: 'room',
        flatId: flat3,
        totalArea,
        areaFrom: '2024-01-01',
        entrance: 1,
      })
    ).id as number;
  const rooms = { R1: await room('1', '15.00'), R2: await room('2', '20.00'), R3: await room('3', '12.00') };
  const account = async (premiseId: number) =>
    (
      await post(`/api/v1/premises/${premiseId}/accounts`, {
        payerName: 'Жильцов Ж. Ж.',
        openedOn: '2024-01-01',
      })
    ).id as number;
  for (const k of ['R1', 'R2', 'R3'] as const) acc[k] = await account(rooms[k]);
  acc.F1 = await account(flat1);
  await resident(acc.R1, 'Первый');
  await resident(acc.R2, 'Второй');
  await resident(acc.R2, 'Третий');
  await resident(acc.F1, 'Четвёртый');

  await f.provide(house, 'cold_water', f.org.water, 'by_meter', '2024-01-01');
  await f.provide(house, 'hot_water', f.org.heat, 'by_meter', '2024-01-01');
  await f.provide(house, 'wastewater', f.org.water, 'by_meter', '2024-01-01');
  await houseTariff('cold_water', f.org.water, '50.00');
  await houseTariff('hot_water', f.org.heat, '200.00');
  await houseTariff('wastewater', f.org.water, '40.00');

  meterId.cold = await meter([flat3], 'ХВ-К3', 'cold_water', '100', { kind: 'flat' });
  meterId.hot = await meter([flat3], 'ГВ-К3', 'hot_water', '50', { kind: 'flat' });
  await read(meterId.cold, '2026-10-20', '110');
  await read(meterId.hot, '2026-10-20', '52.5');
  await read(await meter([flat1], 'ХВ-1', 'cold_water', '5'), '2026-10-20', '9');
  await read(await meter([flat1], 'ГВ-1', 'hot_water', '10'), '2026-10-20', '11');
  await workerPass(t.db, who(), 'setup');
});
afterAll(() => t.dispose());

describe('a shared flat’s meters: each room’s account charged its share (Rules 354 п.50, issue 6)', () => {
  it('every line to the kopeck; the shares sum exactly to the flat meters’ volumes; no gaps', async () => {
    const run = await runHouse('2026-10');
    const failed = await t.db.query(
      'select error from billing_run_houses where run_id = $1 and status = $2',
      [run.id, 'failed'],
    );
    expect(failed).toEqual([]);
    expect([run.status, run.housesDone, run.housesFailed]).toEqual(['done', 1, 0]);
    const gaps = await t.db.query<{ gaps: unknown[] }>(
      'select gaps from billing_run_houses where run_id = $1',
      [run.id],
    );
    expect(gaps.map((g) => g.gaps)).toEqual([[]]);
    const row = (a: number, code: string, method: string, volume: string, amount: number) => ({
      account_id: a,
      code,
      method,
      volume,
      amount_kop: amount,
    });
    const all = await lines('2026-10');
    expect(all).toEqual([
      row(acc.R1, 'cold_water', 'by_flat_meter', '3.333', 16665),
      row(acc.R1, 'hot_water', 'by_flat_meter', '0.833', 16660),
      row(acc.R1, 'wastewater', 'by_water_volumes', '4.166', 16664),
      row(acc.R2, 'cold_water', 'by_flat_meter', '6.667', 33335),
      row(acc.R2, 'hot_water', 'by_flat_meter', '1.667', 33340),
      row(acc.R2, 'wastewater', 'by_water_volumes', '8.334', 33336),
      row(acc.R3, 'cold_water', 'by_flat_meter', '0', 0),
      row(acc.R3, 'hot_water', 'by_flat_meter', '0', 0),
      row(acc.R3, 'wastewater', 'by_water_volumes', '0', 0),
      row(acc.F1, 'cold_water', 'by_meter', '4', 20000),
      row(acc.F1, 'hot_water', 'by_meter', '1', 20000),
      row(acc.F1, 'wastewater', 'by_water_volumes', '5', 20000),
    ]);
    // the flat's shares add up to the flat meter's volume and its money, in thousandths and kopecks
    const flat = all.filter((l) => l.account_id !== acc.F1);
    const sum = (code: string, f2: (l: Line) => number) =>
      flat.filter((l) => l.code === code).reduce((s, l) => s + f2(l), 0);
    const vol = (l: Line) => Math.round(Number(l.volume) * 1000);
    expect([sum('cold_water', vol), sum('hot_water', vol), sum('wastewater', vol)]).toEqual([
      10000, 2500, 12500,
    ]);
    expect([sum('cold_water', (l) => l.amount_kop), sum('hot_water', (l) => l.amount_kop)]).toEqual([
      50000, 50000,
    ]);
    expect(sum('wastewater', (l) => l.amount_kop)).toBe(50000);
  });

  it('the line names the flat meter, its readings and the share; wastewater names the share as its cold part', async () => {
    const res = await t.call('GET', `/api/v1/billing/accounts/${acc.R2}/charges?period=2026-10`, {
      cookie: accountant,
    });
    expect(res.status, res.text).toBe(200);
    const by = (code: string) =>
      res.json.items.find((l: { serviceId: number }) => l.serviceId === f.services[code]).explanation;
    const cold = JSON.stringify(by('cold_water').inputs);
    expect(cold).toContain(`"source":"flat_meter #${meterId.cold}"`);
    expect(cold).toMatch(/"name":"доля \(числу проживающих\)","value":"2 из 3"/);
    expect(cold).toMatch(/"объём за период","value":"6.667","source":"reading #\d+, reading #\d+"/);
    expect(by('cold_water').formula).toContain('общего квартирного ПУ');
    const waste = JSON.stringify(by('wastewater').inputs);
    expect(waste).toContain(
      `Холодное водоснабжение, по показаниям, доля 2 из 3 (по числу проживающих) общеквартирного ПУ meter #${meterId.cold}`,
    );
    expect(waste).toMatch(/"value":"6.667","source":"reading #\d+, reading #\d+"/);
    expect(waste).toContain(`общеквартирного ПУ meter #${meterId.hot}`);
  });
});
