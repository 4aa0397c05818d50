/**
 * Penalties on stored legal parameters (RULES.md §6): the versions of every code the finance core reads are
 * loaded from `legal_parameters` and the pure core computes. No penalty is saved yet (part 2 charges them as
 * their own lines in the billing period); this is the printable calculation (расчёт пени) for given debts
 * and payments.
 */
import type { Queryable } from '../../db/client.js';
import * as db from '../../db/registry/legal-parameters.js';
import { LegalParameters } from '../../domain/billing/legal.js';
import {
  computePenalties,
  type PenaltyDebt,
  type PenaltyInput,
  type PenaltyPayment,
  type PenaltyResult,
} from '../../domain/finance/penalty.js';
import { validationFailed } from '../../domain/errors.js';
import { kop } from '../../domain/money.js';
import { parseIsoDate, type BillingPeriod, type IsoDate } from '../../domain/period.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { asVersioned } from '../registry/services.js';

/** The codes the finance core reads. */
export const financeLegalCodes = [
  'penalty.due_day',
  'penalty.due_date_weekend_shift',
  'penalty.scale',
  'penalty.payment_day_counts',
  'penalty.rate_date',
  'penalty.key_rate_cap',
  'penalty.moratoria',
  'key_rate',
  'calendar.non_working_days',
  'payment_allocation.policy',
] as const;

export async function loadFinanceLegal(q: Queryable): Promise<LegalParameters> {
  const values = [];
  for (const code of financeLegalCodes) {
    for (const r of await db.selectLegalParameterVersions(q, code)) {
      const v = asVersioned(r);
      values.push({ id: v.id, code: v.code, value: v.value, validFrom: v.validFrom, validTo: v.validTo });
    }
  }
  return new LegalParameters(values);
}

/** The penalty calculation for the given debts and payments (anyone who may read the registry). */
export async function calculatePenalties(ctx: Ctx, input: PenaltyInput): Promise<PenaltyResult> {
  requirePermission(ctx.actor, 'registry.read');
  return computePenalties(await loadFinanceLegal(ctx.db), input);
}

/**
 * The penalty calculation for an account's real debts and payments at a date (RULES.md §6): the debts are what
 * was charged per period (charge and recalculation lines, a legacy opening balance in the period of its date),
 * the payments every payment on the account up to the date (a reversed payment and its reversal left out; a
 * moved payment counts on the account it was moved to), each with the period the payer named.
 */
export async function accountPenalties(ctx: Ctx, accountId: number, date: IsoDate): Promise<PenaltyResult> {
  requirePermission(ctx.actor, 'registry.read');
  await requireAccount(ctx, accountId);
  try {
    parseIsoDate(date); // '2022-13-01' is not a date either
  } catch {
    throw validationFailed([{ field: 'date', problem: 'дата в виде ГГГГ-ММ-ДД' }]);
  }
  return computePenalties(await loadFinanceLegal(ctx.db), await penaltyInputOf(ctx.db, accountId, date));
}

/** The account's debts per period and its payments not reversed, up to the date (the core's input). */
export async function penaltyInputOf(q: Queryable, accountId: number, date: IsoDate): Promise<PenaltyInput> {
  return (await penaltyInputsOf(q, [accountId], date)).get(accountId)!;
}

/** `penaltyInputOf` of many accounts (a house's penalty run) in two queries. */
export async function penaltyInputsOf(
  q: Queryable,
  accountIds: readonly number[],
  date: IsoDate,
): Promise<Map<number, PenaltyInput>> {
  const debts = await q.query<{ accountId: number; period: string; kop: number }>(
    `select account_id as "accountId", period, sum(amount_kop)::bigint as kop from (
       select account_id, period, amount_kop from charge_lines
        where account_id = any($1::bigint[]) and superseded_at is null
       union all
       select account_id, to_char(as_of, 'YYYY-MM'), amount_kop from opening_balances
        where account_id = any($1::bigint[])) x
      where period <= to_char($2::date, 'YYYY-MM') group by account_id, period order by account_id, period`,
    [accountIds, date],
  );
  const payments = await q.query<{
    accountId: number;
    id: number;
    paidOn: string;
    kop: number;
    period: string | null;
  }>(
    `select p.account_id as "accountId", p.id, p.paid_on::text as "paidOn", p.amount_kop as kop, p.period
       from payments p
      where p.account_id = any($1::bigint[]) and p.amount_kop > 0 and p.paid_on <= $2::date
        and not exists (select 1 from payments r where r.reverses_payment_id = p.id)
      order by p.account_id, p.paid_on, p.id`,
    [accountIds, date],
  );
  const inputs = new Map(
    accountIds.map((id) => [
      id,
      { calculationDate: date, debts: [] as PenaltyDebt[], payments: [] as PenaltyPayment[] },
    ]),
  );
  for (const d of debts)
    if (Number(d.kop) > 0)
      inputs.get(d.accountId)!.debts.push({ period: d.period as BillingPeriod, amount: kop(Number(d.kop)) });
  for (const p of payments)
    inputs.get(p.accountId)!.payments.push({
      paidOn: p.paidOn as IsoDate,
      amount: kop(Number(p.kop)),
      period: p.period as BillingPeriod | null,
      ref: `платёж № ${p.id}`,
    });
  return inputs;
}
