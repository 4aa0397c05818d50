/**
 * Remittance to suppliers (docs/finance.md "Remittance"; ПП № 253 п.6): contracts with suppliers and
 * contractors (the centre's fee, the bank account), and the remittance of a day — per supplier × service
 * collected less the agents' and the centre's fees, the payment orders, the due date; the register as CSV.
 * Money in kopecks.
 */
import { createRoute, z } from '@hono/zod-openapi';
import * as service from '../../../services/finance/remittance.js';
import * as transfers from '../../../services/finance/remittance-transfers.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, conflictError, IdParam, json } from '../../schemas.js';

const tags = ['Финансы: перечисления'];
const isoDate = z.iso.date();
const kop = z.number().int();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ContractSchema = z
  .object({
    id: z.number().int(),
    partyId: z.number().int(),
    partyName: z.string(),
    kind: z.enum(['supplier', 'manager', 'contractor']),
    number: z.string(),
    signedOn: z.string(),
    centreFeePercent: z.string(),
    bankAccountId: z.number().int(),
    bankAccount: z.string(),
    bik: z.string(),
    bankName: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('RemittanceContract');

const toJson = (c: service.Contract) => ({
  id: c.id,
  partyId: c.partyId,
  partyName: c.partyName,
  kind: c.kind,
  number: c.number,
  signedOn: c.signedOn,
  centreFeePercent: c.centreFeePercent,
  bankAccountId: c.bankAccountId,
  bankAccount: c.bankAccount,
  bik: c.bik,
  bankName: c.bankName,
  validFrom: c.validFrom,
  validTo: c.validTo,
  note: c.note,
});

const Line = z.object({
  supplierId: z.number().int(),
  service: z.string(),
  collected: kop,
  agentFee: kop,
  centreFee: kop,
  toTransfer: kop,
});

const TransferSchema = z
  .object({
    id: z.number().int(),
    supplierId: z.number().int(),
    supplierName: z.string(),
    collectedOn: z.string(),
    amountKop: kop,
    orderNumber: z.string(),
    transferredOn: z.string(),
    reversesTransferId: z.number().int().nullable(),
    reversedBy: z.number().int().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
  })
  .openapi('RemittanceTransfer');

const transferJson = (t: transfers.Transfer) => ({
  id: t.id,
  supplierId: t.supplierId,
  supplierName: t.supplierName,
  collectedOn: t.collectedOn,
  amountKop: t.amountKop,
  orderNumber: t.orderNumber,
  transferredOn: t.transferredOn,
  reversesTransferId: t.reversesTransferId,
  reversedBy: t.reversedBy,
  note: t.note,
  createdAt: t.createdAt.toISOString(),
  createdByName: t.createdByName,
});

/** ПП № 253 п.6 state of a supplier's day against the transfers recorded. */
const DayTransfersSchema = z.object({
  supplierId: z.number().int(),
  supplierName: z.string(),
  toTransferKop: kop,
  due: z.string(),
  transferredKop: kop,
  remainingKop: kop,
  transferredOn: z.string().nullable(),
  state: z.enum(['nothing', 'pending', 'on_time', 'late', 'overdue']),
  daysLate: z.number().int().nullable(),
  transfers: z.array(TransferSchema),
});

const dayTransfersJson = (s: transfers.SupplierDayTransfers) => ({
  supplierId: s.supplierId,
  supplierName: s.supplierName,
  toTransferKop: s.toTransferKop,
  due: s.due,
  transferredKop: s.transferredKop,
  remainingKop: s.remainingKop,
  transferredOn: s.transferredOn,
  state: s.state,
  daysLate: s.daysLate,
  transfers: s.transfers.map(transferJson),
});

export const remittanceRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/contracts',
      tags,
      summary: 'Договоры с поставщиками и подрядчиками (комиссия ЕРЦ, счёт для перечисления, сроки)',
      request: {
        query: z.object({
          partyId: z.coerce.number().int().positive().optional(),
          onDate: isoDate.optional(),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(ContractSchema) }), 'Договоры'), ...commonErrors },
    }),
    async (c) => {
      const items = await service.listContracts(ctxOf(c), c.req.valid('query'));
      return c.json({ items: items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/contracts',
      tags,
      summary: 'Новый договор со стороной с даты: действующий договор с ней закрывается накануне',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                partyId: z.number().int().positive(),
                number: z.string().trim().min(1).max(100),
                signedOn: isoDate,
                centreFeePercent: z
                  .string({ error: 'процент передаётся строкой: "1.5"' })
                  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'процент до 4 знаков после точки: "1.5"'),
                bankAccountId: z.number().int().positive(),
                validFrom: isoDate,
                note: z.string().trim().max(500).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(ContractSchema, 'Создан'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.createContract(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/remittance',
      tags,
      summary:
        'Перечисления за день приёма платежей: по поставщику и услуге собрано, вознаграждения агентов и ЕРЦ, ' +
        'к перечислению; платёжные поручения; срок — следующий рабочий день (ПП № 253 п.6)',
      request: { query: z.object({ date: isoDate }) },
      responses: {
        200: json(
          z
            .object({
              day: z.string(),
              due: z.string(),
              suppliers: z.array(
                Line.omit({ service: true }).extend({
                  supplierName: z.string(),
                  contractId: z.number().int(),
                  centreFeeFormula: z.string(),
                  lines: z.array(Line),
                }),
              ),
              orders: z.array(
                z.object({
                  supplierId: z.number().int(),
                  payee: z.string(),
                  inn: z.string(),
                  kpp: z.string().nullable(),
                  bankAccount: z.string(),
                  bik: z.string(),
                  bankName: z.string(),
                  amount: kop,
                  purpose: z.string(),
                  due: z.string(),
                }),
              ),
              skipped: z.array(
                z.object({ supplierId: z.number().int(), toTransfer: kop, reason: z.string() }),
              ),
              unassignedKop: kop,
              transfers: z.array(DayTransfersSchema),
            })
            .openapi('DayRemittance'),
          'Перечисления за день',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const r = await transfers.dayWithTransfers(ctxOf(c), c.req.valid('query').date);
      return c.json(
        {
          day: r.day,
          due: r.due,
          suppliers: r.suppliers,
          orders: r.orders.orders,
          skipped: r.orders.skipped,
          unassignedKop: r.unassignedKop,
          transfers: r.transfers.map(dayTransfersJson),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/remittance/register',
      tags,
      summary:
        'Реестр перечислений за день: CSV для Excel («;», UTF-8 с BOM, рубли с запятой) или XLSX; строка «Итого»',
      request: { query: z.object({ date: isoDate, format: z.enum(['csv', 'xlsx']).default('xlsx') }) },
      responses: {
        200: {
          description: 'Реестр',
          content: {
            'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
            [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...commonErrors,
      },
    }),
    async (c) => {
      const { date, format } = c.req.valid('query');
      const { bytes } = await service.dayRegister(ctxOf(c), date, format);
      return c.body(bytes.slice(), 200, {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
        'Content-Disposition': `attachment; filename="remittance-${date}.${format}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/remittance/transfers',
      tags,
      summary: 'Сделанные перечисления поставщикам за дни приёма платежей (со сторно)',
      request: {
        query: z.object({
          from: isoDate,
          to: isoDate,
          supplierId: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(TransferSchema) }), 'Перечисления'), ...commonErrors },
    }),
    async (c) => {
      const items = await transfers.listTransfers(ctxOf(c), c.req.valid('query'));
      return c.json({ items: items.map(transferJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/remittance/transfers',
      tags,
      summary:
        'Записать сделанное перечисление (платёжное поручение) за день приёма; то же поручение повторно — не второй раз',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                supplierId: z.number().int().positive(),
                collectedOn: z.string().openapi({ example: '2026-11-06' }),
                amountKop: kop,
                orderNumber: z.string().max(50),
                transferredOn: z.string().openapi({ example: '2026-11-09' }),
                note: z.string().max(500).nullish(),
              }),
            },
          },
        },
      },
      responses: {
        201: json(TransferSchema.extend({ duplicate: z.boolean() }), 'Записано'),
        200: json(TransferSchema.extend({ duplicate: z.boolean() }), 'Уже было записано'),
        ...commonErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const r = await transfers.recordTransfer(ctxOf(c), c.req.valid('json'));
      const body = { ...transferJson(r.transfer), duplicate: r.duplicate };
      return r.duplicate ? c.json(body, 200) : c.json(body, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/remittance/transfers/{id}/reverse',
      tags,
      summary: 'Сторно ошибочного перечисления: новая запись с обратной суммой (ничего не меняется)',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ reason: z.string().max(500) }) } },
        },
      },
      responses: { 201: json(TransferSchema, 'Сторно'), ...commonErrors, ...conflictError },
    }),
    async (c) =>
      c.json(
        transferJson(
          await transfers.reverseTransfer(ctxOf(c), c.req.valid('param').id, c.req.valid('json').reason),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/remittance/late',
      tags,
      summary:
        'Просроченные перечисления (ПП № 253 п.6): дни приёма, за которые поставщику перечислено позже срока или ещё не перечислено после срока',
      request: { query: z.object({ from: isoDate, to: isoDate }) },
      responses: {
        200: json(
          z
            .object({ items: z.array(DayTransfersSchema.extend({ day: z.string() })) })
            .openapi('LateRemittances'),
          'Отчёт',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await transfers.lateRemittances(ctxOf(c), q.from, q.to);
      return c.json({ items: items.map((s) => ({ ...dayTransfersJson(s), day: s.day })) }, 200);
    },
  );
