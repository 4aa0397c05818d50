/**
 * The three methods the loader once reported as gaps, through a run on a database (docs/billing.md "Loader"),
 * and the online update of a change dated inside the open period when the open period is the clock's month.
 * The clock stands at 2026-11-02: the open period is 2026-10 (31 days).
 *
 * The house: S_об = 100 m² (flat 1: 60 m², account A; flat 2: 40 m², account B), S_ои = 20 m², no lift.
 * House tariffs: cold water 50.00, hot water 200.00, wastewater 40.00 ₽/m³, cold water for common needs 50.00,
 * heating 2000.00 ₽/Гкал, maintenance 30.00 ₽/m². Norm of cold water for common needs 0.0318 m³/m² of S_ои.
 * Meters from 1 September 2026, read on 20 October: cold A 100 → 106.5 (6.5), hot A 50 → 53.2 (3.2),
 * cold B 10 → 14 (4.0), hot B 20 → 21.5 (1.5); the cold-water ОДПУ 1000 → 1011 (11.0). The heat ОДПУ from
 * December 2024, read monthly in 2025: 20, 18, 15, 10, 5, 2, 2, 2, 6, 12, 16, 19 Гкал = 127 Гкал; heating is paid
 * evenly over twelve months (heating.payment_schedule). Expected amounts by hand (half-up once per line):
 *   cold       A 6.5 × 50 = 325.00            B 4.0 × 50 = 200.00
 *   hot        A 3.2 × 200 = 640.00           B 1.5 × 200 = 300.00
 *   wastewater A (6.5 + 3.2) × 40 = 388.00    B (4.0 + 1.5) × 40 = 220.00           (RULES.md §1.2, §4.3)
 *   common     ОДПУ 11.0 − (6.5 + 4.0) = 0.5 m³ (cap 0.0318 × 20 = 0.636 not reached), by area:
 *              A 0.5 × 60/100 = 0.3 × 50 = 15.00; B 0.2 × 50 = 10.00; house 0.5 × 50 = 25.00  (RULES.md §2.2)
 *   heating    127 / 12 × 60/100 × 2000 = 12700.00;  127 / 12 × 40/100 × 2000 = 8466.666… → 8466.67 (§3.2 f.3)
 *   maintenance A 60 × 30 = 1800.00;  B 40 × 30 = 1200.00
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerPass, workRun } from '../../src/services/billing/runs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registryFixture } from '../api/registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let accountant: string;
let house: number;
const acc = { A: 0, B: 0 };
const flat = { A: 0, B: 0 };

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

async function meter(
  premiseIds: number[],
  serial: string,
  resource: string,
  on: string,
  start: string,
  extra = {},
) {
  return (
    await post(`/api/v1/houses/${house}/meters`, {
      resource,
      premiseIds,
      serialNumber: serial,
      commissionedOn: on,
      lastVerifiedOn: on,
      initialValues: { single: start },
      ...extra,
    })
  ).id as number;
}

async function read(meterId: number, readOn: string, value: string) {
  const { reading } = await post(`/api/v1/meters/${meterId}/readings`, { readOn, values: { single: value } });
  expect(reading.readOn).toBe(readOn);
  if (reading.state === 'held') {
    // the heating season's jump after the summer is held for the accountant, who confirms it (docs/meters.md)
    const ok = await t.call('POST', `/api/v1/readings/${reading.id}/confirm`, { cookie: f.admin });
    expect(ok.status, ok.text).toBe(200);
  } else expect(reading.state).toBe('accepted');
  return reading.id as number;
}

async function houseTariff(code: string, supplierId: number, rate: string, validFrom = '2024-01-01') {
  return post('/api/v1/tariffs', {
    supplierId,
    serviceId: f.services[code],
    houseIds: [house],
    rate,
    validFrom,
    source: 'Приказ (тест)',
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
      street: 'ул. Сточная',
      houseNumber: '5',
      managerId: f.org.uk,
      managedFrom: '2024-01-01',
      totalArea: '100.00',
      commonArea: '20.00',
    })
  ).id;
  const premise = async (number: string, totalArea: string) =>
    (
      await post(`/api/v1/houses/${house}/premises`, {
        number,
        totalArea,
        areaFrom: '2024-01-01',
        entrance: 1,
      })
    ).id as number;
  flat.A = await premise('1', '60.00');
  flat.B = await premise('2', '40.00');
  for (const k of ['A', 'B'] as const)
    acc[k] = (
      await post(`/api/v1/premises/${flat[k]}/accounts`, {
        payerName: 'Плательщиков П. П.',
        openedOn: '2024-01-01',
      })
    ).id;

  // heating paid evenly over twelve months (a regional decision, RULES.md §3.1)
  const schedule = await t.call('POST', '/api/v1/legal-parameters', {
    cookie: f.admin,
    body: {
      code: 'heating.payment_schedule',
      value: { schedule: 'twelve_months', seasonMonths: [1, 2, 3, 4, 5, 10, 11, 12] },
      validFrom: '2024-01-01',
      source: 'Постановление субъекта (тест)',
    },
  });
  expect(schedule.status, schedule.text).toBe(201);

  await f.provide(house, 'cold_water', f.org.water, 'by_meter', '2024-01-01');
  await f.provide(house, 'hot_water', f.org.heat, 'by_meter', '2024-01-01');
  await f.provide(house, 'wastewater', f.org.water, 'by_meter', '2024-01-01');
  await f.provide(house, 'cold_water_common', f.org.uk, 'common_needs_by_common_meter', '2024-01-01');
  await f.provide(house, 'heating', f.org.heat, 'heating_by_common_meter', '2024-01-01');
  await f.provide(house, 'maintenance', f.org.uk, 'by_area', '2024-01-01');
  await houseTariff('cold_water', f.org.water, '50.00');
  await houseTariff('hot_water', f.org.heat, '200.00');
  await houseTariff('wastewater', f.org.water, '40.00');
  await houseTariff('cold_water_common', f.org.uk, '50.00');
  await houseTariff('heating', f.org.heat, '2000.00');
  await houseTariff('maintenance', f.org.uk, '30.00');
  await post('/api/v1/norms', {
    serviceId: f.services.cold_water_common,
    region: 'Тестовая область',
    category: 'common_without_lift',
    basis: 'per_m2',
    value: '0.0318',
    unit: 'м³/м² в месяц',
    validFrom: '2024-01-01',
  });

  for (const [k, resource, serial, start, end] of [
    ['A', 'cold_water', 'ХВ-1', '100', '106.5'],
    ['A', 'hot_water', 'ГВ-1', '50', '53.2'],
    ['B', 'cold_water', 'ХВ-2', '10', '14'],
    ['B', 'hot_water', 'ГВ-2', '20', '21.5'],
  ] as const) {
    const id = await meter([flat[k]], serial, resource, '2026-09-01', start);
    await read(id, '2026-10-20', end);
  }
  const coldOdpu = await meter([], 'ОДПУ-ХВ', 'cold_water', '2026-09-01', '1000', {
    kind: 'common_house',
    digits: 7,
  });
  await read(coldOdpu, '2026-10-20', '1011');
  const heatOdpu = await meter([], 'ОДПУ-Т', 'heating', '2024-12-01', '0', {
    kind: 'common_house',
    digits: 7,
  });
  let total = 0;
  for (const [month, volume] of [20, 18, 15, 10, 5, 2, 2, 2, 6, 12, 16, 19].entries()) {
    total += volume;
    await read(heatOdpu, `2025-${String(month + 1).padStart(2, '0')}-20`, String(total));
  }
  await workerPass(t.db, who(), 'setup'); // the registry's own requests meet an unbilled house: nothing to post
});
afterAll(() => t.dispose());

describe('a run charges the three methods once reported as gaps', () => {
  it('every line to the kopeck, no gaps', async () => {
    const run = await runHouse('2026-10');
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
    expect(await lines('2026-10')).toEqual([
      row(acc.A, 'cold_water', 'by_meter', '6.5', 32500),
      row(acc.A, 'cold_water_common', 'common_needs_by_common_meter', '0.3', 1500),
      row(acc.A, 'heating', 'heating_by_common_meter', '6.35', 1270000),
      row(acc.A, 'hot_water', 'by_meter', '3.2', 64000),
      row(acc.A, 'maintenance', 'by_area', '60', 180000),
      row(acc.A, 'wastewater', 'by_water_volumes', '9.7', 38800),
      row(acc.B, 'cold_water', 'by_meter', '4', 20000),
      row(acc.B, 'cold_water_common', 'common_needs_by_common_meter', '0.2', 1000),
      // 127 / 12 × 40 / 100 = 4.2333… Гкал shown to 6 decimals
      row(acc.B, 'heating', 'heating_by_common_meter', '4.233333', 846667),
      row(acc.B, 'hot_water', 'by_meter', '1.5', 30000),
      row(acc.B, 'maintenance', 'by_area', '40', 120000),
      row(acc.B, 'wastewater', 'by_water_volumes', '5.5', 22000),
    ]);
  });

  it('the house’s cold water is accounted for: ОДПУ 11.0 = individual 10.5 + common needs 0.5 m³ (25.00 ₽)', async () => {
    const all = await lines('2026-10');
    const sum = (code: string, f2: (l: Line) => number) =>
      all.filter((l) => l.code === code).reduce((s, l) => s + f2(l), 0);
    // volumes in thousandths to stay integer: 6500 + 4000 + 300 + 200 = 11000
    const vol = (l: Line) => Math.round(Number(l.volume) * 1000);
    expect(sum('cold_water', vol) + sum('cold_water_common', vol)).toBe(11000);
    expect(sum('cold_water_common', (l) => l.amount_kop)).toBe(2500);
  });

  it('each amount explains itself: the readings of both waters, the ОДПУ and Σ individual, last year’s ОДПУ', async () => {
    const res = await t.call('GET', `/api/v1/billing/accounts/${acc.A}/charges?period=2026-10`, {
      cookie: accountant,
    });
    const by = (code: string) =>
      res.json.items.find((l: { serviceId: number }) => l.serviceId === f.services[code]).explanation;
    const inputs = (code: string) => JSON.stringify(by(code).inputs);
    expect(inputs('wastewater')).toMatch(/Холодное водоснабжение, по показаниям.*reading #\d+/);
    expect(inputs('wastewater')).toMatch(/Горячее водоснабжение, по показаниям.*reading #\d+/);
    expect(by('wastewater').rules).toContain('RULES.md §1.2');
    expect(inputs('cold_water_common')).toMatch(/"сумма индивидуальных объёмов","value":"10.5"/);
    expect(inputs('cold_water_common')).toMatch(/"объём ОДПУ","value":"11"/);
    expect(inputs('heating')).toMatch(/"value":"127 \/ 12","source":"ОДПУ за 2025 год: reading #/);
  });
});

describe('online: a change dated in the open period when it is the clock’s month', () => {
  it('closing October opens November (the clock’s month); a run charges it', async () => {
    const res = await t.call('POST', '/api/v1/billing/periods/2026-10/close', { cookie: accountant });
    expect(res.json).toEqual({ closed: '2026-10', open: '2026-11' });
    const run = await runHouse('2026-11');
    const failed = await t.db.query(
      'select error from billing_run_houses where run_id = $1 and status = $2',
      [run.id, 'failed'],
    );
    expect(failed).toEqual([]);
    expect([run.status, run.housesFailed]).toEqual(['done', 0]);
    // November, 30 days: maintenance A 60 × 30 = 1800.00, B 40 × 30 = 1200.00
    expect((await lines('2026-11')).filter((l) => l.code === 'maintenance').map((l) => l.amount_kop)).toEqual(
      [180000, 120000],
    );
  });

  /*
   * A house tariff of 33.00 from 16 November, entered on 2 November: November is both the clock's month and
   * the open period, so the change is recorded and the worker updates the lines (tariff pieces, each a line):
   *   A: 60 × 30.00 × 15/30 = 900.00 and 60 × 33.00 × 15/30 = 990.00;
   *   B: 40 × 30.00 × 15/30 = 600.00 and 40 × 33.00 × 15/30 = 660.00.
   */
  it('a tariff from 16 November is recorded and the worker updates the open period’s lines', async () => {
    const tariff = await houseTariff('maintenance', f.org.uk, '33.00', '2026-11-16');
    expect(await f.requests('tariff', tariff.id)).toEqual([[house, '2026-11-16']]);
    await workerPass(t.db, who(), 'online');
    expect(
      (await lines('2026-11'))
        .filter((l) => l.code === 'maintenance')
        .map((l) => [l.account_id, l.amount_kop]),
    ).toEqual([
      [acc.A, 90000],
      [acc.A, 99000],
      [acc.B, 60000],
      [acc.B, 66000],
    ]);
  });

  it('a change dated in the next period records no request and changes nothing now', async () => {
    const tariff = await houseTariff('maintenance', f.org.uk, '35.00', '2026-12-01');
    expect(await f.requests('tariff', tariff.id)).toEqual([]);
  });
});

