/**
 * The balance invariant on a billing run's real output (issue 7 "Balances"; docs/finance.md): a manager's
 * houses of the demo town are charged for October 2026 by a real billing run, a registry file is imported
 * (set-based path: a payment naming October, part payments, an overpayment → advance, an unknown account →
 * suspense), one payment is reversed and one moved to another account, penalties are charged over the
 * manager's houses (a legacy January debt is overdue), and then the turnover sheet — per account × service ×
 * supplier, by account, for a house, the manager and a supplier — is compared row by row and in its totals
 * with sums taken directly from the tables by an independent query (not the view the sheet reads).
 * The clock stands at 2026-11-02, so the open period is 2026-10.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOutstanding, selectOutstandingOf } from '../../src/db/finance/payments.js';
import { workRun } from '../../src/services/billing/runs.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let agentId: number;
let manager: number;
let houses: number[];
/** Accounts of the first house of the manager, in id order, with what October charged them. */
let accs: { id: number; number: string; octKop: number }[];
let maintenance: { service: number; supplier: number };

const P = '2026-10';
const money = (k: number) => `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')}`;

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  agentId = await t.orgId('Сбербанк (демо)');
  // the manager with the fewest houses in the demo town keeps the billing run short
  const m = (await t.db.maybeOne<{ id: number }>(
    `select hm.manager_id as id from house_managers hm where hm.valid_to is null
      group by hm.manager_id order by count(*), hm.manager_id limit 1`,
  ))!;
  manager = m.id;
  houses = (
    await t.db.query<{ id: number }>(
      'select house_id as id from house_managers where manager_id = $1 and valid_to is null order by house_id',
      [manager],
    )
  ).map((h) => h.id);
  const first = (await t.db.maybeOne<{ service: number; supplier: number }>(
    `select hs.service_id as service, hs.supplier_id as supplier from house_services hs
       join services s on s.id = hs.service_id where hs.house_id = $1 and s.code = 'maintenance' limit 1`,
    [houses[0]],
  ))!;
  maintenance = first;
  // a legacy debt of January 2026 (5 000.00 of maintenance) on the house's first account: overdue → penalty
  await t.db.query(
    `insert into opening_balances (external_id, account_id, service_id, supplier_id, as_of, amount_kop)
     select 'inv-ob-1', a.id, $2, $3, '2026-01-01', 500000 from accounts a join premises p on p.id = a.premise_id
      where p.house_id = $1 and a.status = 'open' order by a.id limit 1`,
    [houses[0], maintenance.service, maintenance.supplier],
  );
  const run = await t.call('POST', '/api/v1/billing/runs', {
    cookie: accountant,
    body: { period: P, managerId: manager },
  });
  expect(run.status, run.text).toBe(202);
  const done = await workRun(t.db, { clock: t.clock, userId: null }, run.json.id, 'invariant');
  expect([done.status, done.housesFailed]).toEqual(['done', 0]);
  expect(done.linesWritten).toBeGreaterThan(0);
  accs = (
    await t.db.query<{ id: number; number: string; octKop: number }>(
      `select a.id, a.number, coalesce((select sum(amount_kop) from charge_lines c where c.account_id = a.id
                and c.period = $2 and c.superseded_at is null), 0)::bigint as "octKop"
         from accounts a join premises p on p.id = a.premise_id
        where p.house_id = $1 and a.status = 'open' order by a.id limit 8`,
      [houses[0], P],
    )
  ).map((a) => ({ ...a, octKop: Number(a.octKop) }));
  expect(accs.every((a) => a.octKop > 0)).toBe(true);
});
afterAll(() => t.dispose());

