/**
 * Many payments stored at once, set-based (docs/finance.md "Registry import"; docs/performance.md "Payment
 * registries"): what every account of the batch owes is read in one query, each payment is allocated in memory
 * by the pure core (`partsOnLines` → `allocatePayment`, RULES.md §7) in the order of the batch — a second
 * payment on the same account sees what the first one paid — and the payments and their parts go in by COPY,
 * the payments' ids taken from the sequence in one call. All of it inside the caller's transaction: whole or
 * nothing. The caller audits the batch (a registry file: one record naming every payment it stored; payment
 * rows are never updated but to match suspense, and carry who and when). Payments without an account
 * (suspense) get no parts.
 */
import type { Tx } from '../../db/client.js';
import * as db from '../../db/finance/payments.js';
import type { LegalParameters } from '../../domain/billing/legal.js';
import { readAllocationPolicy, type AllocationPolicy } from '../../domain/finance/policy.js';
import type { IsoDate } from '../../domain/period.js';
import type { Ctx } from '../context.js';
import { partsOnLines } from './payments.js';

/** Stores `payments` (validated, accounts resolved) in the open transaction; returns them with ids and parts. */
export async function storePayments(
  tx: Tx,
  ctx: Ctx,
  payments: readonly db.PaymentFields[],
  legal: LegalParameters,
  /** Gets the milliseconds spent reading and allocating in memory (the latter during the COPY), when given. */
  phases?: { readMs: number; allocateMs: number },
): Promise<db.StoredPayment[]> {
  if (payments.length === 0) return [];
  const accountIds = [...new Set(payments.map((p) => p.accountId).filter((a): a is number => a !== null))];
  const t0 = performance.now();
  // a file's open lines are hundreds of thousands of rows: aggregated and sorted in memory, not on disk
  if (tx.engine === 'postgres' && accountIds.length > 1000)
    await tx.query(`set local work_mem = '256MB'; set local jit = off`);
  // one after the other: a pg client takes one query at a time (queueing is deprecated in pg 9)
  const owedBy = await db.selectOutstandingOf(tx, accountIds);
  const services = await tx.query<{ id: number; code: string }>('select id, code from services');
  const ids = await db.nextIds(tx, 'payments', payments.length);
  const serviceIds = new Map(services.map((r) => [r.code, r.id]));
  const policies = new Map<string, AllocationPolicy>();
  const policyOn = (date: string) => {
    let p = policies.get(date);
    if (!p) policies.set(date, (p = readAllocationPolicy(legal, date as IsoDate)));
    return p;
  };
  if (phases) phases.readMs = performance.now() - t0;
  let allocating = 0;
  // each payment allocated as the COPY of payments asks for its row (in the batch's order: a second payment
  // on the same account sees what the first one paid), so the server inserts the rows before meanwhile
  function* allocated(): Generator<db.StoredPayment> {
    for (let i = 0; i < payments.length; i++) {
      const fields = payments[i]!;
      if (fields.accountId === null) {
        yield { id: ids[i]!, fields, parts: [] };
        continue;
      }
      const t = performance.now();
      const owed = owedBy.get(fields.accountId) ?? [];
      const parts = partsOnLines(fields.accountId, owed, serviceIds, fields, policyOn(fields.paidOn));
      payOff(owed, parts);
      allocating += performance.now() - t;
      yield { id: ids[i]!, fields, parts };
    }
  }
  const stored = await db.copyPayments(tx, allocated(), ctx.clock.now(), ctx.actor.userId);
  if (phases) phases.allocateMs = allocating;
  return stored;
}

/** What the parts paid is no longer owed: the next payment of the account in the batch sees the rest. */
function payOff(owed: db.OutstandingRow[], parts: readonly db.PartFields[]): void {
  for (const part of parts) {
    if (part.kind === 'advance') continue;
    const row = owed.find(
      (o) =>
        o.period === part.period &&
        o.kind === part.kind &&
        o.serviceId === part.serviceId &&
        o.supplierId === part.supplierId,
    );
    if (row) row.outstandingKop = Number(row.outstandingKop) - part.amountKop;
  }
}
