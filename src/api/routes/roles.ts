/** GET /roles: the role reference with Russian names and permissions. */
import { createRoute, z } from '@hono/zod-openapi';
import { organisationKinds, roles, rolesAllowedFor } from '../../domain/access.js';
import { newRouter } from '../env.js';
import { commonErrors, json } from '../schemas.js';

const RoleSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    permissions: z.array(z.string()),
    organisationKinds: z
      .array(z.enum(organisationKinds))
      .openapi({ description: 'Виды организаций, сотрудникам которых роль доступна' }),
  })
  .openapi('Role');

export const roleRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/roles',
    tags: ['Доступ'],
    summary: 'Роли и их права',
    responses: { 200: json(z.object({ items: z.array(RoleSchema) }), 'Роли'), 401: commonErrors[401] },
  }),
  (c) =>
    c.json(
      {
        items: roles.map((r) => ({
          code: r.code,
          name: r.name,
          permissions: [...r.permissions],
          organisationKinds: organisationKinds.filter((k) => rolesAllowedFor[k].includes(r.code)),
        })),
      },
      200,
    ),
);
