/**
 * Charge lines as stored (docs/billing.md "Tables"): a house's lines are written in one statement from a JSON
 * array (jsonb_to_recordset; the same SQL on PostgreSQL and PGlite), and read back per house or account.
 */
import {
  compactExplanation,
  compactExplanationJson,
  fullExplanation,
} from '../../domain/billing/explanation-codec.js';
import type { Queryable, Tx } from '../client.js';

export type StoredLineFields = {
  period: string;
  houseId: number;
  accountId: number;
  serviceId: number;
  supplierId: number;
  lineKind: 'charge' | 'absence' | 'reduction' | 'heating_correction';
  method: string;
  origin: 'original' | 'recalculation';
  correctsPeriod: string | null;
  correctsLineIds: number[];
  recalculationRequestId: number | null;
  runId: number | null;
  volume: string | null;
  unit: string;
  tariffId: number | null;
  zone: string | null;
  tariff: string | null;
  amountKop: number;
  explanation: unknown;
};

export type StoredLine = StoredLineFields & { id: number; supersededAt: Date | null; createdAt: Date };

const columns = `id, period, house_id as "houseId", account_id as "accountId", service_id as "serviceId",
    supplier_id as "supplierId", line_kind as "lineKind", method, origin, corrects_period as "correctsPeriod",
    corrects_line_ids as "correctsLineIds", recalculation_request_id as "recalculationRequestId", run_id as "runId",
    trim_scale(volume)::text as volume, unit, tariff_id as "tariffId", zone, trim_scale(tariff)::text as tariff,
    amount_kop as "amountKop", explanation, superseded_at as "supersededAt", created_at as "createdAt"`;

const copyColumns = [
  'period',
  'house_id',
  'account_id',
  'service_id',
  'supplier_id',
  'line_kind',
  'method',
  'origin',
  'corrects_period',
  'corrects_line_ids',
  'recalculation_request_id',
  'run_id',
  'volume',
  'unit',
  'tariff_id',
  'zone',
  'tariff',
  'amount_kop',
  'explanation',
  'created_at',
  'created_by',
] as const;
const needsEscape = /[\t\n\r\\]/;
const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };
/** A text value in COPY's text format: the four characters it gives a meaning escaped (rarely any). */
const copyText = (v: string): string =>
  needsEscape.test(v) ? v.replace(/[\t\n\r\\]/g, (c) => escapes[c]!) : v;
/** JSON text in COPY's text format: JSON has no raw tab or line break, so only its backslashes are doubled. */
const copyJson = (v: string): string => (v.includes('\\') ? v.replace(/\\/g, '\\\\') : v);
const copyNullable = (v: string | number | null): string =>
  v === null ? '\\N' : typeof v === 'number' ? String(v) : copyText(v);

/** Each line as one row of COPY's text format, the explanation in its compact form (explanation-codec.ts). */
export function* lineRows(
  lines: Iterable<StoredLineFields>,
  at: Date,
  createdBy: number | null,
): Generator<string> {
  const tail = `${at.toISOString()}\t${createdBy === null ? '\\N' : createdBy}`;
  for (const l of lines)
    yield (
      `${l.period}\t${l.houseId}\t${l.accountId}\t${l.serviceId}\t${l.supplierId}\t${l.lineKind}\t` +
      `${copyText(l.method)}\t${l.origin}\t${copyNullable(l.correctsPeriod)}\t{${l.correctsLineIds.join(',')}}\t` +
      `${copyNullable(l.recalculationRequestId)}\t${copyNullable(l.runId)}\t${copyNullable(l.volume)}\t` +
      `${copyText(l.unit)}\t${copyNullable(l.tariffId)}\t${copyNullable(l.zone)}\t${copyNullable(l.tariff)}\t` +
      `${l.amountKop}\t${copyJson(compactExplanationJson(l.explanation))}\t${tail}`
    );
}

/** Writes rows made by lineRows into charge_lines by COPY inside the transaction; returns how many. */
export function copyLineRows(tx: Tx, rows: Iterable<string>): Promise<number> {
  return tx.copyFrom('charge_lines', copyColumns, rows);
}

