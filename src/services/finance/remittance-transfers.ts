/**
 * Transfers actually made to suppliers (ПП № 253 п.6; docs/finance.md "Recorded transfers"): recorded from a
 * payment order (supplier, day of collection covered, amount, order number, day made, who), never edited — a
 * wrong one is reversed by a new row. The day's remittance shows per supplier what is due, what was transferred
 * and the state (pending / on time / late by N days / overdue, `dayTransferStatus`); the late report lists the
 * days and suppliers that were late or are overdue. Every record is audited in its transaction.
 */
import * as db from '../../db/finance/remittance-transfers.js';
import { lockVersionKey } from '../../db/registry/services.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { dayTransferStatus, type DayTransferStatus } from '../../domain/finance/transfer-status.js';
import { kop } from '../../domain/money.js';
import { compareDates, daysBetween, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { centreOf } from './payments.js';
import { dayRemittance, type DayRemittance } from './remittance.js';

export type { Transfer } from '../../db/finance/remittance-transfers.js';

export type TransferInput = {
  supplierId: number;
  collectedOn: string;
  amountKop: number;
  orderNumber: string;
  transferredOn: string;
  note?: string | null | undefined;
};

const todayOf = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 10) as IsoDate;

function dateOf(text: string, field: string, problems: ErrorDetail[]): IsoDate | null {
  try {
    return parseIsoDate(text);
  } catch {
    problems.push({ field, problem: 'дата ГГГГ-ММ-ДД' });
    return null;
  }
}

/** A supplier's day: what the register says is due and the transfers recorded for it. */
export type SupplierDayTransfers = DayTransferStatus & {
  supplierId: number;
  supplierName: string;
  toTransferKop: number;
  due: IsoDate;
  transfers: db.Transfer[];
};

export type DayWithTransfers = DayRemittance & { transfers: SupplierDayTransfers[] };

/** The day's remittance with, per supplier, the transfers made and the ПП 253 state as of today. */
export async function dayWithTransfers(ctx: Ctx, day: string): Promise<DayWithTransfers> {
  const r = await dayRemittance(ctx, day);
  const recorded = await db.selectTransfers(ctx.db, await centreOf(ctx), { from: r.day, to: r.day });
  return { ...r, transfers: statusOf(r, recorded, todayOf(ctx)) };
}

function statusOf(r: DayRemittance, recorded: db.Transfer[], today: IsoDate): SupplierDayTransfers[] {
  const ids = new Set([...r.suppliers.map((s) => s.supplierId), ...recorded.map((t) => t.supplierId)]);
  return [...ids].map((supplierId) => {
    const s = r.suppliers.find((x) => x.supplierId === supplierId);
    const mine = recorded.filter((t) => t.supplierId === supplierId);
    const toTransfer = s?.toTransfer ?? 0;
    const positive = mine
      .filter((t) => t.reversesTransferId === null)
      .map((t) => ({
        id: t.id,
        amountKop: t.amountKop,
        transferredOn: t.transferredOn as IsoDate,
        reversed: t.reversedBy !== null,
      }));
    return {
      supplierId,
      supplierName: s?.supplierName ?? mine[0]!.supplierName,
      toTransferKop: toTransfer,
      due: r.due,
      transfers: mine,
      ...dayTransferStatus(kop(toTransfer), positive, r.due, today),
    };
  });
}

/**
 * Records a transfer made (remittance.write). Refused by field: a date that is not one, a day made before the
 * day of collection or after today, an amount that is not positive or exceeds what is still to transfer for the
 * supplier's day. The same order (supplier, day, number, day made) twice is one transfer: the second call returns
 * it with `duplicate: true` (a different amount under the same order is a conflict).
 */
export async function recordTransfer(
  ctx: Ctx,
  input: TransferInput,
): Promise<{ transfer: db.Transfer; duplicate: boolean }> {
  requirePermission(ctx.actor, 'remittance.write');
  const settlementCentreId = await centreOf(ctx);
  const problems: ErrorDetail[] = [];
  const collectedOn = dateOf(input.collectedOn, 'collectedOn', problems);
  const transferredOn = dateOf(input.transferredOn, 'transferredOn', problems);
  const orderNumber = input.orderNumber.trim();
  if (orderNumber === '') problems.push({ field: 'orderNumber', problem: 'номер платёжного поручения' });
  if (!Number.isSafeInteger(input.amountKop) || input.amountKop <= 0)
    problems.push({ field: 'amountKop', problem: 'целые копейки, больше 0' });
  if (collectedOn && transferredOn && compareDates(transferredOn, collectedOn) < 0)
    problems.push({ field: 'transferredOn', problem: 'раньше дня приёма платежей' });
  if (transferredOn && compareDates(transferredOn, todayOf(ctx)) > 0)
    problems.push({ field: 'transferredOn', problem: 'дата в будущем: записываются сделанные перечисления' });
  if (problems.length > 0) throw validationFailed(problems);
  const fields: db.TransferFields = {
    settlementCentreId,
    supplierId: input.supplierId,
    collectedOn: collectedOn!,
    amountKop: input.amountKop,
    orderNumber,
    transferredOn: transferredOn!,
    reversesTransferId: null,
    note: input.note?.trim() || null,
  };
  const same = await db.selectSameOrder(ctx.db, fields);
  if (same) return duplicateOf(same, fields.amountKop);
  const day = await dayWithTransfers(ctx, fields.collectedOn);
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, `remittance_transfer:${settlementCentreId}:${fields.supplierId}`);
    const again = await db.selectSameOrder(tx, fields);
    if (again) return duplicateOf(again, fields.amountKop);
    // what the transfers recorded so far (re-read under the lock) leave to transfer
    const recorded = await db.selectTransfers(tx, settlementCentreId, {
      from: fields.collectedOn,
      to: fields.collectedOn,
      supplierId: fields.supplierId,
    });
    const s = statusOf(day, recorded, todayOf(ctx)).find((x) => x.supplierId === fields.supplierId);
    if (!s || s.toTransferKop <= 0)
      throw validationFailed([
        { field: 'supplierId', problem: `за ${fields.collectedOn} поставщику нечего перечислять` },
      ]);
    if (fields.amountKop > s.remainingKop)
      throw validationFailed([
        {
          field: 'amountKop',
          problem: `больше остатка к перечислению за ${fields.collectedOn}: ${s.remainingKop} коп.`,
        },
      ]);
    const id = await db.insertTransfer(tx, fields, ctx.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'remittance_transfer',
      objectId: id,
      organisationId: settlementCentreId,
      after: fields,
    });
    return { transfer: (await db.selectTransfer(tx, id))!, duplicate: false };
  });
}

