/** Premises of a house and their areas over time. */
import { createRoute, z } from '@hono/zod-openapi';
import { premiseKinds, premiseSortFields } from '../../../db/registry/premises.js';
import type { IsoDate } from '../../../domain/period.js';
import * as service from '../../../services/registry/premises.js';
import { ctxOf, newRouter } from '../../env.js';
import {
  commonErrors,
  conflictError,
  IdParam,
  json,
  listParams,
  pageOf,
  toListQuery,
} from '../../schemas.js';

const tags = ['Картотека: помещения'];
const isoDate = z.iso.date();
export const area = z.string().regex(/^\d{1,8}(\.\d{1,2})?$/, 'площадь в м², до 2 знаков после точки');

const PremiseFields = z.object({
  externalId: z.string().min(1).max(100).nullable().default(null),
  number: z.string().trim().min(1).max(20),
  kind: z.enum(premiseKinds).default('flat'),
  flatId: z.number().int().positive().nullable().default(null),
  isSharedFlat: z.boolean().default(false),
  rooms: z.number().int().min(0).max(100).nullable().default(null),
  floor: z.number().int().min(-10).max(200).nullable().default(null),
  entrance: z.number().int().min(0).max(100).nullable().default(null),
});

const PremiseSchema = PremiseFields.extend({
  id: z.number().int(),
  houseId: z.number().int(),
  settlementCentreId: z.number().int(),
  address: z.string(),
  label: z.string().openapi({ example: 'кв. 12' }),
  totalArea: z.string().nullable(),
  livingArea: z.string().nullable(),
  accountsCount: z.number().int(),
  createdAt: z.string(),
}).openapi('Premise');

const AreaSchema = z
  .object({
    id: z.number().int(),
    premiseId: z.number().int(),
    totalArea: z.string(),
    livingArea: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('PremiseArea');

const toJson = <T extends service.Premise>(p: T) => ({ ...p, createdAt: p.createdAt.toISOString() });
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const premiseRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}/premises',
      tags,
      summary: `Помещения дома с площадями на дату и числом открытых счетов. Сортировка: ${Object.keys(premiseSortFields).join(', ')}`,
      request: {
        params: IdParam,
        query: z.object({
          ...listParams,
          kind: z.enum(premiseKinds).optional(),
          flatId: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .openapi({ description: 'Комнаты этой квартиры' }),
          onDate: isoDate.optional().openapi({ description: 'Площади на дату (по умолчанию сегодня)' }),
        }),
      },
      responses: { 200: json(pageOf(PremiseSchema, 'PremisePage'), 'Страница помещений'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, onDate, ...filter } = c.req.valid('query');
      const result = await service.listPremises(
        ctxOf(c),
        c.req.valid('param').id,
        { ...filter, onDate: onDate as IsoDate | undefined },
        toListQuery({ page, pageSize, sort }, premiseSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/houses/{id}/premises',
      tags,
      summary:
        'Зарегистрировать помещение; площади (totalArea, livingArea) действуют с areaFrom (по умолчанию сегодня)',
      request: {
        params: IdParam,
        body: body(
          PremiseFields.extend({
            totalArea: area.optional(),
            livingArea: area.nullable().optional(),
            areaFrom: isoDate.optional(),
          }),
        ),
      },
      responses: { 201: json(PremiseSchema, 'Зарегистрировано'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      const premise = await service.createPremise(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(toJson(premise), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/premises/{id}',
      tags,
      summary: 'Карточка помещения: площади на дату и лицевые счета',
      request: { params: IdParam, query: z.object({ onDate: isoDate.optional() }) },
      responses: {
        200: json(
          PremiseSchema.extend({
            accounts: z.array(
              z.object({
                id: z.number().int(),
                number: z.string(),
                payerName: z.string(),
                areaShare: z.string(),
                status: z.enum(['open', 'closed']),
              }),
            ),
          }),
          'Помещение',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const onDate = c.req.valid('query').onDate as IsoDate | undefined;
      const premise = await service.getPremise(ctxOf(c), c.req.valid('param').id, onDate);
      return c.json(toJson(premise), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/premises/{id}',
      tags,
      summary: 'Изменить сведения о помещении (площади — POST /premises/{id}/areas)',
      request: { params: IdParam, body: body(PremiseFields.omit({ flatId: true }).partial().strict()) },
      responses: { 200: json(PremiseSchema, 'Изменено'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      // .partial() keeps the defaults of absent fields; take only what the client sent
      const raw = (await c.req.json()) as Record<string, unknown>;
      const sent = c.req.valid('json') as Record<string, unknown>;
      const changes = Object.fromEntries(Object.keys(raw).map((k) => [k, sent[k]]));
      return c.json(toJson(await service.updatePremise(ctxOf(c), c.req.valid('param').id, changes)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/premises/{id}/areas',
      tags,
      summary: 'Площади помещения во времени',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(AreaSchema) }), 'Версии площадей'), ...commonErrors },
    }),
    async (c) => c.json({ items: await service.listPremiseAreas(ctxOf(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/premises/{id}/areas',
      tags,
      summary:
        'Новые площади с даты validFrom: действующая версия закрывается накануне; дата до текущего периода — запрос на перерасчёт дома',
      request: {
        params: IdParam,
        body: body(
          z.object({ totalArea: area, livingArea: area.nullable().default(null), validFrom: isoDate }),
        ),
      },
      responses: { 201: json(z.object({ items: z.array(AreaSchema) }), 'Версии площадей'), ...commonErrors },
    }),
    async (c) =>
      c.json(
        { items: await service.changePremiseArea(ctxOf(c), c.req.valid('param').id, c.req.valid('json')) },
        201,
      ),
  );
