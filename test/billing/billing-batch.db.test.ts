/**
 * A run's houses in batches (src/services/billing/run-batch.ts): several houses claimed, read, computed and
 * written in one transaction; a house the core refuses is marked failed while the batch's other houses are
 * written; a batch whose transaction fails is done again house by house; a batch whose claim was taken over as
 * stale writes nothing; a second run writes nothing.
 *
 * Three houses of 200 m² (S_об), maintenance by area (ЖК ст.156) from their manager; one flat each with an
 * account open all of October 2026 (the open period: the clock stands at 2026-11-02):
 *   «Первый» — flat 50 m², house tariff 30.00 ₽/m²: 50 × 30.00 = 1500.00 ₽ → 150000 коп.;
 *   «Без тарифа» — flat 40 m², no tariff at all: the core refuses it (a missing tariff, named);
 *   «Третий» — flat 70 m², house tariff 25.50 ₽/m²: 70 × 25.50 = 1785.00 ₽ → 178500 коп.
 * (Amounts by hand, rounded once half-up, RULES.md preamble; whole months, no day pieces.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimHouses, selectRun } from '../../src/db/billing/runs.js';
import type { Db } from '../../src/db/client.js';
import { readBatch, workBatch } from '../../src/services/billing/run-batch.js';
import { workRun } from '../../src/services/billing/runs.js';
import type { BillingPeriod } from '../../src/domain/period.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registryFixture } from '../api/registry-fixture.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let accountant: string;
const house = { first: 0, noTariff: 0, third: 0 };
let manager: number;

const who = () => ({ clock: t.clock, userId: null });

/** The database with its transactions counted (one per batch, not one per house). */
function counting(db: Db): { db: Db; transactions: () => number } {
  let n = 0;
  const counted: Db = Object.create(db) as Db;
  counted.transaction = (fn) => {
    n++;
    return db.transaction(fn);
  };
  return { db: counted, transactions: () => n };
}

const houseLines = async (houseId: number) =>
  t.db.query<{ amount_kop: number }>(
    `select amount_kop from charge_lines where house_id = $1 and period = '2026-10' and superseded_at is null
      order by id`,
    [houseId],
  );

const runHouses = async (runId: number) =>
  Object.fromEntries(
    (
      await t.db.query<{
        house_id: number;
        status: string;
        lines_written: number | null;
        error: string | null;
      }>('select house_id, status, lines_written, error from billing_run_houses where run_id = $1', [runId])
    ).map((r) => [r.house_id, r]),
  );

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  accountant = await t.login('accountant');
  manager = f.org.tsj;
  const make = async (houseNumber: string, flatArea: string, rate: string | null) => {
    const h = await t.call('POST', '/api/v1/houses', {
      cookie: f.admin,
      body: {
        region: 'Тестовая область',
        city: 'Пакетоград',
        street: 'ул. Пакетная',
        houseNumber,
        managerId: manager,
        managedFrom: '2025-01-01',
        totalArea: '200.00',
        commonArea: '20.00',
      },
    });
    expect(h.status, h.text).toBe(201);
    const id = h.json.id as number;
    await f.provide(id, 'maintenance', manager, 'by_area');
    if (rate !== null) {
      const tariff = await t.call('POST', '/api/v1/tariffs', {
        cookie: f.admin,
        body: {
          supplierId: manager,
          serviceId: f.services.maintenance,
          houseIds: [id],
          rate,
          validFrom: '2025-01-01',
          source: 'Протокол общего собрания',
        },
      });
      expect(tariff.status, tariff.text).toBe(201);
    }
    const premise = await t.call('POST', `/api/v1/houses/${id}/premises`, {
      cookie: f.admin,
      body: { number: '1', totalArea: flatArea, areaFrom: '2025-01-01', entrance: 1 },
    });
    expect(premise.status, premise.text).toBe(201);
    const account = await t.call('POST', `/api/v1/premises/${premise.json.id}/accounts`, {
      cookie: f.admin,
      body: { payerName: 'Пакетов П. П.', openedOn: '2025-01-01' },
    });
    expect(account.status, account.text).toBe(201);
    return id;
  };
  house.first = await make('1', '50.00', '30.00');
  house.noTariff = await make('2', '40.00', null);
  house.third = await make('3', '70.00', '25.50');
});
afterAll(() => t.dispose());

/** A run of the open period whose work is the three houses above (the demo town's houses left out). */
const startRun = async () => {
  const res = await t.call('POST', '/api/v1/billing/runs', {
    cookie: accountant,
    body: { period: '2026-10', managerId: manager },
  });
  expect(res.status, res.text).toBe(202);
  const id = res.json.id as number;
  const ours = [house.first, house.noTariff, house.third];
  await t.db.query('delete from billing_run_houses where run_id = $1 and house_id <> all($2::bigint[])', [
    id,
    ours,
  ]);
  await t.db.query('update billing_runs set houses_total = 3 where id = $1', [id]);
  return id;
};

