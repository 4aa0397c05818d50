/**
 * The turnover sheet (оборотно-сальдовая ведомость; docs/finance.md "Balances"): opening, charged,
 * recalculated, penalty, paid and closing per account × service × supplier (or by account, or by service ×
 * supplier) for an account, a house, a manager, a supplier or everything the actor sees. Money in kopecks.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { turnoverSheet, type TurnoverScope } from '../../../services/finance/balances.js';
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

export const balanceRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/finance/turnover',
    tags: ['Финансы: сальдо'],
    summary:
      'Оборотно-сальдовая ведомость за период: по счёту, дому, управляющей организации, поставщику или всем',
    request: {
      query: z.object({
        period: z.string().openapi({ example: '2026-10' }),
        accountId: id,
        houseId: id,
        managerId: id,
        supplierId: id,
        groupBy: z.enum(['line', 'account', 'service']).default('line'),
      }),
    },
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
    const scope: TurnoverScope =
      q.accountId !== undefined
        ? { kind: 'account', id: q.accountId }
        : q.houseId !== undefined
          ? { kind: 'house', id: q.houseId }
          : q.managerId !== undefined
            ? { kind: 'manager', id: q.managerId }
            : q.supplierId !== undefined
              ? { kind: 'supplier', id: q.supplierId }
              : { kind: 'all' };
    const r = await turnoverSheet(ctxOf(c), q.period, scope, q.groupBy);
    return c.json({ period: r.period, groupBy: r.groupBy, rows: r.rows, totals: r.totals }, 200);
  },
);
