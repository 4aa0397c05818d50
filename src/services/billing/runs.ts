/**
 * Periods, runs and the workers (docs/billing.md "Periods", "Runs", "Recalculation", "Online").
 * - A run of the open period over a scope creates one work row per house; any number of workers (the
 *   server's background loop, `zhkh billing worker` on any machine) claim houses with SKIP LOCKED and write
 *   each house's lines in one transaction with its "done" mark. A crashed worker's houses are claimed again
 *   after STALE_MS; re-running a house replaces nothing that did not change.
 * - The recalculation worker takes pending recalculation requests: each closed period the change reaches is
 *   recomputed and its difference posted in the open period; the open period itself is recomputed (online).
 */
import type { Db, Queryable } from '../../db/client.js';
import * as periodsDb from '../../db/billing/periods.js';
import * as runsDb from '../../db/billing/runs.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import {
  comparePeriods,
  lastDay,
  nextPeriod,
  parsePeriod,
  periodOf,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Clock, Ctx } from '../context.js';
import { noProgress, type Progress } from '../progress.js';
import {
  chargeOpenPeriod,
  issuedByPeriod,
  lockHouse,
  openPeriodOf,
  recalculateClosed,
  type HouseResult,
} from './engine.js';
import { errorText, readBatch, workBatch, type ReadBatch } from './run-batch.js';

export type { BillingRun, RunHouse, RunScope } from '../../db/billing/runs.js';

/** A house claimed longer ago than this is taken to belong to a crashed worker and is claimed again. */
export const STALE_MS = 5 * 60_000;
/**
 * Houses a worker claims, reads and writes at once (run-batch.ts): about 1,500–3,000 accounts of a usual
 * region, so one COPY and one commit carry some thousands of lines (docs/performance.md "Billing runs").
 */
export const BATCH_HOUSES = 24;

type Who = { clock: Clock; userId: number | null };

/** The actor's settlement centre: runs and periods belong to one. */
function centreOf(ctx: Ctx): number {
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Расчёт ведёт расчётный центр');
  return ctx.actor.organisationId;
}

// ── Periods ───────────────────────────────────────────────────────────────────────────────────

export async function listPeriods(ctx: Ctx) {
  requirePermission(ctx.actor, 'charges.read');
  const centre = centreOf(ctx);
  await openPeriodOf(ctx.db, { clock: ctx.clock, userId: ctx.actor.userId }, centre);
  return periodsDb.selectPeriods(ctx.db, centre);
}

/**
 * Closes the open period for good and opens the next one. Refused while a run of it is still running.
 */
export async function closePeriod(ctx: Ctx, period: string): Promise<{ closed: string; open: string }> {
  requirePermission(ctx.actor, 'periods.close');
  const centre = centreOf(ctx);
  const p = parsePeriodField(period);
  return ctx.db.transaction(async (tx) => {
    await openPeriodOf(tx, { clock: ctx.clock, userId: ctx.actor.userId }, centre);
    const open = await periodsDb.lockOpenPeriod(tx, centre);
    if (!open || open.period !== p)
      throw validationFailed([
        { field: 'period', problem: `закрыть можно только открытый период ${open?.period ?? ''}`.trim() },
      ]);
    const running = await tx.maybeOne(
      `select 1 from billing_runs where settlement_centre_id = $1 and period = $2 and status = 'running'
         and not dry_run`,
      [centre, p],
    );
    if (running) throw new DomainError('conflict', `Расчёт периода ${p} ещё идёт`);
    await periodsDb.markPeriodClosed(tx, open.id, ctx.clock.now(), ctx.actor.userId);
    const next = nextPeriod(p);
    await periodsDb.insertOpenPeriod(tx, centre, next, ctx.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'billing_period',
      objectId: open.id,
      organisationId: centre,
      before: { period: p, status: 'open' },
      after: { period: p, status: 'closed', nextOpen: next },
    });
    return { closed: p, open: next };
  });
}

