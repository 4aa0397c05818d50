/** The service catalogue, and which supplier provides which service to a house under which method over time. */
import type { Queryable } from '../client.js';

export const serviceKinds = ['utility', 'housing'] as const;
export const serviceResources = [
  'cold_water',
  'hot_water',
  'heating',
  'electricity',
  'gas',
  'wastewater',
  'waste',
] as const;
export const calculationMethods = [
  'by_meter',
  'by_norm',
  'by_area',
  'fixed',
  'per_person',
  'heating_by_norm',
  'heating_by_common_meter',
  'common_needs_by_norm',
  'common_needs_by_common_meter',
] as const;

export type ServiceKind = (typeof serviceKinds)[number];
export type ServiceResource = (typeof serviceResources)[number];
export type CalculationMethod = (typeof calculationMethods)[number];

export type ServiceFields = {
  code: string;
  name: string;
  unit: string;
  kind: ServiceKind;
  resource: ServiceResource | null;
};
export type Service = ServiceFields & { id: number; createdAt: Date };

type ServiceRow = ServiceFields & { id: number; created_at: Date };
const toService = (r: ServiceRow): Service => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unit: r.unit,
  kind: r.kind,
  resource: r.resource,
  createdAt: r.created_at,
});

export async function selectServices(db: Queryable): Promise<Service[]> {
  return (await db.query<ServiceRow>('select * from services order by code')).map(toService);
}

export async function selectService(db: Queryable, id: number): Promise<Service | undefined> {
  const row = await db.maybeOne<ServiceRow>('select * from services where id = $1', [id]);
  return row && toService(row);
}

export async function selectServiceByCode(db: Queryable, code: string): Promise<Service | undefined> {
  const row = await db.maybeOne<ServiceRow>('select * from services where code = $1', [code]);
  return row && toService(row);
}

/** Inserts a service; undefined when the code is taken (nothing changed). */
export async function insertService(
  db: Queryable,
  s: ServiceFields,
  createdBy: number | null,
): Promise<number | undefined> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into services (code, name, unit, kind, resource, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (code) do nothing returning id`,
    [s.code, s.name, s.unit, s.kind, s.resource, createdBy],
  );
  return row?.id;
}

/**
 * Serialises the writers of one effective-dated key (a tariff's supplier, service, zone and territory…) for
 * the rest of the transaction, so two concurrent new versions cannot both pass the overlap check.
 */
export async function lockVersionKey(tx: Queryable, key: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
}

// --- services of a house over time ---

export type HouseService = {
  id: number;
  houseId: number;
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  supplierId: number;
  supplierName: string;
  method: CalculationMethod;
  validFrom: string;
  validTo: string | null;
};

type HouseServiceRow = {
  id: number;
  house_id: number;
  service_id: number;
  code: string;
  service_name: string;
  supplier_id: number;
  supplier_name: string;
  method: CalculationMethod;
  valid_from: string;
  valid_to: string | null;
};

/** Versions of a house's services, by service and date; `onDate` keeps those in force on that day. */
export async function selectHouseServices(
  db: Queryable,
  houseId: number,
  f: { onDate?: string | undefined; serviceId?: number | undefined } = {},
): Promise<HouseService[]> {
  const rows = await db.query<HouseServiceRow>(
    `select hs.id, hs.house_id, hs.service_id, s.code, s.name as service_name, hs.supplier_id,
            o.name as supplier_name, hs.method, hs.valid_from, hs.valid_to
       from house_services hs join services s on s.id = hs.service_id join organisations o on o.id = hs.supplier_id
      where hs.house_id = $1
        and ($2::date is null or (hs.valid_from <= $2::date and (hs.valid_to is null or hs.valid_to >= $2::date)))
        and ($3::bigint is null or hs.service_id = $3)
      order by s.code, hs.valid_from`,
    [houseId, f.onDate ?? null, f.serviceId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    houseId: r.house_id,
    serviceId: r.service_id,
    serviceCode: r.code,
    serviceName: r.service_name,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    method: r.method,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function insertHouseService(
  db: Queryable,
  h: { houseId: number; serviceId: number; supplierId: number; method: CalculationMethod; validFrom: string },
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into house_services (house_id, service_id, supplier_id, method, valid_from, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [h.houseId, h.serviceId, h.supplierId, h.method, h.validFrom, createdBy],
  );
  return row!.id;
}

export async function setHouseServiceValidTo(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update house_services set valid_to = $2 where id = $1', [id, validTo]);
}
