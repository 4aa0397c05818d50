/** Writing and reading the audit log. A change and its audit record share one transaction. */
import type { Queryable } from '../db/client.js';
import {
  insertAudit,
  selectAudit,
  type AuditAction,
  type AuditFilter,
  type AuditRecord,
} from '../db/audit.js';
import type { ListQuery, Page } from '../db/list.js';
import type { Actor } from '../domain/access.js';
import { requirePermission } from './authorize.js';
import type { Clock, Ctx } from './context.js';

export type AuditEvent = {
  action: AuditAction;
  objectType: string;
  objectId: string | number;
  /** The organisation whose data changed: decides who may read the record. */
  organisationId: number | null;
  before?: unknown;
  after?: unknown;
};

/** Records an event in the given transaction, as the actor of the context. */
export async function recordAudit(
  tx: Queryable,
  ctx: { clock: Clock; actor: Actor | null; requestId?: string | undefined },
  e: AuditEvent,
): Promise<void> {
  await insertAudit(tx, {
    at: ctx.clock.now(),
    actorUserId: ctx.actor?.userId ?? null,
    actorOrganisationId: ctx.actor?.organisationId ?? null,
    requestId: ctx.requestId ?? null,
    action: e.action,
    objectType: e.objectType,
    objectId: String(e.objectId),
    organisationId: e.organisationId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

/** The audit records the actor may read: those of organisations in his scope. */
export async function listAudit(
  ctx: Ctx,
  filter: Omit<AuditFilter, 'scope'>,
  q: ListQuery,
): Promise<Page<AuditRecord>> {
  requirePermission(ctx.actor, 'audit.read');
  return selectAudit(ctx.db, { ...filter, scope: ctx.actor.scope }, q);
}
