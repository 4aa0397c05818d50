/**
 * Remittance through the API (RULES.md §7.1, ПП № 253 п.6; docs/finance.md "Remittance"): contracts audited
 * and closed by a new one, the day's remittance from stored payment parts with the agents' fees split over the
 * parts and the centre's fee under the contract in force, payment orders, the due date, and the CSV register.
 * Charge lines are written by hand with round amounts so that every figure is computed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { bankAccount as bankAccountOf, chargeLine as chargeLineOf } from '../support/finance.js';

let t: TestApp;
let accountant: string;
let cashier: string;
let agentId: number;
let accounts: { id: number; house: number }[];
let ids: { coldWater: number; maintenance: number; water: number; manager: number };
let banks: { water: number; manager: number };

const chargeLine = (accountId: number, serviceId: number, supplierId: number, kop: number) =>
  chargeLineOf(t.db, accountId, serviceId, supplierId, kop);
const bankAccount = (organisationId: number, account: string) => bankAccountOf(t.db, organisationId, account);

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  cashier = await t.login('cashier');
  agentId = await t.orgId('Сбербанк (демо)');
  accounts = await t.db.query<{ id: number; house: number }>(
    `select a.id, p.house_id as house from accounts a join premises p on p.id = a.premise_id
      where p.house_id = (select min(house_id) from premises) and a.status = 'open' order by a.id offset 4 limit 2`,
  );
  const svc = await t.db.query<{ code: string; id: number; supplier: number }>(
    `select s.code, s.id, hs.supplier_id as supplier from house_services hs join services s on s.id = hs.service_id
      where hs.house_id = $1 and s.code in ('cold_water', 'maintenance')`,
    [accounts[0]!.house],
  );
  const cw = svc.find((s) => s.code === 'cold_water')!;
  const mt = svc.find((s) => s.code === 'maintenance')!;
  ids = { coldWater: cw.id, maintenance: mt.id, water: cw.supplier, manager: mt.supplier };
  for (const a of accounts) {
    await chargeLine(a.id, ids.coldWater, ids.water, 30_000);
    await chargeLine(a.id, ids.maintenance, ids.manager, 60_000);
  }
  banks = {
    water: await bankAccount(ids.water, '40702810000000000011'),
    manager: await bankAccount(ids.manager, '40702810000000000022'),
  };
});
afterAll(() => t.dispose());

const contract = (cookie: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/finance/contracts', { cookie, body });
const remittance = () => t.call('GET', '/api/v1/finance/remittance?date=2026-11-02', { cookie: accountant });

describe('contracts', () => {
  it('a new contract closes the one in force the day before; both audited', async () => {
    const first = await contract(accountant, {
      partyId: ids.water,
      number: 'В-1',
      signedOn: '2025-12-20',
      centreFeePercent: '1',
      bankAccountId: banks.water,
      validFrom: '2026-01-01',
    });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const second = await contract(accountant, {
      partyId: ids.water,
      number: 'В-2',
      signedOn: '2026-10-25',
      centreFeePercent: '1.50',
      bankAccountId: banks.water,
      validFrom: '2026-11-01',
    });
    expect(second.status, JSON.stringify(second.json)).toBe(201);
    expect(second.json.centreFeePercent).toBe('1.5');
    const list = await t.call('GET', `/api/v1/finance/contracts?partyId=${ids.water}`, {
      cookie: accountant,
    });
    expect(
      list.json.items.map((c: { number: string; validTo: string | null }) => [c.number, c.validTo]),
    ).toEqual([
      ['В-1', '2026-10-31'],
      ['В-2', null],
    ]);
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_records where object_type = 'remittance_contract'`,
    );
    expect(audit[0]!.n).toBe(2);
  });

  it('refuses a bank account of another party by field, and a cashier', async () => {
    const bad = await contract(accountant, {
      partyId: ids.manager,
      number: 'У-1',
      signedOn: '2026-01-10',
      centreFeePercent: '2',
      bankAccountId: banks.water,
      validFrom: '2026-01-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { field: string }) => d.field)).toEqual(['bankAccountId']);
    const denied = await contract(cashier, {
      partyId: ids.manager,
      number: 'У-1',
      signedOn: '2026-01-10',
      centreFeePercent: '2',
      bankAccountId: banks.manager,
      validFrom: '2026-01-01',
    });
    expect(denied.status).toBe(403);
  });
});

describe('the remittance of a day', () => {
  it('collected per supplier × service less the agents’ and the centre’s fees; orders due next working day', async () => {
    // a1 pays 900.00 (fee 9.00): September's 300.00 + 600.00 in full → fee split 300 : 600 → 3.00 / 6.00
    // a2 pays 450.00 (fee 4.50): 450 of 900 owed, in proportion → 150.00 / 300.00; fee → 1.50 / 3.00
    for (const [i, amountKop, feeKop] of [
      [0, 90_000, 900],
      [1, 45_000, 450],
    ] as const) {
      const res = await t.call('POST', '/api/v1/finance/payments', {
        cookie: accountant,
        body: {
          agentId,
          agentPaymentId: `R-${i}`,
          paidOn: '2026-11-01',
          accountId: accounts[i]!.id,
          amountKop,
          feeKop,
        },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // the manager has no contract yet: refused by name
    const missing = await remittance();
    expect(missing.status).toBe(400);
    const managerName = (await t.db.maybeOne<{ name: string }>(
      'select name from organisations where id = $1',
      [ids.manager],
    ))!.name;
    expect(missing.json.error.message).toContain(managerName);

    const m = await contract(accountant, {
      partyId: ids.manager,
      number: 'У-1',
      signedOn: '2026-01-10',
      centreFeePercent: '2',
      bankAccountId: banks.manager,
      validFrom: '2026-01-01',
    });
    expect(m.status, JSON.stringify(m.json)).toBe(201);

    const r = await remittance();
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    // received Monday 02.11.2026 → due Tuesday 03.11.2026 (ПП 253 п.6)
    expect(r.json.due).toBe('2026-11-03');
    const bySupplier = Object.fromEntries(
      r.json.suppliers.map((s: { supplierId: number }) => [s.supplierId, s]),
    );
    // water (contract В-2, 1.5 %): collected 300.00 + 150.00 = 450.00, agents 3.00 + 1.50 = 4.50,
    // centre 450.00 × 1.5 % = 6.75, to transfer 450.00 − 4.50 − 6.75 = 438.75
    expect(bySupplier[ids.water]).toMatchObject({
      collected: 45_000,
      agentFee: 450,
      centreFee: 675,
      toTransfer: 43_875,
      centreFeeFormula: '450.00 × 1.5 % = 6.75',
    });
    // manager (2 %): 600.00 + 300.00 = 900.00, agents 6.00 + 3.00 = 9.00, centre 18.00, 900 − 9 − 18 = 873.00
    expect(bySupplier[ids.manager]).toMatchObject({
      collected: 90_000,
      agentFee: 900,
      centreFee: 1_800,
      toTransfer: 87_300,
    });
    const orders = r.json.orders.map(
      (o: { supplierId: number; amount: number; bankAccount: string; due: string }) => [
        o.supplierId,
        o.amount,
        o.bankAccount,
        o.due,
      ],
    );
    expect(orders).toEqual(
      expect.arrayContaining([
        [ids.water, 43_875, '40702810000000000011', '2026-11-03'],
        [ids.manager, 87_300, '40702810000000000022', '2026-11-03'],
      ]),
    );
    expect(orders).toHaveLength(2);
    expect(r.json.unassignedKop).toBe(0);
  });

  it('the register as CSV with an exact total row', async () => {
    const res = await t.call('GET', '/api/v1/finance/remittance/register?date=2026-11-02&format=csv', {
      cookie: accountant,
    });
    expect(res.status).toBe(200);
    const text = res.text;
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(4); // header, two lines, total
    // totals: 450.00 + 900.00 = 1350.00; 4.50 + 9.00 = 13.50; 6.75 + 18.00 = 24.75; 438.75 + 873.00 = 1311.75
    expect(lines[3]).toBe('Итого;;;;1350,00;13,50;24,75;1311,75');
  });
});
