/**
 * The registry rows the billing loader needs for one house and period, in a few set-based queries per house
 * (never one per account): the house's service versions, the tariffs that can apply to it, its norms, the
 * legal parameters, its accounts with their premises' areas, and its undersupply records (docs/billing.md).
 */
import type { Queryable } from '../client.js';

export type BillingHouseRow = {
  id: number;
  settlementCentreId: number;
  region: string;
  totalArea: string | null;
  commonArea: string | null;
  coldWater: string;
  hotWater: string;
  heating: string;
  hasGas: boolean;
  hasElectricStoves: boolean;
  hasLift: boolean;
};

/** The houses' rows (those that exist), by id. */
export async function selectBillingHouses(
  db: Queryable,
  houseIds: readonly number[],
): Promise<Map<number, BillingHouseRow>> {
  const rows = await db.query<{
    id: number;
    settlement_centre_id: number;
    region: string;
    total_area: string | null;
    common_area: string | null;
    cold_water: string;
    hot_water: string;
    heating: string;
    has_gas: boolean;
    has_electric_stoves: boolean;
    has_lift: boolean;
  }>(
    `select id, settlement_centre_id, region, trim_scale(total_area)::text as total_area,
            trim_scale(common_area)::text as common_area, cold_water, hot_water, heating, has_gas,
            has_electric_stoves, has_lift
       from houses where id = any($1::bigint[])`,
    [[...houseIds]],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        settlementCentreId: row.settlement_centre_id,
        region: row.region,
        totalArea: row.total_area,
        commonArea: row.common_area,
        coldWater: row.cold_water,
        hotWater: row.hot_water,
        heating: row.heating,
        hasGas: row.has_gas,
        hasElectricStoves: row.has_electric_stoves,
        hasLift: row.has_lift,
      },
    ]),
  );
}

export type ServiceRow = {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: 'utility' | 'housing';
  resource: string | null;
};

export async function selectServiceCatalogue(db: Queryable): Promise<ServiceRow[]> {
  return db.query<ServiceRow>('select id, code, name, unit, kind, resource from services order by id');
}

/** A row of one of several houses read in one query (a batch of a run, docs/performance.md). */
export type OfHouse<T> = T & { houseId: number };

export type HouseServiceVersionRow = {
  id: number;
  serviceId: number;
  supplierId: number;
  method: string;
  validFrom: string;
  validTo: string | null;
};

/** The houses' service versions that overlap [from, to]. */
export async function selectHouseServiceVersions(
  db: Queryable,
  houseIds: readonly number[],
  from: string,
  to: string,
): Promise<OfHouse<HouseServiceVersionRow>[]> {
  return db.query<OfHouse<HouseServiceVersionRow>>(
    `select house_id as "houseId", id, service_id as "serviceId", supplier_id as "supplierId", method,
            valid_from as "validFrom", valid_to as "validTo"
       from house_services
      where house_id = any($1::bigint[]) and valid_from <= $3::date and (valid_to is null or valid_to >= $2::date)
      order by house_id, service_id, valid_from, id`,
    [[...houseIds], from, to],
  );
}

export type TariffCandidateRow = {
  id: number;
  serviceId: number;
  supplierId: number;
  zone: 'single' | 'day' | 'night' | 'peak' | 'semi_peak';
  rate: string;
  city: string | null;
  houseIds: number[];
  validFrom: string;
  validTo: string | null;
};

/**
 * Every tariff version overlapping [from, to] that can apply to the house: listed for it, or of its region
 * (and city) without a list — the candidates the registry's precedence (chooseTariffs) picks from.
 */
export async function selectTariffCandidates(
  db: Queryable,
  houseIds: readonly number[],
  from: string,
  to: string,
): Promise<OfHouse<TariffCandidateRow>[]> {
  return db.query<OfHouse<TariffCandidateRow>>(
    `select h.id as "houseId", t.id, t.service_id as "serviceId", t.supplier_id as "supplierId", t.zone,
            trim_scale(t.rate)::text as rate, t.city, t.valid_from as "validFrom", t.valid_to as "validTo",
            coalesce((select jsonb_agg(th.house_id order by th.house_id) from tariff_houses th
                       where th.tariff_id = t.id), '[]'::jsonb) as "houseIds"
       from tariffs t, houses h
      where h.id = any($1::bigint[]) and t.valid_from <= $3::date and (t.valid_to is null or t.valid_to >= $2::date)
        and (exists (select 1 from tariff_houses th where th.tariff_id = t.id and th.house_id = h.id)
             or (not exists (select 1 from tariff_houses th where th.tariff_id = t.id)
                 and lower(h.region) = lower(t.region) and (t.city is null or lower(h.city) = lower(t.city))))
      order by h.id, t.service_id, t.supplier_id, t.zone, t.valid_from, t.id`,
    [[...houseIds], from, to],
  );
}

