/**
 * What a retroactive recalculation compares with (docs/billing.md "Recalculation"): for each closed period of
 * a house, the lines issued for it — its current originals and every current recalculation that corrects it,
 * wherever posted — read for all the periods in one query (engine.issuedByPeriod). Expected values follow
 * from that definition applied by hand to the rows written below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLines, supersedeLines, type StoredLineFields } from '../../src/db/billing/lines.js';
import { issuedByPeriod } from '../../src/services/billing/engine.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
const ids: Record<string, number> = {};

const line = (
  period: string,
  houseId: number,
  amountKop: number,
  recalc?: { corrects: string },
): StoredLineFields => ({
  period,
  houseId,
  accountId: 1,
  serviceId: 2,
  supplierId: 3,
  lineKind: 'charge',
  method: recalc ? 'recalculation' : 'by_area',
  origin: recalc ? 'recalculation' : 'original',
  correctsPeriod: recalc?.corrects ?? null,
  correctsLineIds: [],
  recalculationRequestId: null,
  runId: null,
  volume: recalc ? null : '1.5',
  unit: 'м²',
  tariffId: null,
  zone: null,
  tariff: null,
  amountKop,
  explanation: { formula: 'test', rules: [], inputs: [], pieces: [] },
});

beforeAll(async () => {
  db = await createTestDb();
  const rows: [string, StoredLineFields][] = [
    ['jan', line('2026-01', 900007, 10000)],
    ['feb', line('2026-02', 900007, 20000)],
    ['febOld', line('2026-02', 900007, 99900)],
    ['marRecalcJan', line('2026-03', 900007, 1000, { corrects: '2026-01' })],
    ['mar', line('2026-03', 900007, 30000)],
    ['otherHouseJan', line('2026-01', 900008, 40000)],
  ];
  for (const [name, row] of rows) {
    await insertLines(db, [row], new Date('2026-04-02T09:00:00Z'), null);
    ids[name] = (await db.maybeOne<{ id: number }>('select max(id)::int as id from charge_lines'))!.id;
  }
  await supersedeLines(db, [ids.febOld!], new Date('2026-03-02T09:00:00Z'));
}, 60_000);

afterAll(async () => {
  await db?.dispose();
});

describe('issuedByPeriod', () => {
  it("groups a house's current originals and the recalculations correcting each period, in id order", async () => {
    const got = await issuedByPeriod(db, 900007, ['2026-01', '2026-02', '2025-12']);
    const brief = (p: string) => got.get(p)!.map((r) => [r.id, r.amountKop, r.volume]);
    // 2026-01: its original (100.00 ₽, 1.5) and the March recalculation correcting it (10.00 ₽, no volume)
    expect(brief('2026-01')).toEqual([
      [ids.jan, 10000, '1.5'],
      [ids.marRecalcJan, 1000, null],
    ]);
    // 2026-02: only the current original; the superseded one (999.00 ₽) is not issued any more
    expect(brief('2026-02')).toEqual([[ids.feb, 20000, '1.5']]);
    // a period with nothing issued is present and empty; 2026-03 (not asked) and house 900008 are absent
    expect(brief('2025-12')).toEqual([]);
    expect([...got.keys()]).toEqual(['2026-01', '2026-02', '2025-12']);
  });
});