describe('payments on a billing run’s output', () => {
  let fileId: number;

  it('a registry file is applied whole: each payment’s parts sum to it; a payment of October’s bill pays each line', async () => {
    // accs[0] keeps its January debt unpaid (penalties below); accs[1] pays exactly its October bill naming
    // October; accs[2] pays half; accs[3] pays 1 000.00 more than its bill (an advance); accs[4], accs[5]
    // pay their bill (one to be reversed, one moved); one line gives an account that does not exist.
    const lines = [
      { id: 'INV-1', acc: accs[1]!.number, period: '10.2026', kop: accs[1]!.octKop },
      { id: 'INV-2', acc: accs[2]!.number, period: '', kop: Math.floor(accs[2]!.octKop / 2) },
      { id: 'INV-3', acc: accs[3]!.number, period: '', kop: accs[3]!.octKop + 100_000 },
      { id: 'INV-4', acc: accs[4]!.number, period: '10.2026', kop: accs[4]!.octKop },
      { id: 'INV-5', acc: accs[5]!.number, period: '10.2026', kop: accs[5]!.octKop },
      { id: 'INV-6', acc: '9999999990', period: '', kop: 12_345 },
    ];
    const total = lines.reduce((s, l) => s + l.kop, 0);
    // what COPY's text format must escape (a backslash, a tab) and JSON quotes, stored as given
    const payer = 'Иванов "Дом\\Сад"\tИ.';
    const text = [
      'id;дата;лс;период;сумма;комиссия;фио;адрес',
      ...lines.map(
        (l) => `${l.id};25.10.2026;${l.acc};${l.period};${money(l.kop)};0.00;${payer};ул. Тестовая`,
      ),
      `=${lines.length};${money(total)};0.00`,
    ].join('\r\n');
    const res = await t.call('POST', '/api/v1/finance/payment-registries', {
      cookie: accountant,
      body: {
        agentId,
        format: 'zhkh-default',
        fileName: 'invariant-2510.txt',
        contentBase64: Buffer.from(text + '\r\n', 'utf8').toString('base64'),
        dryRun: false,
      },
    });
    expect(res.status, JSON.stringify(res.json).slice(0, 2000)).toBe(200);
    expect(res.json.applied).toBe(true);
    expect(res.json.counts).toEqual({ new: 5, suspense: 1, duplicate: 0, error: 0 });
    const names = await t.db.query<{ name: string }>(
      'select distinct payer_name as name from payments where registry_file_id = $1',
      [res.json.fileId],
    );
    expect(names.map((n) => n.name)).toEqual([payer]);
    fileId = res.json.fileId;
    const sums = await t.db.query<{ id: string; amount: number; parts: number | null }>(
      `select p.agent_payment_id as id, p.amount_kop as amount,
              (select sum(amount_kop) from payment_parts pp where pp.payment_id = p.id)::bigint as parts
         from payments p where p.registry_file_id = $1 order by p.agent_payment_id`,
      [fileId],
    );
    // every stored payment's parts sum exactly to it; the suspense one has none
    expect(sums.map((s) => [s.id, Number(s.parts ?? 0)])).toEqual(
      lines.map((l) => [l.id, l.id === 'INV-6' ? 0 : l.kop]),
    );
    // INV-1 pays exactly October's bill: each part is its charge line (by service × supplier), nothing else
    const paid = await t.db.query<{ s: number; o: number; kop: number }>(
      `select pp.service_id as s, pp.supplier_id as o, pp.amount_kop as kop from payment_parts pp
         join payments p on p.id = pp.payment_id where p.agent_payment_id = 'INV-1' and pp.kind = 'charge'
        order by 1, 2`,
    );
    const charged = await t.db.query<{ s: number; o: number; kop: number }>(
      `select service_id as s, supplier_id as o, sum(amount_kop)::bigint as kop from charge_lines
        where account_id = $1 and period = $2 and superseded_at is null group by 1, 2 having sum(amount_kop) > 0
        order by 1, 2`,
      [accs[1]!.id, P],
    );
    expect(paid.map((x) => [x.s, x.o, Number(x.kop)])).toEqual(charged.map((x) => [x.s, x.o, Number(x.kop)]));
    // INV-3: the bill paid in full, 1 000.00 left as an advance
    const adv = await t.db.maybeOne<{ kop: number }>(
      `select sum(pp.amount_kop)::bigint as kop from payment_parts pp join payments p on p.id = pp.payment_id
        where p.agent_payment_id = 'INV-3' and pp.kind = 'advance'`,
    );
    expect(Number(adv!.kop)).toBe(100_000);
  });

  it('one payment is reversed, one moved to another account', async () => {
    const ids = await t.db.query<{ id: number; agent: string }>(
      `select id, agent_payment_id as agent from payments where registry_file_id = $1 order by agent_payment_id`,
      [fileId],
    );
    const byAgent = new Map(ids.map((r) => [r.agent, r.id]));
    const reversed = await t.call('POST', `/api/v1/finance/payments/${byAgent.get('INV-4')}/reverse`, {
      cookie: accountant,
      body: { reason: 'возврат плательщику' },
    });
    expect(reversed.status, reversed.text).toBe(201);
    const moved = await t.call('POST', `/api/v1/finance/payments/${byAgent.get('INV-5')}/split`, {
      cookie: accountant,
      body: {
        reason: 'ошибка в лицевом счёте',
        targets: [{ accountId: accs[6]!.id, amountKop: accs[5]!.octKop }],
      },
    });
    expect(moved.status, moved.text).toBe(201);
  });
});

