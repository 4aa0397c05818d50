/**
 * What an import file refers to, found in bulk: organisations by external id or ИНН, houses, premises and
 * accounts by external id (or number), with what the checks need (scope, address, floors…).
 */
import type { Queryable } from '../client.js';

export type OrganisationRef = {
  id: number;
  kind: string;
  name: string;
  inn: string;
  kpp: string | null;
  external_id: string | null;
  settlement_centre_id: number | null;
};

/** Organisations with one of the external ids, or one of the ИНН. */
export async function selectOrganisationRefs(
  q: Queryable,
  refs: { externalIds: readonly string[]; inns: readonly string[] },
): Promise<OrganisationRef[]> {
  return q.query<OrganisationRef>(
    `select id, kind, name, inn, kpp, external_id, settlement_centre_id from organisations
      where external_id = any($1::text[]) or inn = any($2::text[]) order by id`,
    [[...refs.externalIds], [...refs.inns]],
  );
}

export type HouseRef = {
  id: number;
  external_id: string;
  settlement_centre_id: number;
  floors: number | null;
  entrances: number | null;
  city: string;
  street: string;
  house_number: string;
  building: string | null;
};

export async function selectHouseRefs(q: Queryable, externalIds: readonly string[]): Promise<HouseRef[]> {
  return q.query<HouseRef>(
    `select id, external_id, settlement_centre_id, floors, entrances, city, street, house_number, building
       from houses where external_id = any($1::text[])`,
    [[...externalIds]],
  );
}

export type PremiseRef = {
  id: number;
  external_id: string | null;
  house_id: number;
  kind: 'flat' | 'room' | 'non_residential';
  number: string;
  flat_id: number | null;
  flat_number: string | null;
  is_shared_flat: boolean;
  settlement_centre_id: number;
  city: string;
  street: string;
  house_number: string;
  building: string | null;
};

const premiseSelect = `select p.id, p.external_id, p.house_id, p.kind, p.number, p.flat_id, f.number as flat_number,
    p.is_shared_flat, h.settlement_centre_id, h.city, h.street, h.house_number, h.building
  from premises p join houses h on h.id = p.house_id left join premises f on f.id = p.flat_id`;

export async function selectPremiseRefs(q: Queryable, externalIds: readonly string[]): Promise<PremiseRef[]> {
  return q.query<PremiseRef>(`${premiseSelect} where p.external_id = any($1::text[])`, [[...externalIds]]);
}

/** Every premise of the houses (to check that numbers stay unique within a house and a flat). */
export async function selectPremisesOfHouses(
  q: Queryable,
  houseIds: readonly number[],
): Promise<PremiseRef[]> {
  return q.query<PremiseRef>(`${premiseSelect} where p.house_id = any($1::bigint[])`, [[...houseIds]]);
}

export type AccountRef = {
  id: number;
  external_id: string | null;
  number: string;
  premise_id: number;
  house_id: number;
  settlement_centre_id: number;
};

const accountSelect = `select a.id, a.external_id, a.number, a.premise_id, p.house_id, h.settlement_centre_id
  from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id`;

export async function selectAccountRefs(
  q: Queryable,
  refs: { externalIds: readonly string[]; numbers: readonly string[] },
): Promise<AccountRef[]> {
  return q.query<AccountRef>(
    `${accountSelect} where a.external_id = any($1::text[]) or a.number = any($2::text[])`,
    [[...refs.externalIds], [...refs.numbers]],
  );
}

export type ShareSpan = {
  id: number;
  premise_id: number;
  area_share: string;
  opened_on: string;
  closed_on: string | null;
};

/** The accounts of the premises with their shares and dates (the rule: shares in force sum to ≤ 1). */
export async function selectShareSpans(q: Queryable, premiseIds: readonly number[]): Promise<ShareSpan[]> {
  return q.query<ShareSpan>(
    `select id, premise_id, trim_scale(area_share)::text as area_share, opened_on::text, closed_on::text
       from accounts where premise_id = any($1::bigint[])`,
    [[...premiseIds]],
  );
}

/**
 * Reserves `n` consecutive serials of new account numbers, past every number in use and past `atLeast`
 * (numbers the file gives); returns the first.
 */
export async function reserveAccountSerials(q: Queryable, n: number, atLeast: number): Promise<number> {
  const row = await q.maybeOne<{ serial: number; last: string | null }>(
    `select nextval('account_serials')::bigint as serial, (select max(number) from accounts) as last`,
  );
  const first = Math.max(row!.serial, row!.last ? Number(row!.last.slice(0, 9)) + 1 : 1, atLeast + 1);
  await q.query(`select setval('account_serials', $1)`, [first + n - 1]);
  return first;
}