export type NormRow = {
  id: number;
  serviceId: number;
  category: string;
  value: string;
  validFrom: string;
  validTo: string | null;
};

/** Norm versions of the region for the given services, overlapping [from, to]. */
export async function selectNormsOverlapping(
  db: Queryable,
  region: string,
  serviceIds: readonly number[],
  from: string,
  to: string,
): Promise<NormRow[]> {
  return db.query<NormRow>(
    `select id, service_id as "serviceId", category, trim_scale(value)::text as value,
            valid_from as "validFrom", valid_to as "validTo"
       from norms
      where lower(region) = lower($1) and service_id = any($2::bigint[])
        and valid_from <= $4::date and (valid_to is null or valid_to >= $3::date)
      order by service_id, category, valid_from`,
    [region, [...serviceIds], from, to],
  );
}

export type LegalRow = { id: number; code: string; value: string; validFrom: string; validTo: string | null };

/** Legal parameter versions overlapping [from, to], federal or of the region. */
export async function selectLegalOverlapping(
  db: Queryable,
  region: string,
  from: string,
  to: string,
): Promise<LegalRow[]> {
  return db.query<LegalRow>(
    `select id, code, value, valid_from as "validFrom", valid_to as "validTo"
       from legal_parameters
      where (region is null or lower(region) = lower($1))
        and valid_from <= $3::date and (valid_to is null or valid_to >= $2::date)
      order by code, valid_from, id`,
    [region, from, to],
  );
}

export type BillingAccountRow = {
  id: number;
  number: string;
  premiseId: number;
  premiseKind: 'flat' | 'room' | 'non_residential';
  /** A room's shared flat (premises.flat_id), null for a flat or a non-residential premise. */
  flatId: number | null;
  entrance: number | null;
  areaShare: string;
  openedOn: string;
  closedOn: string | null;
  areas: { id: number; area: string; validFrom: string; validTo: string | null }[];
};

/**
 * The accounts of the houses open on some day of [from, to], each with its premise's area versions. Plain
 * rows (an account once per area version) grouped here: the jsonb_agg of the areas per account was the
 * costliest read of a run (33.7 ms a batch of 24 houses on the server against 8.5 ms, and more CPU in Node to
 * parse its JSON than these rows). The premises are listed first (`= any(array(…))`): joined on the house,
 * the planner expected few premises and hashed the whole premise_areas table.
 */
export async function selectBillingAccounts(
  db: Queryable,
  houseIds: readonly number[],
  from: string,
  to: string,
): Promise<OfHouse<BillingAccountRow>[]> {
  const rows = await db.query<
    Omit<OfHouse<BillingAccountRow>, 'areas'> & {
      areaId: number | null;
      area: string | null;
      areaFrom: string | null;
      areaTo: string | null;
    }
  >(
    `select p.house_id as "houseId", a.id, a.number, a.premise_id as "premiseId", p.kind as "premiseKind", p.flat_id as "flatId", p.entrance, trim_scale(a.area_share)::text as "areaShare",
            a.opened_on as "openedOn", a.closed_on as "closedOn", pa.id as "areaId",
            trim_scale(pa.total_area)::text as area, pa.valid_from as "areaFrom", pa.valid_to as "areaTo"
       from accounts a join premises p on p.id = a.premise_id
       left join premise_areas pa on pa.premise_id = p.id and pa.valid_from <= $3::date
        and (pa.valid_to is null or pa.valid_to >= $2::date)
      where p.id = any(array(select id from premises where house_id = any($1::bigint[])))
        and a.opened_on <= $3::date and (a.closed_on is null or a.closed_on >= $2::date)
      order by a.id, pa.valid_from, pa.id`,
    [[...houseIds], from, to],
  );
  const out: OfHouse<BillingAccountRow>[] = [];
  let last: OfHouse<BillingAccountRow> | undefined;
  for (const r of rows) {
    if (last?.id !== r.id) {
      last = {
        houseId: r.houseId,
        id: r.id,
        number: r.number,
        premiseId: r.premiseId,
        premiseKind: r.premiseKind,
        flatId: r.flatId,
        entrance: r.entrance,
        areaShare: r.areaShare,
        openedOn: r.openedOn,
        closedOn: r.closedOn,
        areas: [],
      };
      out.push(last);
    }
    if (r.areaId !== null)
      last.areas.push({ id: r.areaId, area: r.area!, validFrom: r.areaFrom!, validTo: r.areaTo });
  }
  return out;
}

