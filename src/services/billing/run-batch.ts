/**
 * A run's houses in batches (docs/performance.md "Billing runs"): a worker claims several houses at once, reads
 * their inputs with one set of `= any($1)` queries (readHouses), computes each house, and writes the batch in
 * one transaction — the houses' "done" or "failed" marks, one COPY of their new lines, one commit. The house
 * stays the unit of work: a house the core refuses is marked failed in the same transaction while the others
 * are written; if the batch's transaction itself fails, each house is done again on its own (workHouse), so
 * one bad house never loses the others. Idempotency and crash/resume are the house's, as before: each house
 * is compared with its current lines (diffOpenLines), and a claim taken over as stale is not written.
 */
import type { Db } from '../../db/client.js';
import * as lines from '../../db/billing/lines.js';
import * as runsDb from '../../db/billing/runs.js';
import { DomainError } from '../../domain/errors.js';
import type { BillingPeriod } from '../../domain/period.js';
import type { Clock } from '../context.js';
import { computeOpen, diffOpenLines, lockHouses, type HouseResult } from './engine.js';
import { assembleInput, readHouses, type Loaded } from './loader.js';

type Who = { clock: Clock; userId: number | null };

export type Work = { id: number; houseId: number };

/** A claimed batch with its rows, or the error reading them (the houses are then done one by one). */
export type ReadBatch = { works: Work[]; rows: Map<number, Loaded> | Error };

/** A house's failure as the run shows it: the message and every field the error names. */
export function errorText(err: unknown): string {
  return err instanceof DomainError
    ? `${err.message}: ${err.details.map((d) => `${d.field} — ${d.problem}`).join('; ')}`
    : String(err);
}

export async function readBatch(db: Db, works: Work[], period: BillingPeriod): Promise<ReadBatch> {
  try {
    return { works, rows: await readHouses(db, [...new Set(works.map((w) => w.houseId))], period) };
  } catch (err) {
    return { works, rows: err instanceof Error ? err : new Error(String(err)) };
  }
}

type Computed = { work: Work; base: Omit<HouseResult, 'linesWritten'>; stored: lines.StoredLineFields[] };

const failedOutcome = (workId: number, error: string) => ({
  workId,
  status: 'failed' as const,
  accounts: null,
  lines: null,
  linesWritten: null,
  amountKop: null,
  gaps: [],
  error,
});

/**
 * Computes and writes a batch of a run. `alone` does one house in its own transaction (the fallback when the
 * batch cannot be read or written as a whole).
 */
export async function workBatch(
  db: Db,
  who: Who,
  run: runsDb.BillingRun,
  batch: ReadBatch,
  worker: string,
  alone: (work: Work) => Promise<void>,
): Promise<void> {
  const { works, rows } = batch;
  if (rows instanceof Error) {
    for (const w of works) await alone(w);
    return;
  }
  const computed: Computed[] = [];
  const failed: { work: Work; error: string }[] = [];
  const cause = { runId: run.id, requestId: null };
  for (const work of works) {
    try {
      const loaded = rows.get(work.houseId);
      if (!loaded) throw new DomainError('not_found', `Дом #${work.houseId} не найден`);
      computed.push({
        work,
        ...computeOpen(assembleInput(loaded, run.period as BillingPeriod), work.houseId, cause),
      });
    } catch (err) {
      failed.push({ work, error: errorText(err) });
    }
  }
  try {
    await db.transaction(async (tx) => {
      // Safe without waiting for the disk: a crash loses the batch's lines and its "done" marks together, and
      // its houses are claimed again (docs/performance.md).
      if (db.engine === 'postgres') await tx.query('set local synchronous_commit = off');
      const ours = await runsDb.lockClaimedHouses(
        tx,
        works.map((w) => w.id),
        worker,
      );
      const mine = computed.filter((c) => ours.has(c.work.id)); // the rest was taken over as stale: not ours
      const written = new Map<number, number>();
      const now = who.clock.now();
      if (!run.dryRun && mine.length > 0) {
        const houseIds = mine.map((c) => c.work.houseId);
        await lockHouses(tx, houseIds);
        const current = new Map<number, lines.StoredLine[]>();
        for (const l of await lines.selectHouseOriginals(tx, houseIds, run.period)) {
          const list = current.get(l.houseId);
          if (list) list.push(l);
          else current.set(l.houseId, [l]);
        }
        const insert: lines.StoredLineFields[] = [];
        const supersede: number[] = [];
        for (const c of mine) {
          const d = diffOpenLines(current.get(c.work.houseId) ?? [], c.stored);
          for (const l of d.toInsert) insert.push(l);
          for (const id of d.toSupersede) supersede.push(id);
          written.set(c.work.id, d.toInsert.length);
        }
        await lines.supersedeLines(tx, supersede, now);
        await lines.insertLines(tx, insert, now, who.userId);
      }
      await runsDb.finishHouses(
        tx,
        [
          ...mine.map((c) => ({
            workId: c.work.id,
            status: 'done' as const,
            ...c.base,
            linesWritten: written.get(c.work.id) ?? 0,
            error: null,
          })),
          ...failed.filter((f) => ours.has(f.work.id)).map((f) => failedOutcome(f.work.id, f.error)),
        ],
        now,
      );
    });
  } catch {
    // the batch could not be written as a whole: each house again on its own, so only a bad one fails
    for (const w of works) await alone(w);
  }
}
