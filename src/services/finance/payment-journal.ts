/**
 * The payments journal (docs/finance.md "Payments journal"): the centre's payments filtered and paged, with the
 * count and the sums of the whole filtered set, for the Финансы → Журнал платежей screen and the API. Only the
 * actor's settlement centres; a house or an account the actor cannot see is not found.
 */
import * as db from '../../db/finance/payment-journal.js';
import { selectAccount } from '../../db/registry/accounts.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { DomainError } from '../../domain/errors.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';

export type { JournalRow, JournalState } from '../../db/finance/payment-journal.js';
export { journalStates } from '../../db/finance/payment-journal.js';

export type JournalPage = { items: db.JournalRow[]; total: number; amountKop: number; feeKop: number };

export async function paymentJournal(
  ctx: Ctx,
  f: Omit<db.JournalFilter, 'settlementCentreIds'>,
  page: { limit: number; offset: number },
): Promise<JournalPage> {
  requirePermission(ctx.actor, 'payments.read');
  if (f.accountId !== undefined) {
    const a = await selectAccount(ctx.db, f.accountId);
    if (!a || !(await isHouseVisible(ctx.db, ctx.actor, a.house.id)))
      throw new DomainError('not_found', 'Лицевой счёт не найден');
  }
  if (f.houseId !== undefined && !(await isHouseVisible(ctx.db, ctx.actor, f.houseId)))
    throw new DomainError('not_found', 'Дом не найден');
  return db.selectJournal(ctx.db, { ...f, settlementCentreIds: ctx.actor.scope }, page);
}
