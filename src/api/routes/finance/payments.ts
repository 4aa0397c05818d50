/**
 * Payments (RULES.md §7, §9; docs/finance.md "Payments"): recording one, the journal, a payment's card with
 * its allocation parts, corrections (reversal, move, split), suspense matching and the registry file import
 * (preview, then apply whole). Money in integer kopecks (`*Kop`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { registryEncodings } from '../../../domain/finance/registry-formats.js';
import type { BillingPeriod, IsoDate } from '../../../domain/period.js';
import * as payments from '../../../services/finance/payments.js';
import { journalStates, paymentJournal } from '../../../services/finance/payment-journal.js';
import { getAgentFormat, setAgentFormat } from '../../../services/finance/agent-formats.js';
import { importPaymentRegistry } from '../../../services/finance/registry-import.js';
import { ctxOf, newRouter } from '../../env.js';
import { boolQuery, commonErrors, conflictError, IdParam, json } from '../../schemas.js';

const tags = ['Финансы: платежи'];
const kopecks = z.number().int().openapi({ description: 'Копейки (целое число)' });
const date = z.string().openapi({ example: '2026-10-15' });
const Any = z.record(z.string(), z.unknown());

/** Dates as ISO text, everything else as it is. */
function plain(x: unknown): unknown {
  if (x instanceof Date) return x.toISOString();
  if (Array.isArray(x)) return x.map(plain);
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}
const obj = (x: unknown) => plain(x) as Record<string, unknown>;

const PaymentBody = z.object({
  agentId: z.number().int().positive(),
  agentPaymentId: z.string().min(1).max(200).nullish(),
  paidOn: date,
  receivedOn: date.nullish(),
  accountId: z.number().int().positive().nullish(),
  accountNumber: z.string().max(50).nullish(),
  payerName: z.string().max(300).nullish(),
  period: z.string().nullish(),
  amountKop: kopecks,
  feeKop: kopecks.optional(),
  byService: z
    .array(z.object({ service: z.string(), amountKop: kopecks }))
    .max(50)
    .nullish(),
  readings: z
    .array(z.object({ meter: z.string(), value: z.string() }))
    .max(50)
    .optional(),
  note: z.string().max(500).nullish(),
});

const Reason = z.object({ reason: z.string().max(500) });

