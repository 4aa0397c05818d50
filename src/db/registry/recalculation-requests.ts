/** Records of changes that reach into past periods, read by the billing engine. */
import type { Queryable } from '../client.js';

export type RecalculationRequest = {
  id: number;
  reason: string;
  objectType: string;
  objectId: string;
  houseId: number | null;
  accountId: number | null;
  fromDate: string;
  processedAt: Date | null;
  createdAt: Date;
};

export async function insertRecalculationRequest(
  db: Queryable,
  r: Omit<RecalculationRequest, 'id' | 'processedAt' | 'createdAt'>,
  at: Date,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into recalculation_requests (reason, object_type, object_id, house_id, account_id, from_date, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [r.reason, r.objectType, r.objectId, r.houseId, r.accountId, r.fromDate, at, createdBy],
  );
  return row!.id;
}

export async function selectRecalculationRequests(
  db: Queryable,
  f: { houseIds?: readonly number[] | undefined; pendingOnly?: boolean },
): Promise<RecalculationRequest[]> {
  const rows = await db.query<{
    id: number;
    reason: string;
    object_type: string;
    object_id: string;
    house_id: number | null;
    account_id: number | null;
    from_date: string;
    processed_at: Date | null;
    created_at: Date;
  }>(
    `select * from recalculation_requests
      where ($1::bigint[] is null or house_id is null or house_id = any($1)) and (not $2 or processed_at is null)
      order by id desc limit 500`,
    [f.houseIds ? [...f.houseIds] : null, f.pendingOnly ?? false],
  );
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    objectType: r.object_type,
    objectId: r.object_id,
    houseId: r.house_id,
    accountId: r.account_id,
    fromDate: r.from_date,
    processedAt: r.processed_at,
    createdAt: r.created_at,
  }));
}