/**
 * Writes lines, the explanation in its compact form (explanation-codec.ts): by COPY inside a transaction, each
 * row made as one line of COPY's text format; otherwise in one INSERT from a JSON array. Returns how many.
 */
export async function insertLines(
  db: Queryable | Tx,
  lines: readonly StoredLineFields[],
  at: Date,
  createdBy: number | null,
): Promise<number> {
  if (lines.length === 0) return 0;
  if ('copyFrom' in db) return copyLineRows(db, lineRows(lines, at, createdBy));
  const rows = lines.map((l) => ({
    period: l.period,
    house_id: l.houseId,
    account_id: l.accountId,
    service_id: l.serviceId,
    supplier_id: l.supplierId,
    line_kind: l.lineKind,
    method: l.method,
    origin: l.origin,
    corrects_period: l.correctsPeriod,
    corrects_line_ids: l.correctsLineIds,
    recalculation_request_id: l.recalculationRequestId,
    run_id: l.runId,
    volume: l.volume,
    unit: l.unit,
    tariff_id: l.tariffId,
    zone: l.zone,
    tariff: l.tariff,
    amount_kop: l.amountKop,
    explanation: compactExplanation(l.explanation),
  }));
  await db.query(
    `insert into charge_lines (period, house_id, account_id, service_id, supplier_id, line_kind, method, origin,
        corrects_period, corrects_line_ids, recalculation_request_id, run_id, volume, unit, tariff_id, zone, tariff,
        amount_kop, explanation, created_at, created_by)
     select period, house_id, account_id, service_id, supplier_id, line_kind, method, origin, corrects_period,
        coalesce(array(select jsonb_array_elements_text(corrects_line_ids)::bigint), '{}'),
        recalculation_request_id, run_id, volume, unit, tariff_id, zone, tariff, amount_kop, explanation, $2, $3
       from jsonb_to_recordset($1::jsonb) as x(period text, house_id bigint, account_id bigint, service_id bigint,
        supplier_id bigint, line_kind text, method text, origin text, corrects_period text, corrects_line_ids jsonb,
        recalculation_request_id bigint, run_id bigint, volume numeric, unit text, tariff_id bigint, zone text,
        tariff numeric, amount_kop bigint, explanation jsonb)`,
    [JSON.stringify(rows), at, createdBy],
  );
  return lines.length;
}

/** Rows as read: each explanation rendered from its stored form (explanation-codec.ts). */
function rendered<T extends { explanation: unknown }>(rows: T[]): T[] {
  for (const r of rows) r.explanation = fullExplanation(r.explanation);
  return rows;
}

/** The current (not superseded) original lines of a house (or of several) in a period. */
export async function selectHouseOriginals(
  db: Queryable,
  houseId: number | readonly number[],
  period: string,
): Promise<StoredLine[]> {
  return rendered(
    await db.query<StoredLine>(
      `select ${columns} from charge_lines
        where house_id = any($1::bigint[]) and period = $2 and origin = 'original' and superseded_at is null
        order by id`,
      [typeof houseId === 'number' ? [houseId] : [...houseId], period],
    ),
  );
}

/** An issued line as a recalculation compares it: its key, amount and volume (not its explanation). */
export type IssuedRow = {
  id: number;
  /** The period it was issued for: its own for an original, the corrected one for a recalculation. */
  forPeriod: string;
  accountId: number;
  serviceId: number;
  supplierId: number;
  lineKind: StoredLineFields['lineKind'];
  amountKop: number;
  volume: string | null;
  unit: string;
};

/**
 * Everything issued for some periods of a house, in one read: their originals and every recalculation that
 * corrects them, by id. The explanations are not read: the recalculation compares amounts and volumes only
 * (reading and rendering them was a fifth of a retroactive recalculation's CPU, docs/performance.md).
 */
