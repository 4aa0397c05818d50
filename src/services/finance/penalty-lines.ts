/**
 * Penalties charged as lines of the open billing period (RULES.md §6; docs/finance.md "Penalty lines"): for
 * every account of a house, the part-1 core computes the penalty accrued on its real debts and payments up to
 * the period's last day; per debt period, the period's line is that cumulative penalty less the penalty lines
 * of earlier periods, split over the debt period's services × suppliers in proportion to their charges
 * (`allocate`, largest remainder — the parts sum exactly). Charging the period again writes nothing when the
 * lines are the same; otherwise the account's lines of the period are superseded and written anew.
 */
import { isHouseVisible } from '../../db/registry/houses.js';
import type { Queryable } from '../../db/client.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { computePenalties } from '../../domain/finance/penalty.js';
import { allocate, kop } from '../../domain/money.js';
import { firstDay, lastDay, type BillingPeriod } from '../../domain/period.js';
import type { LegalParameters } from '../../domain/billing/legal.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import { openPeriodOf } from '../billing/engine.js';
import type { Ctx } from '../context.js';
import { noProgress, type Progress } from '../progress.js';
import { loadFinanceLegal, penaltyInputsOf } from './penalties.js';

type NewLine = {
  accountId: number;
  serviceId: number;
  supplierId: number;
  debtPeriod: string;
  amountKop: number;
  explanation: unknown;
};

export type PenaltyCharge = { period: string; accounts: number; linesWritten: number; amountKop: number };

export async function chargePenalties(ctx: Ctx, houseId: number): Promise<PenaltyCharge> {
  requirePermission(ctx.actor, 'charges.run');
  if (!Number.isSafeInteger(houseId) || !(await isHouseVisible(ctx.db, ctx.actor, houseId)))
    throw new DomainError('not_found', 'Дом не найден');
  const house = await ctx.db.maybeOne<{ centre: number }>(
    'select settlement_centre_id as centre from houses where id = $1',
    [houseId],
  );
  const period = await openPeriodOf(ctx.db, { clock: ctx.clock, userId: ctx.actor.userId }, house!.centre);
  return chargeHouse(ctx, houseId, house!.centre, period, await loadFinanceLegal(ctx.db));
}

export type PenaltyScope = { kind: 'all' } | { kind: 'manager'; id: number } | { kind: 'house'; id: number };
export type PenaltyRun = PenaltyCharge & { houses: number };

/**
 * Penalties over a scope of the actor's settlement centre — all its houses, a manager's houses (managing the
 * house during the period) or one house — for the open period, which the caller names (`period` must be it:
 * a penalty is never charged into a closed period). Each house in its own transaction, so a long run keeps
 * what it did; a second run writes nothing (each house's lines are compared before writing). Started by
 * `zhkh penalties charge` or `POST /finance/penalties/run`; the billing workers do not pick it up.
 */
export async function chargePenaltiesOver(
  ctx: Ctx,
  input: { period: string; scope: PenaltyScope },
  progress: Progress = noProgress,
): Promise<PenaltyRun> {
  requirePermission(ctx.actor, 'charges.run');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Пени начисляет расчётный центр');
  const centre = ctx.actor.organisationId;
  const period = await openPeriodOf(ctx.db, { clock: ctx.clock, userId: ctx.actor.userId }, centre);
  if (input.period !== period)
    throw validationFailed([
      { field: 'period', problem: `открытый период — ${period}; пени начисляются только в открытый период` },
    ]);
  const { scope } = input;
  if (scope.kind === 'house' && !(await isHouseVisible(ctx.db, ctx.actor, scope.id)))
    throw new DomainError('not_found', 'Дом не найден');
  const scopeId = scope.kind === 'all' ? null : scope.id;
  const houses = await ctx.db.query<{ id: number }>(
    `select h.id from houses h where h.settlement_centre_id = $1
        and ($2 = 'all' or ($2 = 'house' and h.id = $3)
             or ($2 = 'manager' and exists (select 1 from house_managers hm where hm.house_id = h.id
                   and hm.manager_id = $3 and hm.valid_from <= $4::date
                   and (hm.valid_to is null or hm.valid_to >= $5::date))))
      order by h.id`,
    [centre, scope.kind, scopeId, lastDay(period), firstDay(period)],
  );
  if (scope.kind === 'manager' && houses.length === 0)
    throw validationFailed([
      { field: 'managerId', problem: 'у управляющей организации нет домов в периоде' },
    ]);
  const legal = await loadFinanceLegal(ctx.db);
  const total: PenaltyRun = { period, houses: houses.length, accounts: 0, linesWritten: 0, amountKop: 0 };
  for (const [i, { id }] of houses.entries()) {
    progress(i, houses.length, `дом ${id}`);
    const r = await chargeHouse(ctx, id, centre, period, legal);
    total.accounts += r.accounts;
    total.linesWritten += r.linesWritten;
    total.amountKop += r.amountKop;
  }
  progress(houses.length, houses.length, '');
  return total;
}

/**
 * One house's penalty lines of the open period, in one transaction, set-based: the inputs of all its accounts
 * (debts, payments, earlier penalty lines, the debt periods' charges, the live lines) in five queries, the core
 * per account in memory, then the accounts whose lines changed superseded and written in two statements.
 */
