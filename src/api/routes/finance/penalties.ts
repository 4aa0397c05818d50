/**
 * Penalties (RULES.md §6): the calculation with its day-by-day breakdown (расчёт пени) for given debts and
 * payments, on the stored legal parameters. Money in integer kopecks (`*Kop`), as in the database.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Kopecks } from '../../../domain/money.js';
import type { BillingPeriod, IsoDate } from '../../../domain/period.js';
import type { PenaltyResult } from '../../../domain/finance/penalty.js';
import { accountPenaltyPdf } from '../../../services/finance/penalty-pdf.js';
import { accountPenalties, calculatePenalties } from '../../../services/finance/penalties.js';
import {
  chargePenalties,
  chargePenaltiesOver,
  type PenaltyScope,
} from '../../../services/finance/penalty-lines.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, IdParam, json } from '../../schemas.js';

const tags = ['Финансы: пени'];
const kopecks = z.number().int().openapi({ description: 'Копейки (целое число)' });
const period = z.string().openapi({ example: '2024-03' });
const date = z.string().openapi({ example: '2024-08-31' });

const RowSchema = z.object({
  kind: z.enum(['accrual', 'moratorium']),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  delayFrom: z.number().int(),
  delayTo: z.number().int(),
  debtKop: kopecks,
  rate: z.string().nullable().openapi({ description: '% годовых' }),
  divisor: z.number().int().nullable().openapi({ description: '300 или 130: доля ставки 1/divisor в день' }),
  exact: z.string().openapi({ description: 'Точная сумма строки, ₽, 6 знаков' }),
  amountKop: kopecks,
  formula: z.string(),
  act: z.string().optional(),
});

const ResultSchema = z
  .object({
    calculationDate: z.string(),
    totalKop: kopecks,
    advanceKop: kopecks,
    debts: z.array(
      z.object({
        period: z.string(),
        amountKop: kopecks,
        dueDate: z.string(),
        unpaidKop: kopecks,
        penaltyKop: kopecks,
        reductions: z.array(z.object({ date: z.string(), amountKop: kopecks, ref: z.string().nullable() })),
        rows: z.array(RowSchema),
        inputs: z.array(z.object({ name: z.string(), value: z.string(), source: z.string() })),
      }),
    ),
  })
  .openapi('PenaltyCalculation');

export const penaltyRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/penalties/calculate',
      tags,
      summary:
        'Расчёт пени по долгам и оплатам (ЖК ст.155 ч.14, особые ставки, моратории) с построчной раскладкой',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                calculationDate: date,
                debts: z.array(z.object({ period, amountKop: kopecks })).max(1000),
                payments: z
                  .array(
                    z.object({
                      paidOn: date,
                      amountKop: kopecks,
                      period: period.nullish(),
                      ref: z.string().max(100).nullish(),
                    }),
                  )
                  .max(10_000)
                  .default([]),
              }),
            },
          },
        },
      },
      responses: { 200: json(ResultSchema, 'Расчёт'), ...commonErrors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await calculatePenalties(ctxOf(c), {
        calculationDate: body.calculationDate as IsoDate,
        debts: body.debts.map((d) => ({ period: d.period as BillingPeriod, amount: d.amountKop as Kopecks })),
        payments: body.payments.map((p) => ({
          paidOn: p.paidOn as IsoDate,
          amount: p.amountKop as Kopecks,
          period: (p.period ?? null) as BillingPeriod | null,
          ...(p.ref ? { ref: p.ref } : {}),
        })),
      });
      return c.json(penaltyJson(r), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/accounts/{id}/penalties',
      tags,
      summary: 'Расчёт пени по лицевому счёту на дату: его начисления и платежи, построчная раскладка',
      request: { params: IdParam, query: z.object({ date }) },
      responses: { 200: json(ResultSchema, 'Расчёт'), ...commonErrors },
    }),
    async (c) => {
      const r = await accountPenalties(
        ctxOf(c),
        c.req.valid('param').id,
        c.req.valid('query').date as IsoDate,
      );
      return c.json(penaltyJson(r), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/accounts/{id}/penalties/pdf',
      tags,
      summary:
        'Расчёт пени по лицевому счёту на дату для печати (PDF: плательщик, адрес, построчная раскладка, моратории); чтение записывается в журнал',
      request: { params: IdParam, query: z.object({ date }) },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...commonErrors,
      },
    }),
    async (c) => {
      const { pdf, fileName } = await accountPenaltyPdf(
        ctxOf(c),
        c.req.valid('param').id,
        c.req.valid('query').date as IsoDate,
      );
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${fileName}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/penalties/charge',
      tags,
      summary:
        'Начислить пени строками открытого периода по дому (по фактическим долгам и оплатам; повтор ничего не меняет)',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ houseId: z.number().int().positive() }) } },
        },
      },
      responses: {
        200: json(
          z
            .object({
              period: z.string(),
              accounts: z.number().int(),
              linesWritten: z.number().int(),
              amountKop: kopecks,
            })
            .openapi('PenaltyCharge'),
          'Итог',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await chargePenalties(ctxOf(c), c.req.valid('json').houseId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/finance/penalties/run',
      tags,
      summary:
        'Начислить пени в открытом периоде по всем домам расчётного центра, домам управляющей организации или дому (каждый дом — своей транзакцией; повтор ничего не пишет)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
                  managerId: z.number().int().positive().optional(),
                  houseId: z.number().int().positive().optional(),
                })
                .refine((b) => b.managerId === undefined || b.houseId === undefined, {
                  message: 'укажите либо managerId, либо houseId',
                  path: ['houseId'],
                }),
            },
          },
        },
      },
      responses: {
        200: json(
          z
            .object({
              period: z.string(),
              houses: z.number().int(),
              accounts: z.number().int(),
              linesWritten: z.number().int(),
              amountKop: kopecks,
            })
            .openapi('PenaltyRun'),
          'Итог',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const scope: PenaltyScope =
        b.houseId !== undefined
          ? { kind: 'house', id: b.houseId }
          : b.managerId !== undefined
            ? { kind: 'manager', id: b.managerId }
            : { kind: 'all' };
      return c.json(await chargePenaltiesOver(ctxOf(c), { period: b.period, scope }), 200);
    },
  );

/** The result in the API's shape: money in kopecks under `*Kop`. */
function penaltyJson(r: PenaltyResult) {
  return {
    calculationDate: r.calculationDate,
    totalKop: r.total,
    advanceKop: r.advance,
    debts: r.debts.map((d) => ({
      period: d.period,
      amountKop: d.amount,
      dueDate: d.dueDate,
      unpaidKop: d.unpaid,
      penaltyKop: d.penalty,
      reductions: d.reductions.map((x) => ({ date: x.date, amountKop: x.amount, ref: x.ref })),
      rows: d.rows.map(({ debt, amount, ...row }) => ({ ...row, debtKop: debt, amountKop: amount })),
      inputs: d.inputs,
    })),
  };
}
