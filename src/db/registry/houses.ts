/** Houses, their managers over time, and districts. */
import type { Actor } from '../../domain/access.js';
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';
import { houseScopeCondition } from './scope.js';

export const houseEquipment = {
  coldWater: ['central', 'none', 'well'],
  hotWater: ['central', 'open_system', 'local_heater', 'none'],
  heating: ['central', 'individual', 'none'],
} as const;
export const commonMeterResources = ['cold_water', 'hot_water', 'heating', 'electricity', 'gas'] as const;

export type HouseFields = {
  externalId: string | null;
  districtId: number | null;
  fiasId: string | null;
  region: string;
  city: string;
  street: string;
  houseNumber: string;
  building: string | null;
  postalCode: string | null;
  kind: 'apartment_building' | 'private_house';
  yearBuilt: number | null;
  floors: number | null;
  entrances: number | null;
  totalArea: string | null;
  residentialArea: string | null;
  nonResidentialArea: string | null;
  commonArea: string | null;
  coldWater: (typeof houseEquipment.coldWater)[number];
  hotWater: (typeof houseEquipment.hotWater)[number];
  heating: (typeof houseEquipment.heating)[number];
  hasGas: boolean;
  hasElectricStoves: boolean;
  hasLift: boolean;
  commonMeters: (typeof commonMeterResources)[number][];
};

export type House = HouseFields & {
  id: number;
  settlementCentreId: number;
  address: string;
  /** The manager on the day asked for (today by default), if any. */
  manager: { id: number; name: string } | null;
  accountsCount: number;
  createdAt: Date;
};

/** The one way an address is written: "г. Демо-город, ул. Ленина, д. 5, корп. 2". */
export function formatAddress(h: Pick<HouseFields, 'city' | 'street' | 'houseNumber' | 'building'>): string {
  return [`г. ${h.city}`, h.street, `д. ${h.houseNumber}`, h.building ? `корп. ${h.building}` : null]
    .filter(Boolean)
    .join(', ');
}

const columns: Record<keyof HouseFields, string> = {
  externalId: 'external_id',
  districtId: 'district_id',
  fiasId: 'fias_id',
  region: 'region',
  city: 'city',
  street: 'street',
  houseNumber: 'house_number',
  building: 'building',
  postalCode: 'postal_code',
  kind: 'kind',
  yearBuilt: 'year_built',
  floors: 'floors',
  entrances: 'entrances',
  totalArea: 'total_area',
  residentialArea: 'residential_area',
  nonResidentialArea: 'non_residential_area',
  commonArea: 'common_area',
  coldWater: 'cold_water',
  hotWater: 'hot_water',
  heating: 'heating',
  hasGas: 'has_gas',
  hasElectricStoves: 'has_electric_stoves',
  hasLift: 'has_lift',
  commonMeters: 'common_meters',
};

type Row = Record<string, unknown> & { id: number; settlement_centre_id: number; created_at: Date };

