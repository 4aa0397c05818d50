/** Bank accounts of organisations: where the money for them is paid, over time. */
import type { Queryable } from './client.js';

export type BankAccount = {
  id: number;
  organisationId: number;
  account: string;
  bik: string;
  bankName: string;
  correspondentAccount: string | null;
  isPrimary: boolean;
  validFrom: string;
  validTo: string | null;
};

type Row = {
  id: number;
  organisation_id: number;
  account: string;
  bik: string;
  bank_name: string;
  correspondent_account: string | null;
  is_primary: boolean;
  valid_from: string;
  valid_to: string | null;
};

const toBankAccount = (r: Row): BankAccount => ({
  id: r.id,
  organisationId: r.organisation_id,
  account: r.account,
  bik: r.bik,
  bankName: r.bank_name,
  correspondentAccount: r.correspondent_account,
  isPrimary: r.is_primary,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function selectBankAccounts(db: Queryable, organisationId: number): Promise<BankAccount[]> {
  const rows = await db.query<Row>(
    'select * from bank_accounts where organisation_id = $1 order by valid_from, id',
    [organisationId],
  );
  return rows.map(toBankAccount);
}

export async function insertBankAccount(
  db: Queryable,
  b: Omit<BankAccount, 'id'>,
  createdBy: number | null,
): Promise<BankAccount> {
  const row = await db.maybeOne<Row>(
    `insert into bank_accounts (organisation_id, account, bik, bank_name, correspondent_account, is_primary, valid_from, valid_to, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [
      b.organisationId,
      b.account,
      b.bik,
      b.bankName,
      b.correspondentAccount,
      b.isPrimary,
      b.validFrom,
      b.validTo,
      createdBy,
    ],
  );
  return toBankAccount(row!);
}

/** Only one primary account at a time: the new primary one demotes the others. */
export async function clearPrimary(db: Queryable, organisationId: number): Promise<void> {
  await db.query('update bank_accounts set is_primary = false where organisation_id = $1 and is_primary', [
    organisationId,
  ]);
}

export async function closeBankAccount(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update bank_accounts set valid_to = $2 where id = $1', [id, validTo]);
}
