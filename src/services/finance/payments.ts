/**
 * Payments (RULES.md §7, §9; docs/finance.md "Payments"): a payment received through an agent is stored with
 * its allocation parts — account × service × supplier × period, principal or advance — computed by the pure
 * allocation core (src/domain/finance/allocation.ts) over what the account still owes, and summing exactly to
 * the payment. The agent's own id makes it idempotent: the same id twice is recognised and not applied twice.
 * A payment whose account is unknown waits in suspense until an operator matches it. Corrections never delete:
 * a reversal is a new payment with the opposite amount and parts; a move or a split is a reversal plus new
 * payments on the accounts the money belongs to. Every change is audited in its transaction.
 */
import type { Queryable, Tx } from '../../db/client.js';
import * as db from '../../db/finance/payments.js';
import { selectAccount } from '../../db/registry/accounts.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { type LegalParameters } from '../../domain/billing/legal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { allocatePayment, type OpenLine } from '../../domain/finance/allocation.js';
import { readAllocationPolicy, type AllocationPolicy } from '../../domain/finance/policy.js';
import { kop } from '../../domain/money.js';
import type { BillingPeriod, IsoDate } from '../../domain/period.js';
import { hasPermission } from '../../domain/access.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { submitReadings, type SubmissionItem } from '../meters/readings.js';
import { loadFinanceLegal } from './penalties.js';

export type { Payment, PaymentPart } from '../../db/finance/payments.js';

export type NewPayment = {
  agentId: number;
  agentPaymentId: string | null;
  paidOn: IsoDate;
  /** Defaults to the day of the clock (UTC). */
  receivedOn?: IsoDate | null;
  /** The account's id, or its number as the payer gave it (`accountNumber`). */
  accountId?: number | null;
  accountNumber?: string | null;
  payerName?: string | null;
  period?: BillingPeriod | null;
  amountKop: number;
  feeKop?: number;
  /** Amounts per service (service codes) the payer gave; they must sum to the amount (RULES.md §7.1). */
  byService?: { service: string; amountKop: number }[] | null;
  readings?: { meter: string; value: string }[];
  note?: string | null;
};

export type PaymentCard = db.Payment & { parts: db.PaymentPart[] };
export type RecordResult = { payment: PaymentCard; duplicate: boolean; readings: HandedReading[] };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Records one payment (an operator's or an agent's): idempotent by the agent's id. */
export async function recordPayment(ctx: Ctx, input: NewPayment): Promise<RecordResult> {
  requirePermission(ctx.actor, 'payments.write');
  const settlementCentreId = await centreOf(ctx);
  await requireAgent(ctx.db, input.agentId, 'agentId');
  const legal = await loadFinanceLegal(ctx.db);
  const r = await ctx.db.transaction((tx) =>
    applyPayment(tx, ctx, settlementCentreId, input, legal, { registryFileId: null, line: null }),
  );
  const readings = r.duplicate ? [] : await handReadings(ctx, [r.id]);
  return { payment: await paymentCard(ctx.db, r.id), duplicate: r.duplicate, readings };
}

export async function getPayment(ctx: Ctx, id: number): Promise<PaymentCard> {
  requirePermission(ctx.actor, 'payments.read');
  const p = await requirePayment(ctx, ctx.db, id);
  return { ...p, parts: await db.selectParts(ctx.db, id) };
}

export async function listPayments(
  ctx: Ctx,
  f: Omit<db.PaymentFilter, 'settlementCentreIds'>,
  limit = 200,
): Promise<db.Payment[]> {
  requirePermission(ctx.actor, 'payments.read');
  if (f.accountId !== undefined) await requireAccountVisible(ctx, ctx.db, f.accountId);
  return db.selectPayments(ctx.db, { ...f, settlementCentreIds: ctx.actor.scope }, Math.min(limit, 1000));
}

/** A reversal: a new payment with the opposite amount and the reversed payment's parts negated. */
export async function reversePayment(ctx: Ctx, id: number, reason: string): Promise<PaymentCard> {
  requirePermission(ctx.actor, 'payments.write');
  return ctx.db.transaction(async (tx) => paymentCard(tx, await reverseIn(tx, ctx, id, reason)));
}

/**
 * A move or a split: the payment is reversed and new payments carrying its date, agent and the given amounts
 * are recorded on the accounts (they must sum exactly to the payment). A move is a split with one target.
 */
