/**
 * Use cases of accounts: the list, the card with its split/merge history, open and close (split and merge:
 * account-split-merge.ts). An account is visible when its house is. In one premise, the area shares of the
 * accounts in force on any day sum to at most 1 (exact decimals); it is checked with the premise locked.
 */
import {
  accountSearchText,
  accountSearchTokens,
  selectAccounts,
  type AccountFilter,
} from '../../db/registry/account-search.js';
import * as accounts from '../../db/registry/accounts.js';
import type { Queryable, Tx } from '../../db/client.js';
import type { ListQuery, Page } from '../../db/list.js';
import { selectOrganisation } from '../../db/organisations.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { lockPremise, type Premise } from '../../db/registry/premises.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { makeAccountNumber } from '../../domain/registry/account-number.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireHouseKeeper, today } from './houses.js';
import { requirePremise } from './premises.js';
import { recordIfRetroactive } from './retroactive.js';

export type { Account, AccountLink } from '../../db/registry/accounts.js';
export type AccountCard = accounts.Account & {
  predecessors: accounts.AccountLink[];
  successors: accounts.AccountLink[];
};
export type Payer = {
  payerKind: accounts.PayerKind;
  payerName: string;
  payerOrganisationId?: number | null | undefined;
};

export async function listAccounts(
  ctx: Ctx,
  filter: Omit<AccountFilter, 'actor'>,
  q: ListQuery,
): Promise<Page<accounts.Account>> {
  requirePermission(ctx.actor, 'registry.read');
  return selectAccounts(ctx.db, { ...filter, actor: ctx.actor }, q);
}

/** An account whose house the actor sees, or not_found. */
export async function requireAccount(ctx: Ctx, id: number): Promise<accounts.Account> {
  const account = await accounts.selectAccount(ctx.db, id);
  if (!account || !(await isHouseVisible(ctx.db, ctx.actor, account.house.id))) {
    throw new DomainError('not_found', 'Лицевой счёт не найден');
  }
  return account;
}

export async function getAccount(ctx: Ctx, id: number): Promise<AccountCard> {
  requirePermission(ctx.actor, 'registry.read');
  const account = await requireAccount(ctx, id);
  return { ...account, ...(await accounts.selectAccountLinks(ctx.db, id)) };
}

export function requireOpen(a: accounts.Account): void {
  if (a.status !== 'open')
    throw new DomainError('conflict', `Лицевой счёт ${a.number} уже закрыт (${a.closedOn})`);
}

/** A share of area: 0 < share ≤ 1, else a problem on `field`. */
export function shareOf(text: string, field: string, problems: ErrorDetail[]): Decimal {
  const share = Decimal.parse(text);
  if (share.cmp(Decimal.ZERO) <= 0 || share.cmp(Decimal.ONE) > 0) {
    problems.push({ field, problem: 'доля площади должна быть больше 0 и не больше 1' });
  }
  return share;
}

export async function payerProblems(ctx: Ctx, p: Payer, prefix = ''): Promise<ErrorDetail[]> {
  if (p.payerOrganisationId === undefined || p.payerOrganisationId === null) return [];
  const field = `${prefix}payerOrganisationId`;
  if (p.payerKind !== 'organisation') {
    return [{ field, problem: 'организация указывается для плательщика-организации' }];
  }
  const org = await selectOrganisation(ctx.db, p.payerOrganisationId);
  return org && ctx.actor.scope.includes(org.id) ? [] : [{ field, problem: 'организация не найдена' }];
}

/**
 * The rule of shares, checked in the transaction with the premise locked: on no day may the shares of the
 * premise's accounts in force sum to more than 1. `closing` end the day before `from`; `opening` start on
 * `from`. The sum only grows where an account opens, so those days are enough to check.
 */
export async function requireSharesFit(
  tx: Queryable,
  premiseId: number,
  change: { from: IsoDate; closing?: readonly number[]; opening: Decimal },
): Promise<void> {
  await lockPremise(tx, premiseId);
  const spans = (await accounts.selectPremiseAccounts(tx, premiseId)).map((a) => ({
    share: Decimal.parse(a.areaShare),
    from: a.openedOn,
    to: change.closing?.includes(a.id) ? addDays(change.from, -1) : a.closedOn,
  }));
  spans.push({ share: change.opening, from: change.from, to: null });
  for (const date of [...new Set(spans.map((s) => s.from))].sort()) {
    const sum = Decimal.sum(
      spans.filter((s) => s.from <= date && (s.to === null || date <= s.to)).map((s) => s.share),
    );
    if (sum.cmp(Decimal.ONE) > 0) {
      const problem = `на ${date} доли площади счетов помещения в сумме составили бы ${sum}, больше 1`;
      throw validationFailed([{ field: 'areaShare', problem }]);
    }
  }
}

