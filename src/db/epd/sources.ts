/**
 * What an ЕПД is built from, read for a set of accounts at once (docs/epd.md "Building from the database"):
 * the account and its premise, address, area and registrations on a date; the house's manager; the
 * organisations' requisites and primary bank account; the premise's meters with their last reading; the
 * last payment; payments in a date range; the causes of recalculation requests. Charge lines and the
 * turnover are read through their own modules (services/billing/charges.ts, db/finance/balances.ts).
 */
import type { EpdOrganisation } from '../../domain/epd/snapshot.js';
import type { Queryable } from '../client.js';

export type EpdAccountRow = {
  id: number;
  number: string;
  houseId: number;
  settlementCentreId: number;
  districtId: number | null;
  payerKind: 'person' | 'organisation';
  payerName: string;
  premiseKind: 'flat' | 'room' | 'non_residential';
  premiseNumber: string;
  flatNumber: string | null;
  city: string;
  street: string;
  houseNumber: string;
  building: string | null;
  /** The premise's total area on the date, null when none is recorded. */
  premiseArea: string | null;
  areaShare: string;
  registered: number;
  temporary: number;
  managerId: number | null;
};

/** Accounts with their facts on `date` (the last day of the billed month), in id order. */
export async function selectEpdAccounts(
  q: Queryable,
  accountIds: readonly number[],
  date: string,
): Promise<EpdAccountRow[]> {
  const rows = await q.query<EpdAccountRow>(
    `select a.id, a.number, h.id as "houseId", h.settlement_centre_id as "settlementCentreId",
            h.district_id as "districtId", a.payer_kind as "payerKind", a.payer_name as "payerName",
            p.kind as "premiseKind", p.number as "premiseNumber", fp.number as "flatNumber",
            h.city, h.street, h.house_number as "houseNumber", h.building,
            (select trim_scale(pa.total_area)::text from premise_areas pa
              where pa.premise_id = p.id and pa.valid_from <= $2::date
                and (pa.valid_to is null or pa.valid_to >= $2::date)
              order by pa.valid_from desc limit 1) as "premiseArea",
            trim_scale(a.area_share)::text as "areaShare",
            (select count(*) from registrations r where r.account_id = a.id and r.kind = 'permanent'
                and r.valid_from <= $2::date and (r.valid_to is null or r.valid_to >= $2::date))::int as registered,
            (select count(*) from registrations r where r.account_id = a.id and r.kind = 'temporary'
                and r.valid_from <= $2::date and (r.valid_to is null or r.valid_to >= $2::date))::int as temporary,
            (select hm.manager_id from house_managers hm where hm.house_id = h.id and hm.valid_from <= $2::date
                and (hm.valid_to is null or hm.valid_to >= $2::date)
              order by hm.valid_from desc limit 1) as "managerId"
       from accounts a
       join premises p on p.id = a.premise_id
       left join premises fp on fp.id = p.flat_id
       join houses h on h.id = p.house_id
      where a.id = any($1::bigint[])
      order by a.id`,
    [[...accountIds], date],
  );
  return rows.map((r) => ({ ...r, registered: Number(r.registered), temporary: Number(r.temporary) }));
}

/** The accounts of houses that were open at some day of the period (first…last day). */
export async function selectHouseAccountIds(
  q: Queryable,
  houseId: number,
  from: string,
  to: string,
): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `select a.id from accounts a join premises p on p.id = a.premise_id
      where p.house_id = $1 and a.opened_on <= $3::date and (a.closed_on is null or a.closed_on >= $2::date)
      order by a.id`,
    [houseId, from, to],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Requisites of organisations for a bill: name, ИНН/КПП, address (postal, else legal), phone, e-mail and the
 * primary bank account valid on `date` (else the latest valid one). `bank` is null when it has none.
 */
export async function selectEpdOrganisations(
  q: Queryable,
  ids: readonly number[],
  date: string,
): Promise<Map<number, Omit<EpdOrganisation, 'bank' | 'code'> & { bank: EpdOrganisation['bank'] | null }>> {
  const rows = await q.query<{
    id: number;
    name: string;
    inn: string;
    kpp: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    bankName: string | null;
    bik: string | null;
    account: string | null;
    correspondentAccount: string | null;
  }>(
    `select o.id, o.name, o.inn, o.kpp, coalesce(o.postal_address, o.legal_address) as address, o.phone, o.email,
            b.bank_name as "bankName", b.bik, b.account, b.correspondent_account as "correspondentAccount"
       from organisations o
       left join lateral (
         select * from bank_accounts b where b.organisation_id = o.id and b.valid_from <= $2::date
            and (b.valid_to is null or b.valid_to >= $2::date)
          order by b.is_primary desc, b.valid_from desc, b.id desc limit 1) b on true
      where o.id = any($1::bigint[])`,
    [[...ids], date],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        name: r.name,
        inn: r.inn,
        kpp: r.kpp,
        address: r.address ?? '',
        phone: r.phone,
        email: r.email,
        website: null,
        workingHours: null,
        bank:
          r.account === null
            ? null
            : {
                bankName: r.bankName!,
                bik: r.bik!,
                account: r.account,
                correspondentAccount: r.correspondentAccount,
              },
      },
    ]),
  );
}

