/** The organisations table: kind, legal requisites, addresses and contacts. Bank accounts: bank-accounts.ts. */
import type { OrganisationKind } from '../domain/access.js';
import type { Queryable } from './client.js';
import { countIfEmpty } from './audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from './list.js';

export type Organisation = {
  id: number;
  kind: OrganisationKind;
  name: string;
  shortName: string | null;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  settlementCentreId: number | null;
  externalId: string | null;
  legalAddress: string | null;
  postalAddress: string | null;
  phone: string | null;
  email: string | null;
  director: string | null;
  createdAt: Date;
};

/** The fields that describe an organisation and can change (its kind and settlement centre cannot). */
export type OrganisationDetails = Pick<
  Organisation,
  | 'name'
  | 'shortName'
  | 'inn'
  | 'kpp'
  | 'ogrn'
  | 'externalId'
  | 'legalAddress'
  | 'postalAddress'
  | 'phone'
  | 'email'
  | 'director'
>;

export type NewOrganisation = Omit<Organisation, 'id' | 'createdAt' | keyof ContactFields> &
  Partial<ContactFields>;
type ContactFields = Pick<
  Organisation,
  'externalId' | 'legalAddress' | 'postalAddress' | 'phone' | 'email' | 'director'
>;

const detailColumns: Record<keyof OrganisationDetails, string> = {
  name: 'name',
  shortName: 'short_name',
  inn: 'inn',
  kpp: 'kpp',
  ogrn: 'ogrn',
  externalId: 'external_id',
  legalAddress: 'legal_address',
  postalAddress: 'postal_address',
  phone: 'phone',
  email: 'email',
  director: 'director',
};

type Row = {
  id: number;
  kind: OrganisationKind;
  name: string;
  short_name: string | null;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  settlement_centre_id: number | null;
  external_id: string | null;
  legal_address: string | null;
  postal_address: string | null;
  phone: string | null;
  email: string | null;
  director: string | null;
  created_at: Date;
};

const toOrganisation = (r: Row): Organisation => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  shortName: r.short_name,
  inn: r.inn,
  kpp: r.kpp,
  ogrn: r.ogrn,
  settlementCentreId: r.settlement_centre_id,
  externalId: r.external_id,
  legalAddress: r.legal_address,
  postalAddress: r.postal_address,
  phone: r.phone,
  email: r.email,
  director: r.director,
  createdAt: r.created_at,
});

export async function selectOrganisation(db: Queryable, id: number): Promise<Organisation | undefined> {
  const row = await db.maybeOne<Row>('select * from organisations where id = $1', [id]);
  return row && toOrganisation(row);
}

export type OrganisationFilter = {
  scope: readonly number[];
  q?: string | undefined;
  kind?: OrganisationKind | undefined;
};

/** Fields a list may be sorted by, and their columns. */
export const organisationSortFields = Object.freeze({
  name: 'name',
  kind: 'kind',
  inn: 'inn',
  createdAt: 'created_at',
});

export async function selectOrganisations(
  db: Queryable,
  f: OrganisationFilter,
  q: ListQuery,
): Promise<Page<Organisation>> {
  const where = new Where()
    .add('id = any($?)', [...f.scope])
    .add('kind = $?', f.kind)
    .add(`(name ilike '%' || $? || '%' or inn like $? || '%')`, f.q);
  const rows = await db.query<Row & { total: number }>(
    `select *, count(*) over () as total from organisations${where}` +
      orderAndPage(q, organisationSortFields, 'name', 'id'),
    where.params,
  );
  return {
    items: rows.map(toOrganisation),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(
      db,
      rows,
      q,
      `select count(*)::int as n from organisations${where}`,
      where.params,
    ),
  };
}

export async function insertOrganisation(
  db: Queryable,
  o: NewOrganisation,
  createdBy: number | null,
): Promise<Organisation> {
  const row = await db.maybeOne<Row>(
    `insert into organisations (kind, name, short_name, inn, kpp, ogrn, settlement_centre_id, external_id, legal_address,
       postal_address, phone, email, director, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *`,
    [
      o.kind,
      o.name,
      o.shortName,
      o.inn,
      o.kpp,
      o.ogrn,
      o.settlementCentreId,
      o.externalId ?? null,
      o.legalAddress ?? null,
      o.postalAddress ?? null,
      o.phone ?? null,
      o.email ?? null,
      o.director ?? null,
      createdBy,
    ],
  );
  return toOrganisation(row!);
}

export async function updateOrganisation(
  db: Queryable,
  id: number,
  changes: Partial<OrganisationDetails>,
  at: Date,
): Promise<void> {
  const keys = (Object.keys(changes) as (keyof OrganisationDetails)[]).filter(
    (k) => changes[k] !== undefined,
  );
  if (keys.length === 0) return;
  await db.query(
    `update organisations set ${keys.map((k, i) => `${detailColumns[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2}
      where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}
