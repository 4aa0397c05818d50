/** Premises of a house (flats, rooms of shared flats, non-residential premises) and their areas over time. */
import type { IsoDate } from '../../domain/period.js';
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';
import { formatAddress } from './houses.js';

export const premiseKinds = ['flat', 'room', 'non_residential'] as const;
export type PremiseKind = (typeof premiseKinds)[number];

export type PremiseFields = {
  externalId: string | null;
  number: string;
  kind: PremiseKind;
  /** The shared flat a room belongs to. */
  flatId: number | null;
  isSharedFlat: boolean;
  rooms: number | null;
  floor: number | null;
  entrance: number | null;
};

export type Premise = PremiseFields & {
  id: number;
  houseId: number;
  settlementCentreId: number;
  /** The house's address. */
  address: string;
  /** "кв. 12", "кв. 12, комн. 2", "пом. 1Н". */
  label: string;
  /** The areas on the day asked for (today by default); null before the first version. */
  totalArea: string | null;
  livingArea: string | null;
  /** Open accounts. */
  accountsCount: number;
  createdAt: Date;
};

export type PremiseArea = {
  id: number;
  premiseId: number;
  totalArea: string;
  livingArea: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
};

/** How a premise is written after the address. */
export function premiseLabel(p: { kind: PremiseKind; number: string; flatNumber: string | null }): string {
  if (p.kind === 'room') return `кв. ${p.flatNumber ?? '?'}, комн. ${p.number}`;
  return p.kind === 'flat' ? `кв. ${p.number}` : `пом. ${p.number}`;
}

const columns: Record<keyof PremiseFields, string> = {
  externalId: 'external_id',
  number: 'number',
  kind: 'kind',
  flatId: 'flat_id',
  isSharedFlat: 'is_shared_flat',
  rooms: 'rooms',
  floor: 'floor',
  entrance: 'entrance',
};

type Row = Record<string, unknown> & {
  id: number;
  house_id: number;
  settlement_centre_id: number;
  kind: PremiseKind;
  number: string;
  flat_number: string | null;
  created_at: Date;
};

