/**
 * The payments journal through the API (docs/finance.md "Payments journal"): every filter narrows the set, the
 * count and the sums are those of the whole filtered set (not the page), corrections are found by state. Four
 * payments, then a reversal and a move; every expected sum is added by hand in the comments.
 */
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let agentId: number;
let house: number;
let acc: { id: number; number: string }[];
const ids: Record<string, number> = {};

type Journal = { items: { id: number }[]; total: number; amountKop: number; page: number; pageSize: number };
const journal = async (query: string): Promise<Journal> => {
  const r = await t.call('GET', `/api/v1/finance/payments?${query}`, { cookie: accountant });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as Journal;
};
const idsOf = (j: Journal) => j.items.map((p) => p.id);

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  agentId = await t.orgId('Сбербанк (демо)');
  acc = await t.db.query<{ id: number; number: string }>(
    `select a.id, a.number from accounts a join premises p on p.id = a.premise_id
      where p.house_id = (select min(house_id) from premises) and a.status = 'open' order by a.id offset 8 limit 2`,
  );
  house = (await t.db.maybeOne<{ h: number }>('select min(house_id)::int as h from premises'))!.h;
  const pay = async (key: string, body: Record<string, unknown>) => {
    const r = await t.call('POST', '/api/v1/finance/payments', {
      cookie: accountant,
      body: { agentId, agentPaymentId: key, ...body },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids[key] = r.json.payment.id;
  };
  await pay('P1', {
    paidOn: '2026-10-05',
    receivedOn: '2026-10-06',
    accountId: acc[0]!.id,
    amountKop: 100_000,
  });
  await pay('P2', {
    paidOn: '2026-10-10',
    receivedOn: '2026-10-12',
    accountId: acc[1]!.id,
    amountKop: 25_050,
  });
  await pay('P3', {
    paidOn: '2026-10-20',
    receivedOn: '2026-10-20',
    accountId: acc[0]!.id,
    amountKop: 7_525,
  });
  await pay('P4', {
    paidOn: '2026-10-21',
    receivedOn: '2026-10-21',
    accountNumber: 'NO-SUCH-9',
    amountKop: 1_000,
  });
});
afterAll(() => t.dispose());

describe('the payments journal', () => {
  it('filters by the dates paid and received, account number, amount, agent; totals are the whole set', async () => {
    // 1 000.00 + 250.50 + 75.25 + 10.00 = 1 335.75
    expect(await journal('')).toMatchObject({ total: 4, amountKop: 133_575 });
    // paid 06.10–20.10: P2 + P3 = 250.50 + 75.25 = 325.75
    const paid = await journal('from=2026-10-06&to=2026-10-20');
    expect(idsOf(paid)).toEqual([ids.P3, ids.P2]);
    expect(paid.amountKop).toBe(32_575);
    // received on 06.10 only P1 (paid 05.10)
    expect(idsOf(await journal('receivedFrom=2026-10-06&receivedTo=2026-10-06'))).toEqual([ids.P1]);
    expect(idsOf(await journal('accountNumber=NO-SUCH-9'))).toEqual([ids.P4]);
    expect(idsOf(await journal(`accountNumber=${acc[1]!.number}`))).toEqual([ids.P2]);
    // 50.00 … 300.00: P2 (250.50) and P3 (75.25)
    expect(idsOf(await journal('amountFromKop=5000&amountToKop=30000'))).toEqual([ids.P3, ids.P2]);
    expect((await journal(`agentId=${agentId}`)).total).toBe(4);
    expect((await journal(`agentId=${agentId + 100_000}`)).total).toBe(0);
    // the house: all but the suspense payment: 1 000.00 + 250.50 + 75.25 = 1 325.75
    expect(await journal(`houseId=${house}`)).toMatchObject({ total: 3, amountKop: 132_575 });
    expect(idsOf(await journal('state=suspense'))).toEqual([ids.P4]);
  });

  it('pages newest first; the totals stay those of the filtered set', async () => {
    const second = await journal('pageSize=3&page=2');
    expect(second).toMatchObject({ total: 4, amountKop: 133_575, page: 2, pageSize: 3 });
    expect(idsOf(second)).toEqual([ids.P1]);
  });

  it('corrections are found by state and shown on both accounts', async () => {
    const rev = await t.call('POST', `/api/v1/finance/payments/${ids.P2}/reverse`, {
      cookie: accountant,
      body: { reason: 'ошибка банка' },
    });
    expect(rev.status).toBe(201);
    const move = await t.call('POST', `/api/v1/finance/payments/${ids.P3}/split`, {
      cookie: accountant,
      body: { reason: 'не тот счёт', targets: [{ accountId: acc[1]!.id, amountKop: 7_525 }] },
    });
    expect(move.status, JSON.stringify(move.json)).toBe(201);
    const r2 = rev.json.id as number;
    const r3 = move.json.reversal.id as number;
    const n3 = move.json.payments[0].id as number;
    // 1 335.75 − 250.50 − 75.25 + 75.25 = 1 085.25
    expect(await journal('')).toMatchObject({ total: 7, amountKop: 108_525 });
    expect(idsOf(await journal('state=reversed'))).toEqual([ids.P3, ids.P2]);
    expect(idsOf(await journal('state=reversal'))).toEqual([r3, r2]);
    expect(idsOf(await journal('state=corrected'))).toEqual([n3]);
    // active: P1 and the moved payment: 1 000.00 + 75.25
    expect(await journal('state=active')).toMatchObject({ total: 2, amountKop: 107_525 });
    // the first account: P1, P3 and its reversal: 1 000.00 + 75.25 − 75.25
    const first = await journal(`accountId=${acc[0]!.id}`);
    expect(idsOf(first)).toEqual([r3, ids.P3, ids.P1]);
    expect(first.amountKop).toBe(100_000);
    // the second: P2, its reversal and the moved payment: 250.50 − 250.50 + 75.25
    const second = await journal(`accountId=${acc[1]!.id}`);
    expect(idsOf(second)).toEqual([n3, r2, ids.P2]);
    expect(second.amountKop).toBe(7_525);
  });
});

describe('the turnover sheet as XLSX', () => {
  it('a house by account: the rows and the totals row are those of the JSON sheet, in rubles', async () => {
    const q = `period=2026-10&houseId=${house}&groupBy=account`;
    const sheet = await t.call('GET', `/api/v1/finance/turnover?${q}`, { cookie: accountant });
    expect(sheet.status).toBe(200);
    // paid in October on the house: P1 1 000.00 + P2 250.50 − its reversal 250.50 + P3 75.25 − 75.25 + 75.25
    expect(sheet.json.totals.paidKop).toBe(107_525);
    const res = await t.app.request(`/api/v1/finance/turnover/xlsx?${q}`, {
      headers: { cookie: accountant },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`turnover-2026-10-house-${house}.xlsx`);
    const rows = await readSheet(Buffer.from(await res.arrayBuffer()), 1);
    expect(rows[0]![0]).toBe(`Оборотно-сальдовая ведомость за 2026-10: дом № ${house}`);
    expect(rows.at(-1)).toEqual(['Итого', 0, 0, 0, 0, 1075.25, -1075.25]);
    expect(rows).toHaveLength(2 + sheet.json.rows.length + 1);
  });
});