describe('penalties over the manager’s houses', () => {
  it('are charged as lines of the open period; a second run writes nothing; a closed period is refused', async () => {
    const wrong = await t.call('POST', '/api/v1/finance/penalties/run', {
      cookie: accountant,
      body: { period: '2026-09', managerId: manager },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details[0].field).toBe('period');
    const run = await t.call('POST', '/api/v1/finance/penalties/run', {
      cookie: accountant,
      body: { period: P, managerId: manager },
    });
    expect(run.status, run.text).toBe(200);
    expect(run.json.houses).toBe(houses.length);
    // accs[0]: 5 000.00 for January 2026, due 10.02.2026 (the 10th: bills before February 2026, no weekend
    // shift then; docs/finance.md), unpaid to 31.10.2026, the rate min(9.5 %, key rate 16 %) = 9.5 % (ПП 329):
    //   delay days 31–90 (13.03–11.05): 5000 × 0.095 × 60 / 300 = 95.00
    //   delay days 91… (12.05–31.10, 20 + 30 + 31 + 31 + 30 + 31 = 173 days): 5000 × 0.095 × 173 / 130
    //     = 82175 / 130 = 632.115384…
    //   total 727.115384… → 727.12 ₽, one line of the debt's only service × supplier
    // (the demo's other accounts owe for October only, not yet due: no penalty.)
    const lines = await t.db.query<{ account: number; s: number; o: number; debt: string; kop: number }>(
      `select account_id as account, service_id as s, supplier_id as o, debt_period as debt, amount_kop as kop
         from penalty_lines where superseded_at is null and period = $1 order by id`,
      [P],
    );
    expect(lines.map((l) => [l.account, l.s, l.o, l.debt, Number(l.kop)])).toEqual([
      [accs[0]!.id, maintenance.service, maintenance.supplier, '2026-01', 72_712],
    ]);
    expect(run.json).toMatchObject({ linesWritten: 1, amountKop: 72_712 });
    const audits = async () =>
      (await t.db.maybeOne<{ n: number }>(
        `select count(*)::int as n from audit_records where object_type = 'penalty_lines'`,
      ))!.n;
    const before = await audits();
    const again = await t.call('POST', '/api/v1/finance/penalties/run', {
      cookie: accountant,
      body: { period: P, managerId: manager },
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ linesWritten: 0, amountKop: 0 });
    expect(await audits()).toBe(before);
  }, 300_000);
});

type Sums = { opening: number; charged: number; recalculated: number; penalty: number; paid: number };
type Row = { key: string } & Sums;

/**
 * The sheet's figures taken straight from the tables (not from the view balance_movements): per the given
 * grouping, for accounts of houses matching `houseWhere` and lines matching `lineWhere`.
 */
async function direct(
  group: 'line' | 'account',
  houseWhere: string,
  lineWhere: string,
  param: number | null,
) {
  const key =
    group === 'line'
      ? "x.account_id || '/' || coalesce(x.service_id::text, '-') || '/' || coalesce(x.supplier_id::text, '-')"
      : 'x.account_id::text';
  const params: unknown[] = [P];
  if (param !== null) params.push(param);
  const rows = await t.db.query<Row>(
    `with x as (
       select account_id, service_id, supplier_id,
              case when to_char(as_of, 'YYYY-MM') <= $1 then amount_kop else 0 end as opening,
              0 as charged, 0 as recalculated, 0 as penalty, 0 as paid
         from opening_balances
       union all
       select account_id, service_id, supplier_id, case when period < $1 then amount_kop else 0 end,
              case when period = $1 and origin = 'original' then amount_kop else 0 end,
              case when period = $1 and origin = 'recalculation' then amount_kop else 0 end, 0, 0
         from charge_lines where superseded_at is null and period <= $1
       union all
       select account_id, service_id, supplier_id, case when period < $1 then amount_kop else 0 end, 0, 0,
              case when period = $1 then amount_kop else 0 end, 0
         from penalty_lines where superseded_at is null and period <= $1
       union all
       select pp.account_id, pp.service_id, pp.supplier_id,
              case when p.paid_on < ($1 || '-01')::date then -pp.amount_kop else 0 end, 0, 0, 0,
              case when to_char(p.paid_on, 'YYYY-MM') = $1 then pp.amount_kop else 0 end
         from payment_parts pp join payments p on p.id = pp.payment_id
        where p.paid_on < (($1 || '-01')::date + interval '1 month'))
     select ${key} as key, sum(opening)::bigint as opening, sum(charged)::bigint as charged,
            sum(recalculated)::bigint as recalculated, sum(penalty)::bigint as penalty, sum(paid)::bigint as paid
       from x join accounts a on a.id = x.account_id join premises pr on pr.id = a.premise_id
      where ${houseWhere} and ${lineWhere}
      group by 1`,
    params,
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        opening: Number(r.opening),
        charged: Number(r.charged),
        recalculated: Number(r.recalculated),
        penalty: Number(r.penalty),
        paid: Number(r.paid),
      },
    ]),
  );
}

