/** Persons (the registration office's cards) and their identity documents. */
import type { Actor } from '../../domain/access.js';
import type { IdentityDocumentKind } from '../../domain/residents/identity.js';
import type { IsoDate } from '../../domain/period.js';
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';
import { houseScopeCondition } from '../registry/scope.js';

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];

export type PersonFields = {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: IsoDate;
  sex: Sex;
  birthPlace: string | null;
  /** 11 digits or null. Personal data: masked for readers without personal_data.read. */
  snils: string | null;
  phone: string | null;
  email: string | null;
};

export type Person = PersonFields & {
  id: number;
  settlementCentreId: number;
  fullName: string;
  createdAt: Date;
};

export type IdentityDocument = {
  id: number;
  personId: number;
  kind: IdentityDocumentKind;
  series: string;
  number: string;
  issuedBy: string;
  issuedOn: IsoDate;
  divisionCode: string | null;
  replacedOn: IsoDate | null;
};

const columns: Record<keyof PersonFields, string> = {
  surname: 'surname',
  name: 'name',
  patronymic: 'patronymic',
  birthDate: 'birth_date',
  sex: 'sex',
  birthPlace: 'birth_place',
  snils: 'snils',
  phone: 'phone',
  email: 'email',
};

type Row = Record<string, unknown> & { id: number; settlement_centre_id: number; created_at: Date };

export function fullNameOf(p: Pick<PersonFields, 'surname' | 'name' | 'patronymic'>): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

function toPerson(r: Row): Person {
  const fields = Object.fromEntries(
    Object.entries(columns).map(([k, c]) => [k, r[c] ?? null]),
  ) as PersonFields;
  return {
    ...fields,
    id: r.id,
    settlementCentreId: r.settlement_centre_id,
    fullName: fullNameOf(fields),
    createdAt: r.created_at,
  };
}

/** Who sees a person: his settlement centre's staff, or the staff who see a house he is registered in. */
export function personScopeCondition(
  actor: Pick<Actor, 'organisationKind'>,
  alias: string,
  param: string,
): string {
  return `(${alias}.settlement_centre_id = any(${param}) or exists (select 1 from registrations sr
      join premises sp on sp.id = sr.premise_id join houses h on h.id = sp.house_id
      where sr.person_id = ${alias}.id and ${houseScopeCondition(actor, 'h', param)}))`;
}

export const personSortFields = Object.freeze({
  name: `lower(p.surname) || ' ' || lower(p.name) || ' ' || lower(coalesce(p.patronymic, ''))`,
  birthDate: 'p.birth_date',
  createdAt: 'p.created_at',
});

export type PersonFilter = {
  actor: Pick<Actor, 'organisationKind' | 'scope'>;
  /** Words of the full name in order: the beginnings of the surname, the name, the patronymic. */
  name?: string | undefined;
  birthDate?: IsoDate | undefined;
};

export async function selectPersons(db: Queryable, f: PersonFilter, q: ListQuery): Promise<Page<Person>> {
  const where = new Where();
  where.add(personScopeCondition(f.actor, 'p', '$?'), [...f.actor.scope]);
  const parts = ['p.surname', 'p.name', "coalesce(p.patronymic, '')"];
  (f.name ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .forEach((word, k) => where.add(`lower(${parts[k]}) like $?`, `${word.replace(/[\\%_]/g, '\\$&')}%`));
  where.add('p.birth_date = $?', f.birthDate);
  const rows = await db.query<Row & { total: number }>(
    `select p.*, count(*) over () as total from persons p${where}` +
      orderAndPage(q, personSortFields, personSortFields.name, 'p.id'),
    where.params,
  );
  return {
    items: rows.map(toPerson),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from persons p${where}`, where.params),
  };
}

export async function selectPerson(
  db: Queryable,
  id: number,
  actor?: Pick<Actor, 'organisationKind' | 'scope'>,
): Promise<Person | undefined> {
  const row = actor
    ? await db.maybeOne<Row>(
        `select p.* from persons p where p.id = $1 and ${personScopeCondition(actor, 'p', '$2')}`,
        [id, [...actor.scope]],
      )
    : await db.maybeOne<Row>('select p.* from persons p where p.id = $1', [id]);
  return row && toPerson(row);
}

export async function insertPerson(
  db: Queryable,
  settlementCentreId: number,
  p: PersonFields,
  createdBy: number | null,
): Promise<number> {
  const keys = Object.keys(columns) as (keyof PersonFields)[];
  const row = await db.maybeOne<{ id: number }>(
    `insert into persons (${keys.map((k) => columns[k]).join(', ')}, settlement_centre_id, created_by)
     values (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}, $${keys.length + 2}) returning id`,
    [...keys.map((k) => p[k]), settlementCentreId, createdBy],
  );
  return row!.id;
}

export async function updatePerson(
  db: Queryable,
  id: number,
  changes: Partial<PersonFields>,
  at: Date,
): Promise<void> {
  const keys = (Object.keys(changes) as (keyof PersonFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  await db.query(
    `update persons set ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2} where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}

// --- identity documents ---

type DocRow = {
  id: number;
  person_id: number;
  kind: IdentityDocumentKind;
  series: string;
  number: string;
  issued_by: string;
  issued_on: IsoDate;
  division_code: string | null;
  replaced_on: IsoDate | null;
};

export async function selectIdentityDocuments(db: Queryable, personId: number): Promise<IdentityDocument[]> {
  const rows = await db.query<DocRow>(
    'select * from identity_documents where person_id = $1 order by replaced_on desc nulls first, issued_on desc, id desc',
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    series: r.series,
    number: r.number,
    issuedBy: r.issued_by,
    issuedOn: r.issued_on,
    divisionCode: r.division_code,
    replacedOn: r.replaced_on,
  }));
}

export async function insertIdentityDocument(
  db: Queryable,
  d: Omit<IdentityDocument, 'id' | 'replacedOn'>,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into identity_documents (person_id, kind, series, number, issued_by, issued_on, division_code, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [d.personId, d.kind, d.series, d.number, d.issuedBy, d.issuedOn, d.divisionCode, createdBy],
  );
  return row!.id;
}

/** Marks the person's current documents of this kind replaced (a new passport replaces the old one). */
export async function replaceIdentityDocuments(
  db: Queryable,
  personId: number,
  kind: IdentityDocumentKind,
  on: IsoDate,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'update identity_documents set replaced_on = $3 where person_id = $1 and kind = $2 and replaced_on is null returning id',
    [personId, kind, on],
  );
  return rows.map((r) => r.id);
}

/** A card of the office with the same full name and birth date (the same person entered twice), if any. */
export async function selectSamePerson(
  db: Queryable,
  settlementCentreId: number,
  p: Pick<PersonFields, 'surname' | 'name' | 'patronymic' | 'birthDate'>,
): Promise<number | undefined> {
  const row = await db.maybeOne<{ id: number }>(
    `select id from persons where settlement_centre_id = $1 and lower(surname) = lower($2) and lower(name) = lower($3)
        and lower(coalesce(patronymic, '')) = lower(coalesce($4, '')) and birth_date = $5 limit 1`,
    [settlementCentreId, p.surname, p.name, p.patronymic, p.birthDate],
  );
  return row?.id;
}