function duplicateOf(same: db.Transfer, amountKop: number): { transfer: db.Transfer; duplicate: boolean } {
  if (same.amountKop !== amountKop)
    throw new DomainError('conflict', 'Это платёжное поручение уже записано с другой суммой', [
      { field: 'orderNumber', problem: `п/п № ${same.orderNumber} уже записано: ${same.amountKop} коп.` },
    ]);
  return { transfer: same, duplicate: true };
}

/** Reverses a wrong transfer by a new row with the opposite amount, dated today (remittance.write). */
export async function reverseTransfer(ctx: Ctx, id: number, reason: string): Promise<db.Transfer> {
  requirePermission(ctx.actor, 'remittance.write');
  const settlementCentreId = await centreOf(ctx);
  if (reason.trim() === '') throw validationFailed([{ field: 'reason', problem: 'укажите причину' }]);
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, `remittance_transfer_reverse:${id}`);
    const t = await db.selectTransfer(tx, id);
    if (!t || t.settlementCentreId !== settlementCentreId)
      throw new DomainError('not_found', 'Перечисление не найдено');
    if (t.reversesTransferId !== null || t.reversedBy !== null)
      throw new DomainError('conflict', 'Перечисление уже сторнировано или само является сторно', [
        { field: 'id', problem: 'сторнировать можно одно перечисление один раз' },
      ]);
    const today = todayOf(ctx);
    const fields: db.TransferFields = {
      settlementCentreId,
      supplierId: t.supplierId,
      collectedOn: t.collectedOn,
      amountKop: -t.amountKop,
      orderNumber: t.orderNumber,
      transferredOn: compareDates(today, t.collectedOn as IsoDate) < 0 ? t.collectedOn : today,
      reversesTransferId: t.id,
      note: reason.trim(),
    };
    const newId = await db.insertTransfer(tx, fields, ctx.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'remittance_transfer',
      objectId: newId,
      organisationId: settlementCentreId,
      before: { transferId: t.id, reversedBy: null },
      after: fields,
    });
    return (await db.selectTransfer(tx, newId))!;
  });
}

export async function listTransfers(
  ctx: Ctx,
  f: { from: string; to: string; supplierId?: number | undefined },
): Promise<db.Transfer[]> {
  requirePermission(ctx.actor, 'payments.read');
  const { from, to } = rangeOf(f.from, f.to);
  return db.selectTransfers(ctx.db, await centreOf(ctx), { ...f, from, to });
}

const MAX_DAYS = 366;

function rangeOf(fromText: string, toText: string): { from: IsoDate; to: IsoDate } {
  const problems: ErrorDetail[] = [];
  const from = dateOf(fromText, 'from', problems);
  const to = dateOf(toText, 'to', problems);
  if (from && to && compareDates(from, to) > 0) problems.push({ field: 'to', problem: 'раньше начала' });
  else if (from && to && daysBetween(from, to) >= MAX_DAYS)
    problems.push({ field: 'to', problem: `не больше ${MAX_DAYS} дней` });
  if (problems.length > 0) throw validationFailed(problems);
  return { from: from!, to: to! };
}

export type LateRemittance = SupplierDayTransfers & { day: IsoDate };

/**
 * The late report (ПП № 253 п.6): over the days of receipt in [from, to], each supplier's day that was
 * transferred late or is overdue as of today, oldest first.
 */
export async function lateRemittances(ctx: Ctx, fromText: string, toText: string): Promise<LateRemittance[]> {
  requirePermission(ctx.actor, 'payments.read');
  const { from, to } = rangeOf(fromText, toText);
  const days = await db.selectReceiptDays(ctx.db, await centreOf(ctx), from, to);
  const out: LateRemittance[] = [];
  for (const day of days) {
    const r = await dayWithTransfers(ctx, day);
    for (const s of r.transfers)
      if (s.state === 'late' || s.state === 'overdue') out.push({ ...s, day: r.day });
  }
  return out;
}
