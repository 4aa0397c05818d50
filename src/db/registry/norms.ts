/**
 * Consumption norms: per service, region and category of house equipment; per person or per m²; per month
 * or per month of the heating season; over time.
 */
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';

export const normBases = ['per_person', 'per_m2'] as const;
export const normPers = ['month', 'heating_season'] as const;

export type NormFields = {
  serviceId: number;
  region: string;
  category: string;
  basis: (typeof normBases)[number];
  per: (typeof normPers)[number];
  /** An exact decimal as text, trailing zeros trimmed: '4.32'. */
  value: string;
  unit: string;
  validFrom: string;
  validTo: string | null;
  source: string | null;
};

export type Norm = NormFields & { id: number; serviceCode: string; serviceName: string; createdAt: Date };

type Row = {
  id: number;
  service_id: number;
  service_code: string;
  service_name: string;
  region: string;
  category: string;
  basis: NormFields['basis'];
  per: NormFields['per'];
  value_text: string;
  unit: string;
  valid_from: string;
  valid_to: string | null;
  source: string | null;
  created_at: Date;
};

const toNorm = (r: Row): Norm => ({
  id: r.id,
  serviceId: r.service_id,
  serviceCode: r.service_code,
  serviceName: r.service_name,
  region: r.region,
  category: r.category,
  basis: r.basis,
  per: r.per,
  value: r.value_text,
  unit: r.unit,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  source: r.source,
  createdAt: r.created_at,
});

const select = `select n.id, n.service_id, s.code as service_code, s.name as service_name, n.region, n.category,
    n.basis, n.per, trim_scale(n.value)::text as value_text, n.unit, n.valid_from, n.valid_to, n.source, n.created_at
  from norms n join services s on s.id = n.service_id`;

export type NormFilter = {
  serviceId?: number | undefined;
  region?: string | undefined;
  category?: string | undefined;
  onDate?: string | undefined;
};

function where(f: NormFilter): Where {
  return new Where()
    .add('n.service_id = $?', f.serviceId)
    .add('lower(n.region) = lower($?)', f.region)
    .add('n.category = $?', f.category)
    .add('n.valid_from <= $?::date and (n.valid_to is null or n.valid_to >= $?::date)', f.onDate);
}

export const normSortFields = Object.freeze({
  validFrom: 'x.valid_from',
  service: 'x.service_code',
  region: 'x.region',
  category: 'x.category',
  createdAt: 'x.created_at',
});

export async function selectNorms(db: Queryable, f: NormFilter, q: ListQuery): Promise<Page<Norm>> {
  const w = where(f);
  const rows = await db.query<Row & { total: number }>(
    `select *, count(*) over () as total from (${select}${w}) x` +
      orderAndPage(q, normSortFields, 'x.service_code, x.region, x.category, x.valid_from', 'x.id'),
    w.params,
  );
  return {
    items: rows.map(toNorm),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from (${select}${w}) x`, w.params),
  };
}

/** Every version of one key (service, region in any letter case, category), by start date. */
export async function selectNormVersions(
  db: Queryable,
  key: Pick<NormFields, 'serviceId' | 'region' | 'category'>,
): Promise<Norm[]> {
  const w = where({ serviceId: key.serviceId, region: key.region, category: key.category });
  return (await db.query<Row>(`${select}${w} order by n.valid_from, n.id`, w.params)).map(toNorm);
}

export async function selectNorm(db: Queryable, id: number): Promise<Norm | undefined> {
  const row = await db.maybeOne<Row>(`${select} where n.id = $1`, [id]);
  return row && toNorm(row);
}

export async function insertNorm(db: Queryable, n: NormFields, createdBy: number | null): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into norms (service_id, region, category, basis, per, value, unit, valid_from, valid_to, source, created_by)
     values ($1, $2, $3, $4, $5, $6::numeric, $7, $8, $9, $10, $11) returning id`,
    [
      n.serviceId,
      n.region,
      n.category,
      n.basis,
      n.per,
      n.value,
      n.unit,
      n.validFrom,
      n.validTo,
      n.source,
      createdBy,
    ],
  );
  return row!.id;
}

export async function setNormValidTo(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update norms set valid_to = $2 where id = $1', [id, validTo]);
}
