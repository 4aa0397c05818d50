/**
 * Billing part 2 on a database: a run of the open period for one house, the same run again writing nothing,
 * an online update after an area change, closing the period, a retroactive tariff posting recalculation lines
 * linked to the corrected period and the request, nothing posted when nothing changed, a crashed worker's
 * house resumed, undersupply records. The clock stands at 2026-11-02, so the open period is 2026-10.
 *
 * The house: 200 m² (S_об), maintenance by area (ЖК ст.156) from its manager at a house tariff of 30.00 ₽/m².
 * Flat 1: 50 m², account A open all month; flat 2: 30 m², account B opened on 17 October (15 days of 31).
 * Expected amounts by hand (half-up once per line, RULES.md preamble):
 *   A: 50 × 30.00 = 1500.00 ₽ → 150000 коп.
 *   B: 30 × 30.00 × 15/31 = 13500/31 = 435.4838… → 435.48 ₽ → 43548 коп.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRecalculationRequest } from '../../src/db/registry/recalculation-requests.js';
import { claimHouses } from '../../src/db/billing/runs.js';
import { workerPass, workRun } from '../../src/services/billing/runs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registryFixture } from '../api/registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let accountant: string;
let house: number;
const acc: Record<'A' | 'B', number> = { A: 0, B: 0 };
let flat1: number;

const who = () => ({ clock: t.clock, userId: null });
const currentLines = async (period: string) =>
  t.db.query<{ account_id: number; amount_kop: number; origin: string; corrects_period: string | null }>(
    `select account_id, amount_kop, origin, corrects_period from charge_lines
      where house_id = $1 and period = $2 and superseded_at is null order by account_id, origin, id`,
    [house, period],
  );
const rowCount = async () =>
  (await t.db.maybeOne<{ n: number }>('select count(*)::int as n from charge_lines where house_id = $1', [
    house,
  ]))!.n;

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  accountant = await t.login('accountant');
  const h = await t.call('POST', '/api/v1/houses', {
    cookie: f.admin,
    body: {
      region: 'Тестовая область',
      city: 'Счётоград',
      street: 'ул. Расчётная',
      houseNumber: '7',
      managerId: f.org.uk,
      managedFrom: '2025-01-01',
      totalArea: '200.00',
      commonArea: '20.00',
    },
  });
  expect(h.status, h.text).toBe(201);
  house = h.json.id;
  await f.provide(house, 'maintenance', f.org.uk, 'by_area');
  const tariff = await t.call('POST', '/api/v1/tariffs', {
    cookie: f.admin,
    body: {
      supplierId: f.org.uk,
      serviceId: f.services.maintenance,
      houseIds: [house],
      rate: '30.00',
      validFrom: '2025-01-01',
      source: 'Протокол общего собрания № 1',
    },
  });
  expect(tariff.status, tariff.text).toBe(201);
  const premise = async (number: string, totalArea: string) => {
    const res = await t.call('POST', `/api/v1/houses/${house}/premises`, {
      cookie: f.admin,
      body: { number, totalArea, areaFrom: '2025-01-01', entrance: 1 },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as number;
  };
  flat1 = await premise('1', '50.00');
  const flat2 = await premise('2', '30.00');
  const open = async (premiseId: number, openedOn: string) => {
    const res = await t.call('POST', `/api/v1/premises/${premiseId}/accounts`, {
      cookie: f.admin,
      body: { payerName: 'Плательщиков П. П.', openedOn },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as number;
  };
  acc.A = await open(flat1, '2025-01-01');
  acc.B = await open(flat2, '2026-10-17');
  // the registry's own retroactive requests (the tariff from 2025) meet an unbilled house: nothing to post
  await workerPass(t.db, who(), 'setup');
});
afterAll(() => t.dispose());

describe('a run of the open period', () => {
  let runId: number;

  it('the open period is the month before the clock; a run for one house is started by the accountant', async () => {
    const periods = await t.call('GET', '/api/v1/billing/periods', { cookie: accountant });
    expect(periods.status, periods.text).toBe(200);
    expect(periods.json.items.map((p: { period: string; status: string }) => [p.period, p.status])).toEqual([
      ['2026-10', 'open'],
    ]);
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-10', houseId: house },
    });
    expect(res.status, res.text).toBe(202);
    expect([res.json.status, res.json.housesTotal, res.json.housesDone]).toEqual(['running', 1, 0]);
    runId = res.json.id;
  });

  it('a worker charges the house: every line to the kopeck', async () => {
    const run = await workRun(t.db, who(), runId, 'w1');
    expect([run.status, run.housesDone, run.linesWritten, run.amountKop]).toEqual([
      'done',
      1,
      2,
      150000 + 43548,
    ]);
    expect(await currentLines('2026-10')).toEqual([
      { account_id: acc.A, amount_kop: 150000, origin: 'original', corrects_period: null },
      { account_id: acc.B, amount_kop: 43548, origin: 'original', corrects_period: null },
    ]);
  });

  it('the account’s charges come with their explanation', async () => {
    const res = await t.call('GET', `/api/v1/billing/accounts/${acc.B}/charges?period=2026-10`, {
      cookie: accountant,
    });
    expect(res.status, res.text).toBe(200);
    const [line] = res.json.items;
    // the volume shown is the area by days: 30 × 15/31 = 450/31 = 14.516129… (6 decimals for display)
    expect([line.amountKop, line.method, line.volume, line.tariff]).toEqual([
      43548,
      'by_area',
      '14.516129',
      '30',
    ]);
    expect(line.explanation.formula).toMatch(/площадь/i);
    expect(line.explanation.pieces).toEqual([
      expect.objectContaining({ from: '2026-10-17', to: '2026-10-31', days: 15 }),
    ]);
  });

  it('the same run again writes nothing and doubles nothing', async () => {
    const before = await rowCount();
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-10', houseId: house },
    });
    const run = await workRun(t.db, who(), res.json.id, 'w2');
    expect([run.status, run.linesWritten, run.amountKop]).toEqual(['done', 0, 150000 + 43548]);
    expect(await rowCount()).toBe(before);
  });

  it('a dry run computes without writing', async () => {
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-10', houseId: house, dryRun: true },
    });
    const run = await workRun(t.db, who(), res.json.id, 'w3');
    expect([run.status, run.linesWritten, run.amountKop]).toEqual(['done', 0, 193548]);
    const preview = await t.call('GET', `/api/v1/billing/houses/${house}/preview`, { cookie: accountant });
    expect([preview.json.period, preview.json.amountKop, preview.json.lines.length]).toEqual([
      '2026-10',
      193548,
      2,
    ]);
  });

  it('a cashier reads charges but may not start a run', async () => {
    const cashier = await t.login('cashier');
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: cashier,
      body: { period: '2026-10' },
    });
    expect(res.status).toBe(403);
    const read = await t.call('GET', `/api/v1/billing/accounts/${acc.A}/charges`, { cookie: cashier });
    expect(read.status).toBe(200);
  });
});

describe('online: the open period follows a change within the worker’s next pass', () => {
  it('flat 1 is re-measured at 60 m² from 1 October: A becomes 60 × 30.00 = 1800.00 ₽, the old line kept superseded', async () => {
    const before = await rowCount();
    const res = await t.call('POST', `/api/v1/premises/${flat1}/areas`, {
      cookie: f.admin,
      body: { totalArea: '60.00', validFrom: '2026-10-01' },
    });
    expect(res.status, res.text).toBe(201);
    await workerPass(t.db, who(), 'online');
    expect((await currentLines('2026-10')).map((l) => [l.account_id, l.amount_kop])).toEqual([
      [acc.A, 180000],
      [acc.B, 43548],
    ]);
    expect(await rowCount()).toBe(before + 1);
  });
});

describe('closing and recalculation', () => {
  it('closing 2026-10 opens 2026-11; the closed period cannot be run again', async () => {
    const res = await t.call('POST', '/api/v1/billing/periods/2026-10/close', { cookie: accountant });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ closed: '2026-10', open: '2026-11' });
    const again = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-10', houseId: house },
    });
    expect(again.status).toBe(400);
    expect(again.json.error.details[0].field).toBe('period');
  });

  /*
   * A new house tariff 33.00 from 2026-10-01, entered on 2 November (retroactive):
   *   A: 60 × 33.00 = 1980.00; issued 1800.00 → +180.00 ₽ = 18000 коп.
   *   B: 30 × 33.00 × 15/31 = 14850/31 = 479.0322… → 479.03; issued 435.48 → +43.55 ₽ = 4355 коп.
   */
  it('a retroactive tariff posts the differences in 2026-11, linked to 2026-10, its lines and the request', async () => {
    const res = await t.call('POST', '/api/v1/tariffs', {
      cookie: f.admin,
      body: {
        supplierId: f.org.uk,
        serviceId: f.services.maintenance,
        houseIds: [house],
        rate: '33.00',
        validFrom: '2026-10-01',
        source: 'Протокол общего собрания № 2',
      },
    });
    expect(res.status, res.text).toBe(201);
    await workerPass(t.db, who(), 'recalc');
    expect(await currentLines('2026-11')).toEqual([
      { account_id: acc.A, amount_kop: 18000, origin: 'recalculation', corrects_period: '2026-10' },
      { account_id: acc.B, amount_kop: 4355, origin: 'recalculation', corrects_period: '2026-10' },
    ]);
    // the closed period's own lines did not change
    expect((await currentLines('2026-10')).map((l) => l.amount_kop)).toEqual([180000, 43548]);
    // the house summary of October: originals 1800.00 + 435.48 = 2235.48 ₽; November: the recalculations
    // 180.00 + 43.55 = 223.55 ₽ for two accounts
    const summary = async (period: string) =>
      (
        await t.call('GET', `/api/v1/billing/houses/${house}/summary?period=${period}`, {
          cookie: accountant,
        })
      ).json.items.map((r: { origin: string; accounts: number; amountKop: number }) => [
        r.origin,
        r.accounts,
        r.amountKop,
      ]);
    expect(await summary('2026-10')).toEqual([['original', 2, 223548]]);
    expect(await summary('2026-11')).toEqual([['recalculation', 2, 22355]]);
    const charges = await t.call('GET', `/api/v1/billing/accounts/${acc.A}/charges?period=2026-11`, {
      cookie: accountant,
    });
    const [line] = charges.json.items;
    const original = (await currentLines('2026-10'))[0]!;
    expect(original).toBeDefined();
    expect(line.correctsLineIds).toHaveLength(1);
    expect(line.recalculationRequestId).toEqual(expect.any(Number));
    const journal = await t.call('GET', '/api/v1/billing/recalculations', { cookie: accountant });
    const entry = journal.json.items.find(
      (j: { requestId: number }) => j.requestId === line.recalculationRequestId,
    );
    expect([entry.objectType, entry.correctsPeriod, entry.accounts, entry.amountKop]).toEqual([
      'tariff',
      '2026-10',
      2,
      22355,
    ]);
  });

  it('recomputing a period whose data did not change posts nothing', async () => {
    const before = await rowCount();
    await insertRecalculationRequest(
      t.db,
      {
        reason: 'проверка',
        objectType: 'test',
        objectId: '1',
        houseId: house,
        accountId: null,
        fromDate: '2026-10-01',
      },
      t.clock.now(),
      null,
    );
    const [outcome] = await (async () => {
      const { processRequests } = await import('../../src/services/billing/runs.js');
      return processRequests(t.db, who());
    })();
    expect(outcome!.recalculationLines).toBe(0);
    expect(await rowCount()).toBe(before);
  });

  it("a house's pending requests are processed together, once; the others point to the first", async () => {
    const before = await rowCount();
    const request = (houseId: number | null, fromDate: string) =>
      insertRecalculationRequest(
        t.db,
        { reason: 'показание', objectType: 'test', objectId: fromDate, houseId, accountId: null, fromDate },
        t.clock.now(),
        null,
      );
    const first = await request(house, '2026-10-05');
    const second = await request(house, '2026-10-01');
    const third = await request(house, '2026-10-20');
    const { processRequests } = await import('../../src/services/billing/runs.js');
    const outcomes = await processRequests(t.db, who());
    // one group, the oldest request standing for the three: the house recomputed once
    expect(outcomes.map((o) => [o.requestId, o.merged, o.houses])).toEqual([[first, [second, third], 1]]);
    const rows = await t.db.query<{ id: number; merged_into: number | null; processed: boolean }>(
      `select id, merged_into, processed_at is not null as processed from recalculation_requests
        where id = any($1::bigint[]) order by id`,
      [[first, second, third]],
    );
    expect(rows.map((r) => [r.id, r.merged_into, r.processed])).toEqual([
      [first, null, true],
      [second, first, true],
      [third, first, true],
    ]);
    expect(await rowCount()).toBe(before); // nothing changed: nothing posted
    const journal = await t.call('GET', '/api/v1/billing/recalculations', { cookie: accountant });
    const entry = journal.json.items.find((j: { requestId: number }) => j.requestId === third);
    expect(entry.mergedInto).toBe(first);
  });
  it('an all-house request goes on past a house the core refuses, and stays pending for it', async () => {
    // houses are done in id order: an earlier house of the same centre made one the core refuses (no total area)
    const victim = (await t.db.maybeOne<{ id: number; area: string }>(
      `select id, total_area::text as area from houses
        where id < $1 and total_area is not null
          and settlement_centre_id = (select settlement_centre_id from houses where id = $1)
        order by id limit 1`,
      [house],
    ))!;
    expect(victim).toBeDefined();
    await t.db.query('update houses set total_area = null where id = $1', [victim.id]);
    // flat 1 measured 61 m² in October, written straight to the table: only the all-house request carries it
    const area = (m2: number) =>
      t.db.query(
        `update premise_areas set total_area = $2 where premise_id = $1 and valid_from = '2026-10-01'`,
        [flat1, m2],
      );
    await area(61);
    try {
      const everyHouse = await insertRecalculationRequest(
        t.db,
        {
          reason: 'тариф территории',
          objectType: 'test',
          objectId: 'all',
          houseId: null,
          accountId: null,
          fromDate: '2026-10-01',
        },
        t.clock.now(),
        null,
      );
      const failed: number[] = [];
      const { processRequests } = await import('../../src/services/billing/runs.js');
      expect(await processRequests(t.db, who(), 100, (id) => failed.push(id))).toEqual([]);
      expect(failed).toEqual([everyHouse]);
      // this house, after the refused one, was recalculated all the same: A's October, one more m²
      const posted = await t.db.query<{ account_id: number; amount_kop: number; corrects_period: string }>(
        `select account_id, amount_kop, corrects_period from charge_lines
          where recalculation_request_id = $1 and house_id = $2`,
        [everyHouse, house],
      );
      expect(posted.map((l) => [l.account_id, l.corrects_period])).toEqual([[acc.A, '2026-10']]);
      expect(posted[0]!.amount_kop).toBeGreaterThan(0);
      const pending = await t.db.maybeOne<{ processed: boolean }>(
        'select processed_at is not null as processed from recalculation_requests where id = $1',
        [everyHouse],
      );
      expect(pending!.processed).toBe(false);
    } finally {
      await area(60);
      await t.db.query('update houses set total_area = $2 where id = $1', [victim.id, victim.area]);
    }
  });
});

