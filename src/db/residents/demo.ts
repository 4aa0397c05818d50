/** Bulk writing of generated residents (the demo town), by the multi-row helper of the legacy import. */
import type { Queryable } from '../client.js';
import { insertRecords, type TableSpec } from '../import/bulk.js';

export type DemoAccount = {
  id: number;
  premiseId: number;
  payerKind: 'person' | 'organisation';
  payerName: string;
  openedOn: string;
};

export async function selectDemoAccounts(db: Queryable, settlementCentreId: number): Promise<DemoAccount[]> {
  const rows = await db.query<{
    id: number;
    premise_id: number;
    payer_kind: 'person' | 'organisation';
    payer_name: string;
    opened_on: string;
  }>(
    `select a.id, a.premise_id, a.payer_kind, a.payer_name, a.opened_on from accounts a
       join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
      where h.settlement_centre_id = $1 and a.status = 'open' order by a.id`,
    [settlementCentreId],
  );
  return rows.map((r) => ({
    id: r.id,
    premiseId: r.premise_id,
    payerKind: r.payer_kind,
    payerName: r.payer_name,
    openedOn: r.opened_on,
  }));
}

const spec = (table: string, fields: TableSpec['fields']): TableSpec => ({ table, fields, updatedAt: false });
const persons = spec('persons', {
  settlement_centre_id: 'bigint',
  surname: 'text',
  name: 'text',
  patronymic: 'text',
  birth_date: 'date',
  sex: 'text',
  snils: 'text',
});
const documents = spec('identity_documents', {
  person_id: 'bigint',
  kind: 'text',
  series: 'text',
  number: 'text',
  issued_by: 'text',
  issued_on: 'date',
  division_code: 'text',
});
const registrations = spec('registrations', {
  person_id: 'bigint',
  account_id: 'bigint',
  premise_id: 'bigint',
  kind: 'text',
  relation: 'text',
  valid_from: 'date',
  valid_to: 'date',
  arrived_from: 'text',
  deregistered_on: 'date',
  deregistration_reason: 'text',
  destination: 'text',
});
const ownerships = spec('ownerships', {
  premise_id: 'bigint',
  owner_kind: 'text',
  person_id: 'bigint',
  share_numerator: 'int',
  share_denominator: 'int',
  valid_from: 'date',
  title_record_number: 'text',
  title_record_date: 'date',
});
const absences = spec('absences', {
  person_id: 'bigint',
  account_id: 'bigint',
  departed_on: 'date',
  returned_on: 'date',
  full_days: 'int',
  document: 'text',
  applied_on: 'date',
  status: 'text',
  decision_reason: 'text',
});

/** Generated residents; persons are referred to by their index in `persons`. */
export type DemoPerson = {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
  snils: string | null;
  document: {
    kind: 'passport' | 'birth_certificate';
    series: string;
    number: string;
    issuedBy: string;
    issuedOn: string;
    divisionCode: string | null;
  };
};
export type DemoRegistration = {
  person: number;
  accountId: number;
  premiseId: number;
  kind: 'permanent' | 'temporary';
  relation: string;
  validFrom: string;
  validTo: string | null;
  arrivedFrom: string | null;
  deregisteredOn: string | null;
  deregistrationReason: string | null;
  destination: string | null;
};
export type DemoOwnership = {
  person: number;
  premiseId: number;
  num: number;
  den: number;
  validFrom: string;
  title: string;
};
export type DemoAbsence = {
  person: number;
  accountId: number;
  departedOn: string;
  returnedOn: string;
  fullDays: number;
  status: 'accepted' | 'refused';
  reason: string;
  document: string;
};
export type DemoResidents = {
  persons: DemoPerson[];
  registrations: DemoRegistration[];
  ownerships: DemoOwnership[];
  absences: DemoAbsence[];
};

/** Writes the generated rows; persons are referred to by their index in `persons`. */
export async function insertResidentRows(
  tx: Queryable,
  settlementCentreId: number,
  g: DemoResidents,
): Promise<void> {
  const ids = await insertRecords(
    tx,
    persons,
    g.persons.map((p) => ({
      settlement_centre_id: settlementCentreId,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      birth_date: p.birthDate,
      sex: p.sex,
      snils: p.snils,
    })),
    null,
  );
  const id = (i: number) => ids[i]!;
  await insertRecords(
    tx,
    documents,
    g.persons.map((p, i) => ({
      person_id: id(i),
      kind: p.document.kind,
      series: p.document.series,
      number: p.document.number,
      issued_by: p.document.issuedBy,
      issued_on: p.document.issuedOn,
      division_code: p.document.divisionCode,
    })),
    null,
  );
  await insertRecords(
    tx,
    registrations,
    g.registrations.map((r) => ({
      person_id: id(r.person),
      account_id: r.accountId,
      premise_id: r.premiseId,
      kind: r.kind,
      relation: r.relation,
      valid_from: r.validFrom,
      valid_to: r.validTo,
      arrived_from: r.arrivedFrom,
      deregistered_on: r.deregisteredOn,
      deregistration_reason: r.deregistrationReason,
      destination: r.destination,
    })),
    null,
  );
  await insertRecords(
    tx,
    ownerships,
    g.ownerships.map((o) => ({
      premise_id: o.premiseId,
      owner_kind: 'person',
      person_id: id(o.person),
      share_numerator: o.num,
      share_denominator: o.den,
      valid_from: o.validFrom,
      title_record_number: o.title,
      title_record_date: o.validFrom,
    })),
    null,
  );
  await insertRecords(
    tx,
    absences,
    g.absences.map((a) => ({
      person_id: id(a.person),
      account_id: a.accountId,
      departed_on: a.departedOn,
      returned_on: a.returnedOn,
      full_days: a.fullDays,
      document: a.document,
      applied_on: a.returnedOn,
      status: a.status,
      decision_reason: a.reason,
    })),
    null,
  );
}

/** The id of an account by its 10-digit number (for the command line, where operators type numbers). */
export async function selectAccountIdByNumber(db: Queryable, number: string): Promise<number | undefined> {
  const row = await db.maybeOne<{ id: number }>('select id from accounts where number = $1', [number]);
  return row?.id;
}
