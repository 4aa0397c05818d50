/**
 * Reading charges: an account's lines by period with their explanations (recalculations under the lines they
 * correct), a house's summary, the recalculation journal, and the preview of a house (computed, not written).
 */
import * as lines from '../../db/billing/lines.js';
import { selectAccount } from '../../db/registry/accounts.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { computeHouse } from '../../domain/billing/compute.js';
import { DomainError } from '../../domain/errors.js';
import { parsePeriod, type BillingPeriod } from '../../domain/period.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { openPeriodOf, toStored } from './engine.js';
import { loadHouse } from './loader.js';

export type { StoredLine } from '../../db/billing/lines.js';

async function requireHouseVisible(ctx: Ctx, houseId: number): Promise<void> {
  if (!(await isHouseVisible(ctx.db, ctx.actor, houseId)))
    throw new DomainError('not_found', 'Дом не найден');
}

/** The account's current lines (one period or all), newest period first. */
export async function accountCharges(ctx: Ctx, accountId: number, period: string | null) {
  requirePermission(ctx.actor, 'charges.read');
  const account = await selectAccount(ctx.db, accountId);
  if (!account) throw new DomainError('not_found', 'Лицевой счёт не найден');
  const houseId = (await ctx.db.maybeOne<{ house_id: number }>(
    'select house_id from premises where id = $1',
    [account.premise.id],
  ))!.house_id;
  await requireHouseVisible(ctx, houseId);
  return lines.selectAccountLines(ctx.db, accountId, period === null ? null : parsePeriod(period));
}

export async function houseSummary(ctx: Ctx, houseId: number, period: string) {
  requirePermission(ctx.actor, 'charges.read');
  await requireHouseVisible(ctx, houseId);
  return lines.selectHouseSummary(ctx.db, houseId, parsePeriod(period));
}

export async function recalculationJournal(ctx: Ctx) {
  requirePermission(ctx.actor, 'charges.read');
  return lines.selectRecalculationJournal(ctx.db, ctx.actor.scope, 500);
}

/** What a run of the open period would charge the house today, without writing anything. */
export async function previewHouse(ctx: Ctx, houseId: number) {
  requirePermission(ctx.actor, 'charges.read');
  await requireHouseVisible(ctx, houseId);
  const centre = (await ctx.db.maybeOne<{ c: number }>(
    'select settlement_centre_id as c from houses where id = $1',
    [houseId],
  ))!.c;
  const period: BillingPeriod = await openPeriodOf(
    ctx.db,
    { clock: ctx.clock, userId: ctx.actor.userId },
    centre,
  );
  const loaded = await loadHouse(ctx.db, houseId, period);
  const fresh = computeHouse(loaded.input).map((l) => toStored(l, houseId, { runId: null, requestId: null }));
  return {
    period,
    gaps: loaded.gaps,
    accounts: loaded.input.accounts.length,
    amountKop: fresh.reduce((s, l) => s + l.amountKop, 0),
    lines: fresh,
  };
}