export async function selectIssuedFor(
  db: Queryable,
  houseId: number,
  periods: readonly string[],
): Promise<IssuedRow[]> {
  if (periods.length === 0) return [];
  return db.query<IssuedRow>(
    `select id, case when origin = 'original' then period else corrects_period end as "forPeriod",
            account_id as "accountId", service_id as "serviceId", supplier_id as "supplierId",
            line_kind as "lineKind", amount_kop as "amountKop", trim_scale(volume)::text as volume, unit
       from charge_lines
      where house_id = $1 and superseded_at is null
        and ((period = any($2::text[]) and origin = 'original') or corrects_period = any($2::text[]))
      order by id`,
    [houseId, [...periods]],
  );
}

export async function supersedeLines(db: Queryable, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.query('update charge_lines set superseded_at = $2 where id = any($1::bigint[])', [[...ids], at]);
}

/** An account's current lines posted in the given periods (all when null), newest period first. */
export async function selectAccountLines(
  db: Queryable,
  accountId: number,
  period: string | null,
): Promise<(StoredLine & { serviceName: string; supplierName: string })[]> {
  return rendered(
    await db.query<StoredLine & { serviceName: string; supplierName: string }>(
      `select ${columns}, (select s.name from services s where s.id = service_id) as "serviceName",
            (select o.name from organisations o where o.id = supplier_id) as "supplierName"
       from charge_lines
      where account_id = $1 and superseded_at is null and ($2::text is null or period = $2)
      order by period desc, service_id, origin desc, id`,
      [accountId, period],
    ),
  );
}

export type HouseSummaryRow = {
  serviceId: number;
  serviceName: string;
  supplierId: number;
  supplierName: string;
  origin: string;
  accounts: number;
  lines: number;
  amountKop: number;
};

/** A house's current lines in a period summed by service, supplier and origin. */
export async function selectHouseSummary(
  db: Queryable,
  houseId: number,
  period: string,
): Promise<HouseSummaryRow[]> {
  return db.query<HouseSummaryRow>(
    `select l.service_id as "serviceId", s.name as "serviceName", l.supplier_id as "supplierId",
            o.name as "supplierName", l.origin, count(distinct l.account_id)::int as accounts, count(*)::int as lines,
            sum(l.amount_kop)::bigint as "amountKop"
       from charge_lines l join services s on s.id = l.service_id join organisations o on o.id = l.supplier_id
      where l.house_id = $1 and l.period = $2 and l.superseded_at is null
      group by l.service_id, s.name, l.supplier_id, o.name, l.origin
      order by s.name, o.name, l.origin`,
    [houseId, period],
  );
}

export type JournalRow = {
  requestId: number;
  reason: string;
  objectType: string;
  objectId: string;
  houseId: number | null;
  fromDate: string;
  createdAt: Date;
  createdBy: number | null;
  createdByName: string | null;
  processedAt: Date | null;
  /** Processed with an earlier request of its house: that request's lines are this one's too. */
  mergedInto: number | null;
  period: string | null;
  correctsPeriod: string | null;
  accounts: number;
  lines: number;
  amountKop: number;
};

/** The recalculation journal: each request with what it posted (per corrected period), newest first. */
export async function selectRecalculationJournal(
  db: Queryable,
  scope: readonly number[],
  limit: number,
): Promise<JournalRow[]> {
  return db.query<JournalRow>(
    `select r.id as "requestId", r.reason, r.object_type as "objectType", r.object_id as "objectId",
            r.house_id as "houseId", r.from_date as "fromDate", r.created_at as "createdAt",
            r.created_by as "createdBy", u.full_name as "createdByName", r.processed_at as "processedAt",
            r.merged_into as "mergedInto", l.period, l.corrects_period as "correctsPeriod",
            count(distinct l.account_id)::int as accounts, count(l.id)::int as lines,
            coalesce(sum(l.amount_kop), 0)::bigint as "amountKop"
       from recalculation_requests r
       left join users u on u.id = r.created_by
       left join charge_lines l on l.recalculation_request_id = r.id and l.origin = 'recalculation'
       left join houses h on h.id = r.house_id
      where r.house_id is null or h.settlement_centre_id = any($1::bigint[])
      group by r.id, u.full_name, l.period, l.corrects_period
      order by r.id desc, l.corrects_period
      limit $2`,
    [[...scope], limit],
  );
}
