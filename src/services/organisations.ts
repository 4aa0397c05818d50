/** Use cases of organisations (the registry issue extends them with legal details and bank accounts). */
import type { ListQuery, Page } from '../db/list.js';
import * as orgs from '../db/organisations.js';
import { DomainError, validationFailed } from '../domain/errors.js';
import { recordAudit } from './audit.js';
import { requirePermission, requireVisible } from './authorize.js';
import type { Ctx } from './context.js';

export type { Organisation } from '../db/organisations.js';

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
 * Creates an organisation served by the actor's settlement centre. Only a settlement centre's
 * administrator registers organisations; a manager or supplier cannot create others.
 */
export async function createOrganisation(
  ctx: Ctx,
  input: Omit<orgs.NewOrganisation, 'settlementCentreId'>,
): Promise<orgs.Organisation> {
  requirePermission(ctx.actor, 'organisations.write');
  if (ctx.actor.organisationKind !== 'settlement_centre') {
    throw new DomainError('forbidden', 'Регистрировать организации может только расчётный центр');
  }
  if (input.kind === 'settlement_centre') {
    throw validationFailed([{ field: 'kind', problem: 'расчётный центр создаётся при установке системы' }]);
  }
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
