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