async function sheet(query: string) {
  const res = await t.call('GET', `/api/v1/finance/turnover?period=${P}&${query}`, { cookie: accountant });
  expect(res.status, res.text).toBe(200);
  return res.json as {
    rows: ({ accountId: number; serviceId: number | null; supplierId: number | null } & Record<
      string,
      number
    >)[];
    totals: Record<string, number>;
  };
}

function compare(
  s: Awaited<ReturnType<typeof sheet>>,
  expected: Map<string, Sums>,
  group: 'line' | 'account',
) {
  const got = new Map(
    s.rows.map((r) => [
      group === 'line' ? `${r.accountId}/${r.serviceId ?? '-'}/${r.supplierId ?? '-'}` : String(r.accountId),
      r,
    ]),
  );
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  const total: Sums = { opening: 0, charged: 0, recalculated: 0, penalty: 0, paid: 0 };
  for (const [key, e] of expected) {
    const r = got.get(key)!;
    expect([r.openingKop, r.chargedKop, r.recalculatedKop, r.penaltyKop, r.paidKop], key).toEqual([
      e.opening,
      e.charged,
      e.recalculated,
      e.penalty,
      e.paid,
    ]);
    expect(r.closingKop, key).toBe(e.opening + e.charged + e.recalculated + e.penalty - e.paid);
    for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += e[k];
  }
  expect(s.totals).toMatchObject({
    openingKop: total.opening,
    chargedKop: total.charged,
    recalculatedKop: total.recalculated,
    penaltyKop: total.penalty,
    paidKop: total.paid,
    closingKop: total.opening + total.charged + total.recalculated + total.penalty - total.paid,
  });
  return total;
}

