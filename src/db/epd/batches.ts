/** Batches of payment documents and their progress (migration 0017; docs/epd.md "Batches"). */
import type { EpdSnapshot } from '../../domain/epd/snapshot.js';
import type { Queryable } from '../client.js';

export type BatchScopeKind = 'house' | 'manager' | 'district';

export type Batch = {
  id: number;
  settlementCentreId: number;
  period: string;
  scopeKind: BatchScopeKind;
  scopeId: number;
  status: 'running' | 'done' | 'failed';
  accountsTotal: number;
  accountsDone: number;
  documentsIssued: number;
  accountsSkipped: number;
  documentCount: number;
  error: string | null;
  finishedAt: Date | null;
  createdAt: Date;
  createdBy: number | null;
};

const columns = `id, settlement_centre_id as "settlementCentreId", period, scope_kind as "scopeKind",
    scope_id as "scopeId", status, accounts_total as "accountsTotal", accounts_done as "accountsDone",
    documents_issued as "documentsIssued", accounts_skipped as "accountsSkipped",
    cardinality(document_ids) as "documentCount", error, finished_at as "finishedAt",
    created_at as "createdAt", created_by as "createdBy"`;

const toBatch = (r: Batch): Batch => ({
  ...r,
  id: Number(r.id),
  settlementCentreId: Number(r.settlementCentreId),
  scopeId: Number(r.scopeId),
  documentCount: Number(r.documentCount),
});

export async function insertBatch(
  q: Queryable,
  b: {
    settlementCentreId: number;
    period: string;
    scopeKind: BatchScopeKind;
    scopeId: number;
    accountsTotal: number;
  },
  at: Date,
  createdBy: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into payment_document_batches (settlement_centre_id, period, scope_kind, scope_id, accounts_total,
        created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [b.settlementCentreId, b.period, b.scopeKind, b.scopeId, b.accountsTotal, at, createdBy],
  );
  return Number(row!.id);
}

export async function selectBatch(q: Queryable, id: number): Promise<Batch | undefined> {
  const row = await q.maybeOne<Batch>(`select ${columns} from payment_document_batches where id = $1`, [id]);
  return row && toBatch(row);
}

/** The batches of the centres given, newest first. */
export async function selectBatches(
  q: Queryable,
  centreIds: readonly number[],
  limit: number,
): Promise<Batch[]> {
  const rows = await q.query<Batch>(
    `select ${columns} from payment_document_batches where settlement_centre_id = any($1::bigint[])
      order by id desc limit $2`,
    [[...centreIds], limit],
  );
  return rows.map(toBatch);
}

/** Adds a house's part: accounts handled, documents issued and skipped, the documents' ids. */
export async function addBatchProgress(
  q: Queryable,
  id: number,
  p: { done: number; issued: number; skipped: number; documentIds: readonly number[] },
): Promise<void> {
  await q.query(
    `update payment_document_batches set accounts_done = accounts_done + $2, documents_issued = documents_issued + $3,
        accounts_skipped = accounts_skipped + $4, document_ids = document_ids || $5::bigint[]
      where id = $1`,
    [id, p.done, p.issued, p.skipped, [...p.documentIds]],
  );
}

export async function finishBatch(q: Queryable, id: number, at: Date, error: string | null): Promise<void> {
  await q.query(
    `update payment_document_batches set status = $3, error = $4, finished_at = $2 where id = $1`,
    [id, at, error === null ? 'done' : 'failed', error],
  );
}

/** The stored snapshots of a batch's documents. */
export async function selectBatchSnapshots(q: Queryable, id: number): Promise<EpdSnapshot[]> {
  const rows = await q.query<{ snapshot: EpdSnapshot | string }>(
    `select d.snapshot from payment_document_batches b
       cross join lateral unnest(b.document_ids) as x(document_id)
       join payment_documents d on d.id = x.document_id
      where b.id = $1`,
    [id],
  );
  return rows.map((r) =>
    typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as EpdSnapshot) : r.snapshot,
  );
}

/** The account × document id of the accounts' documents of a period and kind already issued. */
export async function selectIssuedIds(
  q: Queryable,
  accountIds: readonly number[],
  period: string,
  kind: string,
): Promise<Map<number, number>> {
  const rows = await q.query<{ accountId: number; id: number }>(
    `select account_id as "accountId", id from payment_documents
      where account_id = any($1::bigint[]) and period = $2 and kind = $3`,
    [[...accountIds], period, kind],
  );
  return new Map(rows.map((r) => [Number(r.accountId), Number(r.id)]));
}
