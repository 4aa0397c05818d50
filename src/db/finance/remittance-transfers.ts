/**
 * Transfers made to suppliers as stored (migration 0016; docs/finance.md "Recorded transfers"). Only inserted:
 * a wrong transfer is reversed by a new row with the opposite amount (`reversesTransferId`).
 */
import type { Queryable } from '../client.js';

export type TransferFields = {
  settlementCentreId: number;
  supplierId: number;
  collectedOn: string;
  amountKop: number;
  orderNumber: string;
  transferredOn: string;
  reversesTransferId: number | null;
  note: string | null;
};

export type Transfer = TransferFields & {
  id: number;
  supplierName: string;
  reversedBy: number | null;
  createdAt: Date;
  createdBy: number | null;
  createdByName: string | null;
};

const select = `select t.id, t.settlement_centre_id as "settlementCentreId", t.supplier_id as "supplierId",
    t.collected_on::text as "collectedOn", t.amount_kop as "amountKop", t.order_number as "orderNumber",
    t.transferred_on::text as "transferredOn", t.reverses_transfer_id as "reversesTransferId", t.note,
    o.name as "supplierName", (select r.id from remittance_transfers r where r.reverses_transfer_id = t.id)
    as "reversedBy", t.created_at as "createdAt", t.created_by as "createdBy", u.full_name as "createdByName"
  from remittance_transfers t join organisations o on o.id = t.supplier_id left join users u on u.id = t.created_by`;

export async function insertTransfer(
  q: Queryable,
  t: TransferFields,
  at: Date,
  by: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into remittance_transfers (settlement_centre_id, supplier_id, collected_on, amount_kop, order_number,
       transferred_on, reverses_transfer_id, note, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      t.settlementCentreId,
      t.supplierId,
      t.collectedOn,
      t.amountKop,
      t.orderNumber,
      t.transferredOn,
      t.reversesTransferId,
      t.note,
      at,
      by,
    ],
  );
  return row!.id;
}

export async function selectTransfer(q: Queryable, id: number): Promise<Transfer | undefined> {
  return q.maybeOne<Transfer>(`${select} where t.id = $1`, [id]);
}

/** The centre's transfers for days of collection in [from, to] (optionally one supplier), oldest first. */
export async function selectTransfers(
  q: Queryable,
  settlementCentreId: number,
  f: { from: string; to: string; supplierId?: number | undefined },
): Promise<Transfer[]> {
  return q.query<Transfer>(
    `${select} where t.settlement_centre_id = $1 and t.collected_on between $2::date and $3::date
       and ($4::bigint is null or t.supplier_id = $4)
     order by t.collected_on, t.supplier_id, t.transferred_on, t.id`,
    [settlementCentreId, f.from, f.to, f.supplierId ?? null],
  );
}

/** The same payment order already recorded for the day (not a reversal): the idempotency key of migration 0016. */
export async function selectSameOrder(
  q: Queryable,
  t: Pick<
    TransferFields,
    'settlementCentreId' | 'supplierId' | 'collectedOn' | 'orderNumber' | 'transferredOn'
  >,
): Promise<Transfer | undefined> {
  return q.maybeOne<Transfer>(
    `${select} where t.settlement_centre_id = $1 and t.supplier_id = $2 and t.collected_on = $3::date
       and t.order_number = $4 and t.transferred_on = $5::date and t.reverses_transfer_id is null`,
    [t.settlementCentreId, t.supplierId, t.collectedOn, t.orderNumber, t.transferredOn],
  );
}

/** Days of collection in [from, to] on which the centre received payments (the days a report must look at). */
export async function selectReceiptDays(
  q: Queryable,
  settlementCentreId: number,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await q.query<{ day: string }>(
    `select distinct received_on::text as day from payments
      where settlement_centre_id = $1 and received_on between $2::date and $3::date order by 1`,
    [settlementCentreId, from, to],
  );
  return rows.map((r) => r.day);
}
