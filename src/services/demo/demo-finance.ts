/**
 * Money of the demo town (docs/finance.md "Demo"), so that payments, debts, advances and remittance show out of
 * the box:
 * - a bank account and a remittance contract for every supplier and manager of the centre (the centre's fee
 *   1.5 % of what it collects for a supplier, 1 % for a manager; from the first day of the year), through the
 *   remittance service, audited like an operator's;
 * - debts carried over from the previous system: a legacy opening balance of maintenance (the house's
 *   maintenance supplier) dated the first day of the month before the open period, on two accounts of three;
 * - a registry file of the demo agent with a month of payments (the open period's 3rd to 27th), imported by
 *   the real import (`importPaymentRegistry`: preview, allocation, the same rows an agent's file writes): of the
 *   accounts with a debt, most pay it in full, some pay part, some more (an advance); some accounts with no
 *   debt pay ahead (an advance). No suspense payment: the suspense list starts empty, as the payments screen
 *   and its browser test expect.
 * Deterministic (seeded); skipped when the centre has a payment registry file already.
 */
import type { Db } from '../../db/client.js';
import { firstDay, prevPeriod } from '../../domain/period.js';
import { openPeriodOf } from '../billing/engine.js';
import type { Clock } from '../context.js';
import { importPaymentRegistry } from '../finance/registry-import.js';
import { createContract } from '../finance/remittance.js';
import { settlementCentreActor } from '../import/import-actor.js';
import { prng } from './town-generator.js';

const money = (k: number) => `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')}`;

export async function loadDemoFinance(
  db: Db,
  centreId: number,
  clock: Clock,
): Promise<{ contracts: number; debts: number; payments: number }> {
  if (await db.maybeOne('select 1 from payment_registry_files where settlement_centre_id = $1', [centreId]))
    return { contracts: 0, debts: 0, payments: 0 };
  const ctx = { db, clock, actor: await settlementCentreActor(db, centreId) };
  const period = await openPeriodOf(db, { clock, userId: null }, centreId);
  const year = period.slice(0, 4);

  // bank accounts and contracts of the suppliers and managers
  const parties = await db.query<{ id: number; kind: string; inn: string }>(
    `select id, kind, inn from organisations where settlement_centre_id = $1 and kind in ('supplier', 'manager')
      order by id`,
    [centreId],
  );
  for (const [i, p] of parties.entries()) {
    // the party's primary account (demo-requisites.ts gives one to every demo organisation), else a new one
    const primary = await db.maybeOne<{ id: number }>(
      'select id from bank_accounts where organisation_id = $1 and is_primary order by id limit 1',
      [p.id],
    );
    const bank =
      primary ??
      (await db.maybeOne<{ id: number }>(
        `insert into bank_accounts (organisation_id, account, bik, bank_name, correspondent_account, is_primary,
         valid_from)
       values ($1, $2, '044525225', 'ПАО Сбербанк (демо)', '30101810400000000225', true, $3) returning id`,
        [
          p.id,
          `407028100${String(38_000_000_000 + i * 1_013 + Number(p.inn.slice(-3))).padStart(11, '0')}`,
          `${year}-01-01`,
        ],
      ));
    await createContract(ctx, {
      partyId: p.id,
      number: `РЦ-${year}/${String(i + 1).padStart(2, '0')}`,
      signedOn: `${Number(year) - 1}-12-15`,
      centreFeePercent: p.kind === 'supplier' ? '1.5' : '1',
      bankAccountId: bank!.id,
      validFrom: `${year}-01-01`,
      note: 'Договор на сбор и перечисление платежей (демо)',
    });
  }

  // debts carried over: two accounts of three owe 1 000–4 000 ₽ of maintenance from the month before
  const debtDay = firstDay(prevPeriod(period));
  const debts = await db.query<{ n: number }>(
    `with ins as (
       insert into opening_balances (external_id, account_id, service_id, supplier_id, as_of, amount_kop)
       select 'demo-debt-' || a.id, a.id, hs.service_id, hs.supplier_id, $2::date,
              100000 + (a.id * 7919) % 300000
         from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
         join lateral (select hs.service_id, hs.supplier_id from house_services hs join services s on s.id = hs.service_id
                        where hs.house_id = h.id and s.code = 'maintenance' order by hs.id limit 1) hs on true
        where h.settlement_centre_id = $1 and a.status = 'open' and a.id % 3 <> 0
       on conflict do nothing
       returning 1)
     select count(*)::int as n from ins`,
    [centreId, debtDay],
  );

  // a month of payments in one registry file of the demo agent
  const agent = await db.maybeOne<{ id: number }>(
    `select id from organisations where kind = 'payment_agent' and settlement_centre_id = $1 order by id limit 1`,
    [centreId],
  );
  if (!agent) return { contracts: parties.length, debts: debts[0]!.n, payments: 0 };
  const accounts = await db.query<{ number: string; debt: number | null; payer: string | null }>(
    `select a.number, ob.amount_kop as debt, a.payer_name as payer
       from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
       left join opening_balances ob on ob.account_id = a.id and ob.external_id = 'demo-debt-' || a.id
      where h.settlement_centre_id = $1 and a.status = 'open' order by a.id`,
    [centreId],
  );
  const rnd = prng(2026);
  const [y, m] = period.split('-');
  const rows = ['id;дата;лс;период;сумма;комиссия;фио;адрес'];
  let total = 0;
  let fees = 0;
  let n = 0;
  const add = (account: string, amount: number, payer: string | null) => {
    const day = String(3 + Math.floor(rnd() * 25)).padStart(2, '0');
    const fee = Math.round(amount / 100); // the agent's 1 %
    rows.push(
      `DEMO-${period}-${++n};${day}.${m}.${y};${account};;${money(amount)};${money(fee)};${payer ?? ''};`,
    );
    total += amount;
    fees += fee;
  };
  for (const a of accounts) {
    const r = rnd();
    const debt = a.debt === null ? 0 : Number(a.debt);
    if (debt > 0 && r < 0.55) add(a.number, debt, a.payer);
    else if (debt > 0 && r < 0.75)
      add(a.number, Math.max(10_000, Math.round((debt * (20 + Math.floor(rnd() * 60))) / 100)), a.payer);
    else if (debt > 0 && r < 0.82) add(a.number, debt + 50_000 + Math.floor(rnd() * 200_000), a.payer);
    else if (debt === 0 && r < 0.2) add(a.number, 100_000 + Math.floor(rnd() * 300_000), a.payer);
  }
  rows.push(`=${n};${money(total)};${money(fees)}`);
  const r = await importPaymentRegistry(ctx, {
    agentId: agent.id,
    format: 'zhkh-default',
    fileName: `demo-${period}.txt`,
    bytes: new Uint8Array(Buffer.from(rows.join('\r\n') + '\r\n', 'utf8')),
    dryRun: false,
  });
  return { contracts: parties.length, debts: debts[0]!.n, payments: r.counts.new + r.counts.suspense };
}