export type RegistrationRow = {
  id: number;
  accountId: number;
  personId: number;
  kind: 'permanent' | 'temporary';
  validFrom: string;
  validTo: string | null;
};

/**
 * The registrations (residents module) of the houses' accounts that overlap [from, to]. The premises are
 * listed first (`= any(array(…))`): joined, the planner walked the whole premises index for a batch of a
 * million-account region (0.65 s a batch, the largest part of the run; docs/performance.md).
 */
export async function selectHouseRegistrations(
  db: Queryable,
  houseIds: readonly number[],
  from: string,
  to: string,
): Promise<OfHouse<RegistrationRow>[]> {
  return db.query<OfHouse<RegistrationRow>>(
    `select p.house_id as "houseId", r.id, r.account_id as "accountId", r.person_id as "personId", r.kind, r.valid_from as "validFrom",
            r.valid_to as "validTo"
       from registrations r join premises p on p.id = r.premise_id
      where r.premise_id = any(array(select id from premises where house_id = any($1::bigint[])))
        and r.valid_from <= $3::date and (r.valid_to is null or r.valid_to >= $2::date)
      order by r.account_id, r.id`,
    [[...houseIds], from, to],
  );
}

export type AbsenceRow = { id: number; accountId: number; departedOn: string; returnedOn: string };

/** The accepted temporary absences (residents module) of the given accounts that overlap [from, to]. */
export async function selectHouseAbsences(
  db: Queryable,
  accountIds: readonly number[],
  from: string,
  to: string,
): Promise<OfHouse<AbsenceRow>[]> {
  return db.query<OfHouse<AbsenceRow>>(
    `select p.house_id as "houseId", ab.id, ab.account_id as "accountId", ab.departed_on as "departedOn", ab.returned_on as "returnedOn"
       from absences ab join accounts a on a.id = ab.account_id join premises p on p.id = a.premise_id
      where ab.account_id = any($1::bigint[]) and ab.status = 'accepted' and ab.departed_on <= $3::date and ab.returned_on >= $2::date
      order by ab.account_id, ab.id`,
    [[...accountIds], from, to],
  );
}

export type AverageLineRow = {
  accountId: number;
  serviceId: number;
  period: string;
  zone: string | null;
  volume: string;
};

/** The volumes the houses' accounts were charged by the п.59 average before `period` (a late reading, §1.4). */
export async function selectAverageLines(
  db: Queryable,
  houseIds: readonly number[],
  period: string,
): Promise<OfHouse<AverageLineRow>[]> {
  return db.query<OfHouse<AverageLineRow>>(
    `select house_id as "houseId", account_id as "accountId", service_id as "serviceId", period, zone, trim_scale(volume)::text as volume
       from charge_lines
      where house_id = any($1::bigint[]) and method = 'by_average' and origin = 'original'
        and superseded_at is null and period < $2 and volume is not null
      order by account_id, service_id, period`,
    [[...houseIds], period],
  );
}

export type PremiseMeteringRow = {
  houseId: number;
  premiseId: number;
  hasMeter: boolean;
  impossible: string[];
};

/**
 * The houses' premises that have a meter bound to them or an act in force in [from, to] saying no meter can be
 * installed (tables of the meters module): whether a meter is bound, and the acts' resources ('*' for all).
 * A premise absent has neither (most premises: listing every premise with two subqueries each cost twice
 * the server time and ten times the rows).
 */
export async function selectPremiseMetering(
  db: Queryable,
  houseIds: readonly number[],
  from: string,
  to: string,
): Promise<PremiseMeteringRow[]> {
  return db.query<PremiseMeteringRow>(
    `select p.house_id as "houseId", p.id as "premiseId", bool_or(k.meter) as "hasMeter",
            coalesce(array_agg(distinct k.resource) filter (where not k.meter), '{}') as impossible
       from premises p
       join (select premise_id, true as meter, null::text as resource from meter_premises
             union all
             select premise_id, false, coalesce(resource, '*') from metering_acts
              where kind = 'installation_impossible' and act_on <= $3::date
                and (ended_on is null or ended_on >= $2::date)) k on k.premise_id = p.id
      where p.house_id = any($1::bigint[])
      group by p.house_id, p.id`,
    [[...houseIds], from, to],
  );
}
