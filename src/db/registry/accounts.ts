/** Accounts (лицевые счета), their split/merge links and numbers. Finding them: account-search.ts. */
import type { IsoDate } from '../../domain/period.js';
import type { Queryable } from '../client.js';
import { formatAddress } from './houses.js';
import { premiseLabel, type PremiseKind } from './premises.js';

export type PayerKind = 'person' | 'organisation';
export type AccountStatus = 'open' | 'closed';

export type Account = {
  id: number;
  number: string;
  externalId: string | null;
  premise: { id: number; number: string; kind: PremiseKind; label: string };
  house: { id: number; address: string };
  settlementCentreId: number;
  payerKind: PayerKind;
  payerName: string;
  payerOrganisationId: number | null;
  /** The part of the premise's area the account pays for: an exact decimal, '1' for the whole. */
  areaShare: string;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  status: AccountStatus;
  closeReason: string | null;
  createdAt: Date;
};

export type NewAccount = {
  premiseId: number;
  payerKind: PayerKind;
  payerName: string;
  payerOrganisationId: number | null;
  areaShare: string;
  openedOn: IsoDate;
};

/** A split or merge as seen from one account: the other account, and when. */
export type AccountLink = {
  id: number;
  number: string;
  payerName: string;
  kind: 'split' | 'merge';
  onDate: IsoDate;
};

// --- reading ---

export type AccountRow = {
  id: number;
  number: string;
  external_id: string | null;
  premise_id: number;
  premise_number: string;
  premise_kind: PremiseKind;
  flat_number: string | null;
  house_id: number;
  settlement_centre_id: number;
  city: string;
  street: string;
  house_number: string;
  building: string | null;
  payer_kind: PayerKind;
  payer_name: string;
  payer_organisation_id: number | null;
  area_share: string;
  opened_on: IsoDate;
  closed_on: IsoDate | null;
  status: AccountStatus;
  close_reason: string | null;
  created_at: Date;
};

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  number: r.number,
  externalId: r.external_id,
  premise: {
    id: r.premise_id,
    number: r.premise_number,
    kind: r.premise_kind,
    label: premiseLabel({ kind: r.premise_kind, number: r.premise_number, flatNumber: r.flat_number }),
  },
  house: {
    id: r.house_id,
    address: formatAddress({
      city: r.city,
      street: r.street,
      houseNumber: r.house_number,
      building: r.building,
    }),
  },
  settlementCentreId: r.settlement_centre_id,
  payerKind: r.payer_kind,
  payerName: r.payer_name,
  payerOrganisationId: r.payer_organisation_id,
  areaShare: r.area_share,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  status: r.status,
  closeReason: r.close_reason,
  createdAt: r.created_at,
});

export const accountSelect = `select a.id, a.number, a.external_id, a.premise_id, a.payer_kind, a.payer_name, a.payer_organisation_id,
    trim_scale(a.area_share) as area_share, a.opened_on, a.closed_on, a.status, a.close_reason, a.created_at,
    p.number as premise_number, p.kind as premise_kind, f.number as flat_number,
    h.id as house_id, h.settlement_centre_id, h.city, h.street, h.house_number, h.building
  from accounts a
  join premises p on p.id = a.premise_id
  left join premises f on f.id = p.flat_id
  join houses h on h.id = p.house_id`;

export async function selectAccount(db: Queryable, id: number): Promise<Account | undefined> {
  const row = await db.maybeOne<AccountRow>(`${accountSelect} where a.id = $1`, [id]);
  return row && toAccount(row);
}

/** The accounts of a premise (open or closed), for the rule on the sum of area shares. */
export async function selectPremiseAccounts(db: Queryable, premiseId: number): Promise<Account[]> {
  const rows = await db.query<AccountRow>(`${accountSelect} where a.premise_id = $1 order by a.id`, [
    premiseId,
  ]);
  return rows.map(toAccount);
}

export async function selectAccountLinks(
  db: Queryable,
  id: number,
): Promise<{ predecessors: AccountLink[]; successors: AccountLink[] }> {
  const rows = await db.query<{
    kind: 'split' | 'merge';
    on_date: IsoDate;
    successor: boolean;
    id: number;
    number: string;
    payer_name: string;
  }>(
    `select l.kind, l.on_date, l.from_account_id = $1 as successor, o.id, o.number, o.payer_name
       from account_links l
       join accounts o on o.id = case when l.from_account_id = $1 then l.to_account_id else l.from_account_id end
      where l.from_account_id = $1 or l.to_account_id = $1
      order by l.on_date, o.number`,
    [id],
  );
  const link = (r: (typeof rows)[number]): AccountLink => ({
    id: r.id,
    number: r.number,
    payerName: r.payer_name,
    kind: r.kind,
    onDate: r.on_date,
  });
  return {
    predecessors: rows.filter((r) => !r.successor).map(link),
    successors: rows.filter((r) => r.successor).map(link),
  };
}

// --- writing ---

/**
 * The serial of the next account number: from the sequence, moved past the highest number in use when a bulk
 * load (the demo town, a legacy import) wrote numbers itself.
 */
export async function nextAccountSerial(tx: Queryable): Promise<number> {
  const row = await tx.maybeOne<{ serial: number; last: string | null }>(
    `select nextval('account_serials')::bigint as serial, (select max(number) from accounts) as last`,
  );
  const lastSerial = row!.last ? Number(row!.last.slice(0, 9)) : 0;
  if (row!.serial > lastSerial) return row!.serial;
  await tx.query(`select setval('account_serials', $1)`, [lastSerial + 1]);
  return lastSerial + 1;
}

export async function insertAccount(
  db: Queryable,
  a: NewAccount & { number: string; searchTokens: string[] },
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into accounts (number, premise_id, payer_kind, payer_name, payer_organisation_id, area_share, opened_on,
       search_tokens, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      a.number,
      a.premiseId,
      a.payerKind,
      a.payerName,
      a.payerOrganisationId,
      a.areaShare,
      a.openedOn,
      a.searchTokens,
      createdBy,
    ],
  );
  return row!.id;
}

/** Closes an open account; false when it was closed already (by a concurrent request). */
export async function closeAccount(
  db: Queryable,
  id: number,
  c: { closedOn: IsoDate; reason: string },
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `update accounts set status = 'closed', closed_on = $2, close_reason = $3, updated_at = $4
      where id = $1 and status = 'open' returning id`,
    [id, c.closedOn, c.reason, at],
  );
  return rows.length === 1;
}

export async function insertAccountLink(
  db: Queryable,
  l: { kind: 'split' | 'merge'; fromAccountId: number; toAccountId: number; onDate: IsoDate },
  createdBy: number | null,
): Promise<void> {
  await db.query(
    `insert into account_links (kind, from_account_id, to_account_id, on_date, created_by) values ($1, $2, $3, $4, $5)`,
    [l.kind, l.fromAccountId, l.toAccountId, l.onDate, createdBy],
  );
}
