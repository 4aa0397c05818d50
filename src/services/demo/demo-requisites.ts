/**
 * Requisites of the demo organisations, so the demo town's bills can be issued (issue 8; RULES.md §8.1 п.69
 * «б»: the provider's address, phone, e-mail and bank account on the bill; §8.2: the QR code's payee). The
 * bank accounts are fictitious numbers at real БИКs whose check key holds (the Central Bank's algorithm,
 * domain/requisites.ts): the key digit (the 9th) is the one that makes it hold. Deterministic; loading
 * twice changes nothing.
 */
import type { Db } from '../../db/client.js';
import { isValidBankAccount } from '../../domain/requisites.js';

const BANKS = [
  { bik: '044525225', bankName: 'ПАО СБЕРБАНК', correspondentAccount: '30101810400000000225' },
  { bik: '044525593', bankName: 'АО «АЛЬФА-БАНК»', correspondentAccount: '30101810200000000593' },
  { bik: '044525974', bankName: 'АО «ТБанк»', correspondentAccount: '30101810145250000974' },
] as const;

/** '40702810' + key + 11 digits of the organisation's number: the key is the digit that makes it valid. */
export function demoBankAccount(n: number, bik: string): string {
  const tail = String(n).padStart(11, '0');
  for (let key = 0; key <= 9; key++) {
    const account = `40702810${key}${tail}`;
    if (isValidBankAccount(account, bik)) return account;
  }
  throw new RangeError(`no key for ${tail} at ${bik}`);
}

export async function loadDemoRequisites(db: Db, centreId: number): Promise<number> {
  const orgs = await db.query<{ id: number; name: string; short_name: string | null }>(
    `select id, name, short_name from organisations
      where (id = $1 or settlement_centre_id = $1) and kind in ('settlement_centre', 'manager', 'supplier')
        and not exists (select 1 from bank_accounts b where b.organisation_id = organisations.id)
      order by id`,
    [centreId],
  );
  await db.transaction(async (tx) => {
    for (const [i, o] of orgs.entries()) {
      const bank = BANKS[i % BANKS.length]!;
      await tx.query(
        `update organisations set postal_address = coalesce(postal_address, $2), phone = coalesce(phone, $3),
            email = coalesce(email, $4) where id = $1`,
        [
          o.id,
          `Демо-город, ул. Ленина, д. ${i + 1}`,
          `+7 (495) 000-${String(10 + i).padStart(2, '0')}-${String(20 + i).padStart(2, '0')}`,
          `org${o.id}@demo-gorod.example`,
        ],
      );
      await tx.query(
        `insert into bank_accounts (organisation_id, account, bik, bank_name, correspondent_account, is_primary, valid_from)
         values ($1, $2, $3, $4, $5, true, '2020-01-01')`,
        [o.id, demoBankAccount(1000 + i, bank.bik), bank.bik, bank.bankName, bank.correspondentAccount],
      );
    }
  });
  return orgs.length;
}
