/**
 * Temporary absence (RULES.md §4; RULES-ADDENDUM §3): recorded with its supporting document and decided at once
 * — accepted when it lasted more than 5 full days (the legal parameter `temporary_absence.min_days`, departure
 * and arrival days not counted) and the application came no later than `temporary_absence.application_days`
 * after the return; refused otherwise, with the reason. Accepted absences reduce per-person counts.
 */
import * as db from '../../db/residents/registrations.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { decideAbsence } from '../../domain/residents/absence.js';
import { overlaps } from '../../domain/registry/effective.js';
import type { Queryable } from '../../db/client.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { today } from '../registry/houses.js';
import { legalParameterAt } from '../registry/legal-parameters.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import { requirePerson } from './persons.js';

export type { Absence } from '../../db/residents/registrations.js';

/** An integer legal parameter in force on `date`; a missing one is a configuration error, never a default. */
export async function integerParameter(q: Queryable, code: string, date: IsoDate): Promise<number> {
  const p = await legalParameterAt(q, code, date);
  if (!p) throw new DomainError('internal', `Нет параметра законодательства ${code} на ${date}`);
  return Number(p.value);
}

export async function listAbsences(ctx: Ctx, accountId: number): Promise<db.Absence[]> {
  requirePermission(ctx.actor, 'residents.read');
  await requireAccount(ctx, accountId);
  return db.selectAbsences(ctx.db, { accountId });
}

export type AbsenceInput = {
  personId: number;
  departedOn: string;
  returnedOn: string;
  /** The supporting document (п.93): a travel certificate, a hospital certificate, tickets… */
  document: string;
  /** When the application was filed (today by default). */
  appliedOn?: string | undefined;
};

export async function recordAbsence(ctx: Ctx, accountId: number, input: AbsenceInput): Promise<db.Absence> {
  requirePermission(ctx.actor, 'residents.write');
  const account = await requireAccount(ctx, accountId);
  await requirePerson(ctx, input.personId);
  const departedOn = parseIsoDate(input.departedOn);
  const returnedOn = parseIsoDate(input.returnedOn);
  const appliedOn = input.appliedOn ? parseIsoDate(input.appliedOn) : today(ctx);
  const problems: ErrorDetail[] = [];
  if (returnedOn < departedOn) problems.push({ field: 'returnedOn', problem: 'возвращение раньше отъезда' });
  if (appliedOn > today(ctx)) problems.push({ field: 'appliedOn', problem: 'дата заявления в будущем' });
  if (!input.document.trim())
    problems.push({ field: 'document', problem: 'укажите подтверждающий документ (п.93)' });
  if (problems.length > 0) throw validationFailed(problems);
  const registrations = (await db.selectAccountRegistrations(ctx.db, accountId)).filter(
    (r) => r.personId === input.personId,
  );
  const span = { validFrom: departedOn, validTo: returnedOn };
  if (!registrations.some((r) => overlaps(r, span))) {
    throw validationFailed([
      { field: 'personId', problem: `не зарегистрирован на л/с ${account.number} в эти дни` },
    ]);
  }
  const minDays = await integerParameter(ctx.db, 'temporary_absence.min_days', departedOn);
  const applicationDays = await integerParameter(ctx.db, 'temporary_absence.application_days', returnedOn);
  let decision = decideAbsence(departedOn, returnedOn, minDays);
  const lastApplicationDay = addDays(returnedOn, applicationDays);
  if (decision.accepted && appliedOn > lastApplicationDay) {
    decision = {
      ...decision,
      accepted: false,
      reason: `заявление подано ${appliedOn}, позже ${applicationDays} дн. после возвращения (до ${lastApplicationDay})`,
    };
  }
  const row = {
    personId: input.personId,
    accountId,
    departedOn,
    returnedOn,
    fullDays: decision.fullDays,
    document: input.document.trim(),
    appliedOn,
    status: decision.accepted ? ('accepted' as const) : ('refused' as const),
    decisionReason: decision.reason,
  };
  return ctx.db.transaction(async (tx) => {
    await db.lockPerson(tx, input.personId);
    const same = (await db.selectAbsences(tx, { personId: input.personId })).find(
      (a) =>
        overlaps(
          { validFrom: a.departedOn, validTo: a.returnedOn },
          { validFrom: departedOn, validTo: addDays(returnedOn, -1) },
        ) && a.returnedOn !== departedOn,
    );
    if (same) {
      throw new DomainError('conflict', 'Отсутствие в эти дни уже записано', [
        {
          field: 'departedOn',
          problem: `уже записано отсутствие ${same.departedOn} — ${same.returnedOn} (№ ${same.id})`,
        },
      ]);
    }
    const id = await db.insertAbsence(tx, row, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'absence',
      objectId: id,
      organisationId: account.settlementCentreId,
      after: row,
    });
    if (decision.accepted) {
      await recordIfRetroactive(tx, ctx, {
        reason: `временное отсутствие, л/с ${account.number}`,
        objectType: 'absence',
        objectId: id,
        houseId: account.house.id,
        accountId,
        fromDate: addDays(departedOn, 1),
      });
    }
    return (await db.selectAbsences(tx, { personId: input.personId })).find((a) => a.id === id)!;
  });
}
