/** Registrations of persons at premises (to an account), owners with their shares, and temporary absences. */
import type { IsoDate } from '../../domain/period.js';
import type { RegistrationKind } from '../../domain/residents/registrations.js';
import type { Queryable } from '../client.js';
import { formatAddress } from '../registry/houses.js';
import { premiseLabel, type PremiseKind } from '../registry/premises.js';
import { fullNameOf } from './persons.js';

export type Registration = {
  id: number;
  personId: number;
  personName: string;
  birthDate: IsoDate;
  accountId: number;
  accountNumber: string;
  premiseId: number;
  houseId: number;
  settlementCentreId: number;
  /** "г. Заозёрск, ул. Ленина, д. 5, кв. 12" */
  address: string;
  kind: RegistrationKind;
  relation: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  arrivedFrom: string | null;
  deregisteredOn: IsoDate | null;
  deregistrationReason: string | null;
  destination: string | null;
  createdAt: Date;
};

type Row = {
  id: number;
  person_id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: IsoDate;
  account_id: number;
  account_number: string;
  premise_id: number;
  premise_number: string;
  premise_kind: PremiseKind;
  flat_number: string | null;
  house_id: number;
  settlement_centre_id: number;
  city: string;
  street: string;
  house_number: string;
  building: string | null;
  kind: RegistrationKind;
  relation: string;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  arrived_from: string | null;
  deregistered_on: IsoDate | null;
  deregistration_reason: string | null;
  destination: string | null;
  created_at: Date;
};

const select = `select r.*, p.surname, p.name, p.patronymic, p.birth_date, a.number as account_number,
    pr.number as premise_number, pr.kind as premise_kind, f.number as flat_number, h.id as house_id,
    h.settlement_centre_id, h.city, h.street, h.house_number, h.building
  from registrations r
  join persons p on p.id = r.person_id
  join accounts a on a.id = r.account_id
  join premises pr on pr.id = r.premise_id
  left join premises f on f.id = pr.flat_id
  join houses h on h.id = pr.house_id`;

function toRegistration(r: Row): Registration {
  return {
    id: r.id,
    personId: r.person_id,
    personName: fullNameOf(r),
    birthDate: r.birth_date,
    accountId: r.account_id,
    accountNumber: r.account_number,
    premiseId: r.premise_id,
    houseId: r.house_id,
    settlementCentreId: r.settlement_centre_id,
    address: `${formatAddress({ city: r.city, street: r.street, houseNumber: r.house_number, building: r.building })}, ${premiseLabel({ kind: r.premise_kind, number: r.premise_number, flatNumber: r.flat_number })}`,
    kind: r.kind,
    relation: r.relation,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    arrivedFrom: r.arrived_from,
    deregisteredOn: r.deregistered_on,
    deregistrationReason: r.deregistration_reason,
    destination: r.destination,
    createdAt: r.created_at,
  };
}

const order = ' order by r.valid_from, r.id';

export async function selectRegistration(db: Queryable, id: number): Promise<Registration | undefined> {
  const row = await db.maybeOne<Row>(`${select} where r.id = $1`, [id]);
  return row && toRegistration(row);
}

export async function selectPersonRegistrations(db: Queryable, personId: number): Promise<Registration[]> {
  return (await db.query<Row>(`${select} where r.person_id = $1${order}`, [personId])).map(toRegistration);
}

export async function selectAccountRegistrations(db: Queryable, accountId: number): Promise<Registration[]> {
  return (await db.query<Row>(`${select} where r.account_id = $1${order}`, [accountId])).map(toRegistration);
}

export async function selectPremiseRegistrations(db: Queryable, premiseId: number): Promise<Registration[]> {
  return (await db.query<Row>(`${select} where r.premise_id = $1${order}`, [premiseId])).map(toRegistration);
}

/** Locks the person's row: registrations of one person are checked and written one at a time. */
export async function lockPerson(tx: Queryable, personId: number): Promise<void> {
  await tx.query('select id from persons where id = $1 for update', [personId]);
}

export type NewRegistration = {
  personId: number;
  accountId: number;
  premiseId: number;
  kind: RegistrationKind;
  relation: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  arrivedFrom: string | null;
};

export async function insertRegistration(
  db: Queryable,
  r: NewRegistration,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into registrations (person_id, account_id, premise_id, kind, relation, valid_from, valid_to, arrived_from, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      r.personId,
      r.accountId,
      r.premiseId,
      r.kind,
      r.relation,
      r.validFrom,
      r.validTo,
      r.arrivedFrom,
      createdBy,
    ],
  );
  return row!.id;
}

export async function setDeregistration(
  db: Queryable,
  id: number,
  d: { deregisteredOn: IsoDate; validTo: IsoDate; reason: string; destination: string | null },
): Promise<void> {
  await db.query(
    `update registrations set deregistered_on = $2, valid_to = $3, deregistration_reason = $4, destination = $5
      where id = $1`,
    [id, d.deregisteredOn, d.validTo, d.reason, d.destination],
  );
}

