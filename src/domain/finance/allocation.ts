/**
 * Allocation of one payment over the account's open charge lines (RULES.md §7): service × supplier ×
 * period, principal and penalty. Pure; the policy (`payment_allocation.policy`, src/domain/finance/policy.ts)
 * is a setting.
 *
 * - The payer gave amounts per service (пустографка, RULES.md §7.1): each amount goes to that service's lines
 *   only, and what is left of it is an advance for that service.
 * - Otherwise the whole payment: the period the payer named first, then the periods in the policy's order
 *   (oldest first, ГК ст.319.1 — UNCONFIRMED); principal before penalties unless the policy says otherwise.
 * - Within one period, a payment that does not cover it is split in proportion to the charges of the
 *   payment document still unpaid (п.118; for a period nothing was paid for yet, these are the document's
 *   charges, example 7.1) by `allocate` (largest remainder, example 7.2).
 * - What is left after every open line is an advance.
 * The parts and the advance ALWAYS sum exactly to the payment, and no line gets more than it owes.
 */
import { validationFailed, type ErrorDetail } from '../errors.js';
import { allocate, kop, type Kopecks } from '../money.js';
import type { BillingPeriod } from '../period.js';
import { orderPeriods, type AllocationPolicy } from './policy.js';

export type OpenLine = {
  period: BillingPeriod;
  service: string;
  supplier: string | null;
  kind: 'charge' | 'penalty';
  /** Still unpaid (lines with nothing unpaid are skipped). */
  outstanding: Kopecks;
};

export type PaymentToAllocate = {
  amount: Kopecks;
  /** The period the payer named. */
  period?: BillingPeriod | null;
  /** Amounts per service the payer gave; they must sum to `amount`. */
  byService?: readonly { service: string; amount: Kopecks }[] | null;
};

export type AllocationPart = {
  period: BillingPeriod;
  service: string;
  supplier: string | null;
  kind: 'charge' | 'penalty';
  amount: Kopecks;
  /** How the part was decided. */
  basis: 'full' | 'proportional';
};

export type AllocationResult = {
  parts: AllocationPart[];
  /** Left over: per service when the payer gave amounts per service, otherwise one line with service null. */
  advance: { service: string | null; amount: Kopecks }[];
  /** Which rule decided, for the explanation. */
  method: 'by_service' | 'by_document';
};

/** Allocates `payment` over `lines` (see the module comment); throws validation_failed naming the field. */
export function allocatePayment(
  payment: PaymentToAllocate,
  lines: readonly OpenLine[],
  policy: AllocationPolicy,
): AllocationResult {
  const problems = validate(payment, lines);
  if (problems.length > 0) throw validationFailed(problems, 'Платёж нельзя разнести');
  const open = lines.filter((l) => l.outstanding > 0);
  if (payment.byService && payment.byService.length > 0 && policy.honourServiceAmounts) {
    const parts: AllocationPart[] = [];
    const advance: AllocationResult['advance'] = [];
    for (const given of payment.byService) {
      const pool = open.filter((l) => l.service === given.service);
      const { parts: own, rest } = spread(given.amount, pool, payment.period ?? null, policy);
      parts.push(...own);
      if (rest > 0) advance.push({ service: given.service, amount: kop(rest) });
    }
    return { parts, advance, method: 'by_service' };
  }
  const { parts, rest } = spread(payment.amount, open, payment.period ?? null, policy);
  return { parts, advance: rest > 0 ? [{ service: null, amount: kop(rest) }] : [], method: 'by_document' };
}

/** The sum of the parts and the advance: equals the payment (the invariant the tests check). */
export function allocatedTotal(r: AllocationResult): number {
  return r.parts.reduce((s, x) => s + x.amount, 0) + r.advance.reduce((s, x) => s + x.amount, 0);
}

function spread(
  amount: number,
  lines: readonly OpenLine[],
  named: BillingPeriod | null,
  policy: AllocationPolicy,
): { parts: AllocationPart[]; rest: number } {
  const kinds: OpenLine['kind'][] =
    policy.penalties === 'before_principal' ? ['penalty', 'charge'] : ['charge', 'penalty'];
  let periods = orderPeriods([...new Set(lines.map((l) => l.period))], policy.periodOrder);
  if (named && policy.honourNamedPeriod && periods.includes(named)) {
    periods = [named, ...periods.filter((p) => p !== named)];
  }
  const parts: AllocationPart[] = [];
  let rest = amount;
  for (const kind of kinds) {
    for (const period of periods) {
      if (rest === 0) return { parts, rest };
      const bucket = lines.filter((l) => l.period === period && l.kind === kind);
      const owed = bucket.reduce((s, l) => s + l.outstanding, 0);
      if (owed === 0) continue;
      const full = rest >= owed;
      const shares = full
        ? bucket.map((l) => l.outstanding)
        : allocate(
            kop(rest),
            bucket.map((l) => l.outstanding),
          );
      bucket.forEach((l, i) => {
        const share = shares[i]!;
        if (share > 0) {
          parts.push({
            period,
            service: l.service,
            supplier: l.supplier,
            kind,
            amount: kop(share),
            basis: full ? 'full' : 'proportional',
          });
        }
      });
      rest -= full ? owed : rest;
    }
  }
  return { parts, rest };
}

function validate(payment: PaymentToAllocate, lines: readonly OpenLine[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
    problems.push({ field: 'amount', problem: 'сумма платежа — целые копейки, больше 0' });
  }
  if (payment.byService && payment.byService.length > 0) {
    const seen = new Set<string>();
    let sum = 0;
    payment.byService.forEach((s, i) => {
      if (seen.has(s.service))
        problems.push({ field: `byService.${i}.service`, problem: 'услуга повторяется' });
      seen.add(s.service);
      if (!Number.isSafeInteger(s.amount) || s.amount < 0) {
        problems.push({ field: `byService.${i}.amount`, problem: 'сумма — целые копейки, не меньше 0' });
      } else sum += s.amount;
    });
    if (sum !== payment.amount) {
      problems.push({
        field: 'byService',
        problem: `сумма по услугам ${sum} коп. не равна сумме платежа ${payment.amount} коп.`,
      });
    }
  }
  lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.outstanding))
      problems.push({ field: `lines.${i}.outstanding`, problem: 'целые копейки' });
  });
  return problems;
}
