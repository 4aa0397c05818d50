/** Billing periods of a settlement centre: the open one and the closed ones (docs/billing.md "Periods"). */
import type { Queryable } from '../client.js';

export type BillingPeriodRow = {
  id: number;
  settlementCentreId: number;
  period: string;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedBy: number | null;
  createdAt: Date;
};

const select = `select id, settlement_centre_id as "settlementCentreId", period, status, closed_at as "closedAt",
    closed_by as "closedBy", created_at as "createdAt" from billing_periods`;

export async function selectPeriods(db: Queryable, settlementCentreId: number): Promise<BillingPeriodRow[]> {
  return db.query<BillingPeriodRow>(`${select} where settlement_centre_id = $1 order by period desc`, [
    settlementCentreId,
  ]);
}

export async function selectOpenPeriod(
  db: Queryable,
  settlementCentreId: number,
): Promise<BillingPeriodRow | undefined> {
  return db.maybeOne<BillingPeriodRow>(`${select} where settlement_centre_id = $1 and status = 'open'`, [
    settlementCentreId,
  ]);
}

/** Inserts the open period unless the centre already has one (a concurrent first use inserts nothing). */
export async function insertOpenPeriod(
  db: Queryable,
  settlementCentreId: number,
  period: string,
  at: Date,
  createdBy: number | null,
): Promise<void> {
  await db.query(
    `insert into billing_periods (settlement_centre_id, period, status, created_at, created_by)
     values ($1, $2, 'open', $3, $4) on conflict do nothing`,
    [settlementCentreId, period, at, createdBy],
  );
}

/** Locks the centre's open period row for the closing transaction. */
export async function lockOpenPeriod(
  db: Queryable,
  settlementCentreId: number,
): Promise<BillingPeriodRow | undefined> {
  return db.maybeOne<BillingPeriodRow>(
    `${select} where settlement_centre_id = $1 and status = 'open' for update`,
    [settlementCentreId],
  );
}

export async function markPeriodClosed(
  db: Queryable,
  id: number,
  at: Date,
  by: number | null,
): Promise<void> {
  await db.query(
    `update billing_periods set status = 'closed', closed_at = $2, closed_by = $3 where id = $1`,
    [id, at, by],
  );
}

/** The closed periods of the centre from `fromPeriod` on, oldest first. */
export async function selectClosedPeriodsFrom(
  db: Queryable,
  settlementCentreId: number,
  fromPeriod: string,
): Promise<string[]> {
  const rows = await db.query<{ period: string }>(
    `select period from billing_periods where settlement_centre_id = $1 and status = 'closed' and period >= $2
      order by period`,
    [settlementCentreId, fromPeriod],
  );
  return rows.map((r) => r.period);
}

/**
 * The open period of the house's settlement centre, or with no house (a change for every house) the latest
 * open period of any centre; undefined when no centre has opened one yet.
 */
export async function selectOpenPeriodOfHouse(
  db: Queryable,
  houseId: number | null,
): Promise<string | undefined> {
  const row = await db.maybeOne<{ period: string | null }>(
    `select max(bp.period) as period from billing_periods bp
      where bp.status = 'open'
        and ($1::bigint is null
             or bp.settlement_centre_id = (select h.settlement_centre_id from houses h where h.id = $1))`,
    [houseId],
  );
  return row?.period ?? undefined;
}
