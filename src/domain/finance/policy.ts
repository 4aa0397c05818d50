/**
 * The payment allocation policy (RULES.md §7.1; legal parameter `payment_allocation.policy`): the order of
 * periods (oldest first by default, ГК ст.319.1, Пленум ВС № 22 п.32 — UNCONFIRMED, so a setting), whether
 * the period and the amounts per service the payer named are followed, and whether penalties are paid after
 * or before the principal (ГК ст.319 — UNCONFIRMED for ЖКУ penalties).
 */
import type { LegalParameters } from '../billing/legal.js';
import { comparePeriods, type BillingPeriod, type IsoDate } from '../period.js';

export type AllocationPolicy = {
  periodOrder: 'oldest_first' | 'newest_first';
  honourNamedPeriod: boolean;
  honourServiceAmounts: boolean;
  penalties: 'after_principal' | 'before_principal';
};

export function readAllocationPolicy(legal: LegalParameters, date: IsoDate): AllocationPolicy {
  return legal.json<AllocationPolicy>('payment_allocation.policy', date).value;
}

/** The periods in the policy's order (a copy). */
export function orderPeriods(
  periods: readonly BillingPeriod[],
  order: AllocationPolicy['periodOrder'],
): BillingPeriod[] {
  const sorted = [...periods].sort(comparePeriods);
  return order === 'newest_first' ? sorted.reverse() : sorted;
}
