/**
 * The engine's steps on one house (docs/billing.md "Runs", "Recalculation"): compute the open period and
 * replace its original lines when anything changed; recompute a closed period and post the difference in the
 * open one. Each runs inside the caller's transaction under a per-house lock, so a run, the online queue and a
 * second worker never write the same house at once, and the same work done twice writes nothing the second
 * time.
 */
import type { Queryable, Tx } from '../../db/client.js';
import * as lines from '../../db/billing/lines.js';
import * as periods from '../../db/billing/periods.js';
import { computeHouse } from '../../domain/billing/compute.js';
import { recalculate, type IssuedLine } from '../../domain/billing/recalculation.js';
import type { ChargeLine } from '../../domain/billing/types.js';
import { Decimal } from '../../domain/decimal.js';
import type { Kopecks } from '../../domain/money.js';
import { periodOf, prevPeriod, type BillingPeriod, type IsoDate } from '../../domain/period.js';
import type { Clock } from '../context.js';
import { loadHouse, type Gap, type LoadedHouse } from './loader.js';

type Who = { clock: Clock; userId: number | null };

/** The centre's open period; on first use, the month before the clock's (the month being billed). */
export async function openPeriodOf(db: Queryable, who: Who, centreId: number): Promise<BillingPeriod> {
  const found = await periods.selectOpenPeriod(db, centreId);
  if (found) return found.period as BillingPeriod;
  const first = prevPeriod(periodOf(who.clock.now().toISOString().slice(0, 10) as IsoDate));
  await periods.insertOpenPeriod(db, centreId, first, who.clock.now(), who.userId);
  return (await periods.selectOpenPeriod(db, centreId))!.period as BillingPeriod;
}

/** Serialises writers of one house's lines for the rest of the transaction. */
export async function lockHouse(tx: Queryable, houseId: number): Promise<void> {
  await lockHouses(tx, [houseId]);
}

/** lockHouse for several houses in one statement, in id order (two batches never wait on each other in a circle). */
export async function lockHouses(tx: Queryable, houseIds: readonly number[]): Promise<void> {
  if (houseIds.length === 0) return;
  await tx.query(
    `select pg_advisory_xact_lock(hashtext('billing-house:' || h)) from unnest($1::bigint[]) h`,
    [[...houseIds].sort((a, b) => a - b)],
  );
}

export const toStored = (
  l: ChargeLine,
  houseId: number,
  cause: { runId: number | null; requestId: number | null },
): lines.StoredLineFields => ({
  period: l.period,
  houseId,
  accountId: l.accountId,
  serviceId: l.serviceId,
  supplierId: l.supplierId,
  lineKind: l.kind,
  method: l.method,
  origin: 'original',
  correctsPeriod: null,
  correctsLineIds: [],
  recalculationRequestId: cause.requestId,
  runId: cause.runId,
  volume: l.volume === null ? null : l.volume.toString(),
  unit: l.unit,
  tariffId: l.tariffId,
  zone: l.zone,
  tariff: l.tariff === null ? null : l.tariff.toString(),
  amountKop: l.amount,
  explanation: l.explanation,
});

/**
 * Whether two values would print as the same JSON with object keys sorted and undefined keys left out (jsonb
 * does not keep key order; numbers as stored): compared in place, without building the text — making that
 * text for every line cost as much as computing the house.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const objA = a !== null && typeof a === 'object';
  const objB = b !== null && typeof b === 'object';
  if (!objA || !objB) return !objA && !objB && JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => rb[k] !== undefined && sameJson(ra[k], rb[k]));
}

type Comparable = Omit<lines.StoredLineFields, 'runId' | 'recalculationRequestId'>;

/** Every field of a line but its explanation, as text: lines equal in these are compared by explanation. */
const lineKey = (l: Comparable) =>
  JSON.stringify([
    l.accountId,
    l.serviceId,
    l.supplierId,
    l.lineKind,
    l.method,
    l.volume === null ? null : Decimal.parse(l.volume).toString(),
    l.unit,
    l.tariffId,
    l.zone,
    l.tariff === null ? null : Decimal.parse(l.tariff).toString(),
    l.amountKop,
  ]);

export type HouseResult = {
  accounts: number;
  lines: number;
  linesWritten: number;
  amountKop: number;
  gaps: Gap[];
};

/**
 * Computes the house's open period and, unless `dryRun`, makes its current original lines equal to the
 * result: unchanged lines stay as they are (nothing written), changed ones are superseded (kept, marked) and
 * the new ones inserted. Call inside a transaction.
 */
export async function chargeOpenPeriod(
  tx: Tx,
  who: Who,
  houseId: number,
  period: BillingPeriod,
  cause: { runId: number | null; requestId: number | null; dryRun?: boolean },
): Promise<HouseResult> {
  const { base, stored } = computeOpen(await loadHouse(tx, houseId, period), houseId, cause);
  if (cause.dryRun) return { ...base, linesWritten: 0 };
  await lockHouse(tx, houseId);
  const current = await lines.selectHouseOriginals(tx, houseId, period);
  const { toInsert, toSupersede } = diffOpenLines(current, stored);
  await lines.supersedeLines(tx, toSupersede, who.clock.now());
  const written = await lines.insertLines(tx, toInsert, who.clock.now(), who.userId);
  return { ...base, linesWritten: written };
}

