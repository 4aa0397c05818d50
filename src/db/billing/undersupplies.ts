/** Undersupply records: interruptions and quality deviations of a service (RULES.md §5). */
import type { Queryable } from '../client.js';

export const undersupplyKinds = ['interruption', 'hot_water_temperature', 'room_temperature'] as const;
export type UndersupplyKind = (typeof undersupplyKinds)[number];
export const undersupplyScopes = ['house', 'entrance', 'accounts'] as const;

export type UndersupplyFields = {
  houseId: number;
  serviceId: number;
  scopeKind: (typeof undersupplyScopes)[number];
  entrance: string | null;
  accountIds: number[];
  /** Local time 'YYYY-MM-DDTHH:MM'. */
  startsAt: string;
  endsAt: string;
  kind: UndersupplyKind;
  measured: string | null;
  norm: string | null;
  night: boolean;
  roomTemperature: string | null;
  powerSources: 1 | 2 | null;
  deadEndAccident: boolean;
  note: string | null;
};

export type Undersupply = UndersupplyFields & {
  id: number;
  serviceName: string;
  createdAt: Date;
  createdBy: number | null;
};

const select = `select u.id, u.house_id as "houseId", u.service_id as "serviceId", s.name as "serviceName",
    u.scope_kind as "scopeKind", u.entrance, u.account_ids as "accountIds",
    to_char(u.starts_at, 'YYYY-MM-DD"T"HH24:MI') as "startsAt", to_char(u.ends_at, 'YYYY-MM-DD"T"HH24:MI') as "endsAt",
    u.kind, trim_scale(u.measured)::text as measured, trim_scale(u.norm)::text as norm, u.night,
    trim_scale(u.room_temperature)::text as "roomTemperature", u.power_sources as "powerSources",
    u.dead_end_accident as "deadEndAccident", u.note, u.created_at as "createdAt", u.created_by as "createdBy"
  from undersupplies u join services s on s.id = u.service_id`;

/** The house's (or houses') records that overlap [from, to] (dates; one ending at 00:00 of `from` does not). */
export async function selectUndersupplies(
  db: Queryable,
  houseId: number | readonly number[],
  from?: string,
  to?: string,
): Promise<Undersupply[]> {
  return db.query<Undersupply>(
    `${select} where u.house_id = any($1::bigint[])
        and ($2::date is null or u.ends_at > $2::date) and ($3::date is null or u.starts_at < $3::date + 1)
      order by u.starts_at, u.id`,
    [typeof houseId === 'number' ? [houseId] : [...houseId], from ?? null, to ?? null],
  );
}

export async function selectUndersupply(db: Queryable, id: number): Promise<Undersupply | undefined> {
  return db.maybeOne<Undersupply>(`${select} where u.id = $1`, [id]);
}

export async function insertUndersupply(
  db: Queryable,
  u: UndersupplyFields,
  at: Date,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into undersupplies (house_id, service_id, scope_kind, entrance, account_ids, starts_at, ends_at, kind,
        measured, norm, night, room_temperature, power_sources, dead_end_accident, note, created_at, created_by)
     values ($1, $2, $3, $4, $5::bigint[], $6::timestamp, $7::timestamp, $8, $9::numeric, $10::numeric, $11,
        $12::numeric, $13, $14, $15, $16, $17)
     returning id`,
    [
      u.houseId,
      u.serviceId,
      u.scopeKind,
      u.entrance,
      u.accountIds,
      u.startsAt,
      u.endsAt,
      u.kind,
      u.measured,
      u.norm,
      u.night,
      u.roomTemperature,
      u.powerSources,
      u.deadEndAccident,
      u.note,
      at,
      createdBy,
    ],
  );
  return row!.id;
}