export type EpdMeterRow = {
  accountId: number;
  meterId: number;
  resource: string;
  serviceName: string;
  serialNumber: string;
  zoneCount: number;
  commissionedOn: string;
  lastVerifiedOn: string | null;
  verificationIntervalYears: number | null;
  readOn: string | null;
  valueSingle: string | null;
  valueDay: string | null;
  valueNight: string | null;
  valuePeak: string | null;
  valueSemiPeak: string | null;
};

/**
 * The individual, room and flat meters of the accounts' premises in service on `date`, each with its last
 * counted (accepted) reading of a period up to `period`.
 */
export async function selectEpdMeters(
  q: Queryable,
  accountIds: readonly number[],
  period: string,
  date: string,
): Promise<EpdMeterRow[]> {
  return q.query<EpdMeterRow>(
    `select a.id as "accountId", m.id as "meterId", m.resource,
            coalesce((select s.name from services s where s.code = m.resource), m.resource) as "serviceName",
            m.serial_number as "serialNumber", m.zone_count as "zoneCount",
            m.commissioned_on::text as "commissionedOn", m.last_verified_on::text as "lastVerifiedOn",
            m.verification_interval_years as "verificationIntervalYears", r.read_on::text as "readOn",
            trim_scale(r.value_single)::text as "valueSingle", trim_scale(r.value_day)::text as "valueDay",
            trim_scale(r.value_night)::text as "valueNight", trim_scale(r.value_peak)::text as "valuePeak",
            trim_scale(r.value_semi_peak)::text as "valueSemiPeak"
       from accounts a
       join premises p on p.id = a.premise_id
       join meter_premises mp on mp.premise_id = p.id or mp.premise_id = p.flat_id
       join meters m on m.id = mp.meter_id
       left join lateral (
         select * from meter_readings r where r.meter_id = m.id and r.state = 'accepted' and r.period <= $2
          order by r.read_on desc, r.id desc limit 1) r on true
      where a.id = any($1::bigint[]) and m.kind in ('individual', 'room', 'flat')
        and m.commissioned_on <= $3::date and (m.decommissioned_on is null or m.decommissioned_on > $3::date)
      order by a.id, m.resource, m.serial_number, m.id`,
    [[...accountIds], period, date],
  );
}

/** The date of each account's last payment received up to `date` (a reversal is not a payment). */
export async function selectLastPaymentDates(
  q: Queryable,
  accountIds: readonly number[],
  date: string,
): Promise<Map<number, string>> {
  const rows = await q.query<{ accountId: number; paidOn: string }>(
    `select account_id as "accountId", max(paid_on)::text as "paidOn" from payments
      where account_id = any($1::bigint[]) and paid_on <= $2::date and amount_kop > 0
      group by account_id`,
    [[...accountIds], date],
  );
  return new Map(rows.map((r) => [Number(r.accountId), r.paidOn]));
}

/** Payments of an account by their allocated parts, paid from … to (both included): what the balance saw. */
export async function selectPaidBetween(
  q: Queryable,
  accountId: number,
  from: string,
  to: string,
): Promise<number> {
  const row = await q.maybeOne<{ kop: number }>(
    `select coalesce(sum(pp.amount_kop), 0)::bigint as kop
       from payment_parts pp join payments p on p.id = pp.payment_id
      where pp.account_id = $1 and p.paid_on between $2::date and $3::date`,
    [accountId, from, to],
  );
  return Number(row!.kop);
}

/** The reasons of recalculation requests by id. */
export async function selectRequestReasons(
  q: Queryable,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: number; reason: string }>(
    'select id, reason from recalculation_requests where id = any($1::bigint[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [Number(r.id), r.reason]));
}

/** The houses of a scope of a batch (a house, a manager's houses on a date, a district), in address order. */
export async function selectScopeHouses(
  q: Queryable,
  scope: { kind: 'house' | 'manager' | 'district'; id: number },
  date: string,
): Promise<{ id: number; settlementCentreId: number }[]> {
  const where =
    scope.kind === 'house'
      ? 'h.id = $1'
      : scope.kind === 'district'
        ? 'h.district_id = $1'
        : `exists (select 1 from house_managers hm where hm.house_id = h.id and hm.manager_id = $1
             and hm.valid_from <= $2::date and (hm.valid_to is null or hm.valid_to >= $2::date))`;
  const rows = await q.query<{ id: number; settlementCentreId: number }>(
    `select h.id, h.settlement_centre_id as "settlementCentreId" from houses h
      where ${where} and $2::date is not null order by h.street, h.house_number, h.id`,
    [scope.id, date],
  );
  return rows.map((r) => ({ id: Number(r.id), settlementCentreId: Number(r.settlementCentreId) }));
}