export const paymentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/payments',
      tags,
      summary:
        'Принять платёж: разнесение по услугам, поставщикам и периодам; тот же id агента — не повторно',
      request: { body: { content: { 'application/json': { schema: PaymentBody } } } },
      responses: {
        201: json(Any.openapi('PaymentRecorded'), 'Принят'),
        200: json(Any, 'Уже был принят (тот же id агента)'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await payments.recordPayment(ctxOf(c), {
        ...b,
        agentPaymentId: b.agentPaymentId ?? null,
        paidOn: b.paidOn as IsoDate,
        receivedOn: (b.receivedOn ?? null) as IsoDate | null,
        period: (b.period ?? null) as BillingPeriod | null,
        readings: b.readings ?? [],
      });
      return r.duplicate ? c.json(obj(r), 200) : c.json(obj(r), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/payments',
      tags,
      summary:
        'Журнал платежей (последние сначала): фильтры по датам оплаты и приёма, агенту, счёту, дому, сумме, ' +
        'состоянию, реестру; страница и итоги всей выборки',
      request: {
        query: z.object({
          accountId: z.coerce.number().int().positive().optional(),
          accountNumber: z.string().max(50).optional(),
          houseId: z.coerce.number().int().positive().optional(),
          agentId: z.coerce.number().int().positive().optional(),
          suspense: boolQuery.optional(),
          state: z.enum(journalStates).optional().openapi({
            description:
              'active — действующий на счёте; reversed — сторнирован; reversal — сторно; corrected — перенесён с другого платежа; suspense — невыясненный',
          }),
          registryFileId: z.coerce.number().int().positive().optional(),
          from: date.optional().openapi({ description: 'Дата оплаты с' }),
          to: date.optional().openapi({ description: 'Дата оплаты по' }),
          receivedFrom: date.optional(),
          receivedTo: date.optional(),
          amountFromKop: z.coerce.number().int().optional(),
          amountToKop: z.coerce.number().int().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(1000).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
      responses: {
        200: json(
          z
            .object({
              items: z.array(Any),
              total: z.number().int(),
              amountKop: kopecks,
              feeKop: kopecks,
              page: z.number().int(),
              pageSize: z.number().int(),
            })
            .openapi('PaymentJournal'),
          'Платежи',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { limit, page, pageSize, suspense, state, from, to, ...f } = c.req.valid('query');
      const size = pageSize ?? limit;
      const r = await paymentJournal(
        ctxOf(c),
        { ...f, paidFrom: from, paidTo: to, state: state ?? (suspense ? 'suspense' : undefined) },
        { limit: size, offset: (page - 1) * size },
      );
      return c.json({ ...r, items: r.items.map(obj), page, pageSize: size }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/payments/{id}',
      tags,
      summary: 'Платёж и его разнесение',
      request: { params: IdParam },
      responses: { 200: json(Any.openapi('PaymentCard'), 'Платёж'), ...commonErrors },
    }),
    async (c) => c.json(obj(await payments.getPayment(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/payments/{id}/reverse',
      tags,
      summary: 'Сторно платежа: новая запись с обратной суммой и разнесением (ничего не удаляется)',
      request: { params: IdParam, body: { content: { 'application/json': { schema: Reason } } } },
      responses: { 201: json(Any, 'Сторно'), ...commonErrors, ...conflictError },
    }),
    async (c) =>
      c.json(
        obj(await payments.reversePayment(ctxOf(c), c.req.valid('param').id, c.req.valid('json').reason)),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/payments/{id}/split',
      tags,
      summary:
        'Перенос или разделение платежа: сторно и новые платежи на указанные счета (суммы — ровно платёж)',
      request: {
        params: IdParam,
        body: {
          content: {
            'application/json': {
              schema: Reason.extend({
                targets: z
                  .array(z.object({ accountId: z.number().int().positive(), amountKop: kopecks }))
                  .min(1)
                  .max(50),
              }),
            },
          },
        },
      },
      responses: { 201: json(Any, 'Сторно и новые платежи'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        obj(await payments.splitPayment(ctxOf(c), c.req.valid('param').id, b.targets, b.reason)),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/payments/{id}/match',
      tags,
      summary: 'Сопоставить невыясненный платёж с лицевым счётом',
      request: {
        params: IdParam,
        body: {
          content: { 'application/json': { schema: z.object({ accountId: z.number().int().positive() }) } },
        },
      },
      responses: { 200: json(Any, 'Платёж'), ...commonErrors, ...conflictError },
    }),
    async (c) =>
      c.json(
        obj(await payments.matchSuspense(ctxOf(c), c.req.valid('param').id, c.req.valid('json').accountId)),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/payment-registries',
      tags,
      summary:
        'Реестр платежей агента: предпросмотр каждой строки с ошибками (dryRun) или загрузка целиком; тот же файл — отказ',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                agentId: z.number().int().positive(),
                format: z
                  .string()
                  .max(50)
                  .nullish()
                  .openapi({ description: 'Встроенный формат; без него — формат агента, иначе формат ЕРЦ' }),
                encoding: z.enum(registryEncodings).nullish(),
                fileName: z.string().max(300),
                contentBase64: z.string().openapi({ description: 'Файл как есть, в base64' }),
                dryRun: z.boolean().default(false),
              }),
            },
          },
        },
      },
      responses: {
        200: json(Any.openapi('PaymentRegistryImport'), 'Предпросмотр или результат'),
        ...commonErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await importPaymentRegistry(ctxOf(c), {
        agentId: b.agentId,
        format: b.format ?? null,
        encoding: b.encoding ?? null,
        fileName: b.fileName,
        bytes: Buffer.from(b.contentBase64, 'base64'),
        dryRun: b.dryRun,
      });
      return c.json(obj(r), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/agents/{id}/registry-format',
      tags,
      summary: 'Формат реестров платёжного агента: встроенный формат и отличия агента (null — не задан)',
      request: { params: IdParam },
      responses: {
        200: json(Any.nullable().openapi('AgentRegistryFormat'), 'Формат агента'),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await getAgentFormat(ctxOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/finance/agents/{id}/registry-format',
      tags,
      summary: 'Задать формат реестров агента: файл без указанного формата читается им',
      request: {
        params: IdParam,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                base: z.string().max(50),
                overrides: z
                  .object({
                    encoding: z.enum(registryEncodings),
                    separator: z.string().min(1).max(5),
                    headerLines: z.number().int().min(0).max(100),
                    columns: z.record(z.string(), z.number().int()),
                    tags: z.record(z.string(), z.string().max(50)),
                    dateFormat: z.enum(['dd/mm/yyyy', 'dd.mm.yyyy', 'yyyy-mm-dd']),
                    periodFormat: z.enum(['mmyyyy', 'mm.yyyy', 'yyyy-mm']),
                  })
                  .partial()
                  .strict()
                  .default({}),
              }),
            },
          },
        },
      },
      responses: {
        200: json(Any.openapi('AgentRegistryFormatSaved'), 'Сохранённый формат'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        obj(
          await setAgentFormat(ctxOf(c), c.req.valid('param').id, { base: b.base, overrides: b.overrides }),
        ),
        200,
      );
    },
  );