export async function splitPayment(
  ctx: Ctx,
  id: number,
  targets: readonly { accountId: number; amountKop: number }[],
  reason: string,
): Promise<{ reversal: PaymentCard; payments: PaymentCard[] }> {
  requirePermission(ctx.actor, 'payments.write');
  const original = await requirePayment(ctx, ctx.db, id);
  const problems: ErrorDetail[] = [];
  if (targets.length === 0) problems.push({ field: 'targets', problem: 'укажите хотя бы один лицевой счёт' });
  let sum = 0;
  targets.forEach((t, i) => {
    if (!Number.isSafeInteger(t.amountKop) || t.amountKop <= 0)
      problems.push({ field: `targets.${i}.amountKop`, problem: 'целые копейки, больше 0' });
    else sum += t.amountKop;
  });
  if (problems.length === 0 && sum !== original.amountKop)
    problems.push({
      field: 'targets',
      problem: `сумма частей ${sum} коп. не равна сумме платежа ${original.amountKop} коп.`,
    });
  if (problems.length > 0) throw validationFailed(problems);
  for (const [i, t] of targets.entries()) {
    await requireAccountVisible(ctx, ctx.db, t.accountId).catch(() => {
      throw validationFailed([{ field: `targets.${i}.accountId`, problem: 'лицевой счёт не найден' }]);
    });
  }
  const legal = await loadFinanceLegal(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const reversalId = await reverseIn(tx, ctx, id, reason);
    const made: PaymentCard[] = [];
    for (const t of targets) {
      const r = await applyPayment(
        tx,
        ctx,
        original.settlementCentreId,
        {
          agentId: original.agentId,
          agentPaymentId: null,
          paidOn: original.paidOn as IsoDate,
          receivedOn: original.receivedOn as IsoDate,
          accountId: t.accountId,
          payerName: original.payerName,
          period: original.period as BillingPeriod | null,
          amountKop: t.amountKop,
          feeKop: 0,
          note: reason,
        },
        legal,
        { registryFileId: null, line: null, correctedFrom: id },
      );
      made.push(await paymentCard(tx, r.id));
    }
    return { reversal: await paymentCard(tx, reversalId), payments: made };
  });
}

/** An operator matches a payment in suspense to an account: it is allocated there. */
export async function matchSuspense(ctx: Ctx, id: number, accountId: number): Promise<PaymentCard> {
  requirePermission(ctx.actor, 'payments.write');
  const p = await requirePayment(ctx, ctx.db, id);
  if (p.accountId !== null || p.reversedBy !== null || p.amountKop < 0)
    throw new DomainError('conflict', 'Платёж не на невыясненных', [
      { field: 'id', problem: 'сопоставить можно только невыясненный платёж' },
    ]);
  const account = await requireAccountVisible(ctx, ctx.db, accountId).catch(() => {
    throw validationFailed([{ field: 'accountId', problem: 'лицевой счёт не найден' }]);
  });
  if (account.settlementCentreId !== p.settlementCentreId)
    throw validationFailed([{ field: 'accountId', problem: 'лицевой счёт другого расчётного центра' }]);
  const legal = await loadFinanceLegal(ctx.db);
  return ctx.db.transaction(async (tx) => {
    await db.setPaymentAccount(tx, id, accountId);
    const parts = await allocationParts(tx, accountId, p, legal);
    await db.insertParts(tx, id, parts, ctx.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'payment',
      objectId: id,
      organisationId: p.settlementCentreId,
      before: { accountId: null, accountGiven: p.accountGiven },
      after: { accountId, parts },
    });
    return paymentCard(tx, id);
  });
}

// ---- internals shared with the registry import ----

export type ApplyOrigin = { registryFileId: number | null; line: number | null; correctedFrom?: number };

/**
 * Stores one payment in the open transaction: returns the stored one when the agent's id is known already.
 * An account given by number that does not exist puts the payment in suspense.
 */
