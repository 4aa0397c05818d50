/**
 * Tariffs: a rate per unit of a supplier's service, for a territory (a region, or a city of it) or for the
 * houses listed in tariff_houses, in a zone (single; day/night; peak/semi_peak/night), over time.
 */
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';

export const tariffZones = ['single', 'day', 'night', 'peak', 'semi_peak'] as const;
export type TariffZone = (typeof tariffZones)[number];

export type TariffFields = {
  supplierId: number;
  serviceId: number;
  zone: TariffZone;
  /** An exact decimal as text, trailing zeros trimmed: '45.67'. */
  rate: string;
  region: string | null;
  city: string | null;
  /** Empty for a territory tariff. */
  houseIds: number[];
  validFrom: string;
  validTo: string | null;
  source: string | null;
};

export type Tariff = TariffFields & {
  id: number;
  supplierName: string;
  serviceCode: string;
  serviceName: string;
  createdAt: Date;
};

type Row = {
  id: number;
  supplier_id: number;
  supplier_name: string;
  service_id: number;
  service_code: string;
  service_name: string;
  zone: TariffZone;
  rate_text: string;
  region: string | null;
  city: string | null;
  house_ids: number[];
  valid_from: string;
  valid_to: string | null;
  source: string | null;
  created_at: Date;
};

const toTariff = (r: Row): Tariff => ({
  id: r.id,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  serviceId: r.service_id,
  serviceCode: r.service_code,
  serviceName: r.service_name,
  zone: r.zone,
  rate: r.rate_text,
  region: r.region,
  city: r.city,
  houseIds: r.house_ids,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  source: r.source,
  createdAt: r.created_at,
});

const select = `select t.id, t.supplier_id, o.name as supplier_name, t.service_id, s.code as service_code,
    s.name as service_name, t.zone, trim_scale(t.rate)::text as rate_text, t.region, t.city, t.valid_from,
    t.valid_to, t.source, t.created_at,
    coalesce((select jsonb_agg(th.house_id order by th.house_id) from tariff_houses th where th.tariff_id = t.id),
      '[]'::jsonb) as house_ids
  from tariffs t join organisations o on o.id = t.supplier_id join services s on s.id = t.service_id`;

export type TariffFilter = {
  /** The suppliers whose tariffs may be read; undefined: no limit (the billing engine). */
  scope?: readonly number[] | undefined;
  supplierId?: number | undefined;
  serviceId?: number | undefined;
  zone?: TariffZone | undefined;
  /** Tariffs that can apply to the house: listed for it, or of its region (and city) without a list. */
  houseId?: number | undefined;
  onDate?: string | undefined;
  region?: string | undefined;
};

function where(f: TariffFilter): Where {
  return new Where()
    .add('t.supplier_id = any($?)', f.scope && [...f.scope])
    .add('t.supplier_id = $?', f.supplierId)
    .add('t.service_id = $?', f.serviceId)
    .add('t.zone = $?', f.zone)
    .add('t.valid_from <= $?::date and (t.valid_to is null or t.valid_to >= $?::date)', f.onDate)
    .add('lower(t.region) = lower($?)', f.region)
    .add(
      `(exists (select 1 from tariff_houses th where th.tariff_id = t.id and th.house_id = $?)
        or (not exists (select 1 from tariff_houses th where th.tariff_id = t.id)
            and exists (select 1 from houses h where h.id = $? and lower(h.region) = lower(t.region)
                        and (t.city is null or lower(h.city) = lower(t.city)))))`,
      f.houseId,
    );
}

export const tariffSortFields = Object.freeze({
  validFrom: 'x.valid_from',
  createdAt: 'x.created_at',
  service: 'x.service_code',
  supplier: 'x.supplier_name',
  rate: 'x.rate_text::numeric',
});

export async function selectTariffs(db: Queryable, f: TariffFilter, q: ListQuery): Promise<Page<Tariff>> {
  const w = where(f);
  const rows = await db.query<Row & { total: number }>(
    `select *, count(*) over () as total from (${select}${w}) x` +
      orderAndPage(q, tariffSortFields, 'x.service_code, x.supplier_name, x.zone, x.valid_from', 'x.id'),
    w.params,
  );
  return {
    items: rows.map(toTariff),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from (${select}${w}) x`, w.params),
  };
}

/** Every tariff matching the filter, by start date (no paging: one key's history, a house's candidates). */
export async function selectAllTariffs(db: Queryable, f: TariffFilter): Promise<Tariff[]> {
  const w = where(f);
  return (await db.query<Row>(`${select}${w} order by t.valid_from, t.id`, w.params)).map(toTariff);
}

export async function selectTariff(db: Queryable, id: number): Promise<Tariff | undefined> {
  const row = await db.maybeOne<Row>(`${select} where t.id = $1`, [id]);
  return row && toTariff(row);
}

export async function insertTariff(
  db: Queryable,
  t: TariffFields,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into tariffs (supplier_id, service_id, zone, rate, region, city, valid_from, valid_to, source, created_by)
     values ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9, $10) returning id`,
    [
      t.supplierId,
      t.serviceId,
      t.zone,
      t.rate,
      t.region,
      t.city,
      t.validFrom,
      t.validTo,
      t.source,
      createdBy,
    ],
  );
  const id = row!.id;
  if (t.houseIds.length > 0) {
    await db.query(
      `insert into tariff_houses (tariff_id, house_id, created_by) select $1, h, $3 from unnest($2::bigint[]) h`,
      [id, t.houseIds, createdBy],
    );
  }
  return id;
}

export async function setTariffValidTo(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update tariffs set valid_to = $2 where id = $1', [id, validTo]);
}
