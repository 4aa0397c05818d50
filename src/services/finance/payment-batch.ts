/**
 * Many payments stored at once, set-based (docs/finance.md "Registry import"; docs/performance.md "Payment
 * registries"): what every account of the batch owes is read in one query, each payment is allocated in memory
 * by the pure core (`partsOnLines` → `allocatePayment`, RULES.md §7) in the order of the batch — a second
 * payment on the same account sees what the first one paid — and the payments, their parts and one audit
 * record per payment go in by COPY with ids taken from the sequences in one call each. All of it inside the
 * caller's transaction: whole or nothing. Payments without an account (suspense) get no parts.
 */
import { copyAudit } from '../../db/audit.js';
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
): Promise<db.StoredPayment[]> {
  if (payments.length === 0) return [];
  const accountIds = [...new Set(payments.map((p) => p.accountId).filter((a): a is number => a !== null))];
  const owedBy = new Map<number, db.OutstandingRow[]>();
  for (const row of await db.selectOutstandingOf(tx, accountIds)) {
    const rows = owedBy.get(row.accountId);
    if (rows) rows.push(row);
    else owedBy.set(row.accountId, [row]);
  }
  const serviceIds = new Map(
    (await tx.query<{ id: number; code: string }>('select id, code from services')).map((r) => [r.code, r.id]),
  );
  const policies = new Map<string, AllocationPolicy>();
  const policyOn = (date: string) => {
    let p = policies.get(date);
    if (!p) policies.set(date, (p = readAllocationPolicy(legal, date as IsoDate)));
    return p;
  };
  const ids = await db.nextIds(tx, 'payments', payments.length);
  const stored = payments.map((fields, i): db.StoredPayment => {
    if (fields.accountId === null) return { id: ids[i]!, fields, parts: [] };
    const owed = owedBy.get(fields.accountId) ?? [];
    const parts = partsOnLines(fields.accountId, owed, serviceIds, fields, policyOn(fields.paidOn));
    payOff(owed, parts);
    return { id: ids[i]!, fields, parts };
  });
  const now = ctx.clock.now();
  await db.copyPayments(tx, stored, now, ctx.actor.userId);
  await copyAudit(
    tx,
    stored.map((s) => ({
      at: now,
      actorUserId: ctx.actor.userId,
      actorOrganisationId: ctx.actor.organisationId,
      requestId: ctx.requestId ?? null,
      action: 'create' as const,
      objectType: 'payment',
      objectId: String(s.id),
      organisationId: s.fields.settlementCentreId,
      before: null,
      after: { ...s.fields, parts: s.parts },
    })),
  );
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