export async function applyPayment(
  tx: Tx,
  ctx: Ctx,
  settlementCentreId: number,
  input: NewPayment,
  legal: LegalParameters,
  origin: ApplyOrigin,
): Promise<{ id: number; duplicate: boolean; suspense: boolean }> {
  const problems = paymentProblems(input);
  if (problems.length > 0) throw validationFailed(problems, 'Платёж нельзя принять');
  if (input.agentPaymentId) {
    const known = await db.selectPaymentByAgentId(tx, input.agentId, input.agentPaymentId);
    if (known) return { id: known.id, duplicate: true, suspense: known.accountId === null };
  }
  let accountId: number | null = null;
  let accountGiven = input.accountNumber ?? '';
  if (input.accountId != null) {
    const a = await requireAccountVisible(ctx, tx, input.accountId).catch(() => {
      throw validationFailed([{ field: 'accountId', problem: 'лицевой счёт не найден' }]);
    });
    accountId = a.id;
    accountGiven = a.number;
  } else if (input.accountNumber) {
    const found = await tx.maybeOne<{ id: number }>(
      `select a.id from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
        where a.number = $1 and h.settlement_centre_id = $2`,
      [input.accountNumber, settlementCentreId],
    );
    accountId = found?.id ?? null;
  }
  const fields: db.PaymentFields = {
    settlementCentreId,
    agentId: input.agentId,
    agentPaymentId: input.agentPaymentId,
    paidOn: input.paidOn,
    receivedOn: input.receivedOn ?? (ctx.clock.now().toISOString().slice(0, 10) as IsoDate),
    accountId,
    accountGiven,
    payerName: input.payerName ?? null,
    period: input.period ?? null,
    amountKop: input.amountKop,
    feeKop: input.feeKop ?? 0,
    byService: input.byService && input.byService.length > 0 ? input.byService : null,
    registryFileId: origin.registryFileId,
    registryLine: origin.line,
    readings: input.readings ?? [],
    reversesPaymentId: null,
    correctedFromPaymentId: origin.correctedFrom ?? null,
    note: input.note ?? null,
  };
  const now = ctx.clock.now();
  const id = await db.insertPayment(tx, fields, now, ctx.actor.userId);
  const parts = accountId === null ? [] : await allocationParts(tx, accountId, fields, legal);
  await db.insertParts(tx, id, parts, now, ctx.actor.userId);
  await recordAudit(tx, ctx, {
    action: 'create',
    objectType: 'payment',
    objectId: id,
    organisationId: settlementCentreId,
    after: { ...fields, parts },
  });
  return { id, duplicate: false, suspense: accountId === null };
}

export function paymentProblems(p: NewPayment): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!ISO.test(p.paidOn)) problems.push({ field: 'paidOn', problem: 'дата в виде ГГГГ-ММ-ДД' });
  if (p.receivedOn && !ISO.test(p.receivedOn))
    problems.push({ field: 'receivedOn', problem: 'дата в виде ГГГГ-ММ-ДД' });
  if (p.period && !PERIOD.test(p.period))
    problems.push({ field: 'period', problem: 'период в виде ГГГГ-ММ' });
  if (!Number.isSafeInteger(p.amountKop) || p.amountKop <= 0)
    problems.push({ field: 'amountKop', problem: 'сумма — целые копейки, больше 0' });
  if (p.feeKop !== undefined && (!Number.isSafeInteger(p.feeKop) || p.feeKop < 0))
    problems.push({ field: 'feeKop', problem: 'вознаграждение — целые копейки, не меньше 0' });
  if (p.accountId == null && !p.accountNumber)
    problems.push({ field: 'accountId', problem: 'укажите лицевой счёт (id или номер)' });
  if (p.byService && p.byService.length > 0) {
    const sum = p.byService.reduce((s, x) => s + x.amountKop, 0);
    if (sum !== p.amountKop)
      problems.push({ field: 'byService', problem: `сумма по услугам ${sum} коп. не равна сумме платежа` });
  }
  return problems;
}

/**
 * The parts of a payment on an account (RULES.md §7): what the account owes per period × service × supplier
 * (its charge lines less the parts already paid) allocated by the core under the policy in force on the day
 * of payment; an advance is a part of kind 'advance' (on the named service, if any).
 */
async function allocationParts(
  q: Queryable,
  accountId: number,
  p: Pick<db.PaymentFields, 'amountKop' | 'period' | 'byService' | 'paidOn'>,
  legal: LegalParameters,
): Promise<db.PartFields[]> {
  const owed = await db.selectOutstanding(q, accountId);
  const serviceIds = new Map(owed.map((o) => [o.serviceCode, o.serviceId]));
  const unknown = (p.byService ?? []).filter((s) => !serviceIds.has(s.service)).map((s) => s.service);
  if (unknown.length > 0) {
    const rows = await q.query<{ id: number; code: string }>(
      'select id, code from services where code = any($1::text[])',
      [unknown],
    );
    for (const r of rows) serviceIds.set(r.code, r.id);
  }
  return partsOnLines(accountId, owed, serviceIds, p, readAllocationPolicy(legal, p.paidOn as IsoDate));
}

