/**
 * Use cases of persons: search by name and birth date, the card (every read audited), create and change,
 * identity documents. Passport data and СНИЛС are personal data: only a reader with `personal_data.read`
 * (registration officer, administrator) sees them; everyone else gets them masked (docs/residents.md).
 */
import type { ListQuery, Page } from '../../db/list.js';
import { selectOrganisation } from '../../db/organisations.js';
import * as db from '../../db/residents/persons.js';
import {
  selectAbsences,
  selectPersonRegistrations,
  type Absence,
  type Registration,
} from '../../db/residents/registrations.js';
import { hasPermission, type Actor } from '../../domain/access.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { parseIsoDate, type IsoDate } from '../../domain/period.js';
import {
  checkDocumentNumber,
  maskTail,
  normalizeSnils,
  snilsProblem,
  type IdentityDocumentKind,
} from '../../domain/residents/identity.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { today } from '../registry/houses.js';

export type { Person, PersonFields, IdentityDocument, Sex } from '../../db/residents/persons.js';

export type PersonCard = db.Person & {
  /** True when passport data and СНИЛС are masked for this reader. */
  masked: boolean;
  documents: db.IdentityDocument[];
  registrations: Registration[];
  absences: Absence[];
};

const MASK = '•••';

export function canReadPersonalData(actor: Actor): boolean {
  return hasPermission(actor, 'personal_data.read');
}

/** The person as this reader may see him: СНИЛС masked to its last 2 digits without personal_data.read. */
export function maskPerson<T extends db.Person>(actor: Actor, p: T): T {
  return canReadPersonalData(actor) ? p : { ...p, snils: maskTail(p.snils) };
}

export function maskDocument(actor: Actor, d: db.IdentityDocument): db.IdentityDocument {
  if (canReadPersonalData(actor)) return d;
  return {
    ...d,
    series: maskTail(d.series, 0) ?? '',
    number: maskTail(d.number) ?? '',
    issuedBy: MASK,
    divisionCode: d.divisionCode === null ? null : MASK,
  };
}

export async function listPersons(
  ctx: Ctx,
  filter: { name?: string | undefined; birthDate?: string | undefined },
  q: ListQuery,
): Promise<Page<db.Person>> {
  requirePermission(ctx.actor, 'residents.read');
  const birthDate = filter.birthDate ? parseIsoDate(filter.birthDate) : undefined;
  const page = await db.selectPersons(ctx.db, { actor: ctx.actor, name: filter.name, birthDate }, q);
  return { ...page, items: page.items.map((p) => maskPerson(ctx.actor, p)) };
}

/** A person the actor sees, or not_found. */
export async function requirePerson(ctx: Ctx, id: number): Promise<db.Person> {
  const person = await db.selectPerson(ctx.db, id, ctx.actor);
  if (!person) throw new DomainError('not_found', 'Человек не найден');
  return person;
}

/** The person's card. The read itself is written to the audit log (who, when, whether unmasked). */
export async function getPersonCard(ctx: Ctx, id: number): Promise<PersonCard> {
  requirePermission(ctx.actor, 'residents.read');
  const person = await requirePerson(ctx, id);
  const masked = !canReadPersonalData(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'person',
      objectId: id,
      organisationId: person.settlementCentreId,
      after: { personalData: !masked },
    });
    return {
      ...maskPerson(ctx.actor, person),
      masked,
      documents: (await db.selectIdentityDocuments(tx, id)).map((d) => maskDocument(ctx.actor, d)),
      registrations: await selectPersonRegistrations(tx, id),
      absences: await selectAbsences(tx, { personId: id }),
    };
  });
}

export type IdentityDocumentInput = {
  kind: IdentityDocumentKind;
  series?: string | undefined;
  number: string;
  issuedBy: string;
  issuedOn: string;
  divisionCode?: string | null | undefined;
};

function documentProblems(d: IdentityDocumentInput, prefix: string, problems: ErrorDetail[], on: IsoDate) {
  const checked = checkDocumentNumber(d.kind, d.series ?? '', d.number);
  if (!checked.ok)
    for (const p of checked.problems) problems.push({ field: `${prefix}${p.field}`, problem: p.problem });
  if (d.issuedOn > on)
    problems.push({ field: `${prefix}issuedOn`, problem: 'дата выдачи позже сегодняшней' });
  if (d.divisionCode && !/^\d{3}-\d{3}$/.test(d.divisionCode)) {
    problems.push({ field: `${prefix}divisionCode`, problem: 'код подразделения — 000-000' });
  }
  return checked.ok ? checked.value : undefined;
}

export type PersonInput = Omit<db.PersonFields, 'birthDate'> & {
  birthDate: string;
  document?: IdentityDocumentInput | undefined;
};

