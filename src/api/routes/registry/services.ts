/** The service catalogue, and the services of a house over time. */
import { createRoute, z } from '@hono/zod-openapi';
import { calculationMethods, serviceKinds, serviceResources } from '../../../db/registry/services.js';
import type { IsoDate } from '../../../domain/period.js';
import * as service from '../../../services/registry/services.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, conflictError, IdParam, json } from '../../schemas.js';

const tags = ['Картотека: услуги'];

const ServiceFields = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/, 'латинские строчные буквы, цифры и _, с буквы')
    .openapi({ example: 'cold_water' }),
  name: z.string().trim().min(1).max(200).openapi({ example: 'Холодное водоснабжение' }),
  unit: z.string().trim().min(1).max(20).openapi({ example: 'м³' }),
  kind: z.enum(serviceKinds).openapi({ description: 'utility — коммунальная, housing — жилищная' }),
  resource: z.enum(serviceResources).nullable().default(null),
});
const ServiceSchema = ServiceFields.extend({ id: z.number().int(), createdAt: z.string() }).openapi(
  'Service',
);

const HouseServiceSchema = z
  .object({
    id: z.number().int(),
    houseId: z.number().int(),
    serviceId: z.number().int(),
    serviceCode: z.string(),
    serviceName: z.string(),
    supplierId: z.number().int(),
    supplierName: z.string(),
    method: z.enum(calculationMethods),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('HouseService');

const toJson = (s: service.Service) => ({ ...s, createdAt: s.createdAt.toISOString() });

export const serviceRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/services',
      tags,
      summary: 'Справочник услуг',
      responses: { 200: json(z.object({ items: z.array(ServiceSchema) }), 'Услуги'), ...commonErrors },
    }),
    async (c) => c.json({ items: (await service.listServices(ctxOf(c))).map(toJson) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/services',
      tags,
      summary: 'Добавить услугу в справочник (расчётный центр)',
      request: { body: { required: true, content: { 'application/json': { schema: ServiceFields } } } },
      responses: { 201: json(ServiceSchema, 'Добавлена'), ...commonErrors, ...conflictError },
    }),
    async (c) => c.json(toJson(await service.createService(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}/services',
      tags,
      summary: 'Услуги дома: поставщик и способ начисления по периодам (onDate — действующие на дату)',
      request: { params: IdParam, query: z.object({ onDate: z.iso.date().optional() }) },
      responses: {
        200: json(z.object({ items: z.array(HouseServiceSchema) }), 'Услуги дома'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { onDate } = c.req.valid('query');
      const items = await service.listHouseServices(
        ctxOf(c),
        c.req.valid('param').id,
        onDate as IsoDate | undefined,
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/houses/{id}/services',
      tags,
      summary:
        'Услуга дома с даты: поставщик (для жилищной услуги — и управляющая организация дома) и способ ' +
        'начисления; прежняя версия той же услуги закрывается накануне',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                serviceId: z.number().int().positive(),
                supplierId: z.number().int().positive(),
                method: z.enum(calculationMethods),
                validFrom: z.iso.date(),
              }),
            },
          },
        },
      },
      responses: {
        201: json(z.object({ items: z.array(HouseServiceSchema) }), 'Услуги дома после изменения'),
        ...commonErrors,
      },
    }),
    async (c) =>
      c.json(
        { items: await service.addHouseService(ctxOf(c), c.req.valid('param').id, c.req.valid('json')) },
        201,
      ),
  );