/**
 * What was issued for each of the house's periods, read in one query (lines.selectIssuedFor). A
 * recalculation of one period writes only lines correcting that period, so a read made before the first
 * stays right for the others.
 */
export async function issuedByPeriod(
  tx: Queryable,
  houseId: number,
  periodList: readonly string[],
): Promise<Map<string, lines.IssuedRow[]>> {
  const out = new Map<string, lines.IssuedRow[]>(periodList.map((p) => [p, []]));
  for (const row of await lines.selectIssuedFor(tx, houseId, periodList)) out.get(row.forPeriod)?.push(row);
  return out;
}

/** Computes a loaded house (pure): the run's counts and the lines as they would be stored. */
export function computeOpen(
  loaded: LoadedHouse,
  houseId: number,
  cause: { runId: number | null; requestId: number | null },
): { base: Omit<HouseResult, 'linesWritten'>; stored: lines.StoredLineFields[] } {
  const fresh = computeHouse(loaded.input);
  const amountKop = fresh.reduce((s, l) => s + l.amount, 0);
  return {
    base: { accounts: loaded.input.accounts.length, lines: fresh.length, amountKop, gaps: loaded.gaps },
    stored: fresh.map((l) => toStored(l, houseId, cause)),
  };
}

/**
 * What makes a house's current original lines equal to the fresh ones: a multiset difference — lines equal
 * in every field stay; the rest are replaced (none to compare with on a house's first charge of the period).
 */
export function diffOpenLines(
  current: readonly lines.StoredLine[],
  stored: readonly lines.StoredLineFields[],
): { toInsert: lines.StoredLineFields[]; toSupersede: number[] } {
  const keep = new Map<string, lines.StoredLine[]>();
  for (const c of current) {
    const key = lineKey(c);
    const list = keep.get(key);
    if (list) list.push(c);
    else keep.set(key, [c]);
  }
  const toInsert: lines.StoredLineFields[] = [];
  for (const s of stored) {
    const candidates = current.length > 0 ? keep.get(lineKey(s)) : undefined;
    const at = candidates ? candidates.findLastIndex((c) => sameJson(c.explanation, s.explanation)) : -1;
    if (at >= 0) candidates!.splice(at, 1);
    else toInsert.push(s);
  }
  return { toInsert, toSupersede: [...keep.values()].flat().map((c) => c.id) };
}

/**
 * Recomputes a closed period of the house with today's data and posts the difference from everything issued
 * for it (originals and earlier recalculations) in the open period, linked to the lines it corrects and to
 * the request. Unchanged data posts nothing. Returns the lines posted. `issuedRows`: what was issued for the
 * period, when the caller read it for several periods at once (`issuedByPeriod`); read here otherwise.
 */
export async function recalculateClosed(
  tx: Tx,
  who: Who,
  houseId: number,
  corrects: BillingPeriod,
  posted: BillingPeriod,
  requestId: number | null,
  issuedRows?: readonly lines.IssuedRow[],
): Promise<{ lines: number; amountKop: number }> {
  await lockHouse(tx, houseId);
  const loaded = await loadHouse(tx, houseId, corrects);
  const fresh = computeHouse(loaded.input);
  const issued: IssuedLine[] = (issuedRows ?? (await lines.selectIssuedFor(tx, houseId, [corrects]))).map(
    (l) => ({
      id: l.id,
      accountId: l.accountId,
      serviceId: l.serviceId,
      supplierId: l.supplierId,
      kind: l.lineKind,
      amount: l.amountKop as Kopecks,
      volume: l.volume === null ? null : Decimal.parse(l.volume),
      unit: l.unit,
    }),
  );
  const diff = recalculate({
    correctsPeriod: corrects,
    postedPeriod: posted,
    cause: requestId === null ? 'перерасчёт' : `recalculation_request #${requestId}`,
    issued,
    fresh,
  });
  const rows: lines.StoredLineFields[] = diff.map((d) => ({
    period: d.postedPeriod,
    houseId,
    accountId: d.accountId,
    serviceId: d.serviceId,
    supplierId: d.supplierId,
    lineKind: d.kind,
    method: 'recalculation',
    origin: 'recalculation',
    correctsPeriod: d.correctsPeriod,
    correctsLineIds: [...d.corrects],
    recalculationRequestId: requestId,
    runId: null,
    volume: d.volume === null ? null : d.volume.toString(),
    unit: d.unit,
    tariffId: null,
    zone: null,
    tariff: null,
    amountKop: d.amount,
    explanation: d.explanation,
  }));
  await lines.insertLines(tx, rows, who.clock.now(), who.userId);
  return { lines: rows.length, amountKop: rows.reduce((s, r) => s + r.amountKop, 0) };
}