function personProblems(ctx: Ctx, p: Partial<Omit<PersonInput, 'document'>>, problems: ErrorDetail[]) {
  if (p.snils) {
    const problem = snilsProblem(p.snils);
    if (problem) problems.push({ field: 'snils', problem });
  }
  if (p.birthDate && p.birthDate > today(ctx))
    problems.push({ field: 'birthDate', problem: 'дата рождения в будущем' });
}

/** The settlement centre whose office keeps cards made by this actor: his own, or the one serving his organisation. */
async function officeOf(ctx: Ctx): Promise<number> {
  if (ctx.actor.organisationKind === 'settlement_centre') return ctx.actor.organisationId;
  const org = await selectOrganisation(ctx.db, ctx.actor.organisationId);
  if (!org?.settlementCentreId)
    throw new DomainError('forbidden', 'Организацию не обслуживает расчётный центр');
  return org.settlementCentreId;
}

export async function createPerson(ctx: Ctx, input: PersonInput): Promise<db.Person> {
  requirePermission(ctx.actor, 'residents.write');
  const problems: ErrorDetail[] = [];
  personProblems(ctx, input, problems);
  const { document, ...rest } = input;
  const docValue = document && documentProblems(document, 'document.', problems, today(ctx));
  if (problems.length > 0) throw validationFailed(problems);
  const fields: db.PersonFields = {
    ...rest,
    birthDate: parseIsoDate(rest.birthDate),
    snils: rest.snils ? normalizeSnils(rest.snils)! : null,
  };
  const office = await officeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    // The same person entered twice (a repeated request) is refused, naming the card that exists.
    await tx.query('select pg_advisory_xact_lock(7307, $1::int)', [office % 2147483647]);
    const same = await db.selectSamePerson(tx, office, fields);
    if (same !== undefined) {
      throw new DomainError('conflict', `Карточка этого человека уже есть (№ ${same})`, [
        { field: 'surname', problem: `уже есть карточка № ${same} с теми же ФИО и датой рождения` },
      ]);
    }
    const id = await db.insertPerson(tx, office, fields, ctx.actor.userId);
    let documentId: number | null = null;
    if (document && docValue) {
      documentId = await db.insertIdentityDocument(
        tx,
        {
          personId: id,
          kind: document.kind,
          ...docValue,
          issuedBy: document.issuedBy,
          issuedOn: parseIsoDate(document.issuedOn),
          divisionCode: document.divisionCode ?? null,
        },
        ctx.actor.userId,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'person',
      objectId: id,
      organisationId: office,
      after: { ...fields, documentId },
    });
    return (await db.selectPerson(tx, id))!;
  });
}

export async function updatePerson(
  ctx: Ctx,
  id: number,
  changes: Partial<Omit<PersonInput, 'document'>>,
): Promise<db.Person> {
  requirePermission(ctx.actor, 'residents.write');
  const before = await requirePerson(ctx, id);
  const problems: ErrorDetail[] = [];
  personProblems(ctx, changes, problems);
  if (problems.length > 0) throw validationFailed(problems);
  const fields: Partial<db.PersonFields> = {
    ...changes,
    birthDate: changes.birthDate === undefined ? undefined : parseIsoDate(changes.birthDate),
    snils: changes.snils === undefined ? undefined : changes.snils ? normalizeSnils(changes.snils)! : null,
  };
  const changed = (Object.keys(fields) as (keyof db.PersonFields)[]).filter((k) => fields[k] !== undefined);
  return ctx.db.transaction(async (tx) => {
    await db.updatePerson(tx, id, fields, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'person',
      objectId: id,
      organisationId: before.settlementCentreId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
    });
    return maskPerson(ctx.actor, (await db.selectPerson(tx, id))!);
  });
}

/** A new identity document; the person's current one of the same kind is marked replaced on its issue date. */
export async function addIdentityDocument(
  ctx: Ctx,
  personId: number,
  input: IdentityDocumentInput,
): Promise<db.IdentityDocument[]> {
  requirePermission(ctx.actor, 'residents.write');
  const person = await requirePerson(ctx, personId);
  const problems: ErrorDetail[] = [];
  const value = documentProblems(input, '', problems, today(ctx));
  if (problems.length > 0 || !value) throw validationFailed(problems);
  const issuedOn = parseIsoDate(input.issuedOn);
  return ctx.db.transaction(async (tx) => {
    const replaced = await db.replaceIdentityDocuments(tx, personId, input.kind, issuedOn);
    const row = {
      personId,
      kind: input.kind,
      ...value,
      issuedBy: input.issuedBy,
      issuedOn,
      divisionCode: input.divisionCode ?? null,
    };
    const newId = await db.insertIdentityDocument(tx, row, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'identity_document',
      objectId: newId,
      organisationId: person.settlementCentreId,
      before: replaced.length > 0 ? { replacedIds: replaced } : null,
      after: row,
    });
    return db.selectIdentityDocuments(tx, personId);
  });
}
