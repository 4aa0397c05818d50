/**
 * The demo's billing rows: the first house of the town has a hot-water interruption and a night of cold hot
 * water in October 2026; a run of October charges it with a reduction (RULES.md §5) on the hot-water lines that
 * names both records. The amounts themselves are the core's, tested by hand in src/domain/billing.
 */
import { fullExplanation } from '../../src/domain/billing/explanation-codec.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRun, workRun } from '../../src/services/billing/runs.js';
import { settlementCentreActor } from '../../src/services/import/import-actor.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

it('the demo house with undersupplies gets quality reductions that name them', async () => {
  const records = await t.db.query<{ id: number; house_id: number }>(
    'select id, house_id from undersupplies order by id',
  );
  expect(records).toHaveLength(2);
  const houseId = records[0]!.house_id;
  const ctx = { db: t.db, clock: t.clock, actor: await settlementCentreActor(t.db) };
  const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'house', id: houseId } });
  const done = await workRun(t.db, { clock: t.clock, userId: null }, run.id, 'demo');
  expect([done.status, done.housesFailed]).toEqual(['done', 0]);
  const reductions = await t.db.query<{ amount_kop: number; explanation: { inputs: { source: string }[] } }>(
    `select amount_kop, explanation from charge_lines where house_id = $1 and method = 'quality_reduction'`,
    [houseId],
  );
  expect(reductions.length).toBeGreaterThan(0);
  for (const r of reductions) {
    expect(r.amount_kop).toBeLessThan(0);
    // stored compactly (explanation-codec.ts): read as the read functions render it
    const sources = (fullExplanation(r.explanation) as typeof r.explanation).inputs
      .map((i) => i.source)
      .join(' ');
    for (const u of records) expect(sources).toContain(`undersupply #${u.id}`);
  }
});

it('a demo house of five floors and more now charges wastewater, common needs and heating by its meters: no gaps', async () => {
  // its house services: wastewater by meter, cold water for common needs and heating by the ОДПУ (demo-prices.ts)
  const found = await t.db.maybeOne<{ house_id: number }>(
    `select hs.house_id from house_services hs join services s on s.id = hs.service_id
      where s.code = 'cold_water_common' and hs.method = 'common_needs_by_common_meter'
        and exists (select 1 from meters m where m.house_id = hs.house_id and m.kind = 'common_house'
                      and m.resource = 'cold_water')
      order by hs.house_id limit 1`,
  );
  expect(found).toBeDefined();
  const houseId = found!.house_id;
  const ctx = { db: t.db, clock: t.clock, actor: await settlementCentreActor(t.db) };
  const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'house', id: houseId } });
  const done = await workRun(t.db, { clock: t.clock, userId: null }, run.id, 'demo-odpu');
  expect([done.status, done.housesFailed]).toEqual(['done', 0]);
  const house = await t.db.maybeOne<{ gaps: unknown[] }>(
    'select gaps from billing_run_houses where run_id = $1',
    [run.id],
  );
  expect(house!.gaps).toEqual([]);
  const methods = await t.db.query<{ code: string; method: string; n: number }>(
    `select s.code, l.method, count(*)::int as n from charge_lines l join services s on s.id = l.service_id
      where l.house_id = $1 and l.period = '2026-10' and s.code in ('wastewater', 'cold_water_common', 'heating')
      group by s.code, l.method order by s.code`,
    [houseId],
  );
  expect(methods.map((m) => [m.code, m.method])).toEqual([
    ['cold_water_common', 'common_needs_by_common_meter'],
    ['heating', 'heating_by_common_meter'],
    ['wastewater', 'by_water_volumes'],
  ]);
});

it('the demo’s shared flats with a flat meter charge their rooms by it (issue 6), never by the norm as if meterless', async () => {
  const found = await t.db.maybeOne<{ house_id: number }>(
    `select m.house_id from meters m where m.kind = 'flat' and m.resource = 'cold_water'
        and exists (select 1 from meter_readings r where r.meter_id = m.id and r.period = '2026-10')
      order by m.house_id limit 1`,
  );
  expect(found).toBeDefined();
  const houseId = found!.house_id;
  const ctx = { db: t.db, clock: t.clock, actor: await settlementCentreActor(t.db) };
  const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'house', id: houseId } });
  const done = await workRun(t.db, { clock: t.clock, userId: null }, run.id, 'demo-flat');
  expect([done.status, done.housesFailed]).toEqual(['done', 0]);
  // the rooms' accounts of the flats with a cold-water flat meter in service: their cold-water lines
  const rooms = await t.db.query<{ method: string; n: number }>(
    `select l.method, count(*)::int as n from charge_lines l join services s on s.id = l.service_id
       join accounts a on a.id = l.account_id join premises p on p.id = a.premise_id
      where l.house_id = $1 and l.period = '2026-10' and s.code = 'cold_water' and l.superseded_at is null
        and exists (select 1 from meters m join meter_premises mp on mp.meter_id = m.id
                     where m.kind = 'flat' and m.resource = 'cold_water' and m.decommissioned_on is null
                       and mp.premise_id = p.flat_id)
      group by l.method order by l.method`,
    [houseId],
  );
  expect(rooms.length).toBeGreaterThan(0);
  for (const r of rooms) expect(['by_flat_meter', 'by_average', 'by_norm_after_average']).toContain(r.method);
  expect(rooms.map((r) => r.method)).toContain('by_flat_meter');
});