/** Opens accounts in the transaction: numbers with their check digit, search keys, audit; returns their ids. */
export async function insertAccounts(
  tx: Tx,
  ctx: Ctx,
  premise: Premise,
  openedOn: IsoDate,
  parts: (Payer & { areaShare: string })[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const p of parts) {
    const row = {
      premiseId: premise.id,
      payerKind: p.payerKind,
      payerName: p.payerName,
      payerOrganisationId: p.payerOrganisationId ?? null,
      areaShare: Decimal.parse(p.areaShare).toString(),
      openedOn,
    };
    const text = accountSearchText({
      payerName: p.payerName,
      address: premise.address,
      premiseLabel: premise.label,
    });
    const number = makeAccountNumber(await accounts.nextAccountSerial(tx));
    const id = await accounts.insertAccount(
      tx,
      { ...row, number, searchTokens: accountSearchTokens(text) },
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'account',
      objectId: id,
      organisationId: premise.settlementCentreId,
      after: { number, ...row },
    });
    ids.push(id);
  }
  return ids;
}

export async function openAccount(
  ctx: Ctx,
  premiseId: number,
  input: Payer & { areaShare: string; openedOn?: string | undefined },
): Promise<accounts.Account> {
  requirePermission(ctx.actor, 'registry.write');
  const premise = await requirePremise(ctx, premiseId);
  await requireHouseKeeper(ctx, premise.houseId);
  const openedOn = input.openedOn ? parseIsoDate(input.openedOn) : today(ctx);
  const problems = await payerProblems(ctx, input);
  const share = shareOf(input.areaShare, 'areaShare', problems);
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await requireSharesFit(tx, premiseId, { from: openedOn, opening: share });
    const [id] = await insertAccounts(tx, ctx, premise, openedOn, [input]);
    await recordIfRetroactive(tx, ctx, {
      reason: 'открытие лицевого счёта задним числом',
      objectType: 'account',
      objectId: id!,
      houseId: premise.houseId,
      accountId: id!,
      fromDate: openedOn,
    });
    return (await accounts.selectAccount(tx, id!))!;
  });
}

/** Closes an open account in the transaction, with its audit record; conflict if it was closed meanwhile. */
export async function closeOpenAccount(
  tx: Tx,
  ctx: Ctx,
  a: accounts.Account,
  c: { closedOn: IsoDate; reason: string },
  extra = {},
) {
  if (!(await accounts.closeAccount(tx, a.id, c, ctx.clock.now()))) {
    throw new DomainError('conflict', `Лицевой счёт ${a.number} уже закрыт`);
  }
  await recordAudit(tx, ctx, {
    action: 'update',
    objectType: 'account',
    objectId: a.id,
    organisationId: a.settlementCentreId,
    before: { status: 'open', closedOn: null, closeReason: null },
    after: { status: 'closed', closedOn: c.closedOn, closeReason: c.reason, ...extra },
  });
}

/** Closes the account on `closedOn`, its last day; charges after that day are recalculated if already made. */
export async function closeAccount(
  ctx: Ctx,
  id: number,
  input: { closedOn: string; reason: string },
): Promise<accounts.Account> {
  requirePermission(ctx.actor, 'registry.write');
  const before = await requireAccount(ctx, id);
  await requireHouseKeeper(ctx, before.house.id);
  requireOpen(before);
  const closedOn = parseIsoDate(input.closedOn);
  if (closedOn < before.openedOn) {
    throw validationFailed([{ field: 'closedOn', problem: `раньше открытия счёта (${before.openedOn})` }]);
  }
  return ctx.db.transaction(async (tx) => {
    await closeOpenAccount(tx, ctx, before, { closedOn, reason: input.reason });
    await recordIfRetroactive(tx, ctx, {
      reason: `закрытие лицевого счёта ${before.number}`,
      objectType: 'account',
      objectId: id,
      houseId: before.house.id,
      accountId: id,
      fromDate: addDays(closedOn, 1),
    });
    return (await accounts.selectAccount(tx, id))!;
  });
}
