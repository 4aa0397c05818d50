/** Organisations in the actor's scope: list, read, register. */
import { createRoute, z } from '@hono/zod-openapi';
import { organisationSortFields } from '../../db/organisations.js';
import { organisationKinds } from '../../domain/access.js';
import * as service from '../../services/organisations.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, IdParam, json, listParams, pageOf, toListQuery } from '../schemas.js';

const Kind = z.enum(organisationKinds);

export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    kind: Kind,
    name: z.string(),
    shortName: z.string().nullable(),
    inn: z.string(),
    kpp: z.string().nullable(),
    ogrn: z.string().nullable(),
    settlementCentreId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('Organisation');

const toJson = (o: service.Organisation) => ({ ...o, createdAt: o.createdAt.toISOString() });

const CreateBody = z
  .object({
    kind: Kind,
    name: z.string().trim().min(1).max(300),
    shortName: z.string().trim().min(1).max(100).nullable().default(null),
    inn: z.string().regex(/^\d{10}(\d{2})?$/, 'ИНН: 10 цифр у организации, 12 у предпринимателя'),
    kpp: z
      .string()
      .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, 'КПП: 9 знаков')
      .nullable()
      .default(null),
    ogrn: z
      .string()
      .regex(/^\d{13}(\d{2})?$/, 'ОГРН: 13 цифр (ОГРНИП: 15)')
      .nullable()
      .default(null),
  })
  .openapi('OrganisationCreate');

const tags = ['Организации'];

export const organisationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags,
      summary: `Организации в области видимости. Сортировка: ${Object.keys(organisationSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          q: z.string().trim().min(1).max(100).optional(),
          kind: Kind.optional(),
        }),
      },
      responses: {
        200: json(pageOf(OrganisationSchema, 'OrganisationPage'), 'Страница организаций'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listOrganisations(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, organisationSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}',
      tags,
      summary: 'Организация',
      request: { params: IdParam },
      responses: { 200: json(OrganisationSchema, 'Организация'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.getOrganisation(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      tags,
      summary: 'Зарегистрировать обслуживаемую организацию (только расчётный центр)',
      request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
      responses: { 201: json(OrganisationSchema, 'Зарегистрирована'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.createOrganisation(ctxOf(c), c.req.valid('json'))), 201),
  );
