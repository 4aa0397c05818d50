/**
 * Remittance contracts and the day's collected money per supplier × service as stored (migration 0011;
 * docs/finance.md "Remittance"). Contracts are only inserted or closed (valid_to), by the audited service.
 */
import type { Queryable } from '../client.js';

export const contractKinds = ['supplier', 'manager', 'contractor'] as const;

export type ContractFields = {
  settlementCentreId: number;
  partyId: number;
  kind: (typeof contractKinds)[number];
  number: string;
  signedOn: string;
  /** An exact decimal as text, trailing zeros trimmed: '1.5'. */
  centreFeePercent: string;
  bankAccountId: number;
  validFrom: string;
  validTo: string | null;
  note: string | null;
};

export type Contract = ContractFields & {
  id: number;
  partyName: string;
  partyInn: string;
  partyKpp: string | null;
  bankAccount: string;
  bik: string;
  bankName: string;
  createdAt: Date;
};

const select = `select c.id, c.settlement_centre_id as "settlementCentreId", c.party_id as "partyId", c.kind,
    c.number, c.signed_on::text as "signedOn", trim_scale(c.centre_fee_percent)::text as "centreFeePercent",
    c.bank_account_id as "bankAccountId", c.valid_from::text as "validFrom", c.valid_to::text as "validTo",
    c.note, o.name as "partyName", o.inn as "partyInn", o.kpp as "partyKpp", b.account as "bankAccount", b.bik,
    b.bank_name as "bankName", c.created_at as "createdAt"
  from remittance_contracts c join organisations o on o.id = c.party_id join bank_accounts b on b.id = c.bank_account_id`;

export async function selectContracts(
  q: Queryable,
  settlementCentreId: number,
  f: { partyId?: number | undefined; onDate?: string | undefined },
): Promise<Contract[]> {
  return q.query<Contract>(
    `${select} where c.settlement_centre_id = $1 and ($2::bigint is null or c.party_id = $2)
       and ($3::date is null or (c.valid_from <= $3::date and (c.valid_to is null or c.valid_to >= $3::date)))
     order by o.name, c.party_id, c.valid_from, c.id`,
    [settlementCentreId, f.partyId ?? null, f.onDate ?? null],
  );
}

export async function selectContract(q: Queryable, id: number): Promise<Contract | undefined> {
  return q.maybeOne<Contract>(`${select} where c.id = $1`, [id]);
}

export async function insertContract(
  q: Queryable,
  c: ContractFields,
  createdBy: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into remittance_contracts (settlement_centre_id, party_id, kind, number, signed_on, centre_fee_percent,
       bank_account_id, valid_from, valid_to, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      c.settlementCentreId,
      c.partyId,
      c.kind,
      c.number,
      c.signedOn,
      c.centreFeePercent,
      c.bankAccountId,
      c.validFrom,
      c.validTo,
      c.note,
      createdBy,
    ],
  );
  return row!.id;
}

export async function setContractValidTo(q: Queryable, id: number, validTo: string): Promise<void> {
  await q.query('update remittance_contracts set valid_to = $2 where id = $1', [id, validTo]);
}

/** One payment part received on a day, with its payment's amount and agent's fee (to split the fee). */
export type DayPart = {
  paymentId: number;
  paymentAmountKop: number;
  paymentFeeKop: number;
  supplierId: number | null;
  service: string | null;
  amountKop: number;
};

/** Every part of the payments the centre received on a day (reversals included: they are negative). */
export async function selectDayParts(
  q: Queryable,
  settlementCentreId: number,
  day: string,
): Promise<DayPart[]> {
  return q.query<DayPart>(
    `select p.id as "paymentId", p.amount_kop as "paymentAmountKop", p.fee_kop as "paymentFeeKop",
        pp.supplier_id as "supplierId", s.code as service, pp.amount_kop as "amountKop"
       from payments p join payment_parts pp on pp.payment_id = p.id left join services s on s.id = pp.service_id
      where p.settlement_centre_id = $1 and p.received_on = $2::date
      order by p.id, pp.id`,
    [settlementCentreId, day],
  );
}
