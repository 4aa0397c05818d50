/**
 * Recorded transfers to suppliers (ПП № 253 п.6; docs/finance.md "Recorded transfers") through the API: a
 * transfer recorded from a payment order, the same order twice recorded once, more than is due refused, a wrong
 * transfer reversed by a new row, the day's state (on time / late by N days / overdue) across a weekend and the
 * 04.11 holiday, and the late report. Amounts and dates by hand (comments).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { bankAccount, chargeLine } from '../support/finance.js';

let t: TestApp;
let accountant: string;
let water: number;

type Day = {
  due: string;
  transfers: {
    supplierId: number;
    toTransferKop: number;
    transferredKop: number;
    remainingKop: number;
    state: string;
    daysLate: number | null;
    transfers: { id: number; amountKop: number }[];
  }[];
};

const day = async (date: string) => {
  const r = await t.call('GET', `/api/v1/finance/remittance?date=${date}`, { cookie: accountant });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as Day;
};
const record = (body: Record<string, unknown>, cookie = accountant) =>
  t.call('POST', '/api/v1/finance/remittance/transfers', { cookie, body: { supplierId: water, ...body } });

/** Moves the clock (sessions expire: log in again). */
async function at(iso: string) {
  t.clock.set(iso);
  accountant = await t.login('accountant');
}

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  const agentId = await t.orgId('Сбербанк (демо)');
  const accounts = await t.db.query<{ id: number; house: number }>(
    `select a.id, p.house_id as house from accounts a join premises p on p.id = a.premise_id
      where p.house_id = (select min(house_id) from premises) and a.status = 'open' order by a.id offset 6 limit 2`,
  );
  const cw = (await t.db.maybeOne<{ id: number; supplier: number }>(
    `select s.id, hs.supplier_id as supplier from house_services hs join services s on s.id = hs.service_id
      where hs.house_id = $1 and s.code = 'cold_water'`,
    [accounts[0]!.house],
  ))!;
  water = cw.supplier;
  for (const a of accounts) await chargeLine(t.db, a.id, cw.id, water, 30_000);
  const contract = await t.call('POST', '/api/v1/finance/contracts', {
    cookie: accountant,
    body: {
      partyId: water,
      number: 'В-7',
      signedOn: '2025-12-20',
      centreFeePercent: '1',
      bankAccountId: await bankAccount(t.db, water, '40702810000000000077'),
      validFrom: '2026-01-01',
    },
  });
  expect(contract.status, JSON.stringify(contract.json)).toBe(201);
  // Tuesday 03.11.2026: 300.00 with the agent's fee 3.00; Friday 06.11.2026: 300.00 without a fee
  for (const [i, receivedOn, feeKop] of [
    [0, '2026-11-03', 300],
    [1, '2026-11-06', 0],
  ] as const) {
    const p = await t.call('POST', '/api/v1/finance/payments', {
      cookie: accountant,
      body: {
        agentId,
        agentPaymentId: `T-${i}`,
        paidOn: receivedOn,
        receivedOn,
        accountId: accounts[i]!.id,
        amountKop: 30_000,
        feeKop,
      },
    });
    expect(p.status, JSON.stringify(p.json)).toBe(201);
  }
});
afterAll(() => t.dispose());

