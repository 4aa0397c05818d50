/**
 * Meters and readings (docs/meters.md): the lists of a house, of an account and of meters due for
 * verification, the card, register / change / decommission / replace, readings (one, a bulk submission
 * idempotent by client id, confirmation of a held one, a file), the house entry grid and a meter's
 * consumption month by month.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { meterSortFields } from '../../db/meters/meters.js';
import { decommissionReasons, meterKinds, meterResources } from '../../domain/meters/meter.js';
import { readingKinds, readingSources, readingStates } from '../../domain/meters/readings.js';
import type { BillingPeriod } from '../../domain/period.js';
import { importEncodings } from '../../services/import/read-table.js';
import { meterConsumption } from '../../services/meters/consumption.js';
import { importReadings } from '../../services/meters/import-readings.js';
import * as service from '../../services/meters/meters.js';
import * as readings from '../../services/meters/readings.js';
import { ctxOf, newRouter } from '../env.js';
import {
  boolQuery,
  commonErrors,
  conflictError,
  IdParam,
  json,
  listParams,
  pageOf,
  toListQuery,
} from '../schemas.js';

const tags = ['Приборы учёта'];
const isoDate = z.iso.date();
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'период ГГГГ-ММ');
const reading = z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, 'показание: число, до 4 знаков после точки');
const Values = z
  .object({
    single: reading.optional(),
    day: reading.optional(),
    night: reading.optional(),
    peak: reading.optional(),
    semi_peak: reading.optional(),
  })
  .strict()
  .openapi({ description: 'Показания по зонам прибора: single, или day/night, или peak/semi_peak/night' });
const clean = <T extends Record<string, string | undefined>>(v: T) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Record<string, string>;

const MeterFields = z.object({
  externalId: z.string().min(1).max(100).nullable().default(null),
  kind: z.enum(meterKinds).default('individual'),
  resource: z.enum(meterResources),
  zoneCount: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  serialNumber: z.string().trim().min(1).max(50),
  model: z.string().max(100).nullable().default(null),
  digits: z.number().int().min(3).max(9).default(5),
  decimals: z.number().int().min(0).max(4).default(3),
  installedOn: isoDate.nullable().default(null),
  commissionedOn: isoDate,
  sealNumber: z.string().max(50).nullable().default(null),
  lastVerifiedOn: isoDate.nullable().default(null),
  verificationIntervalYears: z.number().int().min(1).max(30).nullable().default(null),
});

const MeterSchema = MeterFields.extend({
  id: z.number().int(),
  houseId: z.number().int(),
  settlementCentreId: z.number().int(),
  address: z.string(),
  premises: z.array(
    z.object({ id: z.number().int(), label: z.string(), kind: z.string(), isSharedFlat: z.boolean() }),
  ),
  decommissionedOn: z.string().nullable(),
  decommissionReason: z.enum(decommissionReasons).nullable(),
  replacesMeterId: z.number().int().nullable(),
  nextVerificationOn: z.string().nullable(),
  lastReading: z
    .object({
      readOn: z.string(),
      period: z.string(),
      state: z.string(),
      values: z.record(z.string(), z.string()),
    })
    .nullable(),
  createdAt: z.string(),
}).openapi('Meter');

const ReadingSchema = z
  .object({
    id: z.number().int(),
    meterId: z.number().int(),
    readOn: z.string(),
    period: z.string().openapi({ description: 'Расчётный период, в котором учитывается показание' }),
    kind: z.enum(readingKinds),
    values: z.record(z.string(), z.string()),
    volume: z.string().nullable(),
    state: z.enum(readingStates),
    stateReason: z.string().nullable(),
    source: z.enum(readingSources),
    clientId: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    confirmedBy: z.number().int().nullable(),
    createdAt: z.string(),
    createdBy: z.number().int().nullable(),
  })
  .openapi('MeterReading');

const ReadingInput = z.object({
  readOn: isoDate,
  kind: z.enum(readingKinds).default('regular'),
  values: Values,
  source: z.enum(readingSources).default('operator'),
  clientId: z
    .string()
    .regex(/^\S{1,100}$/)
    .nullable()
    .default(null)
    .openapi({
      description: 'Код показания у отправителя: повтор с тем же кодом и источником не создаёт второе',
    }),
});

const MeteringActSchema = z
  .object({
    id: z.number().int(),
    premiseId: z.number().int(),
    kind: z.enum(['access_refused', 'installation_impossible']),
    resource: z.enum(meterResources).nullable(),
    actOn: z.string(),
    endedOn: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('MeteringAct');

const meterJson = (m: service.Meter) => ({ ...m, createdAt: m.createdAt.toISOString() });
const readingJson = (r: readings.Reading) => ({
  ...r,
  values: clean(r.values),
  confirmedAt: r.confirmedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const listQuery = z.object({
  ...listParams,
  resource: z.enum(meterResources).optional(),
  kind: z.enum(meterKinds).optional(),
  activeOnly: boolQuery.optional().openapi({ description: 'Только приборы в эксплуатации' }),
});
const sortNote = `Сортировка: ${Object.keys(meterSortFields).join(', ')}`;
const MeterPage = pageOf(MeterSchema, 'MeterPage');

/** One page of meters as JSON: the list parameters taken apart, the filter given to the service. */
async function meterPage(
  ctx: ReturnType<typeof ctxOf>,
  query: { page: number; pageSize: number; sort?: string | undefined } & service.MeterListFilter,
  filter: service.MeterListFilter = {},
) {
  const { page, pageSize, sort, ...rest } = query;
  const q = toListQuery({ page, pageSize, sort }, meterSortFields);
  const result = await service.listMeters(ctx, { ...rest, ...filter }, q);
  return { ...result, items: result.items.map(meterJson) };
}

