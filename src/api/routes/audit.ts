/** GET /audit: the change history of objects in the actor's scope. */
import { createRoute, z } from '@hono/zod-openapi';
import { auditSortFields } from '../../db/audit.js';
import { listAudit } from '../../services/audit.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, json, listParams, pageOf, toListQuery } from '../schemas.js';

const actions = ['create', 'update', 'delete', 'read', 'login', 'logout', 'import', 'run'] as const;

const AuditSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.number().int(), login: z.string(), fullName: z.string() }).nullable(),
    action: z.enum(actions),
    objectType: z.string(),
    objectId: z.string(),
    organisationId: z.number().int().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditRecord');

const Query = z.object({
  ...listParams,
  objectType: z.string().min(1).max(50).optional(),
  objectId: z.string().min(1).max(50).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  action: z.enum(actions).optional(),
  from: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .optional()
    .openapi({ description: 'с (включительно)' }),
  to: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .optional()
    .openapi({ description: 'по (не включая)' }),
});

export const auditRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Аудит'],
    summary: 'Журнал изменений: кто, когда, что, до и после. По умолчанию новые сверху',
    request: { query: Query },
    responses: { 200: json(pageOf(AuditSchema, 'AuditPage'), 'Страница журнала'), ...commonErrors },
  }),
  async (c) => {
    const { page, pageSize, sort, from, to, ...filter } = c.req.valid('query');
    const result = await listAudit(
      ctxOf(c),
      { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      toListQuery({ page, pageSize, sort }, auditSortFields),
    );
    return c.json({ ...result, items: result.items.map((r) => ({ ...r, at: r.at.toISOString() })) }, 200);
  },
);
