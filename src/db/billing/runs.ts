/**
 * Billing runs and their per-house work (docs/billing.md "Runs"). Workers claim houses with
 * FOR UPDATE SKIP LOCKED, so several processes on one or several machines share a run; a house left
 * 'working' longer than the stale limit (a crashed worker) is claimed again.
 */
import { firstDay, lastDay, type BillingPeriod } from '../../domain/period.js';
import type { Queryable } from '../client.js';

export type RunScope = { kind: 'all' } | { kind: 'manager'; id: number } | { kind: 'house'; id: number };

export type BillingRun = {
  id: number;
  settlementCentreId: number;
  period: string;
  scopeKind: 'all' | 'manager' | 'house';
  scopeId: number | null;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  housesTotal: number;
  housesDone: number;
  housesFailed: number;
  linesWritten: number;
  amountKop: number;
  startedAt: Date;
  finishedAt: Date | null;
  createdBy: number | null;
  createdAt: Date;
};

const runColumns = `id, settlement_centre_id as "settlementCentreId", period, scope_kind as "scopeKind",
    scope_id as "scopeId", dry_run as "dryRun", status, houses_total as "housesTotal", houses_done as "housesDone",
    houses_failed as "housesFailed", lines_written as "linesWritten", amount_kop as "amountKop",
    started_at as "startedAt", finished_at as "finishedAt", created_by as "createdBy", created_at as "createdAt"`;

/** Creates the run and its work rows (the houses of the scope) in one statement each; returns the run id. */
export async function insertRun(
  db: Queryable,
  r: { settlementCentreId: number; period: string; scope: RunScope; dryRun: boolean },
  at: Date,
  createdBy: number | null,
): Promise<number> {
  const scopeId = r.scope.kind === 'all' ? null : r.scope.id;
  const run = await db.maybeOne<{ id: number }>(
    `insert into billing_runs (settlement_centre_id, period, scope_kind, scope_id, dry_run, started_at, created_at,
        created_by)
     values ($1, $2, $3, $4, $5, $6, $6, $7) returning id`,
    [r.settlementCentreId, r.period, r.scope.kind, scopeId, r.dryRun, at, createdBy],
  );
  const id = run!.id;
  const inserted = await db.query<{ n: number }>(
    `with w as (
       insert into billing_run_houses (run_id, house_id, created_at, created_by)
       select $1, h.id, $5, $6 from houses h
        where h.settlement_centre_id = $2
          and ($3 = 'all'
               or ($3 = 'house' and h.id = $4)
               or ($3 = 'manager' and exists (select 1 from house_managers hm where hm.house_id = h.id
                     and hm.manager_id = $4 and hm.valid_from <= $7::date
                     and (hm.valid_to is null or hm.valid_to >= $8::date))))
        order by h.id
       returning 1)
     select count(*)::int as n from w`,
    [
      id,
      r.settlementCentreId,
      r.scope.kind,
      scopeId,
      at,
      createdBy,
      lastDay(r.period as BillingPeriod),
      firstDay(r.period as BillingPeriod),
    ],
  );
  await db.query('update billing_runs set houses_total = $2 where id = $1', [id, inserted[0]!.n]);
  return id;
}

export async function selectRun(db: Queryable, id: number): Promise<BillingRun | undefined> {
  return db.maybeOne<BillingRun>(`select ${runColumns} from billing_runs where id = $1`, [id]);
}

export async function selectRuns(
  db: Queryable,
  scope: readonly number[],
  f: { period?: string | undefined; limit: number },
): Promise<BillingRun[]> {
  return db.query<BillingRun>(
    `select ${runColumns} from billing_runs
      where settlement_centre_id = any($1::bigint[]) and ($2::text is null or period = $2)
      order by id desc limit $3`,
    [[...scope], f.period ?? null, f.limit],
  );
}

/** Runs still running (for a worker that joins whatever is in progress), oldest first. */
export async function selectRunningRuns(db: Queryable): Promise<BillingRun[]> {
  return db.query<BillingRun>(`select ${runColumns} from billing_runs where status = 'running' order by id`);
}

/** Claims up to `n` houses of the run: pending ones, or ones a worker took before `staleBefore`. */
export async function claimHouses(
  db: Queryable,
  runId: number,
  worker: string,
  n: number,
  at: Date,
  staleBefore: Date,
): Promise<{ id: number; houseId: number }[]> {
  return db.query<{ id: number; houseId: number }>(
    `update billing_run_houses w set status = 'working', worker = $2, claimed_at = $4
      where w.id in (select id from billing_run_houses
                      where run_id = $1 and (status = 'pending' or (status = 'working' and claimed_at < $5))
                      order by id limit $3 for update skip locked)
      returning w.id, w.house_id as "houseId"`,
    [runId, worker, n, at, staleBefore],
  );
}

