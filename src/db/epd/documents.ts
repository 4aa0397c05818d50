/** Issued payment documents (ЕПД) with their snapshots (migration 0012; docs/epd.md "Stored documents"). */
import type { EpdKind, EpdSnapshot } from '../../domain/epd/snapshot.js';
import type { Queryable } from '../client.js';

export type StoredDocument = {
  id: number;
  settlementCentreId: number;
  accountId: number;
  period: string;
  kind: EpdKind;
  months: number;
  documentNumber: string;
  totalToPayKop: number;
  createdAt: Date;
  createdBy: number | null;
};

const columns = `d.id, d.settlement_centre_id as "settlementCentreId", d.account_id as "accountId", d.period,
    d.kind, d.months, d.document_number as "documentNumber", d.total_to_pay_kop as "totalToPayKop",
    d.created_at as "createdAt", d.created_by as "createdBy"`;

/** The account's documents, newest period first. */
export async function selectAccountDocuments(db: Queryable, accountId: number): Promise<StoredDocument[]> {
  return db.query<StoredDocument>(
    `select ${columns} from payment_documents d where d.account_id = $1 order by d.period desc, d.kind, d.id`,
    [accountId],
  );
}

/** The one document of an account × period × kind, if issued. */
export async function selectDocumentOf(
  db: Queryable,
  accountId: number,
  period: string,
  kind: EpdKind,
): Promise<StoredDocument | undefined> {
  return db.maybeOne<StoredDocument>(
    `select ${columns} from payment_documents d where d.account_id = $1 and d.period = $2 and d.kind = $3`,
    [accountId, period, kind],
  );
}

export async function selectDocument(db: Queryable, id: number): Promise<StoredDocument | undefined> {
  return db.maybeOne<StoredDocument>(`select ${columns} from payment_documents d where d.id = $1`, [id]);
}

/** The stored snapshot exactly as issued (jsonb keeps every value; the renderer reads fields by name). */
export async function selectSnapshot(db: Queryable, id: number): Promise<EpdSnapshot | undefined> {
  const row = await db.maybeOne<{ snapshot: EpdSnapshot | string }>(
    'select snapshot from payment_documents where id = $1',
    [id],
  );
  if (!row) return undefined;
  return typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as EpdSnapshot) : row.snapshot;
}

/**
 * Stores a document unless the account × period × kind already has one; returns the id and whether it was
 * new. Concurrent issues of the same document meet at the unique key: the second gets the first one's id.
 */
export async function insertDocument(
  db: Queryable,
  d: { settlementCentreId: number; accountId: number; snapshot: EpdSnapshot },
  at: Date,
  createdBy: number | null,
): Promise<{ id: number; created: boolean }> {
  const s = d.snapshot;
  const row = await db.maybeOne<{ id: number }>(
    `insert into payment_documents (settlement_centre_id, account_id, period, kind, months, document_number,
        total_to_pay_kop, snapshot, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
     on conflict (account_id, period, kind) do nothing
     returning id`,
    [
      d.settlementCentreId,
      d.accountId,
      s.period,
      s.kind,
      s.months,
      s.documentNumber,
      s.totalToPayKop,
      JSON.stringify(s),
      at,
      createdBy,
    ],
  );
  if (row) return { id: row.id, created: true };
  const existing = await selectDocumentOf(db, d.accountId, s.period, s.kind);
  return { id: existing!.id, created: false };
}
