/** The organisations table (the registry issue adds legal details and bank accounts). */
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
  createdAt: Date;
};

export type NewOrganisation = Omit<Organisation, 'id' | 'createdAt'>;

type Row = {
  id: number;
  kind: OrganisationKind;
  name: string;
  short_name: string | null;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  settlement_centre_id: number | null;
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
    `insert into organisations (kind, name, short_name, inn, kpp, ogrn, settlement_centre_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [o.kind, o.name, o.shortName, o.inn, o.kpp, o.ogrn, o.settlementCentreId, createdBy],
  );
  return toOrganisation(row!);
}
