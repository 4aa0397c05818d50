/** The audit log table: one row per change (or sensitive read), written inside the change's transaction. */
import type { Queryable } from './client.js';
import { orderAndPage, Where, type ListQuery, type Page } from './list.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'read' | 'login' | 'logout' | 'import' | 'run';

export type AuditRecord = {
  id: number;
  at: Date;
  actor: { id: number; login: string; fullName: string } | null;
  action: AuditAction;
  objectType: string;
  objectId: string;
  organisationId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export type NewAuditRecord = {
  at: Date;
  actorUserId: number | null;
  actorOrganisationId: number | null;
  requestId: string | null;
  action: AuditAction;
  objectType: string;
  objectId: string;
  organisationId: number | null;
  before: unknown;
  after: unknown;
};

export async function insertAudit(db: Queryable, r: NewAuditRecord): Promise<void> {
  await db.query(
    `insert into audit_records (at, actor_user_id, actor_organisation_id, request_id, action, object_type, object_id,
       organisation_id, before, after) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.at,
      r.actorUserId,
      r.actorOrganisationId,
      r.requestId,
      r.action,
      r.objectType,
      r.objectId,
      r.organisationId,
      r.before === undefined ? null : JSON.stringify(r.before),
      r.after === undefined ? null : JSON.stringify(r.after),
    ],
  );
}

export type AuditFilter = {
  scope: readonly number[];
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: number | undefined;
  action?: AuditAction | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

/** Fields a list may be sorted by, and their columns. */
export const auditSortFields = Object.freeze({ at: 'a.at', id: 'a.id' });

type Row = {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_login: string | null;
  actor_name: string | null;
  action: AuditAction;
  object_type: string;
  object_id: string;
  organisation_id: number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
};

export async function selectAudit(db: Queryable, f: AuditFilter, q: ListQuery): Promise<Page<AuditRecord>> {
  const where = new Where()
    .add('a.organisation_id = any($?)', [...f.scope])
    .add('a.object_type = $?', f.objectType)
    .add('a.object_id = $?', f.objectId)
    .add('a.actor_user_id = $?', f.actorId)
    .add('a.action = $?', f.action)
    .add('a.at >= $?', f.from)
    .add('a.at < $?', f.to);
  const rows = await db.query<Row & { total: number }>(
    `select a.*, u.id as actor_id, u.login as actor_login, u.full_name as actor_name, count(*) over () as total
       from audit_records a left join users u on u.id = a.actor_user_id${where}` +
      orderAndPage(q, auditSortFields, 'a.id desc', 'a.id'),
    where.params,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_id === null ? null : { id: r.actor_id, login: r.actor_login!, fullName: r.actor_name! },
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      organisationId: r.organisation_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(
      db,
      rows,
      q,
      `select count(*)::int as n from audit_records a${where}`,
      where.params,
    ),
  };
}

/** The window count is on every row; a page past the end has no rows, so count separately then. */
export async function countIfEmpty(
  db: Queryable,
  rows: readonly { total: number }[],
  q: ListQuery,
  countSql: string,
  params: readonly unknown[],
): Promise<number> {
  if (rows.length > 0) return Number(rows[0]!.total);
  if (q.page === 1) return 0;
  return (await db.maybeOne<{ n: number }>(countSql, params))!.n;
}
