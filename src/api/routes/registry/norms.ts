/** Consumption norms: list, history of a key, a new version, and the categories of house equipment. */
import { createRoute, z } from '@hono/zod-openapi';
import { normBases, normPers, normSortFields } from '../../../db/registry/norms.js';
import * as service from '../../../services/registry/norms.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, IdParam, json, listParams, pageOf, toListQuery } from '../../schemas.js';

const tags = ['Картотека: нормативы'];
const isoDate = z.iso.date();

const NormSchema = z
  .object({
    id: z.number().int(),
    serviceId: z.number().int(),
    serviceCode: z.string(),
    serviceName: z.string(),
    region: z.string(),
    category: z.string(),
    basis: z.enum(normBases),
    per: z.enum(normPers),
    value: z.string(),
    unit: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    source: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Norm');

const toJson = (n: service.Norm) => ({ ...n, createdAt: n.createdAt.toISOString() });

export const normRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/norms',
      tags,
      summary: `Нормативы потребления. Сортировка: ${Object.keys(normSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          serviceId: z.coerce.number().int().positive().optional(),
          region: z.string().trim().min(1).max(100).optional(),
          category: z.enum(service.normCategoryCodes).optional(),
          onDate: isoDate.optional().openapi({ description: 'Действующие на дату' }),
        }),
      },
      responses: { 200: json(pageOf(NormSchema, 'NormPage'), 'Страница нормативов'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listNorms(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, normSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/norms/categories',
      tags,
      summary: 'Категории благоустройства дома, для которых устанавливаются нормативы, по группам услуг',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({ code: z.string(), group: z.enum(service.normGroups), name: z.string() }),
            ),
          }),
          'Категории',
        ),
        ...commonErrors,
      },
    }),
    (c) => c.json({ items: service.listNormCategories(ctxOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/norms/{id}/history',
      tags,
      summary: 'Все версии норматива с тем же ключом (услуга, регион, категория)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(NormSchema) }), 'Версии по дате'), ...commonErrors },
    }),
    async (c) => {
      const items = await service.normHistory(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/norms',
      tags,
      summary:
        'Новая версия норматива (расчётный центр): бессрочная закрывает действующую накануне; ' +
        'пересечения запрещены; изменение задним числом записывается для перерасчёта',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                serviceId: z.number().int().positive(),
                region: z.string().trim().min(1).max(100),
                category: z.enum(service.normCategoryCodes),
                basis: z.enum(normBases),
                per: z.enum(normPers).default('month'),
                value: z
                  .string({ error: 'значение передаётся строкой, не числом: "4.32"' })
                  .regex(/^\d{1,8}(\.\d{1,6})?$/, 'число до 6 знаков после точки: "4.32"'),
                unit: z.string().trim().min(1).max(50).openapi({ example: 'м³/чел. в месяц' }),
                validFrom: isoDate,
                validTo: isoDate.nullable().optional(),
                source: z.string().trim().min(1).max(500).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(NormSchema, 'Создана'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.createNorm(ctxOf(c), c.req.valid('json'))), 201),
  );