function parsePeriodField(text: string): BillingPeriod {
  try {
    return parsePeriod(text);
  } catch {
    throw validationFailed([{ field: 'period', problem: 'период в виде ГГГГ-ММ' }]);
  }
}

// ── Runs ──────────────────────────────────────────────────────────────────────────────────────

export type StartRun = { period: string; scope: runsDb.RunScope; dryRun?: boolean | undefined };

/** Creates a run of the open period; the workers do the work. */
export async function startRun(ctx: Ctx, input: StartRun): Promise<runsDb.BillingRun> {
  requirePermission(ctx.actor, 'charges.run');
  const centre = centreOf(ctx);
  const period = parsePeriodField(input.period);
  if (input.scope.kind === 'house' && !(await isHouseVisible(ctx.db, ctx.actor, input.scope.id)))
    throw validationFailed([{ field: 'houseId', problem: 'дом не найден' }]);
  if (input.scope.kind === 'manager' && !ctx.actor.scope.includes(input.scope.id))
    throw validationFailed([{ field: 'managerId', problem: 'управляющая организация не найдена' }]);
  return ctx.db.transaction(async (tx) => {
    const open = await openPeriodOf(tx, { clock: ctx.clock, userId: ctx.actor.userId }, centre);
    if (period !== open) {
      const problem =
        comparePeriods(period, open) < 0
          ? `период ${period} закрыт: его начисления не меняются (изменения прошлого — перерасчётом)`
          : `период ${period} ещё не открыт; открыт ${open}`;
      throw validationFailed([{ field: 'period', problem }]);
    }
    const id = await runsDb.insertRun(
      tx,
      { settlementCentreId: centre, period, scope: input.scope, dryRun: input.dryRun ?? false },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    const run = (await runsDb.selectRun(tx, id))!;
    await recordAudit(tx, ctx, {
      action: 'run',
      objectType: 'billing_run',
      objectId: id,
      organisationId: centre,
      after: { period, scope: input.scope, dryRun: run.dryRun, houses: run.housesTotal },
    });
    return run;
  });
}

export async function getRun(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'charges.read');
  const run = await runsDb.selectRun(ctx.db, id);
  if (!run || !ctx.actor.scope.includes(run.settlementCentreId))
    throw new DomainError('not_found', 'Расчёт не найден');
  return { ...run, houses: await runsDb.selectRunHouses(ctx.db, id, 200) };
}

export async function listRuns(ctx: Ctx, period?: string) {
  requirePermission(ctx.actor, 'charges.read');
  return runsDb.selectRuns(ctx.db, ctx.actor.scope, { period, limit: 100 });
}

/**
 * One house of a run, in its own transaction with its "done" mark; a failure is recorded, not thrown. The
 * fallback of a batch that could not be read or written as a whole (run-batch.ts).
 */
async function workHouse(
  db: Db,
  who: Who,
  run: runsDb.BillingRun,
  work: { id: number; houseId: number },
  worker: string,
) {
  try {
    await db.transaction(async (tx) => {
      // Safe without waiting for the disk: a crash loses the house's lines and its "done" mark together, and the
      // house is claimed again (docs/performance.md).
      if (db.engine === 'postgres') await tx.query('set local synchronous_commit = off');
      if (!(await runsDb.lockClaimedHouse(tx, work.id, worker))) return; // taken over as stale: not ours
      const r: HouseResult = await chargeOpenPeriod(tx, who, work.houseId, run.period as BillingPeriod, {
        runId: run.id,
        requestId: null,
        dryRun: run.dryRun,
      });
      await runsDb.finishHouse(tx, work.id, { status: 'done', ...r, error: null }, who.clock.now());
    });
  } catch (err) {
    const error = errorText(err);
    await runsDb.finishHouse(
      db,
      work.id,
      { status: 'failed', accounts: null, lines: null, linesWritten: null, amountKop: null, gaps: [], error },
      who.clock.now(),
    );
  }
}

/**
 * Works on a run until no house is left to claim, a batch of houses at a time (run-batch.ts); returns the run
 * as it stands. On PostgreSQL the next batch is claimed and read on another connection of the pool while the
 * current one is computed and written; PGlite has one connection, so there the steps follow each other.
 */
