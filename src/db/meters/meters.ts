/** Meters (приборы учёта), the premises they measure, and metering acts. Readings: readings.ts. */
import type { Actor } from '../../domain/access.js';
import { Decimal } from '../../domain/decimal.js';
import type { DecommissionReason, MeterKind, MeterResource, ZoneCount } from '../../domain/meters/meter.js';
import type { IsoDate } from '../../domain/period.js';
import type { Queryable } from '../client.js';
import { countIfEmpty } from '../audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';
import { formatAddress } from '../registry/houses.js';
import { premiseLabel, type PremiseKind } from '../registry/premises.js';
import { houseScopeCondition } from '../registry/scope.js';

export type MeterFields = {
  externalId: string | null;
  kind: MeterKind;
  resource: MeterResource;
  zoneCount: ZoneCount;
  serialNumber: string;
  model: string | null;
  digits: number;
  decimals: number;
  installedOn: IsoDate | null;
  commissionedOn: IsoDate;
  sealNumber: string | null;
  lastVerifiedOn: IsoDate | null;
  verificationIntervalYears: number | null;
};

export type MeterPremise = { id: number; label: string; kind: PremiseKind; isSharedFlat: boolean };

export type Meter = MeterFields & {
  id: number;
  houseId: number;
  settlementCentreId: number;
  address: string;
  premises: MeterPremise[];
  decommissionedOn: IsoDate | null;
  decommissionReason: DecommissionReason | null;
  replacesMeterId: number | null;
  /** Last verification (or commissioning) + the interval (the passport's, else the resource's default). */
  nextVerificationOn: IsoDate | null;
  lastReading: { readOn: IsoDate; period: string; state: string; values: Record<string, string> } | null;
  createdAt: Date;
};

const columns: Record<keyof MeterFields, string> = {
  externalId: 'external_id',
  kind: 'kind',
  resource: 'resource',
  zoneCount: 'zone_count',
  serialNumber: 'serial_number',
  model: 'model',
  digits: 'digits',
  decimals: 'decimals',
  installedOn: 'installed_on',
  commissionedOn: 'commissioned_on',
  sealNumber: 'seal_number',
  lastVerifiedOn: 'last_verified_on',
  verificationIntervalYears: 'verification_interval_years',
};

export const zoneColumns = {
  single: 'value_single',
  day: 'value_day',
  night: 'value_night',
  peak: 'value_peak',
  semi_peak: 'value_semi_peak',
} as const;

type Row = Record<string, unknown> & { id: number; created_at: Date };

/** The values of a reading row's zone columns that are set, by zone. */
export function zoneValues(r: Record<string, unknown>, prefix = ''): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [zone, column] of Object.entries(zoneColumns)) {
    const v = r[prefix + column];
    if (v !== null && v !== undefined) values[zone] = Decimal.parse(String(v)).toString();
  }
  return values;
}

function toMeter(r: Row): Meter {
  const premises =
    (r.premises as
      | { id: number; number: string; kind: PremiseKind; flat_number: string | null; shared: boolean }[]
      | null) ?? [];
  // one object literal, the fields named one by one (in `columns`' order): spreading the fields mapped over
  // `columns` into the rest cost ten times as much (15 µs a meter), and the billing loader makes every meter
  // of a batch's houses
  return {
    externalId: (r.external_id as string | null) ?? null,
    kind: r.kind as MeterKind,
    resource: r.resource as MeterResource,
    zoneCount: r.zone_count as ZoneCount,
    serialNumber: r.serial_number as string,
    model: (r.model as string | null) ?? null,
    digits: r.digits as number,
    decimals: r.decimals as number,
    installedOn: (r.installed_on as IsoDate | null) ?? null,
    commissionedOn: r.commissioned_on as IsoDate,
    sealNumber: (r.seal_number as string | null) ?? null,
    lastVerifiedOn: (r.last_verified_on as IsoDate | null) ?? null,
    verificationIntervalYears: (r.verification_interval_years as number | null) ?? null,
    id: r.id,
    houseId: r.house_id as number,
    settlementCentreId: r.settlement_centre_id as number,
    address: formatAddress({
      city: r.city as string,
      street: r.street as string,
      houseNumber: r.house_number as string,
      building: (r.building as string | null) ?? null,
    }),
    premises: premises
      .map((p) => ({
        id: Number(p.id),
        kind: p.kind,
        isSharedFlat: p.shared,
        label: premiseLabel({ kind: p.kind, number: p.number, flatNumber: p.flat_number }),
      }))
      .sort((a, b) => a.id - b.id),
    decommissionedOn: (r.decommissioned_on as IsoDate | null) ?? null,
    decommissionReason: (r.decommission_reason as DecommissionReason | null) ?? null,
    replacesMeterId: (r.replaces_meter_id as number | null) ?? null,
    nextVerificationOn: (r.next_verification_on as IsoDate | null) ?? null,
    lastReading:
      r.last_read_on === null || r.last_read_on === undefined
        ? null
        : {
            readOn: r.last_read_on as IsoDate,
            period: r.last_period as string,
            state: r.last_state as string,
            values: zoneValues(r, 'last_'),
          },
    createdAt: r.created_at,
  };
}

