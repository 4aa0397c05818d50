import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.dispose());

describe(`organisations' requisites on ${engineName}`, () => {
  it('registers an organisation with its legal details; check digits are verified and each bad field named', async () => {
    // 7706000069: 7·2+7·4+0+6·3+0+0+0+0+6·8 = 14+28+18+48 = 108; 108 mod 11 = 9 → check digit 9 ✓
    // 1027700000063: 102770000006 mod 11 = 3 → check digit 3 ✓
    const good = {
      kind: 'contractor',
      name: 'ООО «Лифтсервис»',
      inn: '7706000069',
      kpp: '770601001',
      ogrn: '1027700000063',
      legalAddress: 'г. Демо-город, ул. Заводская, д. 3',
      director: 'Лифтов Л. Л.',
    };
    const res = await t.call('POST', '/api/v1/organisations', { cookie: admin, body: good });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ ...good, phone: null, externalId: null });

    const bad = await t.call('POST', '/api/v1/organisations', {
      cookie: admin,
      body: { ...good, inn: '7706000068', ogrn: '1027700000064', kpp: '77060100' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([
      { field: 'inn', problem: 'неверная контрольная цифра ИНН' },
      { field: 'kpp', problem: expect.stringContaining('КПП должен состоять из 9 символов') },
      { field: 'ogrn', problem: 'неверная контрольная цифра ОГРН' },
    ]);
  });

  it('changes the address and the director, audited with before and after', async () => {
    const uk = await t.orgId('УК Уютный дом');
    const res = await t.call('PATCH', `/api/v1/organisations/${uk}`, {
      cookie: admin,
      body: { legalAddress: 'г. Демо-город, ул. Мира, д. 1', director: 'Уютов У. У.' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      legalAddress: 'г. Демо-город, ул. Мира, д. 1',
      director: 'Уютов У. У.',
      inn: '7702000029',
    });
    const audit = await t.call('GET', `/api/v1/audit?objectType=organisation&objectId=${uk}&action=update`, {
      cookie: admin,
    });
    expect(audit.json.items[0]).toMatchObject({
      before: { legalAddress: null, director: null },
      after: { legalAddress: 'г. Демо-город, ул. Мира, д. 1', director: 'Уютов У. У.' },
    });
    const wrongInn = await t.call('PATCH', `/api/v1/organisations/${uk}`, {
      cookie: admin,
      body: { inn: '7702000028' },
    });
    expect(wrongInn.json.error.details).toEqual([
      { field: 'inn', problem: 'неверная контрольная цифра ИНН' },
    ]);
  });

  it("a manager's administrator edits his own organisation, not another's", async () => {
    const ukAdmin = await t.login('uk_admin');
    const own = await t.call('PATCH', `/api/v1/organisations/${await t.orgId('УК Уютный дом')}`, {
      cookie: ukAdmin,
      body: { phone: '+7 800 000-00-00' },
    });
    expect(own.status).toBe(200);
    const other = await t.call('PATCH', `/api/v1/organisations/${await t.orgId('ТСЖ Берёзка')}`, {
      cookie: ukAdmin,
      body: { phone: '1' },
    });
    expect(other.status).toBe(404);
    expect(
      (
        await t.call('PATCH', `/api/v1/organisations/${await t.orgId('УК Уютный дом')}`, {
          cookie: await t.login('analyst'),
          body: { phone: '1' },
        })
      ).status,
    ).toBe(403);
  });

  it('adds bank accounts whose keys match the БИК, and names the account whose key does not', async () => {
    const water = await t.orgId('Водоканал Демо-города');
    // ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225 (published); a settlement account at it,
    // 30301810800006003800 (published by Сбербанк): key sums are worked in src/domain/requisites.test.ts
    const account = {
      bik: '044525225',
      bankName: 'ПАО Сбербанк',
      correspondentAccount: '30101810400000000225',
      validFrom: '2026-01-01',
    };
    const ok = await t.call('POST', `/api/v1/organisations/${water}/bank-accounts`, {
      cookie: admin,
      body: { ...account, account: '30301810800006003800' },
    });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ organisationId: water, isPrimary: true, validTo: null });
    const badKey = await t.call('POST', `/api/v1/organisations/${water}/bank-accounts`, {
      cookie: admin,
      body: { ...account, account: '30301810800006003801' },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.json.error.details.map((d: { field: string }) => d.field)).toEqual(['account']);
    const badCorr = await t.call('POST', `/api/v1/organisations/${water}/bank-accounts`, {
      cookie: admin,
      body: { ...account, account: '30301810800006003800', correspondentAccount: '30101810400000000226' },
    });
    expect(badCorr.json.error.details.map((d: { field: string }) => d.field)).toEqual([
      'correspondentAccount',
    ]);
    // a second primary account demotes the first (and the demo's own account, services/demo/demo-requisites.ts)
    await t.call('POST', `/api/v1/organisations/${water}/bank-accounts`, {
      cookie: admin,
      body: { ...account, account: '30301810800006003800', validFrom: '2026-06-01' },
    });
    const list = await t.call('GET', `/api/v1/organisations/${water}/bank-accounts`, { cookie: admin });
    expect(
      list.json.items.map((b: { isPrimary: boolean; validFrom: string }) => [b.validFrom, b.isPrimary]),
    ).toEqual([
      ['2020-01-01', false],
      ['2026-01-01', false],
      ['2026-06-01', true],
    ]);
  });
});