function toPremise(r: Row): Premise {
  const fields = Object.fromEntries(
    Object.entries(columns).map(([k, c]) => [k, r[c] ?? null]),
  ) as PremiseFields;
  return {
    ...fields,
    id: r.id,
    houseId: r.house_id,
    settlementCentreId: r.settlement_centre_id,
    address: formatAddress({
      city: r.city as string,
      street: r.street as string,
      houseNumber: r.house_number as string,
      building: (r.building as string | null) ?? null,
    }),
    label: premiseLabel({ kind: r.kind, number: r.number, flatNumber: r.flat_number }),
    totalArea: (r.total_area as string | null) ?? null,
    livingArea: (r.living_area as string | null) ?? null,
    accountsCount: Number(r.accounts_count ?? 0),
    createdAt: r.created_at,
  };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Premises with their areas on `onDate` (an ISO date checked here, so it can stand in the SQL text). */
function select(onDate: string): string {
  if (!isoDate.test(onDate)) throw new RangeError(`not an ISO date: ${onDate}`);
  return `select p.*, f.number as flat_number, h.settlement_centre_id, h.city, h.street, h.house_number, h.building,
      pa.total_area, pa.living_area,
      (select count(*) from accounts a where a.premise_id = p.id and a.status = 'open')::int as accounts_count
    from premises p
    join houses h on h.id = p.house_id
    left join premises f on f.id = p.flat_id
    left join premise_areas pa on pa.premise_id = p.id and pa.valid_from <= '${onDate}'::date
      and (pa.valid_to is null or pa.valid_to >= '${onDate}'::date)`;
}

/** Sort fields over the subquery `x`; a room sorts right after its flat, numbers as numbers first. */
export const premiseSortFields = Object.freeze({
  number: `lpad(coalesce(x.flat_number, x.number), 10, '0') || '/' || case when x.flat_id is null then '' else lpad(x.number, 10, '0') end`,
  kind: 'x.kind',
  floor: 'x.floor',
  entrance: 'x.entrance',
  totalArea: 'x.total_area',
  createdAt: 'x.created_at',
});

export type PremiseFilter = {
  houseId: number;
  onDate: string;
  kind?: PremiseKind | undefined;
  flatId?: number | undefined;
};

export async function selectPremises(db: Queryable, f: PremiseFilter, q: ListQuery): Promise<Page<Premise>> {
  const where = new Where().add('p.house_id = $?', f.houseId).add('p.kind = $?', f.kind);
  where.add('p.flat_id = $?', f.flatId);
  const rows = await db.query<Row & { total: number }>(
    `select *, count(*) over () as total from (${select(f.onDate)}${where}) x` +
      orderAndPage(q, premiseSortFields, premiseSortFields.number, 'x.id'),
    where.params,
  );
  return {
    items: rows.map(toPremise),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from premises p${where}`, where.params),
  };
}

export async function selectPremise(db: Queryable, id: number, onDate: string): Promise<Premise | undefined> {
  const row = await db.maybeOne<Row>(`${select(onDate)} where p.id = $1`, [id]);
  return row && toPremise(row);
}

/** Locks the premise's row until the transaction ends: changes to its accounts wait for each other. */
export async function lockPremise(tx: Queryable, id: number): Promise<void> {
  await tx.query('select id from premises where id = $1 for update', [id]);
}

/** Whether another premise of the house already has this number (a room: within its flat). */
export async function isPremiseNumberTaken(
  db: Queryable,
  p: { houseId: number; number: string; flatId: number | null; exceptId?: number | undefined },
): Promise<boolean> {
  const row = await db.maybeOne(
    `select 1 from premises where house_id = $1 and lower(number) = lower($2) and coalesce(flat_id, 0) = coalesce($3, 0)
        and id <> coalesce($4, 0) limit 1`,
    [p.houseId, p.number, p.flatId, p.exceptId ?? null],
  );
  return row !== undefined;
}

export async function insertPremise(
  db: Queryable,
  houseId: number,
  p: PremiseFields,
  createdBy: number | null,
): Promise<number> {
  const keys = Object.keys(columns) as (keyof PremiseFields)[];
  const row = await db.maybeOne<{ id: number }>(
    `insert into premises (${keys.map((k) => columns[k]).join(', ')}, house_id, created_by)
     values (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}, $${keys.length + 2}) returning id`,
    [...keys.map((k) => p[k]), houseId, createdBy],
  );
  return row!.id;
}

export async function updatePremise(
  db: Queryable,
  id: number,
  changes: Partial<PremiseFields>,
  at: Date,
): Promise<void> {
  const keys = (Object.keys(changes) as (keyof PremiseFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  await db.query(
    `update premises set ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2} where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}

// --- areas over time ---

export async function selectPremiseAreas(db: Queryable, premiseId: number): Promise<PremiseArea[]> {
  const rows = await db.query<{
    id: number;
    premise_id: number;
    total_area: string;
    living_area: string | null;
    valid_from: IsoDate;
    valid_to: IsoDate | null;
  }>('select * from premise_areas where premise_id = $1 order by valid_from, id', [premiseId]);
  return rows.map((r) => ({
    id: r.id,
    premiseId: r.premise_id,
    totalArea: r.total_area,
    livingArea: r.living_area,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function insertPremiseArea(
  db: Queryable,
  a: Omit<PremiseArea, 'id'>,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into premise_areas (premise_id, total_area, living_area, valid_from, valid_to, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [a.premiseId, a.totalArea, a.livingArea, a.validFrom, a.validTo, createdBy],
  );
  return row!.id;
}

export async function setPremiseAreaEnd(db: Queryable, id: number, validTo: IsoDate | null): Promise<void> {
  await db.query('update premise_areas set valid_to = $2 where id = $1', [id, validTo]);
}