function toHouse(r: Row): House {
  const fields = Object.fromEntries(
    Object.entries(columns).map(([k, c]) => [k, r[c] ?? null]),
  ) as HouseFields;
  fields.commonMeters = (r.common_meters as HouseFields['commonMeters']) ?? [];
  return {
    ...fields,
    id: r.id,
    settlementCentreId: r.settlement_centre_id,
    address: formatAddress(fields),
    manager: r.manager_id ? { id: r.manager_id as number, name: r.manager_name as string } : null,
    accountsCount: Number(r.accounts_count ?? 0),
    createdAt: r.created_at,
  };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Houses with the manager on `onDate` (an ISO date checked here, so it can stand in the SQL text). */
const select = (onDate: string) => {
  if (!isoDate.test(onDate)) throw new RangeError(`not an ISO date: ${onDate}`);
  return selectOn(onDate);
};
const selectOn = (onDate: string) => `select h.*, m.id as manager_id, m.name as manager_name,
    (select count(*) from accounts a join premises p on p.id = a.premise_id where p.house_id = h.id and a.status = 'open')::int as accounts_count
  from houses h
  left join house_managers hm on hm.house_id = h.id and hm.valid_from <= '${onDate}'::date and (hm.valid_to is null or hm.valid_to >= '${onDate}'::date)
  left join organisations m on m.id = hm.manager_id`;

/** Sort fields over the subquery `x` of selectHouses; the address sorts house numbers as numbers first. */
export const houseSortFields = Object.freeze({
  address: `lower(x.city || ' ' || x.street) || lpad(x.house_number, 8, '0') || coalesce(x.building, '')`,
  yearBuilt: 'x.year_built',
  totalArea: 'x.total_area',
  createdAt: 'x.created_at',
});

export type HouseFilter = {
  actor: Pick<Actor, 'organisationKind' | 'scope'>;
  onDate: string;
  q?: string | undefined;
  districtId?: number | undefined;
  managerId?: number | undefined;
};

export async function selectHouses(db: Queryable, f: HouseFilter, q: ListQuery): Promise<Page<House>> {
  const where = new Where().add(houseScopeCondition(f.actor, 'h', '$?'), [...f.actor.scope]);
  where.add(
    `(h.city || ' ' || h.street || ' ' || h.house_number || coalesce(' ' || h.building, '')) ilike '%' || $? || '%'`,
    f.q,
  );
  where.add('h.district_id = $?', f.districtId).add('m.id = $?', f.managerId);
  const rows = await db.query<Row & { total: number }>(
    `select * , count(*) over () as total from (${select(f.onDate)}${where}) x` +
      orderAndPage(q, houseSortFields, houseSortFields.address, 'x.id'),
    where.params,
  );
  return {
    items: rows.map(toHouse),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(
      db,
      rows,
      q,
      `select count(*)::int as n from (${select(f.onDate)}${where}) x`,
      where.params,
    ),
  };
}

export async function selectHouse(db: Queryable, id: number, onDate: string): Promise<House | undefined> {
  const row = await db.maybeOne<Row>(`${select(onDate)} where h.id = $1`, [id]);
  return row && toHouse(row);
}

/** Whether the actor sees the house (the scope condition for one id). */
export async function isHouseVisible(
  db: Queryable,
  actor: Pick<Actor, 'organisationKind' | 'scope'>,
  houseId: number,
): Promise<boolean> {
  const row = await db.maybeOne(
    `select 1 from houses h where h.id = $1 and ${houseScopeCondition(actor, 'h', '$2')}`,
    [houseId, [...actor.scope]],
  );
  return row !== undefined;
}

export async function insertHouse(
  db: Queryable,
  h: HouseFields,
  settlementCentreId: number,
  createdBy: number | null,
): Promise<number> {
  const keys = Object.keys(columns) as (keyof HouseFields)[];
  const row = await db.maybeOne<{ id: number }>(
    `insert into houses (${keys.map((k) => columns[k]).join(', ')}, settlement_centre_id, created_by)
     values (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}, $${keys.length + 2}) returning id`,
    [...keys.map((k) => h[k]), settlementCentreId, createdBy],
  );
  return row!.id;
}

export async function updateHouse(
  db: Queryable,
  id: number,
  changes: Partial<HouseFields>,
  at: Date,
): Promise<void> {
  const keys = (Object.keys(changes) as (keyof HouseFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  await db.query(
    `update houses set ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2} where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}

// --- managers over time ---

export type HouseManager = {
  id: number;
  managerId: number;
  managerName: string;
  validFrom: string;
  validTo: string | null;
};

export async function selectHouseManagers(db: Queryable, houseId: number): Promise<HouseManager[]> {
  const rows = await db.query<{
    id: number;
    manager_id: number;
    name: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `select hm.id, hm.manager_id, o.name, hm.valid_from, hm.valid_to from house_managers hm
       join organisations o on o.id = hm.manager_id where hm.house_id = $1 order by hm.valid_from`,
    [houseId],
  );
  return rows.map((r) => ({
    id: r.id,
    managerId: r.manager_id,
    managerName: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function insertHouseManager(
  db: Queryable,
  m: { houseId: number; managerId: number; validFrom: string; validTo: string | null },
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into house_managers (house_id, manager_id, valid_from, valid_to, created_by) values ($1, $2, $3, $4, $5) returning id`,
    [m.houseId, m.managerId, m.validFrom, m.validTo, createdBy],
  );
  return row!.id;
}

export async function closeHouseManager(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update house_managers set valid_to = $2 where id = $1', [id, validTo]);
}

// --- districts ---

export type District = { id: number; code: string; name: string; settlementCentreId: number };

export async function selectDistricts(db: Queryable, scope: readonly number[]): Promise<District[]> {
  const rows = await db.query<{ id: number; code: string; name: string; settlement_centre_id: number }>(
    'select * from districts where settlement_centre_id = any($1) order by name',
    [[...scope]],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    settlementCentreId: r.settlement_centre_id,
  }));
}

export async function insertDistrict(
  db: Queryable,
  d: Omit<District, 'id'>,
  createdBy: number | null,
): Promise<District> {
  const r = await db.maybeOne<{ id: number }>(
    'insert into districts (settlement_centre_id, code, name, created_by) values ($1, $2, $3, $4) returning id',
    [d.settlementCentreId, d.code, d.name, createdBy],
  );
  return { ...d, id: r!.id };
}
