/**
 * Remittance to suppliers (RULES.md §7.1, ПП № 253 п.6; docs/finance.md "Remittance"): the settlement centre's
 * contracts with suppliers and contractors (audited; a new contract for a party closes the one in force), and
 * the remittance of a day from the database — the payment parts received that day per supplier × service, each
 * payment's agent fee split over its parts exactly (largest remainder), less the centre's fee under the contract
 * in force that day (src/domain/finance/remittance.ts) — with its register (CSV), payment orders and due date.
 */
import * as db from '../../db/finance/remittance.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { WorkingCalendar } from '../../domain/finance/calendar.js';
import {
  remittance,
  transferDue,
  type Collected,
  type SupplierRemittance,
} from '../../domain/finance/remittance.js';
import {
  paymentOrders,
  registerCsv,
  registerRows,
  registerXlsx,
  type PaymentOrders,
  type RegisterRow,
  type RemittanceParty,
} from '../../domain/finance/remittance-register.js';
import { allocate, kop } from '../../domain/money.js';
import { parseIsoDate, type IsoDate } from '../../domain/period.js';
import { closeAndOpen } from '../../domain/registry/effective.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { lockVersionKey } from '../../db/registry/services.js';
import { centreOf } from './payments.js';
import { loadFinanceLegal } from './penalties.js';

export type { Contract } from '../../db/finance/remittance.js';

export async function listContracts(
  ctx: Ctx,
  f: { partyId?: number | undefined; onDate?: string | undefined },
): Promise<db.Contract[]> {
  requirePermission(ctx.actor, 'payments.read');
  return db.selectContracts(ctx.db, await centreOf(ctx), {
    partyId: f.partyId,
    onDate: f.onDate === undefined ? undefined : parseIsoDate(f.onDate),
  });
}

export type ContractInput = {
  partyId: number;
  number: string;
  signedOn: string;
  centreFeePercent: string;
  bankAccountId: number;
  validFrom: string;
  note?: string | null | undefined;
};

async function contractProblems(
  ctx: Ctx,
  c: ContractInput,
): Promise<{ problems: ErrorDetail[]; kind?: string }> {
  const problems: ErrorDetail[] = [];
  const party = await ctx.db.maybeOne<{ kind: string }>('select kind from organisations where id = $1', [
    c.partyId,
  ]);
  if (!db.contractKinds.some((k) => k === party?.kind))
    problems.push({
      field: 'partyId',
      problem: 'поставщик, управляющая организация или подрядчик не найдены',
    });
  const bank = await ctx.db.maybeOne<{ organisation_id: number }>(
    'select organisation_id from bank_accounts where id = $1',
    [c.bankAccountId],
  );
  if (bank?.organisation_id !== c.partyId)
    problems.push({ field: 'bankAccountId', problem: 'расчётный счёт не принадлежит стороне договора' });
  if (c.number.trim() === '') problems.push({ field: 'number', problem: 'номер договора обязателен' });
  try {
    const p = Decimal.parse(c.centreFeePercent);
    if (p.isNegative() || p.cmp(Decimal.fromInt(100)) >= 0 || !p.round(4).eq(p))
      problems.push({ field: 'centreFeePercent', problem: 'процент от 0 до 100, не больше 4 знаков' });
  } catch {
    problems.push({ field: 'centreFeePercent', problem: 'не число' });
  }
  for (const field of ['signedOn', 'validFrom'] as const) {
    try {
      parseIsoDate(c[field]);
    } catch {
      problems.push({ field, problem: 'дата в формате ГГГГ-ММ-ДД' });
    }
  }
  return party ? { problems, kind: party.kind } : { problems };
}

/** A contract with a party from a date (remittance.write); the party's contract in force is closed the day before. */
export async function createContract(ctx: Ctx, input: ContractInput): Promise<db.Contract> {
  requirePermission(ctx.actor, 'remittance.write');
  const settlementCentreId = await centreOf(ctx);
  const { problems, kind } = await contractProblems(ctx, input);
  if (problems.length > 0) throw validationFailed(problems);
  const fields: db.ContractFields = {
    settlementCentreId,
    partyId: input.partyId,
    kind: kind as db.ContractFields['kind'],
    number: input.number.trim(),
    signedOn: parseIsoDate(input.signedOn),
    centreFeePercent: Decimal.parse(input.centreFeePercent).toString(),
    bankAccountId: input.bankAccountId,
    validFrom: parseIsoDate(input.validFrom),
    validTo: null,
    note: input.note ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, `remittance_contract:${settlementCentreId}:${fields.partyId}`);
    const existing = await db.selectContracts(tx, settlementCentreId, { partyId: fields.partyId });
    const asV = (c: { id: number; validFrom: string; validTo: string | null }) => ({
      id: c.id,
      validFrom: c.validFrom as IsoDate,
      validTo: c.validTo as IsoDate | null,
    });
    const planned = closeAndOpen(existing.map(asV), asV({ ...fields, id: 0 }));
    if (!planned.ok) throw validationFailed([planned.error]);
    const closed = planned.versions.find(
      (v) => v.id !== 0 && existing.find((e) => e.id === v.id)?.validTo !== v.validTo,
    );
    if (closed) await db.setContractValidTo(tx, closed.id, closed.validTo!);
    const id = await db.insertContract(tx, fields, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'remittance_contract',
      objectId: id,
      organisationId: settlementCentreId,
      before: closed ? { closedContractId: closed.id, validTo: null } : null,
      after: { ...fields, closedContractValidTo: closed?.validTo ?? null },
    });
    return (await db.selectContract(tx, id))!;
  });
}

