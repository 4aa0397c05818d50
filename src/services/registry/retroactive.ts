/**
 * A change whose effective date falls in the open billing period of the house's settlement centre, or before
 * it, reaches periods that are charged or being charged: it is recorded as a recalculation request in the same
 * transaction, for the billing engine — closed periods get recalculation lines, the open period is recomputed
 * within the worker's next pass (docs/billing.md "Online"). A change dated after the open period (the next
 * period or later) is not recorded: the run of that period will read it.
 */
import type { Queryable } from '../../db/client.js';
import { selectOpenPeriodOfHouse } from '../../db/billing/periods.js';
import { insertRecalculationRequest } from '../../db/registry/recalculation-requests.js';
import {
  compareDates,
  firstDay,
  lastDay,
  periodOf,
  prevPeriod,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import type { Clock } from '../context.js';
import type { Actor } from '../../domain/access.js';

export type RetroactiveChange = {
  reason: string;
  objectType: string;
  objectId: string | number;
  houseId: number | null;
  accountId?: number | null;
  fromDate: IsoDate;
};

/** The first day of the period the clock is in. */
export function currentPeriodStart(clock: Clock): IsoDate {
  return firstDay(periodOf(clock.now().toISOString().slice(0, 10) as IsoDate));
}

/**
 * The open billing period for a change of the house (null: of every house): its centre's open period, or, before
 * the centre has opened one, the month before the clock's — the period its first use opens (engine.ts
 * `openPeriodOf`).
 */
export async function openPeriodForChange(
  q: Queryable,
  clock: Clock,
  houseId: number | null,
): Promise<BillingPeriod> {
  const found = await selectOpenPeriodOfHouse(q, houseId);
  return (found as BillingPeriod | undefined) ?? prevPeriod(periodOf(currentPeriodStart(clock)));
}

/** Records the change if it reaches the open period or earlier; returns whether it did. */
export async function recordIfRetroactive(
  tx: Queryable,
  ctx: { clock: Clock; actor: Actor },
  change: RetroactiveChange,
): Promise<boolean> {
  const open = await openPeriodForChange(tx, ctx.clock, change.houseId);
  if (compareDates(change.fromDate, lastDay(open)) > 0) return false;
  await insertRecalculationRequest(
    tx,
    {
      reason: change.reason,
      objectType: change.objectType,
      objectId: String(change.objectId),
      houseId: change.houseId,
      accountId: change.accountId ?? null,
      fromDate: change.fromDate,
    },
    ctx.clock.now(),
    ctx.actor.userId,
  );
  return true;
}
