/** Use cases of organisations: list, card, register, change their requisites, bank accounts. */
import * as banks from '../db/bank-accounts.js';
import type { ListQuery, Page } from '../db/list.js';
import * as orgs from '../db/organisations.js';
import { DomainError, validationFailed } from '../domain/errors.js';
import { parseIsoDate } from '../domain/period.js';
import { requisiteProblems } from '../domain/requisites.js';
import { recordAudit } from './audit.js';
import { requirePermission, requireVisible } from './authorize.js';
import type { Ctx } from './context.js';

export type { Organisation, OrganisationDetails } from '../db/organisations.js';
export type { BankAccount } from '../db/bank-accounts.js';

export async function listOrganisations(
  ctx: Ctx,
  filter: Omit<orgs.OrganisationFilter, 'scope'>,
  q: ListQuery,
): Promise<Page<orgs.Organisation>> {
  requirePermission(ctx.actor, 'organisations.read');
  return orgs.selectOrganisations(ctx.db, { ...filter, scope: ctx.actor.scope }, q);
}

export async function getOrganisation(ctx: Ctx, id: number): Promise<orgs.Organisation> {
  requirePermission(ctx.actor, 'organisations.read');
  return requireVisible(ctx.actor, await orgs.selectOrganisation(ctx.db, id), (o) => o.id, 'Организация');
}

/**
 * Registers an organisation served by the actor's settlement centre. Only a settlement centre's
 * administrator registers organisations; a manager or supplier cannot create others.
 * The ИНН and ОГРН check digits are verified (src/domain/requisites.ts).
 */
export async function createOrganisation(
  ctx: Ctx,
  input: Omit<orgs.NewOrganisation, 'settlementCentreId'>,
): Promise<orgs.Organisation> {
  requirePermission(ctx.actor, 'organisations.write');
  if (ctx.actor.organisationKind !== 'settlement_centre') {
    throw new DomainError('forbidden', 'Регистрировать организации может только расчётный центр');
  }
  const problems = requisiteProblems({ inn: input.inn, kpp: input.kpp, ogrn: input.ogrn });
  if (input.kind === 'settlement_centre') {
    problems.unshift({ field: 'kind', problem: 'расчётный центр создаётся при установке системы' });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    const org = await orgs.insertOrganisation(
      tx,
      { ...input, settlementCentreId: ctx.actor.organisationId },
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'organisation',
      objectId: org.id,
      organisationId: org.id,
      after: org,
    });
    return org;
  });
}

/** Changes an organisation's requisites, addresses or contacts; an administrator of it or of its settlement centre. */
export async function updateOrganisation(
  ctx: Ctx,
  id: number,
  changes: Partial<orgs.OrganisationDetails>,
): Promise<orgs.Organisation> {
  requirePermission(ctx.actor, 'organisations.write');
  const before = await getOrganisation(ctx, id);
  const problems = requisiteProblems({ inn: changes.inn, kpp: changes.kpp, ogrn: changes.ogrn });
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await orgs.updateOrganisation(tx, id, changes, ctx.clock.now());
    const after = (await orgs.selectOrganisation(tx, id))!;
    const keys = Object.keys(changes) as (keyof orgs.OrganisationDetails)[];
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'organisation',
      objectId: id,
      organisationId: id,
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]])),
    });
    return after;
  });
}

export async function listBankAccounts(ctx: Ctx, organisationId: number): Promise<banks.BankAccount[]> {
  await getOrganisation(ctx, organisationId);
  return banks.selectBankAccounts(ctx.db, organisationId);
}

/**
 * Adds a bank account. The account's key is checked against the БИК, and so is the correspondent
 * account's (the Central Bank's algorithm). A primary account demotes the previous primary one.
 */
export async function addBankAccount(
  ctx: Ctx,
  organisationId: number,
  input: Omit<banks.BankAccount, 'id' | 'organisationId' | 'validTo'>,
): Promise<banks.BankAccount> {
  requirePermission(ctx.actor, 'organisations.write');
  await getOrganisation(ctx, organisationId);
  const problems = requisiteProblems({
    bik: input.bik,
    account: input.account,
    correspondentAccount: input.correspondentAccount,
  });
  if (problems.length > 0) throw validationFailed(problems);
  const validFrom = parseIsoDate(input.validFrom);
  return ctx.db.transaction(async (tx) => {
    if (input.isPrimary) await banks.clearPrimary(tx, organisationId);
    const account = await banks.insertBankAccount(
      tx,
      { ...input, organisationId, validFrom, validTo: null },
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'bank_account',
      objectId: account.id,
      organisationId,
      after: account,
    });
    return account;
  });
}