describe('the annual heating correction in its month (heating.annual_correction_month, RULES.md §3.2)', () => {
  /*
   * Heating issued for 2025 (as if charged then), account A: 2025-03 original 5000.00 ₽; a superseded 9999.99;
   * a 2025-12 reduction −100.00 (not the charge for the volume); a recalculation posted in 2026-01 correcting
   * 2025-12 by +200.00; a 2026-01 original 7777.77 (another year); maintenance 1000.00 (another service).
   * Charged for 2025 = 5000.00 + 200.00 = 5200.00 ₽. Actual 127 Гкал × 60 / 100 × 2000.00 = 152400.00 ₽.
   * Correction = 152400.00 − 5200.00 = 147200.00 ₽. Account B has no heating issued for 2025: no correction.
   */
  it('November set as the correction month: the worker posts 2025’s correction with the November charges', async () => {
    const insert = (p: string, service: string, kind: string, amount: number, extra = '') =>
      t.db.query(
        `insert into charge_lines (period, house_id, account_id, service_id, supplier_id, line_kind, method, origin,
                                   corrects_period, unit, amount_kop, explanation, superseded_at)
         values ($1, $2, $3, $4, $5, $6, 'test', $7, $8, 'Гкал', $9, '{}'::jsonb, $10)`,
        [
          p,
          house,
          acc.A,
          f.services[service],
          f.org.heat,
          kind,
          extra.startsWith('corrects') ? 'recalculation' : 'original',
          extra.startsWith('corrects') ? extra.slice(9) : null,
          amount,
          extra === 'superseded' ? new Date('2025-04-01') : null,
        ],
      );
    await insert('2025-03', 'heating', 'charge', 500000);
    await insert('2025-03', 'heating', 'charge', 999999, 'superseded');
    await insert('2025-12', 'heating', 'reduction', -10000);
    await insert('2026-01', 'heating', 'charge', 20000, 'corrects 2025-12');
    await insert('2026-01', 'heating', 'charge', 777777);
    await insert('2025-05', 'maintenance', 'charge', 100000);
    const param = await t.call('POST', '/api/v1/legal-parameters', {
      cookie: f.admin,
      body: {
        code: 'heating.annual_correction_month',
        value: 11,
        validFrom: '2026-11-01',
        source: 'Постановление субъекта (тест)',
      },
    });
    expect(param.status, param.text).toBe(201);
    await workerPass(t.db, who(), 'correction');
    const heating = (await lines('2026-11')).filter((l) => l.code === 'heating');
    expect(heating.map((l) => [l.account_id, l.method, l.amount_kop])).toEqual([
      [acc.A, 'heating_by_common_meter', 1270000],
      [acc.A, 'heating_correction', 14720000],
      [acc.B, 'heating_by_common_meter', 846667],
    ]);
    const res = await t.call('GET', `/api/v1/billing/accounts/${acc.A}/charges?period=2026-11`, {
      cookie: accountant,
    });
    const correction = res.json.items.find((l: { method: string }) => l.method === 'heating_correction');
    expect(JSON.stringify(correction.explanation.inputs)).toMatch(
      /"начислено за год, коп.","value":"520000"/,
    );
  });
});
