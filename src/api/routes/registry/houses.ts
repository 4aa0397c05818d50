/** Houses, their managers over time, and districts. */
import { createRoute, z } from '@hono/zod-openapi';
import { commonMeterResources, houseEquipment, houseSortFields } from '../../../db/registry/houses.js';
import type { IsoDate } from '../../../domain/period.js';
import * as service from '../../../services/registry/houses.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, IdParam, json, listParams, pageOf, toListQuery } from '../../schemas.js';

const tags = ['Картотека: дома'];
const isoDate = z.iso.date();
const area = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'площадь в м², до 2 знаков после точки');

const HouseFields = z.object({
  externalId: z.string().min(1).max(100).nullable().default(null),
  districtId: z.number().int().positive().nullable().default(null),
  fiasId: z.uuid().nullable().default(null),
  region: z.string().trim().min(1).max(100),
  city: z.string().trim().min(1).max(100),
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().min(1).max(20),
  building: z.string().trim().min(1).max(20).nullable().default(null),
  postalCode: z
    .string()
    .regex(/^\d{6}$/, '6 цифр')
    .nullable()
    .default(null),
  kind: z.enum(['apartment_building', 'private_house']).default('apartment_building'),
  yearBuilt: z.number().int().min(1700).max(2100).nullable().default(null),
  floors: z.number().int().min(1).max(200).nullable().default(null),
  entrances: z.number().int().min(0).max(100).nullable().default(null),
  totalArea: area.nullable().default(null),
  residentialArea: area.nullable().default(null),
  nonResidentialArea: area.nullable().default(null),
  commonArea: area.nullable().default(null),
  coldWater: z.enum(houseEquipment.coldWater).default('central'),
  hotWater: z.enum(houseEquipment.hotWater).default('central'),
  heating: z.enum(houseEquipment.heating).default('central'),
  hasGas: z.boolean().default(false),
  hasElectricStoves: z.boolean().default(false),
  hasLift: z.boolean().default(false),
  commonMeters: z.array(z.enum(commonMeterResources)).default([]),
});

const HouseSchema = HouseFields.extend({
  id: z.number().int(),
  settlementCentreId: z.number().int(),
  address: z.string(),
  manager: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  accountsCount: z.number().int(),
  createdAt: z.string(),
}).openapi('House');

const ManagerSchema = z
  .object({
    id: z.number().int(),
    managerId: z.number().int(),
    managerName: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('HouseManager');

const toJson = (h: service.House) => ({ ...h, createdAt: h.createdAt.toISOString() });

export const houseRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses',
      tags,
      summary: `Дома в области видимости. Сортировка: ${Object.keys(houseSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Часть адреса' }),
          districtId: z.coerce.number().int().positive().optional(),
          managerId: z.coerce.number().int().positive().optional(),
          onDate: isoDate
            .optional()
            .openapi({ description: 'Управляющая организация на дату (по умолчанию сегодня)' }),
        }),
      },
      responses: { 200: json(pageOf(HouseSchema, 'HousePage'), 'Страница домов'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, onDate, ...filter } = c.req.valid('query');
      const result = await service.listHouses(
        ctxOf(c),
        { ...filter, onDate: onDate as IsoDate | undefined },
        toListQuery({ page, pageSize, sort }, houseSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}',
      tags,
      summary: 'Карточка дома с историей управления',
      request: { params: IdParam },
      responses: {
        200: json(HouseSchema.extend({ managers: z.array(ManagerSchema) }), 'Дом'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const house = await service.getHouse(ctxOf(c), c.req.valid('param').id);
      return c.json({ ...toJson(house), managers: house.managers }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/houses',
      tags,
      summary: 'Зарегистрировать дом (расчётный центр); managerId — управляющая организация с managedFrom',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: HouseFields.extend({
                managerId: z.number().int().positive().optional(),
                managedFrom: isoDate.optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(HouseSchema, 'Зарегистрирован'), ...commonErrors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const house = await service.createHouse(ctxOf(c), {
        ...body,
        managedFrom: body.managedFrom as IsoDate | undefined,
      });
      return c.json(toJson(house), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/houses/{id}',
      tags,
      summary: 'Изменить сведения о доме',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: HouseFields.partial().strict() } } },
      },
      responses: { 200: json(HouseSchema, 'Изменён'), ...commonErrors },
    }),
    async (c) => {
      // .partial() keeps the defaults of absent fields; take only what the client sent
      const raw = (await c.req.json()) as Record<string, unknown>;
      const body = c.req.valid('json') as Record<string, unknown>;
      const changes = Object.fromEntries(Object.keys(raw).map((k) => [k, body[k]]));
      return c.json(toJson(await service.updateHouse(ctxOf(c), c.req.valid('param').id, changes)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/houses/{id}/managers',
      tags,
      summary: 'Передать дом в управление другой организации с даты (прежний период закрывается накануне)',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ managerId: z.number().int().positive(), validFrom: isoDate }),
            },
          },
        },
      },
      responses: {
        201: json(z.object({ items: z.array(ManagerSchema) }), 'История управления'),
        ...commonErrors,
      },
    }),
    async (c) =>
      c.json(
        { items: await service.changeHouseManager(ctxOf(c), c.req.valid('param').id, c.req.valid('json')) },
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/districts',
      tags,
      summary: 'Участки',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                code: z.string(),
                name: z.string(),
                settlementCentreId: z.number().int(),
              }),
            ),
          }),
          'Участки',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ items: await service.listDistricts(ctxOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/districts',
      tags,
      summary: 'Создать участок',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                code: z.string().trim().min(1).max(20),
                name: z.string().trim().min(1).max(200),
              }),
            },
          },
        },
      },
      responses: {
        201: json(
          z.object({
            id: z.number().int(),
            code: z.string(),
            name: z.string(),
            settlementCentreId: z.number().int(),
          }),
          'Создан',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await service.createDistrict(ctxOf(c), c.req.valid('json')), 201),
  );
