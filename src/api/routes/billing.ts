/**
 * /api/v1/billing: periods and their closing, runs (start, progress, list), the dry-run preview of a house,
 * an account's charges with explanations, a house's summary, the recalculation journal, undersupply records
 * (docs/billing.md "API").
 */
import { createRoute, z } from '@hono/zod-openapi';
import { undersupplyKinds, undersupplyScopes } from '../../db/billing/undersupplies.js';
import * as charges from '../../services/billing/charges.js';
import * as runs from '../../services/billing/runs.js';
import * as undersupplies from '../../services/billing/undersupplies.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, conflictError, IdParam, json } from '../schemas.js';

const tags = ['Начисления'];
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'период в виде ГГГГ-ММ');
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'время в виде ГГГГ-ММ-ДДTЧЧ:ММ');
const decimal = z.string().regex(/^-?\d{1,4}(\.\d{1,2})?$/, 'число до 2 знаков после точки: "50.5"');
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Dates as ISO text, everything else as it is (the rows are plain objects). */
function plain<T>(x: T): unknown {
  if (x instanceof Date) return x.toISOString();
  if (Array.isArray(x)) return x.map(plain);
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

const Any = z.record(z.string(), z.unknown());
const Items = (name: string) => z.object({ items: z.array(Any) }).openapi(name);

const LineSchema = z
  .object({
    id: z.number().int(),
    period: z.string(),
    houseId: z.number().int(),
    accountId: z.number().int(),
    serviceId: z.number().int(),
    supplierId: z.number().int(),
    lineKind: z.string(),
    method: z.string(),
    origin: z.enum(['original', 'recalculation']),
    correctsPeriod: z.string().nullable(),
    correctsLineIds: z.array(z.number().int()),
    recalculationRequestId: z.number().int().nullable(),
    runId: z.number().int().nullable(),
    volume: z.string().nullable(),
    unit: z.string(),
    tariffId: z.number().int().nullable(),
    zone: z.string().nullable(),
    tariff: z.string().nullable(),
    amountKop: z.number().int(),
    explanation: Any,
  })
  .passthrough()
  .openapi('ChargeLine');

const RunSchema = z
  .object({
    id: z.number().int(),
    period: z.string(),
    scopeKind: z.enum(['all', 'manager', 'house']),
    scopeId: z.number().int().nullable(),
    dryRun: z.boolean(),
    status: z.enum(['running', 'done', 'failed']),
    housesTotal: z.number().int(),
    housesDone: z.number().int(),
    housesFailed: z.number().int(),
    linesWritten: z.number().int(),
    amountKop: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .passthrough()
  .openapi('BillingRun');

export const billingRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/periods',
      tags,
      summary: 'Расчётные периоды расчётного центра: открытый (следующий за последним закрытым) и закрытые',
      responses: { 200: json(Items('BillingPeriods'), 'Периоды'), ...commonErrors },
    }),
    async (c) => c.json({ items: plain(await runs.listPeriods(ctxOf(c))) as Record<string, unknown>[] }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/periods/{period}/close',
      tags,
      summary: 'Закрыть открытый период навсегда и открыть следующий (periods.close)',
      request: { params: z.object({ period }) },
      responses: {
        200: json(z.object({ closed: z.string(), open: z.string() }), 'Закрыт'),
        ...commonErrors,
        ...conflictError,
      },
    }),
    async (c) => c.json(await runs.closePeriod(ctxOf(c), c.req.valid('param').period), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/runs',
      tags,
      summary:
        'Начать расчёт открытого периода: все дома, дома управляющей организации или один дом; dryRun — без записи. ' +
        'Работу выполняют фоновые обработчики; ход — GET /billing/runs/{id}',
      request: {
        body: body(
          z.object({
            period,
            managerId: z.number().int().positive().optional(),
            houseId: z.number().int().positive().optional(),
            dryRun: z.boolean().default(false),
          }),
        ),
      },
      responses: { 202: json(RunSchema, 'Начат'), ...commonErrors },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const scope: runs.RunScope =
        b.houseId !== undefined
          ? { kind: 'house', id: b.houseId }
          : b.managerId !== undefined
            ? { kind: 'manager', id: b.managerId }
            : { kind: 'all' };
      const run = await runs.startRun(ctxOf(c), { period: b.period, scope, dryRun: b.dryRun });
      return c.json(plain(run) as z.infer<typeof RunSchema>, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/runs',
      tags,
      summary: 'Расчёты, новые сверху',
      request: { query: z.object({ period: period.optional() }) },
      responses: { 200: json(z.object({ items: z.array(RunSchema) }), 'Расчёты'), ...commonErrors },
    }),
    async (c) => {
      const items = await runs.listRuns(ctxOf(c), c.req.valid('query').period);
      return c.json({ items: plain(items) as z.infer<typeof RunSchema>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/runs/{id}',
      tags,
      summary: 'Ход расчёта: счётчики домов и строк, дома с ошибками и пробелами данных',
      request: { params: IdParam },
      responses: {
        200: json(RunSchema.extend({ houses: z.array(Any) }), 'Расчёт'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const run = await runs.getRun(ctxOf(c), c.req.valid('param').id);
      return c.json(plain(run) as z.infer<typeof RunSchema> & { houses: Record<string, unknown>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/houses/{id}/preview',
      tags,
      summary: 'Предпросмотр: что начислил бы расчёт открытого периода по дому сейчас, без записи',
      request: { params: IdParam },
      responses: { 200: json(Any.openapi('BillingPreview'), 'Строки'), ...commonErrors },
    }),
    async (c) =>
      c.json(
        plain(await charges.previewHouse(ctxOf(c), c.req.valid('param').id)) as Record<string, unknown>,
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/houses/{id}/summary',
      tags,
      summary: 'Свод начислений дома за период по услугам и поставщикам',
      request: { params: IdParam, query: z.object({ period }) },
      responses: { 200: json(Items('HouseChargesSummary'), 'Свод'), ...commonErrors },
    }),
    async (c) => {
      const items = await charges.houseSummary(
        ctxOf(c),
        c.req.valid('param').id,
        c.req.valid('query').period,
      );
      return c.json({ items: plain(items) as Record<string, unknown>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/accounts/{id}/charges',
      tags,
      summary:
        'Начисления лицевого счёта с расшифровкой; перерасчёты связаны со строками, которые исправляют',
      request: { params: IdParam, query: z.object({ period: period.optional() }) },
      responses: { 200: json(z.object({ items: z.array(LineSchema) }), 'Строки'), ...commonErrors },
    }),
    async (c) => {
      const items = await charges.accountCharges(
        ctxOf(c),
        c.req.valid('param').id,
        c.req.valid('query').period ?? null,
      );
      return c.json({ items: plain(items) as z.infer<typeof LineSchema>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/recalculations',
      tags,
      summary: 'Журнал перерасчётов: изменение, кто, когда, сколько счетов и на какую сумму по периодам',
      responses: { 200: json(Items('RecalculationJournal'), 'Журнал'), ...commonErrors },
    }),
    async (c) =>
      c.json(
        { items: plain(await charges.recalculationJournal(ctxOf(c))) as Record<string, unknown>[] },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/houses/{id}/undersupplies',
      tags,
      summary: 'Недопоставки и отклонения качества по дому',
      request: { params: IdParam },
      responses: { 200: json(Items('Undersupplies'), 'Записи'), ...commonErrors },
    }),
    async (c) => {
      const items = await undersupplies.listUndersupplies(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: plain(items) as Record<string, unknown>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/houses/{id}/undersupplies',
      tags,
      summary:
        'Записать перерыв или отклонение качества (RULES.md §5): услуга; дом, подъезд или счета; начало и конец; ' +
        'измеренный параметр. Запись ставит дом в очередь перерасчёта с даты начала',
      request: {
        params: IdParam,
        body: body(
          z.object({
            serviceId: z.number().int().positive(),
            scopeKind: z.enum(undersupplyScopes).default('house'),
            entrance: z.string().trim().min(1).max(10).nullable().default(null),
            accountIds: z.array(z.number().int().positive()).max(1000).default([]),
            startsAt: localTime,
            endsAt: localTime,
            kind: z.enum(undersupplyKinds),
            measured: decimal.nullable().default(null),
            norm: decimal.nullable().default(null),
            night: z.boolean().default(false),
            roomTemperature: decimal.nullable().default(null),
            powerSources: z
              .union([z.literal(1), z.literal(2)])
              .nullable()
              .default(null),
            deadEndAccident: z.boolean().default(false),
            note: z.string().trim().max(1000).nullable().default(null),
          }),
        ),
      },
      responses: { 201: json(Any.openapi('Undersupply'), 'Записано'), ...commonErrors },
    }),
    async (c) => {
      const created = await undersupplies.createUndersupply(ctxOf(c), {
        ...c.req.valid('json'),
        houseId: c.req.valid('param').id,
      });
      return c.json(plain(created) as Record<string, unknown>, 201);
    },
  );
