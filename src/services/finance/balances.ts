/**
 * Balances and the turnover sheet (оборотно-сальдовая ведомость; RULES.md §7; docs/finance.md "Balances"):
 * derived from the lines (charges, recalculations, penalties, payment parts, legacy opening balances) for one
 * period, for an account, a house, a manager's houses, a supplier or everything the actor sees. Nothing here
 * is stored: the same lines always give the same sheet.
 */
import * as db from '../../db/finance/balances.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { isInScope } from '../../domain/access.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { turnoverXlsx } from '../../domain/finance/turnover-xlsx.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';

export type { TurnoverGroup, TurnoverRow, TurnoverScope } from '../../db/finance/balances.js';

export type TurnoverSheet = {
  period: string;
  scope: db.TurnoverScope;
  groupBy: db.TurnoverGroup;
  rows: db.TurnoverRow[];
  totals: Omit<
    db.TurnoverRow,
    'accountId' | 'accountNumber' | 'serviceId' | 'serviceCode' | 'supplierId' | 'supplierName'
  >;
};

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function turnoverSheet(
  ctx: Ctx,
  period: string,
  scope: db.TurnoverScope,
  groupBy: db.TurnoverGroup,
): Promise<TurnoverSheet> {
  requirePermission(ctx.actor, 'payments.read');
  if (!PERIOD.test(period)) throw validationFailed([{ field: 'period', problem: 'период в виде ГГГГ-ММ' }]);
  if (scope.kind === 'account') await requireAccount(ctx, scope.id);
  if (scope.kind === 'house' && !(await isHouseVisible(ctx.db, ctx.actor, scope.id)))
    throw new DomainError('not_found', 'Дом не найден');
  if ((scope.kind === 'manager' || scope.kind === 'supplier') && !isInScope(ctx.actor, scope.id))
    throw new DomainError('not_found', 'Организация не найдена');
  const rows = await db.selectTurnover(ctx.db, ctx.actor, period, scope, groupBy);
  const sum = (k: keyof TurnoverSheet['totals']) => rows.reduce((s, r) => s + r[k], 0);
  return {
    period,
    scope,
    groupBy,
    rows,
    totals: {
      openingKop: sum('openingKop'),
      chargedKop: sum('chargedKop'),
      recalculatedKop: sum('recalculatedKop'),
      penaltyKop: sum('penaltyKop'),
      paidKop: sum('paidKop'),
      closingKop: sum('closingKop'),
    },
  };
}

const SCOPE_TITLE: Record<db.TurnoverScope['kind'], string> = {
  account: 'лицевой счёт',
  house: 'дом',
  manager: 'управляющая организация',
  supplier: 'поставщик',
  all: 'все',
};

/** The sheet as XLSX: a title naming the period and the scope, the rows and the totals (docs/finance.md "Balances"). */
export async function turnoverSheetXlsx(
  ctx: Ctx,
  period: string,
  scope: db.TurnoverScope,
  groupBy: db.TurnoverGroup,
): Promise<Uint8Array> {
  const sheet = await turnoverSheet(ctx, period, scope, groupBy);
  const names = new Map(
    (await ctx.db.query<{ code: string; name: string }>('select code, name from services')).map((s) => [
      s.code,
      s.name,
    ]),
  );
  const title = `Оборотно-сальдовая ведомость за ${period}: ${SCOPE_TITLE[scope.kind]}${'id' in scope ? ` № ${scope.id}` : ''}`;
  return turnoverXlsx(title, groupBy, sheet.rows, sheet.totals, (code) => names.get(code) ?? code);
}
