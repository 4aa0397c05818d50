/**
 * Use cases of registrations (регистрация по месту жительства / пребывания) and deregistrations, and the
 * residents of an account. A change whose date lies before the current period changes residents counts
 * already charged: it is recorded for the house's recalculation (RULES.md §1.2 n; retroactive.ts).
 */
import * as db from '../../db/residents/registrations.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { registrationConflicts, type RegistrationKind } from '../../domain/residents/registrations.js';
import { residentsOnDay } from '../../domain/residents/residents-count.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { today } from '../registry/houses.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import { requirePerson } from './persons.js';

export type { Registration } from '../../db/residents/registrations.js';

export type AccountResidents = {
  accountId: number;
  onDate: IsoDate;
  /** Persons registered on `onDate`, permanent plus temporary. */
  count: number;
  registrations: db.Registration[];
};

export async function listAccountResidents(
  ctx: Ctx,
  accountId: number,
  onDate?: string,
): Promise<AccountResidents> {
  requirePermission(ctx.actor, 'residents.read');
  await requireAccount(ctx, accountId);
  const on = onDate ? parseIsoDate(onDate) : today(ctx);
  const registrations = await db.selectAccountRegistrations(ctx.db, accountId);
  return { accountId, onDate: on, count: residentsOnDay(registrations, on), registrations };
}

async function requireRegistration(ctx: Ctx, id: number): Promise<db.Registration> {
  const r = await db.selectRegistration(ctx.db, id);
  if (!r) throw new DomainError('not_found', 'Регистрация не найдена');
  await requireAccount(ctx, r.accountId);
  return r;
}

export type RegistrationInput = {
  personId: number;
  kind: RegistrationKind;
  relation: string;
  validFrom: string;
  /** A temporary registration's last day (required); a permanent one is open. */
  validTo?: string | null | undefined;
  arrivedFrom?: string | null | undefined;
};

/** Registers a person to an account's premise; refuses overlaps (RULES: docs/residents.md, "Overlaps"). */
export async function registerPerson(
  ctx: Ctx,
  accountId: number,
  input: RegistrationInput,
): Promise<db.Registration> {
  requirePermission(ctx.actor, 'residents.write');
  const account = await requireAccount(ctx, accountId);
  const person = await requirePerson(ctx, input.personId);
  const validFrom = parseIsoDate(input.validFrom);
  const validTo = input.validTo ? parseIsoDate(input.validTo) : null;
  const problems: ErrorDetail[] = [];
  if (account.status !== 'open')
    problems.push({ field: 'accountId', problem: `лицевой счёт ${account.number} закрыт` });
  if (validFrom < account.openedOn) {
    problems.push({ field: 'validFrom', problem: `раньше открытия лицевого счёта (${account.openedOn})` });
  }
  if (validFrom < person.birthDate) {
    problems.push({ field: 'validFrom', problem: `раньше дня рождения (${person.birthDate})` });
  }
  if (input.kind === 'permanent' && validTo !== null) {
    problems.push({
      field: 'validTo',
      problem: 'регистрация по месту жительства бессрочна; снятие — отдельным действием',
    });
  }
  if (problems.length > 0) throw validationFailed(problems);
  const row: db.NewRegistration = {
    personId: input.personId,
    accountId,
    premiseId: account.premise.id,
    kind: input.kind,
    relation: input.relation,
    validFrom,
    validTo,
    arrivedFrom: input.arrivedFrom ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    await db.lockPerson(tx, input.personId);
    const existing = await db.selectPersonRegistrations(tx, input.personId);
    const conflicts = registrationConflicts(existing, { ...row, id: 0 });
    if (conflicts.length > 0)
      throw new DomainError('conflict', 'Регистрация пересекается с имеющейся', conflicts);
    const id = await db.insertRegistration(tx, row, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'registration',
      objectId: id,
      organisationId: account.settlementCentreId,
      after: row,
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `регистрация жильца, л/с ${account.number}`,
      objectType: 'registration',
      objectId: id,
      houseId: account.house.id,
      accountId,
      fromDate: validFrom,
    });
    return (await db.selectRegistration(tx, id))!;
  });
}

export type DeregistrationInput = {
  deregisteredOn: string;
  reason: string;
  destination?: string | null | undefined;
};

/** Deregisters on `deregisteredOn`: the last registered day becomes the day before. */
export async function deregister(
  ctx: Ctx,
  registrationId: number,
  input: DeregistrationInput,
): Promise<db.Registration> {
  requirePermission(ctx.actor, 'residents.write');
  const before = await requireRegistration(ctx, registrationId);
  const account = await requireAccount(ctx, before.accountId);
  const on = parseIsoDate(input.deregisteredOn);
  if (before.deregisteredOn !== null) {
    throw new DomainError('conflict', `Уже снят с учёта ${before.deregisteredOn}`, [
      { field: 'deregisteredOn', problem: `уже снят с учёта ${before.deregisteredOn}` },
    ]);
  }
  const problems: ErrorDetail[] = [];
  if (on <= before.validFrom) {
    problems.push({ field: 'deregisteredOn', problem: `не позже дня регистрации (${before.validFrom})` });
  }
  if (before.validTo !== null && on > addDays(before.validTo, 1)) {
    problems.push({ field: 'deregisteredOn', problem: `регистрация уже окончилась ${before.validTo}` });
  }
  if (problems.length > 0) throw validationFailed(problems);
  const change = {
    deregisteredOn: on,
    validTo: addDays(on, -1),
    reason: input.reason,
    destination: input.destination ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    await db.setDeregistration(tx, registrationId, change);
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'registration',
      objectId: registrationId,
      organisationId: account.settlementCentreId,
      before: { validTo: before.validTo, deregisteredOn: null },
      after: change,
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `снятие жильца с учёта, л/с ${account.number}`,
      objectType: 'registration',
      objectId: registrationId,
      houseId: account.house.id,
      accountId: account.id,
      fromDate: on,
    });
    return (await db.selectRegistration(tx, registrationId))!;
  });
}
