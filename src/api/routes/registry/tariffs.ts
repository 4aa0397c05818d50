/** Tariffs: list, history of a key, a new version, and the tariffs that apply to a house on a date. */
import { createRoute, z } from '@hono/zod-openapi';
import { calculationMethods } from '../../../db/registry/services.js';
import { tariffSortFields, tariffZones } from '../../../db/registry/tariffs.js';
import type { IsoDate } from '../../../domain/period.js';
import * as service from '../../../services/registry/tariffs.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, IdParam, json, listParams, pageOf, toListQuery } from '../../schemas.js';

const tags = ['Картотека: тарифы'];
const isoDate = z.iso.date();

const rate = z
  .string({ error: 'ставка передаётся строкой, не числом: "45.67"' })
  .regex(/^\d{1,10}(\.\d{1,4})?$/, 'ставка — число до 4 знаков после точки: "45.67"')
  .openapi({ example: '45.67' });

const TariffSchema = z
  .object({
    id: z.number().int(),
    supplierId: z.number().int(),
    supplierName: z.string(),
    serviceId: z.number().int(),
    serviceCode: z.string(),
    serviceName: z.string(),
    zone: z.enum(tariffZones),
    rate: z.string(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    houseIds: z.array(z.number().int()),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    source: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Tariff');

const toJson = (t: service.Tariff) => ({ ...t, createdAt: t.createdAt.toISOString() });

export const tariffRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tariffs',
      tags,
      summary: `Тарифы поставщиков в области видимости. Сортировка: ${Object.keys(tariffSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          supplierId: z.coerce.number().int().positive().optional(),
          serviceId: z.coerce.number().int().positive().optional(),
          houseId: z.coerce.number().int().positive().optional().openapi({
            description: 'Тарифы, которые могут относиться к дому: по списку домов или его территории',
          }),
          onDate: isoDate.optional().openapi({ description: 'Действующие на дату' }),
          region: z.string().trim().min(1).max(100).optional(),
        }),
      },
      responses: { 200: json(pageOf(TariffSchema, 'TariffPage'), 'Страница тарифов'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listTariffs(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, tariffSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tariffs/{id}/history',
      tags,
      summary: 'Все версии тарифа с тем же ключом (поставщик, услуга, зона, территория или список домов)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(TariffSchema) }), 'Версии по дате'), ...commonErrors },
    }),
    async (c) => {
      const items = await service.tariffHistory(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tariffs',
      tags,
      summary:
        'Новая версия тарифа: бессрочная закрывает действующую версию того же ключа накануне; ' +
        'пересечения запрещены; изменение задним числом записывается для перерасчёта',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                supplierId: z.number().int().positive(),
                serviceId: z.number().int().positive(),
                zone: z.enum(tariffZones).default('single'),
                rate,
                region: z.string().trim().min(1).max(100).nullable().optional(),
                city: z.string().trim().min(1).max(100).nullable().optional(),
                houseIds: z.array(z.number().int().positive()).max(5000).optional(),
                validFrom: isoDate,
                validTo: isoDate.nullable().optional(),
                source: z.string().trim().min(1).max(500).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(TariffSchema, 'Создана'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.createTariff(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}/tariffs',
      tags,
      summary:
        'Тарифы, применяемые к услугам дома на дату: по списку домов, иначе города, иначе региона ' +
        '(поставщик — по услугам дома)',
      request: { params: IdParam, query: z.object({ onDate: isoDate.optional() }) },
      responses: {
        200: json(
          z.object({
            onDate: z.string(),
            items: z.array(
              z.object({
                serviceId: z.number().int(),
                serviceCode: z.string(),
                serviceName: z.string(),
                supplierId: z.number().int(),
                supplierName: z.string(),
                method: z.enum(calculationMethods),
                level: z.enum(['houses', 'city', 'region']).nullable(),
                tariffs: z.array(TariffSchema),
              }),
            ),
          }),
          'Тарифы дома',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { onDate } = c.req.valid('query');
      const result = await service.houseTariffs(
        ctxOf(c),
        c.req.valid('param').id,
        onDate as IsoDate | undefined,
      );
      return c.json(
        { onDate: result.onDate, items: result.items.map((i) => ({ ...i, tariffs: i.tariffs.map(toJson) })) },
        200,
      );
    },
  );