/**
 * Meters with their house, premises, next verification date and last reading. `$1` is the JSON of the
 * default verification intervals per resource (legal parameter verification.interval_years).
 */
const select = `select m.*, h.settlement_centre_id, h.city, h.street, h.house_number, h.building,
    (coalesce(m.last_verified_on, m.commissioned_on)
      + make_interval(years => coalesce(m.verification_interval_years, ($1::jsonb ->> m.resource)::int)))::date
      as next_verification_on,
    (select json_agg(json_build_object('id', p.id, 'number', p.number, 'kind', p.kind, 'flat_number', f.number,
        'shared', p.is_shared_flat))
       from meter_premises mp join premises p on p.id = mp.premise_id left join premises f on f.id = p.flat_id
      where mp.meter_id = m.id) as premises,
    lr.read_on as last_read_on, lr.period as last_period, lr.state as last_state,
    lr.value_single as last_value_single, lr.value_day as last_value_day, lr.value_night as last_value_night,
    lr.value_peak as last_value_peak, lr.value_semi_peak as last_value_semi_peak
  from meters m
  join houses h on h.id = m.house_id
  left join lateral (select * from meter_readings r where r.meter_id = m.id
    order by r.read_on desc, r.id desc limit 1) lr on true`;

export const meterSortFields = Object.freeze({
  serialNumber: 'lower(x.serial_number)',
  resource: 'x.resource',
  kind: 'x.kind',
  commissionedOn: 'x.commissioned_on',
  nextVerificationOn: 'x.next_verification_on',
  premise: `coalesce((select lpad(coalesce(f.number, p.number), 10, '0') || '/' || case when p.flat_id is null then '' else lpad(p.number, 10, '0') end
     from meter_premises mp join premises p on p.id = mp.premise_id left join premises f on f.id = p.flat_id
     where mp.meter_id = x.id order by p.id limit 1), '')`,
  createdAt: 'x.created_at',
});

export type MeterFilter = {
  actor: Pick<Actor, 'organisationKind' | 'scope'>;
  intervals: Readonly<Record<string, number>>;
  houseId?: number | undefined;
  premiseIds?: readonly number[] | undefined;
  resource?: MeterResource | undefined;
  kind?: MeterKind | undefined;
  /** Only meters in service (not decommissioned). */
  activeOnly?: boolean | undefined;
  /** Next verification on or before this date (the verification-due list). */
  dueBy?: IsoDate | undefined;
};