export type DayRemittance = {
  day: IsoDate;
  /** ПП № 253 п.6: the working day after the day of receipt. */
  due: IsoDate;
  suppliers: (SupplierRemittance & { supplierName: string; contractId: number })[];
  rows: RegisterRow[];
  orders: PaymentOrders;
  /** Received that day but not for a supplier's service (advances without a service): stays with the centre. */
  unassignedKop: number;
};

/**
 * The day's collected money per supplier × service: each payment's agent fee is split over its parts by their
 * amounts (largest remainder, exact); a supplier with money but no contract in force that day is refused by name.
 */
export async function dayRemittance(ctx: Ctx, dayText: string): Promise<DayRemittance> {
  requirePermission(ctx.actor, 'payments.read');
  const settlementCentreId = await centreOf(ctx);
  const day = parseIsoDate(dayText);
  const parts = await db.selectDayParts(ctx.db, settlementCentreId, day);
  const collected: Collected[] = [];
  let unassigned = 0;
  for (let i = 0; i < parts.length;) {
    let j = i;
    while (j < parts.length && parts[j]!.paymentId === parts[i]!.paymentId) j++;
    const group = parts.slice(i, j);
    const fee = parts[i]!.paymentFeeKop;
    // the fee follows the parts' amounts; a reversal's fee is negative like its parts: split |fee| by |amount|
    const shares = allocate(
      kop(Math.abs(fee)),
      group.map((p) => kop(Math.abs(p.amountKop))),
    ).map((s) => (fee < 0 ? -s : s));
    group.forEach((p, k) => {
      if (p.supplierId === null || p.service === null) unassigned += p.amountKop;
      else
        collected.push({
          supplierId: p.supplierId,
          service: p.service,
          amount: kop(p.amountKop),
          agentFee: kop(shares[k]!),
        });
    });
    i = j;
  }
  const contracts = await db.selectContracts(ctx.db, settlementCentreId, { onDate: day });
  const bySupplier = new Map(contracts.map((c) => [c.partyId, c]));
  const missing = [...new Set(collected.map((c) => c.supplierId))].filter((s) => !bySupplier.has(s));
  if (missing.length > 0) {
    const names = await ctx.db.query<{ name: string }>(
      'select name from organisations where id = any($1::bigint[]) order by name',
      [missing],
    );
    throw new DomainError(
      'validation_failed',
      `Нет договора на ${day} с поставщиками: ${names.map((n) => n.name).join(', ')}`,
      missing.map((id) => ({ field: 'supplierId', problem: `нет договора с поставщиком ${id}` })),
    );
  }
  const suppliers = remittance(
    collected,
    new Map([...bySupplier].map(([id, c]) => [id, { percent: c.centreFeePercent }])),
  );
  const parties = new Map<number, RemittanceParty>(
    [...bySupplier].map(([id, c]) => [
      id,
      {
        supplierId: id,
        name: c.partyName,
        inn: c.partyInn,
        kpp: c.partyKpp,
        bankAccount: c.bankAccount,
        bik: c.bik,
        bankName: c.bankName,
        contractNumber: c.number,
        contractDate: c.signedOn as IsoDate,
      },
    ]),
  );
  const due = transferDue(day, new WorkingCalendar(await loadFinanceLegal(ctx.db)));
  return {
    day,
    due,
    suppliers: suppliers.map((s) => ({
      ...s,
      supplierName: bySupplier.get(s.supplierId)!.partyName,
      contractId: bySupplier.get(s.supplierId)!.id,
    })),
    rows: registerRows(suppliers, parties),
    orders: paymentOrders(day, due, suppliers, parties),
    unassignedKop: unassigned,
  };
}

/** The day's register as CSV or XLSX (services by name), with the day's remittance it was made from. */
export async function dayRegister(
  ctx: Ctx,
  day: string,
  format: 'csv' | 'xlsx',
): Promise<{ remittance: DayRemittance; bytes: Uint8Array }> {
  const r = await dayRemittance(ctx, day);
  const names = new Map(
    (await ctx.db.query<{ code: string; name: string }>('select code, name from services')).map((s) => [
      s.code,
      s.name,
    ]),
  );
  const name = (code: string) => names.get(code) ?? code;
  const bytes =
    format === 'csv' ? new TextEncoder().encode(registerCsv(r.rows, name)) : registerXlsx(r.rows, name);
  return { remittance: r, bytes };
}
