/**
 * The turnover sheet (оборотно-сальдовая ведомость; docs/finance.md "Balances"): opening, charged,
 * recalculated, penalty, paid and closing per account × service × supplier (or by account, or by service ×
 * supplier) for an account, a house, a manager, a supplier or everything the actor sees. Money in kopecks.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { turnoverSheet, turnoverSheetXlsx, type TurnoverScope } from '../../../services/finance/balances.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, json } from '../../schemas.js';

const id = z.coerce.number().int().positive().optional();
const kop = z.number().int();
const Row = z.object({
  accountId: z.number().int().nullable(),
  accountNumber: z.string().nullable(),
  serviceId: z.number().int().nullable(),
  serviceCode: z.string().nullable(),
  supplierId: z.number().int().nullable(),
  supplierName: z.string().nullable(),
  openingKop: kop,
  chargedKop: kop,
  recalculatedKop: kop,
  penaltyKop: kop,
  paidKop: kop,
  closingKop: kop,
});

const TurnoverQuery = z.object({
  period: z.string().openapi({ example: '2026-10' }),
  accountId: id,
  houseId: id,
  managerId: id,
  supplierId: id,
  groupBy: z.enum(['line', 'account', 'service']).default('line'),
});

function scopeOf(q: z.infer<typeof TurnoverQuery>): TurnoverScope {
  return q.accountId !== undefined
    ? { kind: 'account', id: q.accountId }
    : q.houseId !== undefined
      ? { kind: 'house', id: q.houseId }
      : q.managerId !== undefined
        ? { kind: 'manager', id: q.managerId }
        : q.supplierId !== undefined
          ? { kind: 'supplier', id: q.supplierId }
          : { kind: 'all' };
}

export const balanceRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/turnover',
      tags: ['Финансы: сальдо'],
      summary:
        'Оборотно-сальдовая ведомость за период: по счёту, дому, управляющей организации, поставщику или всем',
      request: { query: TurnoverQuery },
      responses: {
        200: json(
          z
            .object({
              period: z.string(),
              groupBy: z.string(),
              rows: z.array(Row),
              totals: Row.pick({
                openingKop: true,
                chargedKop: true,
                recalculatedKop: true,
                penaltyKop: true,
                paidKop: true,
                closingKop: true,
              }),
            })
            .openapi('TurnoverSheet'),
          'Ведомость',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await turnoverSheet(ctxOf(c), q.period, scopeOf(q), q.groupBy);
      return c.json({ period: r.period, groupBy: r.groupBy, rows: r.rows, totals: r.totals }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/finance/turnover/xlsx',
      tags: ['Финансы: сальдо'],
      summary:
        'Оборотно-сальдовая ведомость в XLSX (те же параметры; суммы числами в рублях, строка «Итого»)',
      request: { query: TurnoverQuery },
      responses: {
        200: {
          description: 'Ведомость',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...commonErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = scopeOf(q);
      const bytes = await turnoverSheetXlsx(ctxOf(c), q.period, scope, q.groupBy);
      const name = `turnover-${q.period}-${scope.kind}${'id' in scope ? `-${scope.id}` : ''}.xlsx`;
      return c.body(bytes.slice(), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    },
  );