export async function selectMeters(db: Queryable, f: MeterFilter, q: ListQuery): Promise<Page<Meter>> {
  const where = new Where();
  where.params.push(JSON.stringify(f.intervals)); // $1 of `select`
  where.add(houseScopeCondition(f.actor, 'x_h', '$?'), [...f.actor.scope]);
  where.add('x.house_id = $?', f.houseId);
  if (f.premiseIds)
    where.add(
      'exists (select 1 from meter_premises mp where mp.meter_id = x.id and mp.premise_id = any($?))',
      [...f.premiseIds],
    );
  where.add('x.resource = $?', f.resource).add('x.kind = $?', f.kind);
  if (f.activeOnly || f.dueBy) where.add('x.decommissioned_on is null');
  where.add('x.next_verification_on <= $?::date', f.dueBy);
  const from = `(${select}) x join houses x_h on x_h.id = x.house_id${where}`;
  const rows = await db.query<Row & { total: number }>(
    `select x.*, count(*) over () as total from ${from}` +
      orderAndPage(q, meterSortFields, meterSortFields.premise, 'x.id'),
    where.params,
  );
  return {
    items: rows.map(toMeter),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from ${from}`, where.params),
  };
}

export async function selectMeter(
  db: Queryable,
  id: number,
  intervals: Readonly<Record<string, number>>,
): Promise<Meter | undefined> {
  const row = await db.maybeOne<Row>(`${select} where m.id = $2`, [JSON.stringify(intervals), id]);
  return row && toMeter(row);
}

/** Every meter of the house with its premises (the entry grid, the billing engine). */
export async function selectHouseMeters(
  db: Queryable,
  houseId: number,
  intervals: Readonly<Record<string, number>>,
): Promise<Meter[]> {
  const rows = await db.query<Row>(`${select} where m.house_id = $2 order by m.id`, [
    JSON.stringify(intervals),
    houseId,
  ]);
  return rows.map(toMeter);
}

/** Ids of the meters measuring a premise (a room's meters and its shared flat's are separate premises). */
export async function selectPremiseMeterIds(db: Queryable, premiseId: number): Promise<number[]> {
  const rows = await db.query<{ meter_id: number }>(
    'select meter_id from meter_premises where premise_id = $1 order by meter_id',
    [premiseId],
  );
  return rows.map((r) => r.meter_id);
}

/** Whether another meter of the house measures the same resource under this serial number. */
export async function isSerialTaken(
  db: Queryable,
  m: { houseId: number; resource: string; serialNumber: string; exceptId?: number | undefined },
): Promise<boolean> {
  const row = await db.maybeOne(
    `select 1 from meters where house_id = $1 and resource = $2 and lower(serial_number) = lower($3)
        and id <> coalesce($4::bigint, 0)`,
    [m.houseId, m.resource, m.serialNumber, m.exceptId ?? null],
  );
  return row !== undefined;
}

export async function insertMeter(
  db: Queryable,
  houseId: number,
  m: MeterFields & { replacesMeterId?: number | null },
  premiseIds: readonly number[],
  createdBy: number | null,
): Promise<number> {
  const keys = Object.keys(columns) as (keyof MeterFields)[];
  const names = [...keys.map((k) => columns[k]), 'house_id', 'replaces_meter_id', 'created_by'];
  const values = [...keys.map((k) => m[k]), houseId, m.replacesMeterId ?? null, createdBy];
  const row = await db.maybeOne<{ id: number }>(
    `insert into meters (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    values,
  );
  for (const premiseId of premiseIds) {
    await db.query('insert into meter_premises (meter_id, premise_id, created_by) values ($1, $2, $3)', [
      row!.id,
      premiseId,
      createdBy,
    ]);
  }
  return row!.id;
}

/** Changes the given fields of a meter (not its kind, resource, zones or premises). */
export async function updateMeter(
  db: Queryable,
  id: number,
  changes: Partial<MeterFields>,
  at: Date,
): Promise<void> {
  const keys = (Object.keys(changes) as (keyof MeterFields)[]).filter((k) => changes[k] !== undefined);
  if (keys.length === 0) return;
  await db.query(
    `update meters set ${keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2}
      where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}

export async function decommissionMeter(
  db: Queryable,
  id: number,
  on: IsoDate,
  reason: DecommissionReason,
  at: Date,
): Promise<void> {
  await db.query(
    'update meters set decommissioned_on = $2, decommission_reason = $3, updated_at = $4 where id = $1',
    [id, on, reason, at],
  );
}

/** Locks the meter's row: readings of one meter are checked against each other one at a time. */
export async function lockMeter(tx: Queryable, id: number): Promise<void> {
  await tx.query('select id from meters where id = $1 for update', [id]);
}

// --- metering acts ---

export type MeteringActKind = 'access_refused' | 'installation_impossible';
export type MeteringAct = {
  id: number;
  premiseId: number;
  kind: MeteringActKind;
  resource: MeterResource | null;
  actOn: IsoDate;
  endedOn: IsoDate | null;
  note: string | null;
  createdAt: Date;
};

export async function selectMeteringActs(
  db: Queryable,
  premiseIds: readonly number[],
): Promise<MeteringAct[]> {
  const rows = await db.query<Record<string, unknown> & { id: number; created_at: Date }>(
    'select * from metering_acts where premise_id = any($1) order by act_on, id',
    [[...premiseIds]],
  );
  return rows.map((r) => ({
    id: r.id,
    premiseId: r.premise_id as number,
    kind: r.kind as MeteringActKind,
    resource: (r.resource as MeterResource | null) ?? null,
    actOn: r.act_on as IsoDate,
    endedOn: (r.ended_on as IsoDate | null) ?? null,
    note: (r.note as string | null) ?? null,
    createdAt: r.created_at,
  }));
}

export async function insertMeteringAct(
  db: Queryable,
  a: Omit<MeteringAct, 'id' | 'createdAt'>,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into metering_acts (premise_id, kind, resource, act_on, ended_on, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [a.premiseId, a.kind, a.resource, a.actOn, a.endedOn, a.note, createdBy],
  );
  return row!.id;
}

/** Accounts by number with their premise, its shared flat and house (the readings import). */
export async function selectAccountsByNumber(
  db: Queryable,
  numbers: readonly string[],
): Promise<Map<string, { premiseId: number; flatId: number | null; houseId: number }>> {
  const rows = await db.query<{
    number: string;
    premise_id: number;
    flat_id: number | null;
    house_id: number;
  }>(
    `select a.number, a.premise_id, p.flat_id, p.house_id from accounts a join premises p on p.id = a.premise_id
      where a.number = any($1)`,
    [[...numbers]],
  );
  return new Map(
    rows.map((r) => [r.number, { premiseId: r.premise_id, flatId: r.flat_id, houseId: r.house_id }]),
  );
}

/** The common-house meters (ОДПУ) of the houses, every state (the billing loader, a batch of houses). */
export async function selectCommonHouseMeters(
  db: Queryable,
  houseIds: readonly number[],
  intervals: Readonly<Record<string, number>>,
): Promise<Meter[]> {
  const rows = await db.query<Row>(
    `${select} where m.house_id = any($2::bigint[]) and m.kind = 'common_house' order by m.id`,
    [JSON.stringify(intervals), [...houseIds]],
  );
  return rows.map(toMeter);
}
