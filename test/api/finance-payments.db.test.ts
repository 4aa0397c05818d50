/**
 * Payments through the API (RULES.md §7, §9; docs/finance.md "Payments"): allocation parts persisted and
 * summing exactly, the agent's id idempotent, reversal and move without deleting, registry files in each
 * encoding with preview, suspense and refusal of the same file, suspense matched to an account.
 * Charge lines are written by hand with round amounts so that every expected part is computed by hand.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let agentId: number;
/** Two accounts of one house with hand-written charge lines, and the ids we need. */
let a1: { id: number; number: string };
let a2: { id: number; number: string };
let a3: { id: number; number: string };
let a4: { id: number; number: string };
let ids: { coldWater: number; maintenance: number; water: number; manager: number };

type Part = {
  accountId: number;
  serviceCode: string | null;
  supplierId: number | null;
  period: string | null;
  kind: string;
  amountKop: number;
};

const fixture = (name: string) => readFileSync(new URL(`../fixtures/payments/${name}`, import.meta.url));

async function chargeLine(
  accountId: number,
  period: string,
  serviceId: number,
  supplierId: number,
  kop: number,
) {
  await t.db.query(
    `insert into charge_lines (period, house_id, account_id, service_id, supplier_id, line_kind, method, origin,
       unit, amount_kop, explanation)
     select $2, p.house_id, a.id, $3, $4, 'charge', 'fixed', 'original', 'руб.', $5, '{}'::jsonb
       from accounts a join premises p on p.id = a.premise_id where a.id = $1`,
    [accountId, period, serviceId, supplierId, kop],
  );
}

/** What the account owes per period × service: charged less paid parts. */
async function owed(accountId: number) {
  return t.db.query<{ period: string; code: string; kop: number }>(
    `select c.period, s.code, (c.kop - coalesce((select sum(amount_kop) from payment_parts pp
        where pp.account_id = $1 and pp.kind = 'charge' and pp.period = c.period and pp.service_id = c.service_id), 0))::bigint as kop
       from (select period, service_id, sum(amount_kop) as kop from charge_lines where account_id = $1 group by 1, 2) c
       join services s on s.id = c.service_id order by 1, 2`,
    [accountId],
  );
}

const sum = (parts: { amountKop: number }[]) => parts.reduce((s, p) => s + p.amountKop, 0);

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  agentId = await t.orgId('Сбербанк (демо)');
  const two = await t.db.query<{ id: number; number: string; house: number }>(
    `select a.id, a.number, p.house_id as house from accounts a join premises p on p.id = a.premise_id
      where p.house_id = (select min(house_id) from premises) and a.status = 'open' order by a.id limit 4`,
  );
  [a1, a2, a3, a4] = [two[0]!, two[1]!, two[2]!, two[3]!];
  const svc = await t.db.query<{ code: string; id: number; supplier: number }>(
    `select s.code, s.id, hs.supplier_id as supplier from house_services hs join services s on s.id = hs.service_id
      where hs.house_id = $1 and s.code in ('cold_water', 'maintenance')`,
    [two[0]!.house],
  );
  const cw = svc.find((s) => s.code === 'cold_water')!;
  const mt = svc.find((s) => s.code === 'maintenance')!;
  ids = { coldWater: cw.id, maintenance: mt.id, water: cw.supplier, manager: mt.supplier };
  for (const a of [a1, a2]) {
    await chargeLine(a.id, '2026-09', ids.coldWater, ids.water, 30_000);
    await chargeLine(a.id, '2026-09', ids.maintenance, ids.manager, 60_000);
    await chargeLine(a.id, '2026-10', ids.coldWater, ids.water, 30_000);
    await chargeLine(a.id, '2026-10', ids.maintenance, ids.manager, 60_000);
  }
  // a3: a legacy opening balance of 100.00 dated 01.09.2026, then 300.00 charged in September and October
  await t.db.query(
    `insert into opening_balances (external_id, account_id, service_id, supplier_id, as_of, amount_kop)
     values ('test-ob-a3', $1, $2, $3, '2026-09-01', 10000)`,
    [a3.id, ids.coldWater, ids.water],
  );
  await chargeLine(a3.id, '2026-09', ids.coldWater, ids.water, 30_000);
  await chargeLine(a3.id, '2026-10', ids.coldWater, ids.water, 30_000);
});
afterAll(() => t.dispose());