export const meterRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/meters',
      tags,
      summary: `Приборы учёта в области видимости; dueWithinDays — срок поверки истекает в ближайшие N дней (или истёк). ${sortNote}`,
      request: {
        query: listQuery.extend({
          houseId: z.coerce.number().int().positive().optional(),
          dueWithinDays: z.coerce.number().int().min(0).max(3660).optional(),
        }),
      },
      responses: { 200: json(MeterPage, 'Страница приборов'), ...commonErrors },
    }),
    async (c) => c.json(await meterPage(ctxOf(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}/meters',
      tags,
      summary: `Приборы учёта дома (ИПУ помещений и ОДПУ). ${sortNote}`,
      request: { params: IdParam, query: listQuery },
      responses: { 200: json(MeterPage, 'Страница приборов'), ...commonErrors },
    }),
    async (c) =>
      c.json(await meterPage(ctxOf(c), c.req.valid('query'), { houseId: c.req.valid('param').id }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/meters',
      tags,
      summary: `Приборы учёта лицевого счёта: его помещения и (для комнаты) общеквартирные. ${sortNote}`,
      request: { params: IdParam, query: listQuery },
      responses: { 200: json(MeterPage, 'Страница приборов'), ...commonErrors },
    }),
    async (c) =>
      c.json(await meterPage(ctxOf(c), c.req.valid('query'), { accountId: c.req.valid('param').id }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/houses/{id}/meters',
      tags,
      summary:
        'Зарегистрировать прибор учёта дома: premiseIds — помещения (ОДПУ — ни одного), initialValues — показание при вводе',
      request: {
        params: IdParam,
        body: body(
          MeterFields.extend({
            premiseIds: z.array(z.number().int().positive()).max(500).default([]),
            initialValues: Values.optional(),
          }),
        ),
      },
      responses: { 201: json(MeterSchema, 'Зарегистрирован'), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const meter = await service.createMeter(ctxOf(c), c.req.valid('param').id, {
        ...input,
        initialValues: input.initialValues && clean(input.initialValues),
      });
      return c.json(meterJson(meter), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meters/{id}',
      tags,
      summary: 'Карточка прибора учёта',
      request: { params: IdParam },
      responses: { 200: json(MeterSchema, 'Прибор'), ...commonErrors },
    }),
    async (c) => c.json(meterJson(await service.getMeter(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/meters/{id}',
      tags,
      summary:
        'Изменить паспортные данные прибора (номер, модель, пломба, поверка); новый срок поверки в прошлом — запрос на перерасчёт',
      request: {
        params: IdParam,
        body: body(
          z
            .object({
              serialNumber: z.string().trim().min(1).max(50),
              model: z.string().max(100).nullable(),
              sealNumber: z.string().max(50).nullable(),
              installedOn: isoDate.nullable(),
              lastVerifiedOn: isoDate.nullable(),
              verificationIntervalYears: z.number().int().min(1).max(30).nullable(),
            })
            .partial()
            .strict(),
        ),
      },
      responses: { 200: json(MeterSchema, 'Изменён'), ...commonErrors },
    }),
    async (c) => {
      const changes = c.req.valid('json') as service.MeterChanges;
      return c.json(meterJson(await service.updateMeter(ctxOf(c), c.req.valid('param').id, changes)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meters/{id}/decommission',
      tags,
      summary: 'Вывести прибор из эксплуатации с даты (с конечным показанием, если снято)',
      request: {
        params: IdParam,
        body: body(
          z.object({ on: isoDate, reason: z.enum(decommissionReasons), finalValues: Values.optional() }),
        ),
      },
      responses: { 200: json(MeterSchema, 'Выведен'), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const meter = await service.decommissionMeter(ctxOf(c), c.req.valid('param').id, {
        ...input,
        finalValues: input.finalValues && clean(input.finalValues),
      });
      return c.json(meterJson(meter), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meters/{id}/replace',
      tags,
      summary:
        'Заменить прибор: конечное показание старого, новый прибор тех же помещений с начальным показанием, в одной транзакции',
      request: {
        params: IdParam,
        body: body(
          z.object({
            on: isoDate,
            finalValues: Values,
            initialValues: Values,
            meter: MeterFields.omit({ kind: true, resource: true, commissionedOn: true }),
          }),
        ),
      },
      responses: { 201: json(MeterSchema, 'Новый прибор'), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const meter = await service.replaceMeter(ctxOf(c), c.req.valid('param').id, {
        ...input,
        finalValues: clean(input.finalValues),
        initialValues: clean(input.initialValues),
      });
      return c.json(meterJson(meter), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meters/{id}/readings',
      tags,
      summary: 'Показания прибора по дате, все (и задержанные, и не учитываемые в расчёте)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(ReadingSchema) }), 'Показания'), ...commonErrors },
    }),
    async (c) => {
      const items = await readings.listReadings(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: items.map(readingJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meters/{id}/readings',
      tags,
      summary:
        'Внести показание: проверяется (не меньше предыдущего, кроме перехода через ноль; большой объём — на подтверждение; ' +
        'выведенный или не поверенный прибор — хранится, в расчёт не идёт; после дня окна — в следующий период). ' +
        '201 — записано, 200 — такое показание с этим clientId уже было',
      request: { params: IdParam, body: body(ReadingInput) },
      responses: {
        201: json(
          z.object({ reading: ReadingSchema, created: z.boolean(), warnings: z.array(z.string()) }),
          'Записано',
        ),
        200: json(
          z.object({ reading: ReadingSchema, created: z.boolean(), warnings: z.array(z.string()) }),
          'Уже было',
        ),
        ...commonErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const r = await readings.addReading(ctxOf(c), c.req.valid('param').id, {
        ...input,
        values: clean(input.values),
      });
      return c.json({ ...r, reading: readingJson(r.reading) }, r.created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/readings/bulk',
      tags,
      summary:
        'Передать несколько показаний (партнёры, приложения, сетка ввода): каждое отдельно, повтор с тем же clientId ничего не меняет',
      request: {
        body: body(
          z.object({
            items: z
              .array(
                ReadingInput.extend({
                  meterId: z.number().int().positive(),
                  clientId: z.string().regex(/^\S{1,100}$/),
                }),
              )
              .min(1)
              .max(1000),
          }),
        ),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                clientId: z.string(),
                status: z.enum(['created', 'duplicate', 'rejected']),
                readingId: z.number().int().nullable(),
                state: z.enum(readingStates).nullable(),
                period: z.string().nullable(),
                warnings: z.array(z.string()),
                problems: z.array(z.object({ field: z.string(), problem: z.string() })),
              }),
            ),
          }),
          'Итог по каждому показанию',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const items = c.req.valid('json').items.map((i) => ({ ...i, values: clean(i.values) }));
      return c.json({ items: await readings.submitReadings(ctxOf(c), items) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/readings/{id}/confirm',
      tags,
      summary: 'Подтвердить задержанное показание: оно идёт в расчёт',
      request: { params: IdParam },
      responses: { 200: json(ReadingSchema, 'Подтверждено'), ...commonErrors, ...conflictError },
    }),
    async (c) => c.json(readingJson(await readings.confirmReading(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/readings/import',
      tags,
      summary:
        'Загрузить показания из файла (CSV «;» UTF-8/CP1251 или XLSX, до 1 МБ): dryRun — только проверить и перечислить ошибки; ' +
        'иначе записываются все строки или ни одной. Повторная загрузка того же файла ничего не добавляет',
      request: {
        query: z.object({
          dryRun: boolQuery.default(false),
          source: z.enum(readingSources).default('operator'),
          encoding: z.enum(importEncodings).optional(),
          fileName: z.string().max(255).optional(),
        }),
        body: {
          required: true,
          content: {
            'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
      },
      responses: {
        200: json(
          z.object({
            dryRun: z.boolean(),
            rows: z.number().int(),
            applied: z.object({
              inserted: z.number().int(),
              unchanged: z.number().int(),
              held: z.number().int(),
              notForBilling: z.number().int(),
            }),
            badRows: z.array(
              z.object({ line: z.number().int(), column: z.string().nullable(), problem: z.string() }),
            ),
          }),
          'Отчёт',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const data = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await importReadings(ctxOf(c), { ...c.req.valid('query'), data }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/houses/{id}/meter-grid',
      tags,
      summary:
        'Сетка ввода показаний дома: приборы в эксплуатации по порядку помещений, с последними показаниями',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                meterId: z.number().int(),
                premiseLabel: z.string(),
                premiseIds: z.array(z.number().int()),
                resource: z.enum(meterResources),
                kind: z.enum(meterKinds),
                serialNumber: z.string(),
                zones: z.array(z.string()),
                digits: z.number().int(),
                decimals: z.number().int(),
                nextVerificationOn: z.string().nullable(),
                lastReading: MeterSchema.shape.lastReading,
              }),
            ),
          }),
          'Строки сетки',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ items: await readings.houseEntryGrid(ctxOf(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meters/{id}/consumption',
      tags,
      summary:
        'Объём по прибору помесячно и почему (по показаниям, по среднему п.59, норматив п.60) — для графика',
      request: { params: IdParam, query: z.object({ from: period, to: period }) },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                period: z.string(),
                method: z.enum(['actual', 'average', 'norm']),
                reason: z.string(),
                volume: z.string().nullable(),
                zones: z.array(z.object({ zone: z.string(), volume: z.string() })).nullable(),
                explanation: z.string(),
              }),
            ),
          }),
          'Помесячно',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const items = await meterConsumption(
        ctxOf(c),
        c.req.valid('param').id,
        from as BillingPeriod,
        to as BillingPeriod,
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/premises/{id}/metering-acts',
      tags,
      summary: 'Акты помещения: недопуск к проверке (п.59 «в»), невозможность установки прибора',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(MeteringActSchema) }), 'Акты'), ...commonErrors },
    }),
    async (c) => {
      const items = await service.listMeteringActs(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: items.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/premises/{id}/metering-acts',
      tags,
      summary:
        'Внести акт: недопуск к проверке (с даты акта до проверки endedOn) или невозможность установки прибора',
      request: {
        params: IdParam,
        body: body(
          z.object({
            kind: z.enum(['access_refused', 'installation_impossible']),
            resource: z.enum(meterResources).nullable().default(null),
            actOn: isoDate,
            endedOn: isoDate.nullable().default(null),
            note: z.string().max(500).nullable().default(null),
          }),
        ),
      },
      responses: { 201: json(MeteringActSchema, 'Внесён'), ...commonErrors },
    }),
    async (c) => {
      const act = await service.addMeteringAct(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ ...act, createdAt: act.createdAt.toISOString() }, 201);
    },
  );
