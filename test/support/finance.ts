/** Finance test data written by hand (round amounts, so every figure can be computed by hand). */
import type { Queryable } from '../../src/db/client.js';

/** A live charge line of `period` for an account's service and supplier. */
export async function chargeLine(
  db: Queryable,
  accountId: number,
  serviceId: number,
  supplierId: number,
  kop: number,
  period = '2026-09',
): Promise<void> {
  await db.query(
    `insert into charge_lines (period, house_id, account_id, service_id, supplier_id, line_kind, method, origin,
       unit, amount_kop, explanation)
     select $5, p.house_id, a.id, $2, $3, 'charge', 'fixed', 'original', 'руб.', $4, '{}'::jsonb
       from accounts a join premises p on p.id = a.premise_id where a.id = $1`,
    [accountId, serviceId, supplierId, kop, period],
  );
}

/** A primary bank account of an organisation (for remittance contracts). */
export async function bankAccount(db: Queryable, organisationId: number, account: string): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into bank_accounts (organisation_id, account, bik, bank_name, is_primary, valid_from)
     values ($1, $2, '045209673', 'Омское отделение № 8634', true, '2020-01-01') returning id`,
    [organisationId, account],
  );
  return row!.id;
}