async function chargeHouse(
  ctx: Ctx,
  houseId: number,
  centre: number,
  period: BillingPeriod,
  legal: LegalParameters,
): Promise<PenaltyCharge> {
  const date = lastDay(period);
  return ctx.db.transaction(async (tx) => {
    const accountIds = (
      await tx.query<{ id: number }>(
        'select a.id from accounts a join premises p on p.id = a.premise_id where p.house_id = $1 order by a.id',
        [houseId],
      )
    ).map((a) => a.id);
    const inputs = await penaltyInputsOf(tx, accountIds, date);
    const earlier = new Map(
      (
        await tx.query<{ accountId: number; debtPeriod: string; kop: number }>(
          `select account_id as "accountId", debt_period as "debtPeriod", sum(amount_kop)::bigint as kop
             from penalty_lines where account_id = any($1::bigint[]) and period < $2 and superseded_at is null
            group by 1, 2`,
          [accountIds, period],
        )
      ).map((r) => [`${r.accountId}/${r.debtPeriod}`, Number(r.kop)]),
    );
    const shares = groupBy(await debtShares(tx, accountIds), (r) => `${r.accountId}/${r.period}`);
    const live = groupBy(
      await tx.query<{
        accountId: number;
        serviceId: number;
        supplierId: number;
        debtPeriod: string;
        kop: number;
      }>(
        `select account_id as "accountId", service_id as "serviceId", supplier_id as "supplierId",
                debt_period as "debtPeriod", amount_kop as kop
           from penalty_lines where account_id = any($1::bigint[]) and period = $2 and superseded_at is null`,
        [accountIds, period],
      ),
      (r) => String(r.accountId),
    );
    const changed: number[] = [];
    const written: NewLine[] = [];
    let linesWritten = 0;
    for (const id of accountIds) {
      const result = computePenalties(legal, inputs.get(id)!);
      const lines: NewLine[] = [];
      for (const debt of result.debts) {
        const before = earlier.get(`${id}/${debt.period}`) ?? 0;
        const delta = debt.penalty - before;
        const weights = shares.get(`${id}/${debt.period}`) ?? [];
        if (delta === 0 || weights.length === 0) continue;
        const split = allocate(
          kop(Math.abs(delta)),
          weights.map((w) => kop(w.kop)),
        );
        weights.forEach((w, i) => {
          const amount = Math.sign(delta) * split[i]!;
          if (amount === 0) return;
          lines.push({
            accountId: id,
            serviceId: w.serviceId,
            supplierId: w.supplierId,
            debtPeriod: debt.period,
            amountKop: amount,
            explanation: {
              method: 'penalty',
              rule: 'RULES.md §6; ЖК РФ ст.155 ч.14',
              calculationDate: date,
              debtPeriod: debt.period,
              dueDate: debt.dueDate,
              cumulativeKop: debt.penalty,
              earlierKop: before,
              share: `${w.kop} / ${weights.reduce((t, x) => t + x.kop, 0)} коп. начислений периода`,
              rows: debt.rows.map((r) => ({
                from: r.from,
                to: r.to,
                formula: r.formula,
                amountKop: r.amount,
              })),
            },
          });
        });
      }
      const now = live.get(String(id)) ?? [];
      const key = (l: { serviceId: number; supplierId: number; debtPeriod: string }, k: number) =>
        `${l.serviceId}/${l.supplierId}/${l.debtPeriod}/${k}`;
      const same =
        now
          .map((l) => key(l, Number(l.kop)))
          .sort()
          .join() ===
        lines
          .map((l) => key(l, l.amountKop))
          .sort()
          .join();
      if (same) continue;
      changed.push(id);
      written.push(...lines);
      linesWritten += lines.length === 0 ? now.length : lines.length;
    }
    const amountKop = written.reduce((t, l) => t + l.amountKop, 0);
    if (changed.length > 0) {
      await tx.query(
        `update penalty_lines set superseded_at = $3
          where account_id = any($1::bigint[]) and period = $2 and superseded_at is null`,
        [changed, period, ctx.clock.now()],
      );
      if (written.length > 0)
        await tx.query(
          `insert into penalty_lines (period, account_id, service_id, supplier_id, debt_period, calculation_date,
             amount_kop, explanation, created_at, created_by)
           select $1, x."accountId", x."serviceId", x."supplierId", x."debtPeriod", $2::date, x."amountKop",
                  x.explanation, $4, $5
             from jsonb_to_recordset($3::jsonb) as x("accountId" bigint, "serviceId" bigint, "supplierId" bigint,
               "debtPeriod" text, "amountKop" bigint, explanation jsonb)`,
          [period, date, JSON.stringify(written), ctx.clock.now(), ctx.actor.userId],
        );
      // nothing changed, nothing to audit: a second run writes nothing at all
      await recordAudit(tx, ctx, {
        action: 'run',
        objectType: 'penalty_lines',
        objectId: houseId,
        organisationId: centre,
        after: { period, accounts: accountIds.length, changedAccounts: changed, linesWritten, amountKop },
      });
    }
    return { period, accounts: accountIds.length, linesWritten, amountKop };
  });
}

/** The debt periods' charges per account × period × service × supplier (the weights of the split), positive only. */
async function debtShares(q: Queryable, accountIds: readonly number[]) {
  const rows = await q.query<{
    accountId: number;
    period: string;
    serviceId: number;
    supplierId: number;
    kop: number;
  }>(
    `select account_id as "accountId", period, service_id as "serviceId", supplier_id as "supplierId",
            sum(amount_kop)::bigint as kop from (
       select account_id, period, service_id, supplier_id, amount_kop from charge_lines
        where account_id = any($1::bigint[]) and superseded_at is null
       union all
       select account_id, to_char(as_of, 'YYYY-MM'), service_id, supplier_id, amount_kop from opening_balances
        where account_id = any($1::bigint[])) x
      group by 1, 2, 3, 4 having sum(amount_kop) > 0 order by 1, 2, 3, 4`,
    [accountIds],
  );
  return rows.map((r) => ({ ...r, kop: Number(r.kop) }));
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