export async function workRun(
  db: Db,
  who: Who,
  runId: number,
  worker: string,
  progress: Progress = noProgress,
  options: { batchHouses?: number; overlap?: boolean } = {},
): Promise<runsDb.BillingRun> {
  const batchHouses = options.batchHouses ?? BATCH_HOUSES;
  const run = (await runsDb.selectRun(db, runId))!;
  const claim = async (): Promise<ReadBatch | null> => {
    const now = who.clock.now();
    const claimed = await runsDb.claimHouses(
      db,
      runId,
      worker,
      batchHouses,
      now,
      new Date(now.getTime() - STALE_MS),
    );
    return claimed.length === 0 ? null : readBatch(db, claimed, run.period as BillingPeriod);
  };
  const overlap = options.overlap ?? db.engine === 'postgres';
  let reported = performance.now();
  let next = claim();
  next.catch(() => {}); // awaited below; not an unhandled rejection while the current batch is written
  for (;;) {
    const batch = await next;
    if (!batch) break;
    if (overlap) {
      next = claim();
      next.catch(() => {});
    }
    await workBatch(db, who, run, batch, worker, (work) => workHouse(db, who, run, work, worker));
    if (!overlap) next = claim();
    // the run's counters are recounted from its work rows: at most once a second, not after every batch
    if (performance.now() - reported >= 1000) {
      reported = performance.now();
      const state = await runsDb.refreshRun(db, runId, who.clock.now());
      progress(state.housesDone + state.housesFailed, state.housesTotal, `${state.linesWritten} строк`);
    }
  }
  return runsDb.refreshRun(db, runId, who.clock.now());
}

// ── Recalculation and online updates ───────────────────────────────────────────────────────────

type Claimed = { id: number; houseId: number | null; fromDate: string };

/** A house's pending requests taken together: the first (lowest id) stands for the group. */
type Group = { first: Claimed; requests: Claimed[]; fromDate: string };

/** At most this many requests of one house are merged into one recomputation. */
const GROUP_MAX = 1000;

/**
 * Takes the oldest pending request (skipping those another worker holds) with every other pending request of
 * the same house (all-house requests with each other), or null when none is pending. One house's requests are
 * done together: the house is recomputed once from their earliest date (docs/billing.md "Recalculation").
 */
async function claimRequestGroup(db: Db, now: Date): Promise<Group | null> {
  const stale = new Date(now.getTime() - STALE_MS);
  const claimed = await db.transaction(async (tx) => {
    const first = await tx.maybeOne<{ houseId: number | null }>(
      `select house_id as "houseId" from recalculation_requests
        where processed_at is null and (claimed_at is null or claimed_at < $1)
        order by id limit 1 for update skip locked`,
      [stale],
    );
    if (!first) return [];
    return tx.query<Claimed>(
      `update recalculation_requests r set claimed_at = $1
        where r.id in (select id from recalculation_requests
                        where processed_at is null and (claimed_at is null or claimed_at < $2)
                          and house_id is not distinct from $3
                        order by id limit $4 for update skip locked)
        returning r.id, r.house_id as "houseId", r.from_date as "fromDate"`,
      [now, stale, first.houseId, GROUP_MAX],
    );
  });
  if (claimed.length === 0) return null;
  const requests = [...claimed].sort((a, b) => a.id - b.id);
  const fromDate = requests.reduce((min, r) => (r.fromDate < min ? r.fromDate : min), requests[0]!.fromDate);
  return { first: requests[0]!, requests, fromDate };
}

export type RequestOutcome = {
  requestId: number;
  /** The other requests of the house merged into this one (their lines are this request's). */
  merged: number[];
  houses: number;
  recalculationLines: number;
  openLines: number;
};

/**
 * Processes a house's group of requests (one request alone is a group of one): for each house it reaches, every
 * closed period from the group's earliest date is recomputed and the difference posted in the open period; the
 * open period is recomputed when the change reaches it. The lines point to the group's first request; the others
 * are marked processed and merged into it.
 */