const pay = (body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/finance/payments', { cookie: accountant, body: { agentId, ...body } });

describe('a payment', () => {
  it('is allocated oldest period first, the rest of a period in proportion (RULES.md §7.1, example 7.1)', async () => {
    const res = await pay({
      agentPaymentId: 'T-1',
      paidOn: '2026-10-20',
      accountId: a1.id,
      amountKop: 150_000,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const parts: Part[] = res.json.payment.parts;
    // 1 500.00: September owes 300 + 600 = 900.00, paid in full; 600.00 left for October's 900.00 owed:
    // cold water 600 × 300/900 = 200.00, maintenance 600 × 600/900 = 400.00
    const by = parts.map((p) => [p.period, p.serviceCode, p.amountKop]);
    expect(by).toEqual(
      expect.arrayContaining([
        ['2026-09', 'cold_water', 30_000],
        ['2026-09', 'maintenance', 60_000],
        ['2026-10', 'cold_water', 20_000],
        ['2026-10', 'maintenance', 40_000],
      ]),
    );
    expect(parts).toHaveLength(4);
    expect(sum(parts)).toBe(150_000);
    expect(parts.find((p) => p.serviceCode === 'cold_water')!.supplierId).toBe(ids.water);
  });

  it('the same agent id twice is recognised and not applied again', async () => {
    const again = await pay({
      agentPaymentId: 'T-1',
      paidOn: '2026-10-20',
      accountId: a1.id,
      amountKop: 150_000,
    });
    expect(again.status).toBe(200);
    expect(again.json.duplicate).toBe(true);
    const n = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from payments where agent_id = $1 and agent_payment_id = 'T-1'`,
      [agentId],
    );
    expect(n!.n).toBe(1);
    // October still owes 300 − 200 = 100.00 and 600 − 400 = 200.00
    expect((await owed(a1.id)).filter((o) => o.period === '2026-10').map((o) => Number(o.kop))).toEqual([
      10_000, 20_000,
    ]);
  });

  it('more than is owed leaves an advance; a bad amount is refused naming the field', async () => {
    // a2 owes 1 800.00; 2 000.00 paid → all four lines in full and 200.00 advance
    const res = await pay({
      agentPaymentId: 'T-2',
      paidOn: '2026-10-21',
      accountId: a2.id,
      amountKop: 200_000,
    });
    expect(res.status).toBe(201);
    const parts: Part[] = res.json.payment.parts;
    expect(parts.filter((p) => p.kind === 'advance').map((p) => p.amountKop)).toEqual([20_000]);
    expect(sum(parts)).toBe(200_000);
    const bad = await pay({ agentPaymentId: 'T-3', paidOn: '2026-10-21', accountId: a2.id, amountKop: 0 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { field: string }) => d.field)).toContain('amountKop');
  });

  it('a reversal is a new payment with the parts negated; the debt comes back exactly', async () => {
    const before = await owed(a1.id);
    const p = await pay({ agentPaymentId: 'T-4', paidOn: '2026-10-25', accountId: a1.id, amountKop: 12_345 });
    expect(p.status).toBe(201);
    const rev = await t.call('POST', `/api/v1/finance/payments/${p.json.payment.id}/reverse`, {
      cookie: accountant,
      body: { reason: 'ошибочный платёж' },
    });
    expect(rev.status, JSON.stringify(rev.json)).toBe(201);
    expect(rev.json.amountKop).toBe(-12_345);
    expect(sum(rev.json.parts)).toBe(-12_345);
    expect(await owed(a1.id)).toEqual(before);
    const original = await t.call('GET', `/api/v1/finance/payments/${p.json.payment.id}`, {
      cookie: accountant,
    });
    expect(original.json.reversedBy).toBe(rev.json.id);
    const twice = await t.call('POST', `/api/v1/finance/payments/${p.json.payment.id}/reverse`, {
      cookie: accountant,
      body: { reason: 'ещё раз' },
    });
    expect(twice.status).toBe(409);
    const audit = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from audit_records where object_type = 'payment' and object_id = $1`,
      [String(rev.json.id)],
    );
    expect(audit!.n).toBe(1);
  });

  it('a move: reversed on one account, recorded on the other, both balances exact', async () => {
    const p = await pay({ agentPaymentId: 'T-5', paidOn: '2026-10-26', accountId: a1.id, amountKop: 5_000 });
    const a1Before = await owed(a1.id);
    const moved = await t.call('POST', `/api/v1/finance/payments/${p.json.payment.id}/split`, {
      cookie: accountant,
      body: { reason: 'плательщик ошибся счётом', targets: [{ accountId: a2.id, amountKop: 5_000 }] },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    expect(moved.json.reversal.accountId).toBe(a1.id);
    expect(moved.json.payments[0].accountId).toBe(a2.id);
    expect(moved.json.payments[0].correctedFromPaymentId).toBe(p.json.payment.id);
    // a2 owed nothing: the 50.00 is its advance
    expect(moved.json.payments[0].parts.map((x: Part) => [x.kind, x.amountKop])).toEqual([
      ['advance', 5_000],
    ]);
    // a1: the 50.00 it had in October comes back (50 × 100/300 = 16.67 and 33.33 are restored)
    const a1After = await owed(a1.id);
    expect(
      a1After.reduce((s, o) => s + Number(o.kop), 0) - a1Before.reduce((s, o) => s + Number(o.kop), 0),
    ).toBe(5_000);
    const bad = await t.call('POST', `/api/v1/finance/payments/${moved.json.payments[0].id}/split`, {
      cookie: accountant,
      body: { reason: 'x', targets: [{ accountId: a1.id, amountKop: 4_999 }] },
    });
    expect(bad.status).toBe(400);
  });
});

describe('readings carried by a payment', () => {
  it('are handed to the meters module by the meter serial number; an unknown meter is reported', async () => {
    const m = await t.db.maybeOne<{ accountId: number; serial: string; last: string }>(
      `select a.id as "accountId", m.serial_number as serial,
              coalesce((select max(coalesce(value_single, 0)) from meter_readings r where r.meter_id = m.id), 0)::text as last
         from meters m join meter_premises mp on mp.meter_id = m.id join accounts a on a.premise_id = mp.premise_id
        where m.decommissioned_on is null and m.zone_count = 1 and a.status = 'open' order by m.id limit 1`,
    );
    expect(m).toBeDefined();
    const value = String(Number(m!.last) + 1);
    const res = await pay({
      agentPaymentId: 'T-R1',
      paidOn: '2026-10-20',
      accountId: m!.accountId,
      amountKop: 1_000,
      readings: [
        { meter: m!.serial, value },
        { meter: 'НЕТ-ТАКОГО', value: '1' },
      ],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.readings.map((r: { meter: string; status: string }) => [r.meter, r.status])).toEqual([
      ['НЕТ-ТАКОГО', 'rejected'],
      [m!.serial, 'created'],
    ]);
    const stored = await t.db.maybeOne<{ source: string }>(
      `select source from meter_readings where client_id like '%/T-R1/%'`,
    );
    expect(stored!.source).toBe('bank_registry');
  });
});

describe('a payment registry file', () => {
  const upload = (name: string, format: string, encoding: string | null, dryRun: boolean) =>
    t.call('POST', '/api/v1/finance/payment-registries', {
      cookie: accountant,
      body: {
        agentId,
        format,
        encoding,
        fileName: name,
        contentBase64: fixture(name).toString('base64'),
        dryRun,
      },
    });

  it('is previewed line by line, applied whole, refused the second time; other encodings are duplicates by id', async () => {
    const known = await t.db.query<{ number: string }>(
      `select number from accounts where number in ('1000000017', '1000000025', '1000000033')`,
    );
    const preview = await upload('zhkh-default.utf8.txt', 'zhkh-default', null, true);
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.applied).toBe(false);
    expect(preview.json.lines).toHaveLength(3);
    // 3 500.00 + 1 234.56 + 100.50 = 4 835.06
    expect(preview.json.totals).toMatchObject({ count: 3, amountKop: 483_506, feeKop: 4_836, matches: true });
    expect(preview.json.counts.new).toBe(known.length);
    expect(preview.json.counts.suspense).toBe(3 - known.length);
    expect(await t.db.maybeOne(`select 1 from payments where agent_payment_id = 'P-0001'`)).toBeUndefined();

    const applied = await upload('zhkh-default.utf8.txt', 'zhkh-default', null, false);
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    expect(applied.json.applied).toBe(true);
    const stored = await t.db.query<{ amount: number; parts: number }>(
      `select p.amount_kop as amount, coalesce((select sum(amount_kop) from payment_parts pp where pp.payment_id = p.id), 0)::bigint as parts,
              p.account_id is null as suspense
         from payments p where p.registry_file_id = $1 order by p.registry_line`,
      [applied.json.fileId],
    );
    expect(stored.map((s) => Number(s.amount))).toEqual([350_000, 123_456, 10_050]);
    for (const s of stored as unknown as { amount: number; parts: number; suspense: boolean }[])
      expect(Number(s.parts)).toBe(s.suspense ? 0 : Number(s.amount));

    const again = await upload('zhkh-default.utf8.txt', 'zhkh-default', null, false);
    expect(again.status).toBe(409);
    for (const enc of ['cp1251', 'cp866']) {
      const other = await upload(`zhkh-default.${enc}.txt`, 'zhkh-default', enc, false);
      expect(other.status, JSON.stringify(other.json)).toBe(200);
      expect(other.json.counts).toMatchObject({ duplicate: 3, new: 0, suspense: 0 });
    }
    const count = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from payments where agent_id = $1 and agent_payment_id like 'P-000%'`,
      [agentId],
    );
    expect(count!.n).toBe(3);
  });

  it('a Sberbank file in CP1251: an unknown account goes to suspense, an operator matches it', async () => {
    const bytes = fixture('sberbank.cp1251.txt')
      .toString('latin1')
      .replace('CLIENTNO:1000000033', 'CLIENTNO:9999999999');
    const res = await t.call('POST', '/api/v1/finance/payment-registries', {
      cookie: accountant,
      body: {
        agentId,
        format: 'sberbank',
        fileName: 'sber-1105.txt',
        contentBase64: Buffer.from(bytes, 'latin1').toString('base64'),
        dryRun: false,
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const line3 = res.json.lines.find((l: { account: string }) => l.account === '9999999999');
    expect(line3.status).toBe('suspense');
    const journal = await t.call('GET', '/api/v1/finance/payments?suspense=true', { cookie: accountant });
    const waiting = journal.json.items.find((p: { accountGiven: string }) => p.accountGiven === '9999999999');
    expect(waiting.accountId).toBeNull();
    const matched = await t.call('POST', `/api/v1/finance/payments/${waiting.id}/match`, {
      cookie: accountant,
      body: { accountId: a1.id },
    });
    expect(matched.status, JSON.stringify(matched.json)).toBe(200);
    expect(matched.json.accountId).toBe(a1.id);
    // 100.50 on a1: its oldest open debt first
    expect(sum(matched.json.parts)).toBe(10_050);
    const twice = await t.call('POST', `/api/v1/finance/payments/${waiting.id}/match`, {
      cookie: accountant,
      body: { accountId: a2.id },
    });
    expect(twice.status).toBe(409);
  });

  it('a file with a bad line is refused whole; the preview names the line and field', async () => {
    const preview = await upload('zhkh-default.bad.utf8.txt', 'zhkh-default', null, true);
    expect(preview.status).toBe(200);
    expect(preview.json.counts.error).toBeGreaterThan(0);
    const apply = await upload('zhkh-default.bad.utf8.txt', 'zhkh-default', null, false);
    expect(apply.status).toBe(400);
    expect(apply.json.error.details[0].field).toMatch(/^line\.\d+\.|^totals|^file/);
    expect(
      await t.db.maybeOne(
        `select 1 from payment_registry_files where file_name = 'zhkh-default.bad.utf8.txt'`,
      ),
    ).toBeUndefined();
  });

  it('a cashier may record payments, an analyst may only read them', async () => {
    const analyst = await t.login('analyst');
    const res = await t.call('POST', '/api/v1/finance/payments', {
      cookie: analyst,
      body: { agentId, paidOn: '2026-10-20', accountId: a1.id, amountKop: 100 },
    });
    expect(res.status).toBe(403);
    const list = await t.call('GET', `/api/v1/finance/payments?accountId=${a1.id}`, { cookie: analyst });
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
  });
});

describe('balances and the turnover sheet', () => {
  const sheet = (query: string) => t.call('GET', `/api/v1/finance/turnover?${query}`, { cookie: accountant });
  type Row = {
    accountId: number;
    serviceId: number | null;
    supplierId: number | null;
    openingKop: number;
    chargedKop: number;
    recalculatedKop: number;
    penaltyKop: number;
    paidKop: number;
    closingKop: number;
  };

  it('an account: the opening balance feeds the first period, payments reduce it (hand-computed)', async () => {
    // 500.00 paid 05.10.2026: September owes 100 (opening) + 300 = 400.00, paid in full; 100.00 to October
    const p = await pay({
      agentPaymentId: 'T-B1',
      paidOn: '2026-10-05',
      accountId: a3.id,
      amountKop: 50_000,
    });
    expect(p.json.payment.parts.map((x: Part) => [x.period, x.amountKop])).toEqual([
      ['2026-09', 40_000],
      ['2026-10', 10_000],
    ]);
    const row = async (period: string) => {
      const r = await sheet(`period=${period}&accountId=${a3.id}`);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      expect(r.json.rows).toHaveLength(1);
      const x: Row = r.json.rows[0];
      return [x.openingKop, x.chargedKop, x.recalculatedKop, x.penaltyKop, x.paidKop, x.closingKop];
    };
    // September: opening 100, charged 300, paid 0 → 400
    expect(await row('2026-09')).toEqual([10_000, 30_000, 0, 0, 0, 40_000]);
    // October: 400 + 300 − 500 = 200
    expect(await row('2026-10')).toEqual([40_000, 30_000, 0, 0, 50_000, 20_000]);
    expect(await row('2026-11')).toEqual([20_000, 0, 0, 0, 0, 20_000]);
  });

  it('over the whole town: closing = opening + charged + recalculated + penalty − paid, carried over, equal to the lines', async () => {
    const oct = await sheet('period=2026-10');
    const nov = await sheet('period=2026-11');
    expect(oct.status).toBe(200);
    const key = (r: Row) => `${r.accountId}/${r.serviceId}/${r.supplierId}`;
    const novOpening = new Map((nov.json.rows as Row[]).map((r) => [key(r), r.openingKop]));
    for (const r of oct.json.rows as Row[]) {
      expect(r.closingKop).toBe(r.openingKop + r.chargedKop + r.recalculatedKop + r.penaltyKop - r.paidKop);
      expect(novOpening.get(key(r))).toBe(r.closingKop);
    }
    // the lines themselves, summed directly: what every account owes at the end of November
    const direct = await t.db.maybeOne<{ kop: number }>(
      `select ((select coalesce(sum(amount_kop), 0) from charge_lines where superseded_at is null)
             + (select coalesce(sum(amount_kop), 0) from opening_balances)
             + (select coalesce(sum(amount_kop), 0) from penalty_lines where superseded_at is null)
             - (select coalesce(sum(amount_kop), 0) from payment_parts))::bigint as kop`,
    );
    expect(nov.json.totals.closingKop).toBe(Number(direct!.kop));
    const house = await t.db.maybeOne<{ id: number }>(
      'select p.house_id as id from accounts a join premises p on p.id = a.premise_id where a.id = $1',
      [a3.id],
    );
    const byService = await sheet(`period=2026-10&houseId=${house!.id}&groupBy=service`);
    expect(byService.status).toBe(200);
    // the house's cold water in October: 300.00 charged on each of a1, a2, a3
    const cw = (byService.json.rows as Row[]).find((r) => r.serviceId === ids.coldWater)!;
    expect(cw.chargedKop).toBe(90_000);
    const bySupplier = await sheet(`period=2026-10&supplierId=${ids.water}&groupBy=account`);
    expect(bySupplier.status).toBe(200);
    expect((bySupplier.json.rows as Row[]).every((r) => r.serviceId === null)).toBe(true);
  });
});

describe('the penalty breakdown of an account', () => {
  it('RULES.md example 6.3 from the account’s own lines: 8,000.00 for January 2022 paid 15.11.2022 → 245.69', async () => {
    await chargeLine(a4.id, '2022-01', ids.maintenance, ids.manager, 800_000);
    const p = await pay({
      agentPaymentId: 'T-P1',
      paidOn: '2022-11-15',
      accountId: a4.id,
      amountKop: 800_000,
    });
    expect(p.status, JSON.stringify(p.json)).toBe(201);
    const res = await t.call('GET', `/api/v1/finance/accounts/${a4.id}/penalties?date=2022-11-15`, {
      cookie: accountant,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    // 38.00 + 0 (ПП 497 moratorium) + 207.69 = 245.69 (RULES.md example 6.3)
    expect(res.json.totalKop).toBe(24_569);
    expect(res.json.debts[0].reductions[0]).toMatchObject({ date: '2022-11-15', amountKop: 800_000 });
    expect(res.json.debts[0].reductions[0].ref).toBe(`платёж № ${p.json.payment.id}`);
  });
});

describe('penalties charged as lines of the open period', () => {
  it('the penalty of the account’s real debts is a line of its service × supplier; again writes nothing; a payment then goes to it', async () => {
    // a4 (above): 8,000.00 of maintenance for January 2022, paid 15.11.2022 → 245.69 (RULES.md example 6.3);
    // nothing accrues after the payment, so at the open period's last day the penalty is the same 245.69.
    // a1–a3 owe for September–October 2026 only: due 10.10/10.11, day 31 is after October → no penalty.
    const house = await t.db.maybeOne<{ id: number }>(
      'select p.house_id as id from accounts a join premises p on p.id = a.premise_id where a.id = $1',
      [a4.id],
    );
    const run = await t.call('POST', '/api/v1/finance/penalties/charge', {
      cookie: accountant,
      body: { houseId: house!.id },
    });
    expect(run.status, JSON.stringify(run.json)).toBe(200);
    expect(run.json).toMatchObject({ linesWritten: 1, amountKop: 24_569 });
    const lines = await t.db.query<{
      account: number;
      service: number;
      supplier: number;
      kop: number;
      debt: string;
    }>(
      `select account_id as account, service_id as service, supplier_id as supplier, amount_kop as kop,
              debt_period as debt from penalty_lines where superseded_at is null`,
    );
    expect(lines.map((l) => [l.account, l.service, l.supplier, Number(l.kop), l.debt])).toEqual([
      [a4.id, ids.maintenance, ids.manager, 24_569, '2022-01'],
    ]);
    const again = await t.call('POST', '/api/v1/finance/penalties/charge', {
      cookie: accountant,
      body: { houseId: house!.id },
    });
    expect(again.json).toMatchObject({ linesWritten: 0, amountKop: 0 });
    const sheet = await t.call(
      'GET',
      `/api/v1/finance/turnover?period=${run.json.period}&accountId=${a4.id}`,
      {
        cookie: accountant,
      },
    );
    expect(sheet.json.totals.penaltyKop).toBe(24_569);
    // 100.00 paid: no principal is owed, so it goes to the penalty line
    const p = await pay({
      agentPaymentId: 'T-P2',
      paidOn: '2026-10-30',
      accountId: a4.id,
      amountKop: 10_000,
    });
    expect(p.json.payment.parts.map((x: Part) => [x.kind, x.amountKop])).toEqual([['penalty', 10_000]]);
  });
});