/**
 * The parts of a payment over what the account owes (`owed`, as `selectOutstanding` gives it), by the core
 * (`allocatePayment`) under `policy`: shared by the single payment and the registry import's set-based path.
 * Throws validation_failed for a service of `byService` that `serviceIds` does not know.
 */
export function partsOnLines(
  accountId: number,
  owed: readonly db.OutstandingRow[],
  serviceIds: ReadonlyMap<string, number>,
  p: Pick<db.PaymentFields, 'amountKop' | 'period' | 'byService'>,
  policy: AllocationPolicy,
): db.PartFields[] {
  const lines: OpenLine[] = owed.map((o) => ({
    period: o.period as BillingPeriod,
    service: o.serviceCode,
    supplier: String(o.supplierId),
    kind: o.kind,
    outstanding: kop(Number(o.outstandingKop)),
  }));
  const byService = p.byService?.map((s) => ({ service: s.service, amount: kop(s.amountKop) })) ?? null;
  const missing = (byService ?? []).filter((s) => !serviceIds.has(s.service));
  if (missing.length > 0)
    throw validationFailed(missing.map((s) => ({ field: 'byService', problem: `нет услуги ${s.service}` })));
  const result = allocatePayment(
    { amount: kop(p.amountKop), period: (p.period ?? null) as BillingPeriod | null, byService },
    lines,
    policy,
  );
  return [
    ...result.parts.map((x) => ({
      accountId,
      serviceId: serviceIds.get(x.service)!,
      supplierId: x.supplier === null ? null : Number(x.supplier),
      period: x.period,
      kind: x.kind,
      basis: x.basis,
      amountKop: x.amount,
    })),
    ...result.advance.map((x) => ({
      accountId,
      serviceId: x.service === null ? null : serviceIds.get(x.service)!,
      supplierId: null,
      period: null,
      kind: 'advance' as const,
      basis: 'advance' as const,
      amountKop: x.amount,
    })),
  ];
}

async function reverseIn(tx: Tx, ctx: Ctx, id: number, reason: string): Promise<number> {
  if (!reason.trim()) throw validationFailed([{ field: 'reason', problem: 'укажите причину исправления' }]);
  const p = await requirePayment(ctx, tx, id);
  if (p.amountKop < 0) throw new DomainError('conflict', 'Сторно нельзя сторнировать');
  if (p.reversedBy !== null)
    throw new DomainError('conflict', `Платёж уже сторнирован (платёж ${p.reversedBy})`);
  const parts = await db.selectParts(tx, id);
  const now = ctx.clock.now();
  const fields: db.PaymentFields = {
    ...p,
    agentPaymentId: null,
    receivedOn: now.toISOString().slice(0, 10),
    amountKop: -p.amountKop,
    feeKop: -p.feeKop,
    registryFileId: null,
    registryLine: null,
    readings: [],
    reversesPaymentId: id,
    correctedFromPaymentId: null,
    note: reason,
  };
  const reversalId = await db.insertPayment(tx, fields, now, ctx.actor.userId);
  const negated = parts.map(({ accountId, serviceId, supplierId, period, kind, amountKop }) => ({
    accountId,
    serviceId,
    supplierId,
    period,
    kind,
    basis: 'reversal' as const,
    amountKop: -amountKop,
  }));
  await db.insertParts(tx, reversalId, negated, now, ctx.actor.userId);
  await recordAudit(tx, ctx, {
    action: 'create',
    objectType: 'payment',
    objectId: reversalId,
    organisationId: p.settlementCentreId,
    before: { paymentId: id, amountKop: p.amountKop, accountId: p.accountId },
    after: { reversal: reversalId, reason, parts: negated },
  });
  return reversalId;
}

async function paymentCard(q: Queryable, id: number): Promise<PaymentCard> {
  const p = (await db.selectPayment(q, id))!;
  return { ...p, parts: await db.selectParts(q, id) };
}

async function requirePayment(ctx: Ctx, q: Queryable, id: number): Promise<db.Payment> {
  const p = await db.selectPayment(q, id);
  if (!p || !ctx.actor.scope.includes(p.settlementCentreId))
    throw new DomainError('not_found', 'Платёж не найден');
  return p;
}

