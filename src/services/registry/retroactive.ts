/**
 * A change whose effective date falls before the current billing period reaches periods that may already
 * be charged: it is recorded as a recalculation request in the same transaction, for the billing engine.
 * Until periods can be closed (the billing issue), "the current period" is the calendar month of the clock.
 */
import type { Queryable } from '../../db/client.js';
import { insertRecalculationRequest } from '../../db/registry/recalculation-requests.js';
import { compareDates, firstDay, periodOf, type IsoDate } from '../../domain/period.js';
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

/** Records the change if it reaches before the current period; returns whether it did. */
export async function recordIfRetroactive(
  tx: Queryable,
  ctx: { clock: Clock; actor: Actor },
  change: RetroactiveChange,
): Promise<boolean> {
  if (compareDates(change.fromDate, currentPeriodStart(ctx.clock)) >= 0) return false;
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