describe('workers share a run; a crashed worker’s house is resumed', () => {
  it('a house claimed by a worker that died is taken over after the stale limit, and written once', async () => {
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-11', houseId: house },
    });
    expect(res.status, res.text).toBe(202);
    const runId = res.json.id;
    const claimed = await claimHouses(t.db, runId, 'dead', 10, t.clock.now(), new Date(0));
    expect(claimed).toHaveLength(1);
    // another worker finds nothing to take while the claim is fresh
    const meanwhile = await workRun(t.db, who(), runId, 'live');
    expect([meanwhile.status, meanwhile.housesDone]).toEqual(['running', 0]);
    t.clock.advance(6 * 60_000);
    const after = await workRun(t.db, who(), runId, 'live');
    // November at 33.00: A 60 × 33 = 1980.00; B 30 × 33 = 990.00 (open all month)
    expect([after.status, after.housesDone, after.amountKop]).toEqual(['done', 1, 198000 + 99000]);
    const originals = (await currentLines('2026-11')).filter((l) => l.origin === 'original');
    expect(originals.map((l) => l.amount_kop)).toEqual([198000, 99000]);
  });
});

describe('undersupply records', () => {
  it('are refused with every bad field named, and recorded for recalculation when valid', async () => {
    const dispatcher = await t.login('dispatcher');
    const bad = await t.call('POST', `/api/v1/billing/houses/${house}/undersupplies`, {
      cookie: dispatcher,
      body: {
        serviceId: f.services.hot_water,
        scopeKind: 'accounts',
        startsAt: '2026-11-10T10:00',
        endsAt: '2026-11-10T08:00',
        kind: 'hot_water_temperature',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'accountIds',
      'endsAt',
      'measured',
    ]);
    const ok = await t.call('POST', `/api/v1/billing/houses/${house}/undersupplies`, {
      cookie: dispatcher,
      body: {
        serviceId: f.services.hot_water,
        startsAt: '2026-11-10T08:00',
        endsAt: '2026-11-10T20:00',
        kind: 'interruption',
      },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(await f.requests('undersupply', ok.json.id)).toEqual([[house, '2026-11-10']]);
    const list = await t.call('GET', `/api/v1/billing/houses/${house}/undersupplies`, { cookie: dispatcher });
    expect(list.json.items.map((u: { startsAt: string }) => u.startsAt)).toEqual(['2026-11-10T08:00']);
  });
});

describe('residents from the residents module’s registrations', () => {
  /*
   * Solid waste per person (ТКО, per_person) at a house tariff of 150.00 ₽ per person a month. Account A: one
   * person registered from 1 November, a second from the 16th (November has 30 days):
   *   1 × 150.00 × 15/30 + 2 × 150.00 × 15/30 = 75.00 + 150.00 = 225.00 ₽ → 22500 коп., one line, two pieces.
   */
  it('the day-weighted count of registrations reaches a per-person charge', async () => {
    await f.provide(house, 'waste', f.org.water, 'per_person');
    const tariff = await t.call('POST', '/api/v1/tariffs', {
      cookie: f.admin,
      body: {
        supplierId: f.org.water,
        serviceId: f.services.waste,
        houseIds: [house],
        rate: '150.00',
        validFrom: '2025-01-01',
        source: 'Приказ (тест)',
      },
    });
    expect(tariff.status, tariff.text).toBe(201);
    for (const [surname, validFrom] of [
      ['Первый', '2026-11-01'],
      ['Второй', '2026-11-16'],
    ] as const) {
      const person = await t.call('POST', '/api/v1/persons', {
        cookie: f.admin,
        body: { surname, name: 'Жилец', patronymic: 'Иванович', birthDate: '1980-01-01', sex: 'male' },
      });
      expect(person.status, person.text).toBe(201);
      const reg = await t.call('POST', `/api/v1/accounts/${acc.A}/registrations`, {
        cookie: f.admin,
        body: { personId: person.json.id, kind: 'permanent', relation: 'собственник', validFrom },
      });
      expect(reg.status, reg.text).toBe(201);
    }
    await workerPass(t.db, who(), 'residents'); // the tariff's and the service's own requests first
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-11', houseId: house },
    });
    await workRun(t.db, who(), res.json.id, 'w-residents');
    const charges = await t.call('GET', `/api/v1/billing/accounts/${acc.A}/charges?period=2026-11`, {
      cookie: accountant,
    });
    const waste = charges.json.items.filter(
      (l: { serviceId: number; origin: string }) =>
        l.serviceId === f.services.waste && l.origin === 'original',
    );
    expect(waste.map((l: { amountKop: number }) => l.amountKop)).toEqual([22500]);
    expect(
      waste[0].explanation.pieces.map((p: { from: string; to: string; days: number }) => [
        p.from,
        p.to,
        p.days,
      ]),
    ).toEqual([
      ['2026-11-01', '2026-11-15', 15],
      ['2026-11-16', '2026-11-30', 15],
    ]);
  });
});

describe('volumes from the meters module', () => {
  /*
   * Cold water by meter from 1 November at a house tariff of 50.00 ₽/m³ (RULES.md §1.1). Flat 1's meter starts at
   * 100 and reads 112.345 on the 25th: 12.345 m³ × 50.00 = 617.25 ₽ → 61725 коп. Flat 2's starts at 50 and reads
   * 53.5 on the 20th: 3.5 m³ × 50.00 = 175.00 ₽ → 17500 коп.
   */
  it('an actual volume from readings reaches the charge, with the readings as its source', async () => {
    await f.provide(house, 'cold_water', f.org.water, 'by_meter', '2026-11-01');
    const tariff = await t.call('POST', '/api/v1/tariffs', {
      cookie: f.admin,
      body: {
        supplierId: f.org.water,
        serviceId: f.services.cold_water,
        houseIds: [house],
        rate: '50.00',
        validFrom: '2026-11-01',
        source: 'Приказ (тест)',
      },
    });
    expect(tariff.status, tariff.text).toBe(201);
    const flats = await t.db.query<{ id: number; number: string }>(
      'select id, number from premises where house_id = $1 order by number',
      [house],
    );
    for (const [number, start, readOn, value] of [
      ['1', '100', '2026-11-25', '112.345'],
      ['2', '50', '2026-11-20', '53.5'],
    ] as const) {
      const meter = await t.call('POST', `/api/v1/houses/${house}/meters`, {
        cookie: f.admin,
        body: {
          resource: 'cold_water',
          premiseIds: [flats.find((p) => p.number === number)!.id],
          serialNumber: `ХВ-${number}`,
          commissionedOn: '2026-11-01',
          lastVerifiedOn: '2026-10-20',
          initialValues: { single: start },
        },
      });
      expect(meter.status, meter.text).toBe(201);
      const reading = await t.call('POST', `/api/v1/meters/${meter.json.id}/readings`, {
        cookie: f.admin,
        body: { readOn, values: { single: value } },
      });
      expect(reading.status, reading.text).toBe(201);
    }
    await workerPass(t.db, who(), 'meters');
    const res = await t.call('POST', '/api/v1/billing/runs', {
      cookie: accountant,
      body: { period: '2026-11', houseId: house },
    });
    const run = await workRun(t.db, who(), res.json.id, 'w-meters');
    expect(run.housesFailed).toBe(0);
    const cold = async (accountId: number) =>
      (
        await t.call('GET', `/api/v1/billing/accounts/${accountId}/charges?period=2026-11`, {
          cookie: accountant,
        })
      ).json.items.filter(
        (l: { serviceId: number; origin: string }) =>
          l.serviceId === f.services.cold_water && l.origin === 'original',
      );
    const [a] = await cold(acc.A);
    expect([a.method, a.volume, a.amountKop]).toEqual(['by_meter', '12.345', 61725]);
    expect(JSON.stringify(a.explanation.inputs)).toMatch(/reading #\d+/);
    const [b] = await cold(acc.B);
    expect([b.method, b.volume, b.amountKop]).toEqual(['by_meter', '3.5', 17500]);
  });
});
