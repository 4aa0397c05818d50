/**
 * Finding accounts: the list's q (the beginning of the number, or words each the beginning of a word of the
 * payer's name or of the address), the global search box, the scope. Houses of their own town (Заозёрск),
 * so the demo town does not stand in the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
const house: Record<string, number> = {};
const flat: Record<string, number> = {};
const acc: Record<string, number> = {};
const post = (path: string, body: unknown) => t.call('POST', `/api/v1${path}`, { cookie: admin, body });
const get = (path: string, cookie = admin) => t.call('GET', `/api/v1${path}`, { cookie });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const [key, street, houseNumber, manager, flats] of [
    ['L5', 'ул. Ленина', '5', 'УК Уютный дом', ['1', '2']],
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
  await t.db.query(`select setval('account_serials', 700000000)`); // numbers 700000001x … 700000006x
  for (const [key, premise, payerName, areaShare] of [
    ['drozdov', 'L5/1', 'Дроздов Пётр Ильич', '1'],
    ['drozdova', 'L5/2', 'Дроздова Мария Петровна', '0.5'],
    ['sorokin', 'L5/2', 'Сорокин Илья Павлович', '0.5'],
    ['lebedev5', 'L15/5', 'Лебедев Олег Ильич', '1'],
    ['lebedev7', 'L15/7', 'Лебедев Иван Ильич', '1'],
    ['korolev', 'G5/1', 'Королёв Семён Петрович', '1'],
  ] as const) {
    const res = await post(`/premises/${flat[premise]}/accounts`, {
      payerName,
      areaShare,
      openedOn: '2026-11-01',
    });
    expect(res.status, res.text).toBe(201);
    acc[key] = res.json.id;
  }
  await post(`/accounts/${acc.sorokin}/close`, { closedOn: '2026-11-01', reason: 'продажа доли' });
});
afterAll(() => t.dispose());

const ids = (res: { json: { items: { id: number }[] } }) =>
  res.json.items.map((a) => a.id).sort((a, b) => a - b);
const q = async (text: string, cookie = admin) =>
  ids(await get(`/accounts?pageSize=500&q=${encodeURIComponent(text)}`, cookie));
const of = (...keys: string[]) => keys.map((k) => acc[k]!).sort((a, b) => a - b);

describe(`account search on ${engineName}`, () => {
  it('finds by the beginning of the number', async () => {
    expect(await q('70000000')).toEqual(
      of('drozdov', 'drozdova', 'sorokin', 'lebedev5', 'lebedev7', 'korolev'),
    );
    expect(await q('700000001')).toEqual(of('drozdov'));
    expect(await q('7000000013')).toEqual(of('drozdov')); // 700000001: 1·2=2, 7·2=14→5; Σ 7, check digit 3
    expect(await q('7000000014')).toEqual([]);
  });

  it('finds "Ленина 5": every word is the beginning of a word of the address', async () => {
    // д. 5, and кв. 5 of д. 15; not кв. 7 of д. 15, not пр. Ленинградский, д. 5 ("ленина" is not "ленинградский")
    const lenina5 = await q('Ленина 5');
    expect(lenina5).toEqual(expect.arrayContaining(of('drozdov', 'drozdova', 'sorokin', 'lebedev5')));
    expect(lenina5).not.toContain(acc.lebedev7);
    expect(lenina5).not.toContain(acc.korolev);
    expect(await q('Заозёрск Ленина 5')).toEqual(of('drozdov', 'drozdova', 'sorokin', 'lebedev5'));
    expect(await q('г. Заозёрск, ул. Ленина, д. 15, кв. 7')).toEqual(of('lebedev7')); // the address as written
    expect(await q('заоз ленинг')).toEqual(of('korolev'));
    expect(await q('Заозёрск енина')).toEqual([]); // the middle of a word is not its beginning
  });

  it('finds by the payer, ё as е, in any letter case', async () => {
    expect(await q('Заозёрск дроздов')).toEqual(of('drozdov', 'drozdova'));
    expect(await q('Заозёрск ДРОЗДОВА')).toEqual(of('drozdova'));
    expect(await q('Заозерск Королев Семен')).toEqual(of('korolev'));
    expect(await q('Заозёрск лебедев ильич 15')).toEqual(of('lebedev5', 'lebedev7'));
    expect(await q('ул. д. кв.')).toEqual([]); // nothing to search by
  });

  it('combines q with the house, the status and the sort', async () => {
    const res = await get(
      `/accounts?q=${encodeURIComponent('Заозёрск')}&houseId=${house.L5}&status=open&sort=-number`,
    );
    expect(res.json.items.map((a: { id: number }) => a.id)).toEqual([acc.drozdova, acc.drozdov]);
    const closed = await get(`/accounts?houseId=${house.L5}&status=closed`);
    expect(ids(closed)).toEqual(of('sorokin'));
    const byAddress = await get(`/accounts?q=${encodeURIComponent('Заозёрск Ленина')}&sort=address`);
    expect(byAddress.json.items.map((a: { premise: { label: string } }) => a.premise.label)).toEqual([
      'кв. 1',
      'кв. 2',
      'кв. 2',
      'кв. 5',
      'кв. 7',
    ]);
    expect((await get('/accounts?sort=colour')).status).toBe(400);
  });

  it('finds the accounts again after the premise is renumbered', async () => {
    await t.call('PATCH', `/api/v1/premises/${flat['L15/7']}`, { cookie: admin, body: { number: '8' } });
    expect(await q('Заозёрск Лебедев 8')).toEqual(of('lebedev7'));
    expect(await q('Заозёрск Лебедев 7')).toEqual([]);
  });

  it('answers the global search box: open accounts first, in address order', async () => {
    const res = await get(`/search?q=${encodeURIComponent('Заозёрск Ленина 5')}`);
    const hits = res.json.items.filter((h: { kind: string }) => h.kind === 'account');
    const number = async (key: string) => (await get(`/accounts/${acc[key]}`)).json.number as string;
    expect(hits[0]).toEqual({
      kind: 'account',
      id: acc.drozdov,
      title: `${await number('drozdov')} · Дроздов Пётр Ильич`,
      subtitle: 'г. Заозёрск, ул. Ленина, д. 5, кв. 1',
      href: `/registry/accounts/${acc.drozdov}`,
    });
    expect(hits.map((h: { id: number; subtitle: string }) => [h.id, h.subtitle])).toEqual([
      [acc.drozdov, 'г. Заозёрск, ул. Ленина, д. 5, кв. 1'],
      [acc.drozdova, 'г. Заозёрск, ул. Ленина, д. 5, кв. 2'],
      [acc.lebedev5, 'г. Заозёрск, ул. Ленина, д. 15, кв. 5'],
      [acc.sorokin, 'г. Заозёрск, ул. Ленина, д. 5, кв. 2 · закрыт'],
    ]);
    const byNumber = await get(`/search?q=${await number('korolev')}`);
    expect(
      byNumber.json.items
        .filter((h: { kind: string }) => h.kind === 'account')
        .map((h: { id: number }) => h.id),
    ).toEqual([acc.korolev]);
  });

  it('finds within the scope only: another manager’s accounts are not found', async () => {
    const tsj = await t.login('tsj_admin');
    expect(await q('Заозёрск', tsj)).toEqual(of('korolev'));
    expect(await q('70000000', tsj)).toEqual(of('korolev'));
    const search = await get(`/search?q=${encodeURIComponent('Заозёрск Ленина')}`, tsj);
    expect(search.json.items.filter((h: { kind: string }) => h.kind === 'account')).toEqual([]);
    const uk = await t.login('uk_admin');
    expect(await q('Заозёрск Королев', uk)).toEqual([]);
    expect(await q('Заозёрск Дроздов', uk)).toEqual(of('drozdov', 'drozdova'));
  });
});
