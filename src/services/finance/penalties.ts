/**
 * Penalties on stored legal parameters (RULES.md §6): the versions of every code the finance core reads are
 * loaded from `legal_parameters` and the pure core computes. No penalty is saved yet (part 2 charges them as
 * their own lines in the billing period); this is the printable calculation (расчёт пени) for given debts
 * and payments.
 */
import type { Queryable } from '../../db/client.js';
import * as db from '../../db/registry/legal-parameters.js';
import { LegalParameters } from '../../domain/billing/legal.js';
import { computePenalties, type PenaltyInput, type PenaltyResult } from '../../domain/finance/penalty.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
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
