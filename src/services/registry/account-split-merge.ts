/**
 * Splitting and merging accounts, keeping the history traceable: the old accounts close the day before the
 * date, the new ones open on it, and account_links say which continued which. A split keeps the old share
 * exactly (the parts sum to it); a merge gives the new account the sum of the shares (exact decimals).
 * A date before the current period is recorded for the house's recalculation.
 */
import * as accounts from '../../db/registry/accounts.js';
import type { Tx } from '../../db/client.js';
import { Decimal } from '../../domain/decimal.js';
import { validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import {
  closeOpenAccount,
  getAccount,
  insertAccounts,
  payerProblems,
  requireAccount,
  requireOpen,
  requireSharesFit,
  shareOf,
  type AccountCard,
  type Payer,
} from './accounts.js';
import { requirePremise } from './premises.js';
import { requireHouseKeeper } from './houses.js';
import { recordIfRetroactive } from './retroactive.js';

/** Closes `old` the day before `on`, links each to every one of `created`, records a change in the past. */
async function closeAndLink(
  tx: Tx,
  ctx: Ctx,
  kind: 'split' | 'merge',
  old: accounts.Account[],
  created: number[],
  on: IsoDate,
): Promise<void> {
  const reason = kind === 'split' ? 'разделение лицевого счёта' : 'объединение лицевых счетов';
  for (const a of old) {
    await closeOpenAccount(
      tx,
      ctx,
      a,
      { closedOn: addDays(on, -1), reason },
      { [kind]: { on, into: created } },
    );
    for (const to of created) {
      await accounts.insertAccountLink(
        tx,
        { kind, fromAccountId: a.id, toAccountId: to, onDate: on },
        ctx.actor.userId,
      );
    }
  }
  const first = kind === 'split' ? old[0]!.id : created[0]!;
  await recordIfRetroactive(tx, ctx, {
    reason: `${reason} ${old.map((a) => a.number).join(', ')}`,
    objectType: 'account',
    objectId: first,
    houseId: old[0]!.house.id,
    accountId: first,
    fromDate: on,
  });
}

function onProblems(old: accounts.Account[], on: IsoDate): ErrorDetail[] {
  const late = old.find((a) => on <= a.openedOn);
  return late
    ? [{ field: 'on', problem: `должна быть позже открытия счёта ${late.number} (${late.openedOn})` }]
    : [];
}

/** Splits an account from `on`: it closes the day before; the parts' shares sum exactly to its share. */
export async function splitAccount(
  ctx: Ctx,
  id: number,
  input: { on: string; parts: (Payer & { areaShare: string })[] },
): Promise<AccountCard> {
  requirePermission(ctx.actor, 'registry.write');
  const old = await requireAccount(ctx, id);
  await requireHouseKeeper(ctx, old.house.id);
  requireOpen(old);
  const on = parseIsoDate(input.on);
  const problems = onProblems([old], on);
  const shares = input.parts.map((p, i) => shareOf(p.areaShare, `parts.${i}.areaShare`, problems));
  for (const [i, p] of input.parts.entries()) problems.push(...(await payerProblems(ctx, p, `parts.${i}.`)));
  const sum = Decimal.sum(shares);
  const oldShare = Decimal.parse(old.areaShare);
  if (!sum.eq(oldShare)) {
    problems.push({ field: 'parts', problem: `сумма долей частей ${sum} не равна доле счёта ${oldShare}` });
  }
  if (problems.length > 0) throw validationFailed(problems);
  const premise = await requirePremise(ctx, old.premise.id);
  await ctx.db.transaction(async (tx) => {
    await requireSharesFit(tx, premise.id, { from: on, closing: [old.id], opening: sum });
    const ids = await insertAccounts(tx, ctx, premise, on, input.parts);
    await closeAndLink(tx, ctx, 'split', [old], ids, on);
  });
  return getAccount(ctx, id);
}

/** Merges open accounts of one premise from `on` into a new one with the sum of their shares. */
export async function mergeAccounts(
  ctx: Ctx,
  input: Payer & { accountIds: number[]; on: string },
): Promise<AccountCard> {
  requirePermission(ctx.actor, 'registry.write');
  const old: accounts.Account[] = [];
  for (const id of new Set(input.accountIds)) old.push(await requireAccount(ctx, id));
  for (const houseId of new Set(old.map((a) => a.house.id))) await requireHouseKeeper(ctx, houseId);
  const on = parseIsoDate(input.on);
  const problems: ErrorDetail[] = [];
  if (old.length < 2) problems.push({ field: 'accountIds', problem: 'нужны хотя бы два разных счёта' });
  if (new Set(old.map((a) => a.premise.id)).size > 1) {
    problems.push({ field: 'accountIds', problem: 'счета разных помещений объединить нельзя' });
  }
  const closed = old.filter((a) => a.status !== 'open');
  if (closed.length > 0) {
    problems.push({ field: 'accountIds', problem: `закрыты: ${closed.map((a) => a.number).join(', ')}` });
  }
  problems.push(...onProblems(old, on), ...(await payerProblems(ctx, input)));
  if (problems.length > 0) throw validationFailed(problems);
  const areaShare = Decimal.sum(old.map((a) => Decimal.parse(a.areaShare)));
  const premise = await requirePremise(ctx, old[0]!.premise.id);
  const id = await ctx.db.transaction(async (tx) => {
    const closing = old.map((a) => a.id);
    await requireSharesFit(tx, premise.id, { from: on, closing, opening: areaShare });
    const [created] = await insertAccounts(tx, ctx, premise, on, [
      { ...input, areaShare: areaShare.toString() },
    ]);
    await closeAndLink(tx, ctx, 'merge', old, [created!], on);
    return created!;
  });
  return getAccount(ctx, id);
}