describe('recording transfers', () => {
  it('before any transfer: pending on the due day, overdue after it', async () => {
    await at('2026-11-05T10:00:00Z');
    // received Tuesday 03.11 → Wednesday 04.11 is a holiday → due Thursday 05.11
    // 300.00 − agent 3.00 − centre 1 % of 300.00 = 3.00 → 294.00 to transfer
    const d = await day('2026-11-03');
    expect(d.due).toBe('2026-11-05');
    expect(d.transfers).toEqual([
      expect.objectContaining({
        supplierId: water,
        toTransferKop: 29_400,
        transferredKop: 0,
        state: 'pending',
      }),
    ]);
    await at('2026-11-20T10:00:00Z');
    expect((await day('2026-11-03')).transfers[0]).toMatchObject({ state: 'overdue', remainingKop: 29_400 });
  });

  it('refuses by field: a day made in the future, before the day of collection, more than is due; a cashier', async () => {
    const future = await record({
      collectedOn: '2026-11-03',
      amountKop: 29_400,
      orderNumber: '15',
      transferredOn: '2026-11-21',
    });
    expect(future.status).toBe(400);
    expect(future.json.error.details.map((x: { field: string }) => x.field)).toEqual(['transferredOn']);
    const early = await record({
      collectedOn: '2026-11-03',
      amountKop: 29_400,
      orderNumber: '15',
      transferredOn: '2026-11-02',
    });
    expect(early.json.error.details.map((x: { field: string }) => x.field)).toEqual(['transferredOn']);
    const much = await record({
      collectedOn: '2026-11-03',
      amountKop: 29_401,
      orderNumber: '15',
      transferredOn: '2026-11-06',
    });
    expect(much.status).toBe(400);
    expect(much.json.error.details).toEqual([
      { field: 'amountKop', problem: 'больше остатка к перечислению за 2026-11-03: 29400 коп.' },
    ]);
    const cashier = await record(
      { collectedOn: '2026-11-03', amountKop: 29_400, orderNumber: '15', transferredOn: '2026-11-06' },
      await t.login('cashier'),
    );
    expect(cashier.status).toBe(403);
    expect(
      (
        await t.call('GET', '/api/v1/finance/remittance/transfers?from=2026-11-01&to=2026-11-30', {
          cookie: accountant,
        })
      ).json.items,
    ).toEqual([]);
  });

  it('the holiday: due Thursday 05.11, made Friday 06.11 → late by 1 day; the same order again is one transfer', async () => {
    const body = {
      collectedOn: '2026-11-03',
      amountKop: 29_400,
      orderNumber: '15',
      transferredOn: '2026-11-06',
    };
    const first = await record(body);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json).toMatchObject({
      amountKop: 29_400,
      orderNumber: '15',
      reversesTransferId: null,
      duplicate: false,
    });
    const again = await record(body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: first.json.id, duplicate: true });
    const other = await record({ ...body, amountKop: 100 });
    expect(other.status).toBe(409);
    expect((await day('2026-11-03')).transfers[0]).toMatchObject({
      transferredKop: 29_400,
      remainingKop: 0,
      state: 'late',
      daysLate: 1,
    });
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_records where object_type = 'remittance_transfer'`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('the weekend: received Friday 06.11, due Monday 09.11; made on the Monday → on time', async () => {
    // 300.00 − no agent fee − centre 3.00 = 297.00
    const r = await record({
      collectedOn: '2026-11-06',
      amountKop: 29_700,
      orderNumber: '16',
      transferredOn: '2026-11-09',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const d = await day('2026-11-06');
    expect(d.due).toBe('2026-11-09');
    expect(d.transfers[0]).toMatchObject({ toTransferKop: 29_700, state: 'on_time', daysLate: 0 });
    const late = await t.call('GET', '/api/v1/finance/remittance/late?from=2026-11-01&to=2026-11-30', {
      cookie: accountant,
    });
    expect(
      late.json.items.map((x: { day: string; state: string; daysLate: number }) => [
        x.day,
        x.state,
        x.daysLate,
      ]),
    ).toEqual([['2026-11-03', 'late', 1]]);
  });

  it('a wrong transfer is reversed by a new row (never edited): the day is overdue again, then paid late', async () => {
    const d = await day('2026-11-06');
    const id = d.transfers[0]!.transfers[0]!.id;
    const rev = await t.call('POST', `/api/v1/finance/remittance/transfers/${id}/reverse`, {
      cookie: accountant,
      body: { reason: 'не тот счёт получателя' },
    });
    expect(rev.status, JSON.stringify(rev.json)).toBe(201);
    // dated the day of the reversal (the clock: 20.11.2026)
    expect(rev.json).toMatchObject({
      amountKop: -29_700,
      reversesTransferId: id,
      transferredOn: '2026-11-20',
      orderNumber: '16',
    });
    const twice = await t.call('POST', `/api/v1/finance/remittance/transfers/${id}/reverse`, {
      cookie: accountant,
      body: { reason: 'ещё раз' },
    });
    expect(twice.status).toBe(409);
    expect((await day('2026-11-06')).transfers[0]).toMatchObject({
      transferredKop: 0,
      remainingKop: 29_700,
      state: 'overdue',
    });
    // made again on Tuesday 10.11 → one day after Monday 09.11
    expect(
      (
        await record({
          collectedOn: '2026-11-06',
          amountKop: 29_700,
          orderNumber: '17',
          transferredOn: '2026-11-10',
        })
      ).status,
    ).toBe(201);
    const late = await t.call('GET', '/api/v1/finance/remittance/late?from=2026-11-01&to=2026-11-30', {
      cookie: accountant,
    });
    expect(
      late.json.items.map((x: { day: string; state: string; daysLate: number }) => [
        x.day,
        x.state,
        x.daysLate,
      ]),
    ).toEqual([
      ['2026-11-03', 'late', 1],
      ['2026-11-06', 'late', 1],
    ]);
    const rows = await t.db.query<{ n: number }>('select count(*)::int as n from remittance_transfers');
    expect(rows[0]!.n).toBe(4); // 15, 16, the reversal of 16, 17 — nothing edited or deleted
  });
});
