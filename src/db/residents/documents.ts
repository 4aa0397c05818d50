/** Documents issued to people: numbered per settlement centre and year, with the snapshot they render from. */
import type { Queryable } from '../client.js';

export const issuedDocumentKinds = [
  'house_register_extract',
  'flat_card',
  'registration_certificate',
] as const;
export type IssuedDocumentKind = (typeof issuedDocumentKinds)[number];

export type IssuedDocument = {
  id: number;
  settlementCentreId: number;
  kind: IssuedDocumentKind;
  year: number;
  number: number;
  accountId: number | null;
  personId: number | null;
  issuedAt: Date;
  content: unknown;
  requestKey: string | null;
};

type Row = {
  id: number;
  settlement_centre_id: number;
  kind: IssuedDocumentKind;
  year: number;
  number: number;
  account_id: number | null;
  person_id: number | null;
  issued_at: Date;
  content: unknown;
  request_key: string | null;
};

const toDocument = (r: Row): IssuedDocument => ({
  id: r.id,
  settlementCentreId: r.settlement_centre_id,
  kind: r.kind,
  year: r.year,
  number: r.number,
  accountId: r.account_id,
  personId: r.person_id,
  issuedAt: r.issued_at,
  content: r.content,
  requestKey: r.request_key,
});

export async function selectIssuedDocument(db: Queryable, id: number): Promise<IssuedDocument | undefined> {
  const row = await db.maybeOne<Row>('select * from issued_documents where id = $1', [id]);
  return row && toDocument(row);
}

export async function selectIssuedDocumentByKey(
  db: Queryable,
  settlementCentreId: number,
  requestKey: string,
): Promise<IssuedDocument | undefined> {
  const row = await db.maybeOne<Row>(
    'select * from issued_documents where settlement_centre_id = $1 and request_key = $2',
    [settlementCentreId, requestKey],
  );
  return row && toDocument(row);
}

export async function selectIssuedDocuments(
  db: Queryable,
  f: { accountId?: number | undefined; personId?: number | undefined },
): Promise<IssuedDocument[]> {
  const rows = await db.query<Row>(
    `select * from issued_documents where ($1::bigint is null or account_id = $1) and ($2::bigint is null or person_id = $2)
      order by issued_at desc, id desc limit 500`,
    [f.accountId ?? null, f.personId ?? null],
  );
  return rows.map(toDocument);
}

/**
 * Inserts the next number of the centre's year. The advisory lock on (centre, year) serialises numbering
 * within the transaction on both engines, so two issues never take the same number.
 */
export async function insertIssuedDocument(
  tx: Queryable,
  d: Omit<IssuedDocument, 'id' | 'number'>,
  createdBy: number | null,
): Promise<IssuedDocument> {
  await tx.query('select pg_advisory_xact_lock(7306, ($1::int * 10000 + $2::int))', [
    d.settlementCentreId % 200000,
    d.year,
  ]);
  const row = await tx.maybeOne<Row>(
    `insert into issued_documents (settlement_centre_id, kind, year, number, account_id, person_id, issued_at, content,
        request_key, created_by)
     select $1, $2, $3, coalesce(max(number), 0) + 1, $4, $5, $6, $7, $8, $9
       from issued_documents where settlement_centre_id = $1 and year = $3
     returning *`,
    [
      d.settlementCentreId,
      d.kind,
      d.year,
      d.accountId,
      d.personId,
      d.issuedAt,
      JSON.stringify(d.content),
      d.requestKey,
      createdBy,
    ],
  );
  return toDocument(row!);
}

export async function setIssuedDocumentContent(tx: Queryable, id: number, content: unknown): Promise<void> {
  await tx.query('update issued_documents set content = $2 where id = $1', [id, JSON.stringify(content)]);
}