export async function processRequest(db: Db, who: Who, g: Group | Claimed): Promise<RequestOutcome> {
  const group: Group = 'requests' in g ? g : { first: g, requests: [g], fromDate: g.fromDate };
  const r = { ...group.first, fromDate: group.fromDate };
  const houses =
    r.houseId !== null
      ? await db.query<{ id: number; centre: number }>(
          'select id, settlement_centre_id as centre from houses where id = $1',
          [r.houseId],
        )
      : await db.query<{ id: number; centre: number }>(
          'select id, settlement_centre_id as centre from houses order by id',
        );
  const from = periodOf(r.fromDate as IsoDate);
  const merged = group.requests.slice(1).map((x) => x.id);
  const out: RequestOutcome = {
    requestId: r.id,
    merged,
    houses: houses.length,
    recalculationLines: 0,
    openLines: 0,
  };
  // A house the core refuses does not stop the others (each house is its own transaction); the group is then
  // left pending for the next pass, where the houses already done post nothing again.
  let refused: unknown;
  for (const h of houses) {
    await db
      .transaction(async (tx) => {
        const open = await openPeriodOf(tx, who, h.centre);
        const closedPeriods = await periodsDb.selectClosedPeriodsFrom(tx, h.centre, from);
        // what was issued for every closed period, read once (after the house's lock, taken by the first read)
        await lockHouse(tx, h.id);
        const issued = await issuedByPeriod(tx, h.id, closedPeriods);
        for (const closed of closedPeriods) {
          out.recalculationLines += (
            await recalculateClosed(tx, who, h.id, closed as BillingPeriod, open, r.id, issued.get(closed))
          ).lines;
        }
        if (r.fromDate <= lastDay(open) && (await houseBilled(tx, h.id, open)))
          out.openLines += (
            await chargeOpenPeriod(tx, who, h.id, open, { runId: null, requestId: r.id })
          ).linesWritten;
      })
      .catch((err: unknown) => {
        refused ??= err;
      });
  }
  if (refused !== undefined) throw refused;
  await db.query(
    `update recalculation_requests set processed_at = $2, merged_into = case when id = $3 then null else $3 end
      where id = any($1::bigint[])`,
    [group.requests.map((x) => x.id), who.clock.now(), r.id],
  );
  return out;
}

/** Whether the open period of the house has been charged (a run reached it): only then is it kept up to date. */
async function houseBilled(tx: Queryable, houseId: number, period: BillingPeriod): Promise<boolean> {
  return (
    (await tx.maybeOne(
      `select 1 from charge_lines where house_id = $1 and period = $2 and origin = 'original' limit 1`,
      [houseId, period],
    )) !== undefined
  );
}

/** Processes pending requests until none is left (or `max`); a failing request is left for the next pass. */
export async function processRequests(
  db: Db,
  who: Who,
  max = 100,
  onFailure: (requestId: number, err: unknown) => void = () => {},
): Promise<RequestOutcome[]> {
  const done: RequestOutcome[] = [];
  while (done.length < max) {
    const group = await claimRequestGroup(db, who.clock.now());
    if (!group) break;
    try {
      done.push(await processRequest(db, who, group));
    } catch (err) {
      // left claimed: taken again after the stale limit, while the other requests go on (docs/billing.md)
      onFailure(group.first.id, err);
    }
  }
  return done;
}

/**
 * One pass of the background worker (the server's loop every few seconds, `zhkh billing worker`): the running
 * runs, then the recalculation requests. Returns whether it found anything to do.
 */
export async function workerPass(
  db: Db,
  who: Who,
  worker: string,
  progress: Progress = noProgress,
  onFailure: (requestId: number, err: unknown) => void = () => {},
): Promise<boolean> {
  let busy = false;
  for (const run of await runsDb.selectRunningRuns(db)) {
    const after = await workRun(db, who, run.id, worker, progress);
    busy ||= after.housesDone + after.housesFailed > 0;
  }
  const requests = await processRequests(db, who, 100, onFailure);
  return busy || requests.length > 0;
}