describe('the turnover sheet equals the tables summed directly, row by row and in total', () => {
  const managed = `pr.house_id in (select house_id from house_managers where manager_id = $2 and valid_to is null)`;

  it('for the manager, per account × service × supplier and by account', async () => {
    const lines = compare(
      await sheet(`managerId=${manager}`),
      await direct('line', managed, 'true', manager),
      'line',
    );
    // the run, the payments and the penalty all show: nothing is vacuous
    expect(lines.charged).toBeGreaterThan(0);
    expect(lines.paid).toBeGreaterThan(0);
    expect(lines.penalty).toBe(72_712);
    expect(lines.opening).toBe(500_000);
    compare(
      await sheet(`managerId=${manager}&groupBy=account`),
      await direct('account', managed, 'true', manager),
      'account',
    );
  });

  it('for a house and for one account', async () => {
    compare(
      await sheet(`houseId=${houses[0]}`),
      await direct('line', 'pr.house_id = $2', 'true', houses[0]!),
      'line',
    );
    // the moved payment's target: a reversal on one account, the payment on the other
    compare(
      await sheet(`accountId=${accs[6]!.id}`),
      await direct('line', 'a.id = $2', 'true', accs[6]!.id),
      'line',
    );
    compare(
      await sheet(`accountId=${accs[5]!.id}`),
      await direct('line', 'a.id = $2', 'true', accs[5]!.id),
      'line',
    );
  });

  it('for a supplier', async () => {
    compare(
      await sheet(`supplierId=${maintenance.supplier}`),
      await direct('line', 'true', 'x.supplier_id = $2', maintenance.supplier),
      'line',
    );
  });
});

describe('what the accounts owe, read for a registry file', () => {
  // selectOutstandingOf sums the raw lines and parts in Node (the import's path); selectOutstanding groups them in
  // SQL (one account's path): after the run, the file, the reversal, the move and the penalties, both must give
  // every account of the manager the same rows in the same order.
  it('summed in Node equals the SQL grouping for every account, with part payments and penalties among them', async () => {
    const ids = (
      await t.db.query<{ id: number }>(
        `select a.id from accounts a join premises p on p.id = a.premise_id
          where p.house_id = any($1::bigint[]) order by a.id`,
        [houses],
      )
    ).map((r) => r.id);
    const bulk = await t.db.transaction((tx) => selectOutstandingOf(tx, ids));
    let partlyPaid = 0;
    let penalties = 0;
    for (const id of ids) {
      const one = await selectOutstanding(t.db, id);
      expect(bulk.get(id) ?? [], `account ${id}`).toEqual(one);
      partlyPaid += one.filter((r) => r.kind === 'charge' && r.outstandingKop > 0).length;
      penalties += one.filter((r) => r.kind === 'penalty').length;
    }
    // the file paid some accounts in part and the legacy debt drew a penalty: the cases are there
    expect(partlyPaid).toBeGreaterThan(0);
    expect(penalties).toBeGreaterThan(0);
    // the legacy January debt of 5 000.00 is in the first account's rows, less what was paid on it
    const jan = bulk.get(accs[0]!.id)!.find((r) => r.period === '2026-01' && r.kind === 'charge')!;
    const paidOnJan = (await t.db.maybeOne<{ kop: number }>(
      `select coalesce(sum(amount_kop), 0)::bigint as kop from payment_parts
        where account_id = $1 and period = '2026-01' and kind = 'charge'`,
      [accs[0]!.id],
    ))!.kop;
    expect(jan.outstandingKop).toBe(500_000 - Number(paidOnJan));
  });
});