/**
 * Locks the work row inside the house's writing transaction; undefined when another worker took it over
 * (it was reclaimed as stale) or it is already finished — the caller then writes nothing.
 */
export async function lockClaimedHouse(
  db: Queryable,
  workId: number,
  worker: string,
): Promise<{ id: number } | undefined> {
  return db.maybeOne<{ id: number }>(
    `select id from billing_run_houses where id = $1 and status = 'working' and worker = $2 for update`,
    [workId, worker],
  );
}

/** The batch version of lockClaimedHouse: the work rows among `workIds` that are still this worker's. */
export async function lockClaimedHouses(
  db: Queryable,
  workIds: readonly number[],
  worker: string,
): Promise<Set<number>> {
  const rows = await db.query<{ id: number }>(
    `select id from billing_run_houses where id = any($1::bigint[]) and status = 'working' and worker = $2
      order by id for update`,
    [[...workIds], worker],
  );
  return new Set(rows.map((r) => r.id));
}

export type HouseOutcome = {
  status: 'done' | 'failed';
  accounts: number | null;
  lines: number | null;
  linesWritten: number | null;
  amountKop: number | null;
  gaps: unknown;
  error: string | null;
};

export async function finishHouse(db: Queryable, workId: number, o: HouseOutcome, at: Date): Promise<void> {
  await db.query(
    `update billing_run_houses set status = $2, accounts = $3, lines = $4, lines_written = $5, amount_kop = $6,
        gaps = $7::jsonb, error = $8, finished_at = $9 where id = $1`,
    [workId, o.status, o.accounts, o.lines, o.linesWritten, o.amountKop, JSON.stringify(o.gaps), o.error, at],
  );
}

/** Finishes several work rows in one statement (a batch's "done" and "failed" marks). */
export async function finishHouses(
  db: Queryable,
  outcomes: readonly (HouseOutcome & { workId: number })[],
  at: Date,
): Promise<void> {
  if (outcomes.length === 0) return;
  await db.query(
    `update billing_run_houses w set status = x.status, accounts = x.accounts, lines = x.lines,
        lines_written = x.lines_written, amount_kop = x.amount_kop, gaps = coalesce(x.gaps, '[]'::jsonb),
        error = x.error, finished_at = $2
       from jsonb_to_recordset($1::jsonb) as x(id bigint, status text, accounts int, lines int,
        lines_written int, amount_kop bigint, gaps jsonb, error text)
      where w.id = x.id`,
    [
      JSON.stringify(
        outcomes.map((o) => ({
          id: o.workId,
          status: o.status,
          accounts: o.accounts,
          lines: o.lines,
          lines_written: o.linesWritten,
          amount_kop: o.amountKop,
          gaps: o.gaps,
          error: o.error,
        })),
      ),
      at,
    ],
  );
}

/** Recounts the run's progress from its work rows; marks it finished when nothing is left. */
export async function refreshRun(db: Queryable, runId: number, at: Date): Promise<BillingRun> {
  await db.query(
    `update billing_runs r set
        houses_done = c.done, houses_failed = c.failed, lines_written = c.written, amount_kop = c.amount,
        status = case when c.open > 0 then 'running' when c.failed > 0 then 'failed' else 'done' end,
        finished_at = case when c.open > 0 then null else coalesce(r.finished_at, $2) end
       from (select count(*) filter (where status = 'done')::int as done,
                    count(*) filter (where status = 'failed')::int as failed,
                    count(*) filter (where status in ('pending', 'working'))::int as open,
                    coalesce(sum(lines_written), 0)::int as written, coalesce(sum(amount_kop), 0)::bigint as amount
               from billing_run_houses where run_id = $1) c
      where r.id = $1`,
    [runId, at],
  );
  return (await selectRun(db, runId))!;
}

export type RunHouse = {
  id: number;
  houseId: number;
  address: string;
  status: string;
  accounts: number | null;
  lines: number | null;
  linesWritten: number | null;
  amountKop: number | null;
  gaps: unknown;
  error: string | null;
};

/** The run's houses, failed and unfinished first (what an operator looks at). */
export async function selectRunHouses(db: Queryable, runId: number, limit: number): Promise<RunHouse[]> {
  return db.query<RunHouse>(
    `select w.id, w.house_id as "houseId", h.street || ', д. ' || h.house_number as address, w.status, w.accounts,
            w.lines, w.lines_written as "linesWritten", w.amount_kop as "amountKop", w.gaps, w.error
       from billing_run_houses w join houses h on h.id = w.house_id
      where w.run_id = $1
      order by case w.status when 'failed' then 0 when 'working' then 1 when 'pending' then 2 else 3 end, w.id
      limit $2`,
    [runId, limit],
  );
}