describe('a batch of houses', () => {
  it('is written in one transaction; the house the core refuses is failed, the other two are charged', async () => {
    const runId = await startRun();
    const c = counting(t.db);
    const run = await workRun(c.db, who(), runId, 'batch');
    expect(c.transactions()).toBe(1);
    const houses = await runHouses(runId);
    expect(houses[house.first]).toMatchObject({ status: 'done', lines_written: 1, error: null });
    expect(houses[house.third]).toMatchObject({ status: 'done', lines_written: 1, error: null });
    expect(houses[house.noTariff]!.status).toBe('failed');
    expect(houses[house.noTariff]!.error).toMatch(/тариф/i);
    expect((await houseLines(house.first)).map((l) => l.amount_kop)).toEqual([150000]);
    expect((await houseLines(house.third)).map((l) => l.amount_kop)).toEqual([178500]);
    expect(await houseLines(house.noTariff)).toEqual([]);
    expect([run.status, run.amountKop, run.linesWritten]).toEqual(['failed', 150000 + 178500, 2]);
  });

  it('the same run again writes nothing and doubles nothing', async () => {
    const runId = await startRun();
    const run = await workRun(t.db, who(), runId, 'again');
    expect([run.linesWritten, run.amountKop]).toEqual([0, 150000 + 178500]);
    expect((await houseLines(house.first)).map((l) => l.amount_kop)).toEqual([150000]);
    expect((await houseLines(house.third)).map((l) => l.amount_kop)).toEqual([178500]);
  });

  it('a batch whose transaction fails is done again house by house: nothing lost, nothing doubled', async () => {
    // the first transaction (the batch's) fails as a lost connection would; the houses' own ones succeed
    await t.db.query(`update charge_lines set superseded_at = $1 where house_id = any($2::bigint[])`, [
      t.clock.now(),
      [house.first, house.third],
    ]);
    const runId = await startRun();
    let n = 0;
    const flaky: Db = Object.create(t.db) as Db;
    flaky.transaction = (fn) =>
      ++n === 1 ? Promise.reject(new Error('connection lost')) : t.db.transaction(fn);
    const run = await workRun(flaky, who(), runId, 'flaky');
    expect(n).toBe(1 + 3); // the batch's, then one per house
    const houses = await runHouses(runId);
    expect([
      houses[house.first]!.status,
      houses[house.third]!.status,
      houses[house.noTariff]!.status,
    ]).toEqual(['done', 'done', 'failed']);
    expect([run.linesWritten, run.amountKop]).toEqual([2, 150000 + 178500]);
    expect((await houseLines(house.first)).map((l) => l.amount_kop)).toEqual([150000]);
    expect((await houseLines(house.third)).map((l) => l.amount_kop)).toEqual([178500]);
  });

  it('a batch read by a worker that stalled past the stale limit writes nothing once another took it over', async () => {
    // a new tariff for «Первый» from 1 October: 50 × 32.00 = 1600.00 ₽ → 160000 коп. (entered in the open
    // period, so it also reaches the online queue; the run below is what writes it)
    const tariff = await t.call('POST', '/api/v1/tariffs', {
      cookie: f.admin,
      body: {
        supplierId: manager,
        serviceId: f.services.maintenance,
        houseIds: [house.first],
        rate: '32.00',
        validFrom: '2026-10-01',
        source: 'Протокол общего собрания № 2',
      },
    });
    expect(tariff.status, tariff.text).toBe(201);
    const runId = await startRun();
    const claimed = await claimHouses(t.db, runId, 'stalled', 24, t.clock.now(), new Date(0));
    expect(claimed).toHaveLength(3);
    const stalled = await readBatch(t.db, claimed, '2026-10' as BillingPeriod);
    t.clock.advance(6 * 60_000);
    const live = await workRun(t.db, who(), runId, 'live');
    expect([live.housesDone, live.housesFailed, live.linesWritten]).toEqual([2, 1, 1]);
    const alone: number[] = [];
    await workBatch(t.db, who(), (await selectRun(t.db, runId))!, stalled, 'stalled', async (w) => {
      alone.push(w.houseId);
    });
    expect(alone).toEqual([]);
    expect((await houseLines(house.first)).map((l) => l.amount_kop)).toEqual([160000]);
    expect((await runHouses(runId))[house.first]).toMatchObject({ status: 'done', lines_written: 1 });
  });
});
