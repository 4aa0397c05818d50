/**
 * The demo town's money (src/services/demo/demo-finance.ts; docs/finance.md "Demo"): contracts with every
 * supplier and manager, debts carried over, and a month of payments imported through the real registry import.
 * The test template leaves them out (tests write their own), so this test loads them on its own database.
 * The clock stands at 2026-11-02: the open period is 2026-10, the debts are dated 2026-09-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoFinance } from '../../src/services/demo/demo-finance.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let centre: number;
let loaded: Awaited<ReturnType<typeof loadDemoFinance>>;

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  centre = await t.orgId('ЕИРЦ Демо-города');
  loaded = await loadDemoFinance(t.db, centre, t.clock);
}, 120_000);
afterAll(() => t.dispose());

describe('the demo town’s money', () => {
  it('has a contract with a bank account for every supplier and manager', async () => {
    const parties = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from organisations where settlement_centre_id = $1 and kind in ('supplier', 'manager')`,
      [centre],
    );
    expect(loaded.contracts).toBe(parties!.n);
    const res = await t.call('GET', '/api/v1/finance/contracts', { cookie: accountant });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toHaveLength(parties!.n);
  });

  it('debts of two accounts in three, and a file of payments stored as the import stores them', async () => {
    const open = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
        where h.settlement_centre_id = $1 and a.status = 'open' and a.id % 3 <> 0`,
      [centre],
    );
    expect(loaded.debts).toBe(open!.n);
    expect(loaded.payments).toBeGreaterThan(500);
    const files = await t.db.query<{ id: number; lines: number; amount: number }>(
      'select id, lines, amount_kop as amount from payment_registry_files',
    );
    expect(files).toHaveLength(1);
    expect(files[0]!.lines).toBe(loaded.payments);
    // every payment's parts sum exactly to it; the file's total is the payments'
    const bad = await t.db.query(
      `select p.id from payments p left join payment_parts pp on pp.payment_id = p.id
        where p.registry_file_id = $1 group by p.id, p.amount_kop, p.account_id
       having (p.account_id is null and count(pp.id) > 0)
           or (p.account_id is not null and coalesce(sum(pp.amount_kop), 0) <> p.amount_kop)`,
      [files[0]!.id],
    );
    expect(bad).toEqual([]);
    const kinds = await t.db.query<{ kind: string; n: number }>(
      `select pp.kind, count(*)::int as n from payment_parts pp join payments p on p.id = pp.payment_id
        where p.registry_file_id = $1 group by 1 order by 1`,
      [files[0]!.id],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['advance', 'charge']);
    const suspense = await t.call('GET', '/api/v1/finance/payments?suspense=true', { cookie: accountant });
    expect(suspense.json.items).toEqual([]);
  });

  it('the turnover sheet shows the debts, the payments and advances; loading again changes nothing', async () => {
    const sheet = await t.call('GET', '/api/v1/finance/turnover?period=2026-09&groupBy=service', {
      cookie: accountant,
    });
    expect(sheet.status, sheet.text).toBe(200);
    const debts = await t.db.maybeOne<{ kop: number }>(
      `select sum(amount_kop)::bigint as kop from opening_balances where external_id like 'demo-debt-%'`,
    );
    expect(sheet.json.totals.openingKop).toBe(Number(debts!.kop));
    const october = await t.call('GET', '/api/v1/finance/turnover?period=2026-10&groupBy=service', {
      cookie: accountant,
    });
    const paid = await t.db.maybeOne<{ kop: number }>(
      'select sum(amount_kop)::bigint as kop from payments where account_id is not null',
    );
    expect(october.json.totals.paidKop).toBe(Number(paid!.kop));
    expect(await loadDemoFinance(t.db, centre, t.clock)).toEqual({ contracts: 0, debts: 0, payments: 0 });
  });
});
