/**
 * A run's houses in batches (docs/performance.md "Billing runs"): a worker claims several houses at once, reads
 * their inputs with one set of `= any($1)` queries (readHouses), and writes the batch in one transaction —
 * inside it each house is computed, compared with its current lines and turned into COPY rows in turn, all
 * streamed by one COPY, then the houses' "done" or "failed" marks and one commit. The house stays the unit of
 * work: a house the core refuses is marked failed in the same transaction while the others are written; if the
 * batch's transaction itself fails, each house is done again on its own (workHouse), so one bad house never
 * loses the others. Idempotency and crash/resume are the house's, as before: each house is compared with its
 * current lines (diffOpenLines), and a claim taken over as stale is neither computed nor written.
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
  const cause = { runId: run.id, requestId: null };
  const compute = (work: Work) => {
    const loaded = rows.get(work.houseId);
    if (!loaded) throw new DomainError('not_found', `Дом #${work.houseId} не найден`);
    return computeOpen(assembleInput(loaded, run.period as BillingPeriod), work.houseId, cause);
  };
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
      const mine = works.filter((w) => ours.has(w.id)); // the rest was taken over as stale: not ours
      const now = who.clock.now();
      const outcomes: (runsDb.HouseOutcome & { workId: number })[] = [];
      const done = (work: Work, base: Omit<HouseResult, 'linesWritten'>, written: number) =>
        outcomes.push({ workId: work.id, status: 'done', ...base, linesWritten: written, error: null });
      const failed = (work: Work, err: unknown) => outcomes.push(failedOutcome(work.id, errorText(err)));
      if (run.dryRun) {
        for (const work of mine) {
          try {
            done(work, compute(work).base, 0);
          } catch (err) {
            failed(work, err);
          }
        }
      } else if (mine.length > 0) {
        const houseIds = mine.map((w) => w.houseId);
        await lockHouses(tx, houseIds);
        const current = new Map<number, lines.StoredLine[]>();
        for (const l of await lines.selectHouseOriginals(tx, houseIds, run.period)) {
          const list = current.get(l.houseId);
          if (list) list.push(l);
          else current.set(l.houseId, [l]);
        }
        const supersede: number[] = [];
        // Each house computed, compared with its current lines and turned into COPY rows in turn, while one COPY
        // streams them: a house's objects are garbage as soon as its rows are text, so the worker's young heap
        // stays small (holding a whole batch's lines made the collector a fifth of a run: docs/performance.md).
        function* rowsOfBatch(): Generator<string> {
          for (const work of mine) {
            let computed: ReturnType<typeof compute>;
            try {
              computed = compute(work);
            } catch (err) {
              failed(work, err); // this house is marked failed; the others are written
              continue;
            }
            const d = diffOpenLines(current.get(work.houseId) ?? [], computed.stored);
            for (const id of d.toSupersede) supersede.push(id);
            done(work, computed.base, d.toInsert.length);
            yield* lines.lineRows(d.toInsert, now, who.userId);
          }
        }
        await lines.copyLineRows(tx, rowsOfBatch());
        await lines.supersedeLines(tx, supersede, now);
      }
      await runsDb.finishHouses(tx, outcomes, now);
    });
  } catch {
    // the batch could not be written as a whole: each house again on its own, so only a bad one fails
    for (const w of works) await alone(w);
  }
}