// --- ownerships ---

export type Ownership = {
  id: number;
  premiseId: number;
  ownerKind: 'person' | 'organisation';
  personId: number | null;
  organisationId: number | null;
  ownerName: string;
  shareNumerator: number;
  shareDenominator: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  titleRecordNumber: string;
  titleRecordDate: IsoDate;
};

export async function selectOwnerships(db: Queryable, premiseId: number): Promise<Ownership[]> {
  const rows = await db.query<{
    id: number;
    premise_id: number;
    owner_kind: 'person' | 'organisation';
    person_id: number | null;
    organisation_id: number | null;
    surname: string | null;
    name: string | null;
    patronymic: string | null;
    organisation_name: string | null;
    share_numerator: number;
    share_denominator: number;
    valid_from: IsoDate;
    valid_to: IsoDate | null;
    title_record_number: string;
    title_record_date: IsoDate;
  }>(
    `select o.*, p.surname, p.name, p.patronymic, org.name as organisation_name
       from ownerships o left join persons p on p.id = o.person_id left join organisations org on org.id = o.organisation_id
      where o.premise_id = $1 order by o.valid_from, o.id`,
    [premiseId],
  );
  return rows.map((r) => ({
    id: r.id,
    premiseId: r.premise_id,
    ownerKind: r.owner_kind,
    personId: r.person_id,
    organisationId: r.organisation_id,
    ownerName:
      r.owner_kind === 'person'
        ? fullNameOf({ surname: r.surname ?? '', name: r.name ?? '', patronymic: r.patronymic })
        : (r.organisation_name ?? ''),
    shareNumerator: r.share_numerator,
    shareDenominator: r.share_denominator,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    titleRecordNumber: r.title_record_number,
    titleRecordDate: r.title_record_date,
  }));
}

export async function insertOwnership(
  db: Queryable,
  o: Omit<Ownership, 'id' | 'ownerName'>,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into ownerships (premise_id, owner_kind, person_id, organisation_id, share_numerator, share_denominator,
        valid_from, valid_to, title_record_number, title_record_date, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      o.premiseId,
      o.ownerKind,
      o.personId,
      o.organisationId,
      o.shareNumerator,
      o.shareDenominator,
      o.validFrom,
      o.validTo,
      o.titleRecordNumber,
      o.titleRecordDate,
      createdBy,
    ],
  );
  return row!.id;
}

export async function setOwnershipEnd(db: Queryable, id: number, validTo: IsoDate): Promise<void> {
  await db.query('update ownerships set valid_to = $2 where id = $1', [id, validTo]);
}

/** Locks the premise's row: ownership changes of one premise are checked and written one at a time. */
export async function lockPremiseForOwners(tx: Queryable, premiseId: number): Promise<void> {
  await tx.query('select id from premises where id = $1 for update', [premiseId]);
}

// --- absences ---

export type Absence = {
  id: number;
  personId: number;
  personName: string;
  accountId: number;
  departedOn: IsoDate;
  returnedOn: IsoDate;
  fullDays: number;
  document: string;
  appliedOn: IsoDate;
  status: 'accepted' | 'refused';
  decisionReason: string;
  createdAt: Date;
};

export async function selectAbsences(
  db: Queryable,
  f: { accountId?: number; personId?: number },
): Promise<Absence[]> {
  const rows = await db.query<{
    id: number;
    person_id: number;
    surname: string;
    name: string;
    patronymic: string | null;
    account_id: number;
    departed_on: IsoDate;
    returned_on: IsoDate;
    full_days: number;
    document: string;
    applied_on: IsoDate;
    status: 'accepted' | 'refused';
    decision_reason: string;
    created_at: Date;
  }>(
    `select ab.*, p.surname, p.name, p.patronymic from absences ab join persons p on p.id = ab.person_id
      where ($1::bigint is null or ab.account_id = $1) and ($2::bigint is null or ab.person_id = $2)
      order by ab.departed_on, ab.id`,
    [f.accountId ?? null, f.personId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: fullNameOf(r),
    accountId: r.account_id,
    departedOn: r.departed_on,
    returnedOn: r.returned_on,
    fullDays: r.full_days,
    document: r.document,
    appliedOn: r.applied_on,
    status: r.status,
    decisionReason: r.decision_reason,
    createdAt: r.created_at,
  }));
}

export async function insertAbsence(
  db: Queryable,
  a: Omit<Absence, 'id' | 'personName' | 'createdAt'>,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into absences (person_id, account_id, departed_on, returned_on, full_days, document, applied_on, status,
        decision_reason, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      a.personId,
      a.accountId,
      a.departedOn,
      a.returnedOn,
      a.fullDays,
      a.document,
      a.appliedOn,
      a.status,
      a.decisionReason,
      createdBy,
    ],
  );
  return row!.id;
}
