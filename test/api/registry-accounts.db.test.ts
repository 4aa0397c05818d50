/**
 * Accounts: numbers, the rule of area shares, close, split, merge, the history on the card, the scope and
 * the permissions (finding them: registry-account-search.db.test.ts). Houses of their own town (Заозёрск);
 * the clock stands at 2026-11-02, the current period is 2026-11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
const house: Record<string, number> = {};
const flat: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const [key, street, houseNumber, manager, flats] of [
    ['L5', 'ул. Ленина', '5', 'УК Уютный дом', ['1', '2', '20']],
    ['L15', 'ул. Ленина', '15', 'УК Уютный дом', ['5', '7']],
    ['G5', 'пр. Ленинградский', '5', 'ТСЖ Берёзка', ['1']],
  ] as const) {
    const h = await post('/houses', {
      region: 'Демо-область',
      city: 'Заозёрск',
      street,
      houseNumber,
      managerId: await t.orgId(manager),
      managedFrom: '2025-01-01',
    });
    house[key] = h.json.id;
    for (const n of flats)
      flat[`${key}/${n}`] = (await post(`/houses/${h.json.id}/premises`, { number: n })).json.id;
  }
});
afterAll(() => t.dispose());

async function post(path: string, body: unknown, cookie = admin) {
  return t.call('POST', `/api/v1${path}`, { cookie, body });
}
const get = (path: string, cookie = admin) => t.call('GET', `/api/v1${path}`, { cookie });
const open = (premise: string, payerName: string, extra: Record<string, unknown> = {}, cookie = admin) =>
  post(`/premises/${flat[premise]}/accounts`, { payerName, ...extra }, cookie);
const requests = async () =>
  (
    await t.db.query<{ object_id: string; account_id: number; from_date: string }>(
      `select object_id, account_id, from_date from recalculation_requests where house_id = $1 order by id`,
      [house.L5],
    )
  ).map((r) => [Number(r.object_id), r.account_id, r.from_date]);
const ids = (res: { json: { items: { id: number }[] } }) =>
  res.json.items.map((a) => a.id).sort((a, b) => a - b);

const acc: Record<string, number> = {};

describe(`accounts on ${engineName}`, () => {
  it('numbers accounts: a 9-digit serial and its Luhn check digit, past the highest number in use; the card', async () => {
    await t.db.query(`select setval('account_serials', 500000041)`);
    // serial 500000042: from the right 2·2=4, 4, 0, 0, 0, 0, 0, 0, 5·2=10→1; Σ = 9, check digit 1
    const first = await open('L5/1', 'Дроздов Пётр Ильич', { openedOn: '2026-01-01' });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({
      number: '5000000421',
      areaShare: '1',
      status: 'open',
      openedOn: '2026-01-01',
    });
    acc.drozdov = first.json.id;
    // the sequence lags behind a bulk load: the next serial is 500000043 (3·2=6, 4, 5·2=10→1; Σ 11, check 9)
    await t.db.query(`select setval('account_serials', 1)`);
    const second = await open('L5/2', 'Сорокина Анна Павловна', { areaShare: '0.5' });
    expect(second.json).toMatchObject({ number: '5000000439', areaShare: '0.5', openedOn: '2026-11-02' });
    acc.sorokina = second.json.id;
    expect(await requests()).toEqual([[acc.drozdov, acc.drozdov, '2026-01-01']]); // January: yes; today: no
    expect((await get(`/accounts/${acc.drozdov}`)).json).toMatchObject({
      premise: { id: flat['L5/1'], number: '1', kind: 'flat', label: 'кв. 1' },
      house: { id: house.L5, address: 'г. Заозёрск, ул. Ленина, д. 5' },
      payerName: 'Дроздов Пётр Ильич',
      predecessors: [],
      successors: [],
    });
  });

  // a competing transaction holds the premise with an uncommitted 0.6: the request waits for it, then sees it
  it.runIf(engineName === 'postgres')('checks the shares with the premise locked', async () => {
    let release = () => {};
    const competitor = t.db.transaction(async (tx) => {
      await tx.query('select id from premises where id = $1 for update', [flat['L15/7']]);
      await tx.query(
        `insert into accounts (number, premise_id, payer_kind, payer_name, area_share, opened_on)
         values ('4999999990', $1, 'person', 'Гусев', 0.6, '2026-11-01')`,
        [flat['L15/7']],
      );
      await new Promise<void>((resolve) => (release = resolve));
    });
    const request = open('L15/7', 'Гусева', { areaShare: '0.6' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await competitor;
    expect((await request).status).toBe(400); // without the lock it would not see the 0.6 and open a second
  });

  it('refuses area shares out of (0, 1] and shares of a premise summing to more than 1 on some day', async () => {
    const over = await open('L5/1', 'Дроздова Мария Петровна', { areaShare: '0.5' });
    expect(over.status).toBe(400);
    expect(over.json.error.details).toEqual([
      {
        field: 'areaShare',
        problem: 'на 2026-11-02 доли площади счетов помещения в сумме составили бы 1.5, больше 1',
      },
    ]);
    for (const areaShare of ['0', '0.000000', '1.000001', '2']) {
      const bad = await open('L5/2', 'Сорокин', { areaShare });
      expect(bad.json.error.details, areaShare).toEqual([
        { field: 'areaShare', problem: 'доля площади должна быть больше 0 и не больше 1' },
      ]);
    }
    expect((await open('L5/2', 'Сорокин', { areaShare: '0.1234567' })).json.error.details[0].field).toBe(
      'areaShare',
    );
    expect((await open('L5/2', 'Сорокин', { areaShare: 0.5 })).status).toBe(400); // a number, not a decimal string
    const org = await open('L5/2', 'Сорокин', { payerOrganisationId: await t.orgId('УК Уютный дом') });
    expect(org.json.error.details).toEqual([
      { field: 'payerOrganisationId', problem: 'организация указывается для плательщика-организации' },
    ]);
    // 0.5 + 0.5 = 1 exactly
    expect((await open('L5/2', 'Сорокин Илья Павлович', { areaShare: '0.500000' })).status).toBe(201);
  });

  it('closes an account on its last day; the shares count day by day', async () => {
    const x = await open('L5/20', 'Белов Олег Ильич', { openedOn: '2026-11-01' });
    const closed = await post(`/accounts/${x.json.id}/close`, {
      closedOn: '2026-11-20',
      reason: 'продажа квартиры',
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({
      status: 'closed',
      closedOn: '2026-11-20',
      closeReason: 'продажа квартиры',
    });
    expect(
      (await post(`/accounts/${x.json.id}/close`, { closedOn: '2026-11-21', reason: 'ещё раз' })).status,
    ).toBe(409);
    // the new owner from 2026-11-15 would overlap 15–20 November: 1 + 1 = 2
    const overlap = await open('L5/20', 'Чайкина Ольга Ивановна', { openedOn: '2026-11-15' });
    expect(overlap.json.error.details).toEqual([
      {
        field: 'areaShare',
        problem: 'на 2026-11-15 доли площади счетов помещения в сумме составили бы 2, больше 1',
      },
    ]);
    const next = await open('L5/20', 'Чайкина Ольга Ивановна', { openedOn: '2026-11-21' });
    expect(next.status).toBe(201);
    const early = await post(`/accounts/${next.json.id}/close`, { closedOn: '2026-11-20', reason: 'ошибка' });
    expect(early.json.error.details).toEqual([
      { field: 'closedOn', problem: 'раньше открытия счёта (2026-11-21)' },
    ]);
    expect(await requests()).toHaveLength(1); // nothing here reached before November
  });

  it('splits an account: it closes the day before, the parts’ shares sum exactly to its share', async () => {
    const parts = (shares: string[]) =>
      shares.map((areaShare, i) => ({
        payerName: ['Дроздов Пётр Ильич', 'Дроздова Мария Петровна', 'Дроздов Илья Петрович'][i],
        areaShare,
      }));
    const inexact = await post(`/accounts/${acc.drozdov}/split`, {
      on: '2026-10-01',
      parts: parts(['0.333333', '0.333333', '0.333333']),
    });
    expect(inexact.status).toBe(400);
    expect(inexact.json.error.details).toEqual([
      { field: 'parts', problem: 'сумма долей частей 0.999999 не равна доле счёта 1' },
    ]);
    const early = await post(`/accounts/${acc.drozdov}/split`, {
      on: '2026-01-01',
      parts: parts(['0.5', '0.5']),
    });
    expect(early.json.error.details).toEqual([
      { field: 'on', problem: 'должна быть позже открытия счёта 5000000421 (2026-01-01)' },
    ]);
    const res = await post(`/accounts/${acc.drozdov}/split`, {
      on: '2026-10-01',
      parts: parts(['0.333333', '0.333333', '0.333334']),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      status: 'closed',
      closedOn: '2026-09-30',
      closeReason: 'разделение лицевого счёта',
    });
    expect(
      res.json.successors.map((l: { kind: string; onDate: string; payerName: string }) => [
        l.kind,
        l.onDate,
        l.payerName,
      ]),
    ).toEqual([
      ['split', '2026-10-01', 'Дроздов Пётр Ильич'],
      ['split', '2026-10-01', 'Дроздова Мария Петровна'],
      ['split', '2026-10-01', 'Дроздов Илья Петрович'],
    ]);
    [acc.s1, acc.s2, acc.s3] = res.json.successors.map((l: { id: number }) => l.id);
    const part = await get(`/accounts/${acc.s3}`);
    expect(part.json).toMatchObject({ areaShare: '0.333334', openedOn: '2026-10-01', status: 'open' });
    expect(part.json.predecessors).toMatchObject([{ id: acc.drozdov, number: '5000000421', kind: 'split' }]);
    // October is charged already: recalculate from the split
    expect((await requests()).at(-1)).toEqual([acc.drozdov, acc.drozdov, '2026-10-01']);
    expect(
      (await post(`/accounts/${acc.drozdov}/split`, { on: '2026-11-01', parts: parts(['0.5', '0.5']) }))
        .status,
    ).toBe(409);
    const audit = await t.db.query<{ object_id: string; action: string }>(
      `select object_id, action from audit_records where object_type = 'account' and object_id = any($1) order by id`,
      [[acc.drozdov, acc.s1].map(String)],
    );
    expect(audit.map((a) => [Number(a.object_id), a.action])).toEqual([
      [acc.drozdov, 'create'],
      [acc.s1, 'create'],
      [acc.drozdov, 'update'],
    ]);
  });

  it('merges open accounts of one premise into one with the sum of their shares', async () => {
    const merge = (accountIds: unknown[], payerName = 'Х') =>
      post('/accounts/merge', { accountIds, on: '2026-11-10', payerName });
    expect((await merge([acc.s1, acc.sorokina])).json.error.details).toEqual([
      { field: 'accountIds', problem: 'счета разных помещений объединить нельзя' },
    ]);
    expect((await merge([acc.s1, acc.drozdov])).json.error.details).toEqual([
      { field: 'accountIds', problem: 'закрыты: 5000000421' },
    ]);
    const res = await merge([acc.s2, acc.s3], 'Дроздова Мария Петровна');
    expect(res.status, res.text).toBe(201);
    // 0.333333 + 0.333334 = 0.666667
    expect(res.json).toMatchObject({ areaShare: '0.666667', openedOn: '2026-11-10', status: 'open' });
    expect(ids({ json: { items: res.json.predecessors } })).toEqual([acc.s2!, acc.s3!].sort((a, b) => a - b));
    expect(
      res.json.predecessors.map((l: { kind: string; onDate: string }) => `${l.kind} ${l.onDate}`),
    ).toEqual(['merge 2026-11-10', 'merge 2026-11-10']);
    acc.merged = res.json.id;
    expect((await get(`/accounts/${acc.s2}`)).json).toMatchObject({
      status: 'closed',
      closedOn: '2026-11-09',
    });
    expect(await requests()).toHaveLength(2); // 10 November is in the current period
    // the premise is whole again: 0.333333 + 0.666667 = 1
    expect((await open('L5/1', 'Ещё', { areaShare: '0.000001', openedOn: '2026-11-10' })).status).toBe(400);
    // closing a part from 15 October reaches October: recalculate from the day after
    await post(`/accounts/${acc.s1}/close`, { closedOn: '2026-10-15', reason: 'выбытие' });
    expect((await requests()).at(-1)).toEqual([acc.s1, acc.s1, '2026-10-16']);
  });

  it('shows a manager the accounts of his houses only; another’s are not found, by list and by id', async () => {
    const korolev = (await open('G5/1', 'Королёв Семён Петрович')).json.id;
    const tsj = await t.login('tsj_admin');
    expect((await get(`/accounts?houseId=${house.L5}`, tsj)).json.total).toBe(0);
    expect(ids(await get(`/accounts?pageSize=500&q=${encodeURIComponent('Заозёрск')}`, tsj))).toEqual([
      korolev,
    ]);
    expect((await get(`/accounts/${acc.drozdov}`, tsj)).status).toBe(404);
    const close = await post(`/accounts/${acc.merged}/close`, { closedOn: '2026-11-30', reason: 'x' }, tsj);
    expect(close.status).toBe(404);
    const parts = [
      { payerName: 'x', areaShare: '0.3' },
      { payerName: 'y', areaShare: '0.366667' },
    ];
    expect((await post(`/accounts/${acc.merged}/split`, { on: '2026-12-01', parts }, tsj)).status).toBe(404);
    const merge = { accountIds: [acc.s1, acc.merged], on: '2026-12-01', payerName: 'x' };
    expect((await post('/accounts/merge', merge, tsj)).status).toBe(404);
    expect((await post(`/premises/${flat['L5/2']}/accounts`, { payerName: 'x' }, tsj)).status).toBe(404);
    const uk = await t.login('uk_admin');
    expect((await get(`/accounts?houseId=${house.L5}`, uk)).json.total).toBe(9);
    expect((await get(`/accounts/${acc.drozdov}`, uk)).status).toBe(200);
    expect((await get(`/accounts/${korolev}`, uk)).status).toBe(404);
  });

  it('writes with registry.write only: a cashier reads, an accountant opens', async () => {
    const cashier = await t.login('cashier');
    expect((await get(`/accounts/${acc.merged}`, cashier)).status).toBe(200);
    expect((await open('L15/5', 'Х', { areaShare: '0.1' }, cashier)).status).toBe(403);
    expect((await open('L15/5', 'Лебедев Олег Ильич', {}, await t.login('accountant'))).status).toBe(201);
  });
});