async function requireAccountVisible(ctx: Ctx, q: Queryable, id: number) {
  const a = await selectAccount(q, id);
  if (!a || !(await isHouseVisible(q, ctx.actor, a.house.id)))
    throw new DomainError('not_found', 'Лицевой счёт не найден');
  return a;
}

/** The settlement centre payments are taken for: the actor's own organisation, which must be one. */
export async function centreOf(ctx: Ctx): Promise<number> {
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Платежи принимает сотрудник расчётного центра');
  return ctx.actor.organisationId;
}

/** The agent must be an organisation of kind payment_agent. */
export async function requireAgent(q: Queryable, agentId: number, field: string): Promise<void> {
  const row = await q.maybeOne<{ kind: string }>('select kind from organisations where id = $1', [agentId]);
  if (row?.kind !== 'payment_agent')
    throw validationFailed([{ field, problem: 'платёжный агент не найден' }]);
}

export type HandedReading = {
  paymentId: number;
  meter: string;
  value: string;
  status: 'created' | 'duplicate' | 'rejected';
  problems: ErrorDetail[];
};

/**
 * The meter readings the payments carried, handed to the meters module (`submitReadings`, source
 * bank_registry) after the payments are stored: a reading's meter is the serial number of a meter of the
 * account's premise; the client id `<agent>/<payment id>/<meter>` makes sending them again change nothing.
 * A reading that cannot be placed is reported, never a reason to refuse the payment. The payments and the
 * meters of their premises are read in two set queries and the readings go in one `submitReadings` call; the
 * meters module checks and stores each reading on its own (its rules per reading: monotonic, plausible, the
 * period's window), so a file's readings are as fast as that module's one-by-one path.
 */
export async function handReadings(ctx: Ctx, paymentIds: readonly number[]): Promise<HandedReading[]> {
  if (paymentIds.length === 0 || !hasPermission(ctx.actor, 'readings.write')) return [];
  const rows = await ctx.db.query<{
    id: number;
    agentId: number;
    agentPaymentId: string | null;
    paidOn: string;
    premiseId: number;
    readings: { meter: string; value: string }[];
  }>(
    `select p.id, p.agent_id as "agentId", p.agent_payment_id as "agentPaymentId", p.paid_on::text as "paidOn",
            a.premise_id as "premiseId", p.readings
       from payments p join accounts a on a.id = p.account_id
      where p.id = any($1::bigint[]) and jsonb_array_length(p.readings) > 0 order by p.id`,
    [paymentIds],
  );
  const metersOf = new Map<number, { id: number; serial: string }[]>();
  for (const m of await ctx.db.query<{ premiseId: number; id: number; serial: string }>(
    `select mp.premise_id as "premiseId", m.id, lower(m.serial_number) as serial from meters m
       join meter_premises mp on mp.meter_id = m.id
      where mp.premise_id = any($1::bigint[]) and m.decommissioned_on is null`,
    [[...new Set(rows.map((r) => r.premiseId))]],
  ))
    metersOf.set(m.premiseId, [...(metersOf.get(m.premiseId) ?? []), m]);
  const out: HandedReading[] = [];
  const items: SubmissionItem[] = [];
  const itemOf: { paymentId: number; meter: string; value: string }[] = [];
  for (const r of rows) {
    const meters = metersOf.get(r.premiseId) ?? [];
    for (const x of r.readings) {
      const meter = meters.find((m) => m.serial === x.meter.toLowerCase());
      if (!meter) {
        out.push({
          paymentId: r.id,
          meter: x.meter,
          value: x.value,
          status: 'rejected',
          problems: [{ field: 'meter', problem: `у помещения нет прибора учёта ${x.meter}` }],
        });
        continue;
      }
      items.push({
        meterId: meter.id,
        clientId: `${r.agentId}/${r.agentPaymentId ?? `payment-${r.id}`}/${x.meter}`,
        readOn: r.paidOn,
        values: { single: x.value },
        source: 'bank_registry',
      });
      itemOf.push({ paymentId: r.id, meter: x.meter, value: x.value });
    }
  }
  const results = await submitReadings(ctx, items);
  results.forEach((res, i) => out.push({ ...itemOf[i]!, status: res.status, problems: res.problems }));
  return out.sort((a, b) => a.paymentId - b.paymentId);
}
