/**
 * The registration office through the API: persons (СНИЛС checked, card reads audited, personal data masked by
 * role), registrations (overlaps refused, deregistration), the day-weighted residents count (hand-computed),
 * absences (RULES.md §4: 5 full days refused, 6 accepted), owners (shares ≤ 1), documents (numbered, PDF with
 * Cyrillic text, same bytes twice, one document per request key), recalculation requests for past changes, and
 * role and scope denial. A house of its own town (Заозёрск); the clock stands at 2026-11-02 (period 2026-11).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
let passport: string;
let cashier: string;
let ukAdmin: string;
let houseId: number;
let premiseId: number;
let accountId: number;
let account2Id: number;

const post = (path: string, body: unknown, cookie = passport) =>
  t.call('POST', `/api/v1${path}`, { cookie, body });
const get = (path: string, cookie = passport) => t.call('GET', `/api/v1${path}`, { cookie });
const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  passport = await t.login('passport');
  cashier = await t.login('cashier');
  ukAdmin = await t.login('tsj_admin');
  const house = await post(
    '/houses',
    {
      region: 'Демо-область',
      city: 'Заозёрск',
      street: 'ул. Паспортная',
      houseNumber: '1',
      floors: 5,
      entrances: 2,
      managerId: await t.orgId('УК Уютный дом'),
      managedFrom: '2020-01-01',
    },
    admin,
  );
  expect(house.status, house.text).toBe(201);
  houseId = house.json.id;
  const serviceIds = Object.fromEntries(
    (await t.db.query<{ id: number; code: string }>('select id, code from services')).map((r) => [
      r.code,
      r.id,
    ]),
  );
  for (const [code, supplier, method] of [
    ['cold_water', 'Водоканал Демо-города', 'by_norm'],
    ['heating', 'Теплосеть Демо-города', 'heating_by_norm'],
  ] as const) {
    const hs = await post(
      `/houses/${houseId}/services`,
      { serviceId: serviceIds[code], supplierId: await t.orgId(supplier), method, validFrom: '2020-01-01' },
      admin,
    );
    expect(hs.status, hs.text).toBe(201);
  }
  const premise = await post(
    `/houses/${houseId}/premises`,
    { number: '7', rooms: 3, totalArea: '64.20', livingArea: '41.00', areaFrom: '2020-01-01' },
    admin,
  );
  expect(premise.status, premise.text).toBe(201);
  premiseId = premise.json.id;
  const acc = await post(
    `/premises/${premiseId}/accounts`,
    { payerName: 'Иванов Иван Иванович', openedOn: '2020-01-01' },
    admin,
  );
  expect(acc.status, acc.text).toBe(201);
  accountId = acc.json.id;
  const p2 = await post(
    `/houses/${houseId}/premises`,
    { number: '8', totalArea: '30.00', areaFrom: '2020-01-01' },
    admin,
  );
  const acc2 = await post(
    `/premises/${p2.json.id}/accounts`,
    { payerName: 'Петров Пётр', openedOn: '2020-01-01' },
    admin,
  );
  account2Id = acc2.json.id;
});
afterAll(() => t.dispose());

const person = async (
  surname: string,
  name: string,
  birthDate: string,
  extra: Record<string, unknown> = {},
) => {
  const res = await post('/persons', {
    surname,
    name,
    patronymic: 'Иванович',
    birthDate,
    sex: 'male',
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as number;
};

describe(`registration office on ${engineName}`, () => {
  let ivan: number;
  let maria: number;
  let petr: number;
  let ivanRegistration: number;

  it('creates a person with a passport; a wrong СНИЛС check number and passport series are named', async () => {
    const bad = await post('/persons', {
      surname: 'Иванов',
      name: 'Иван',
      birthDate: '1980-05-12',
      sex: 'male',
      snils: '112-233-445 96',
      document: {
        kind: 'passport',
        series: '45 0',
        number: '123456',
        issuedBy: 'ОВД',
        issuedOn: '2005-06-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['snils', 'document.series']);
    // 112233445: 9+8+14+12+15+12+12+8+5 = 95 → check number 95
    ivan = await person('Иванов', 'Иван', '1980-05-12', {
      snils: '112-233-445 95',
      document: {
        kind: 'passport',
        series: '45 06',
        number: '123456',
        issuedBy: 'ОВД Заозёрска',
        issuedOn: '2005-06-01',
        divisionCode: '770-001',
      },
    });
    maria = await person('Иванова', 'Мария', '1982-03-08', { sex: 'female' });
    // the same request again is refused, naming the card
    const twice = await post('/persons', {
      surname: 'иванова',
      name: 'Мария',
      patronymic: 'Иванович',
      birthDate: '1982-03-08',
      sex: 'female',
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toContain(`№ ${maria}`);
    petr = await person('Сидоров', 'Пётр', '1990-01-01');
  });

  it('every read of a card is audited; the officer sees passport data, the cashier gets it masked', async () => {
    const officer = await get(`/persons/${ivan}`);
    expect(officer.status, officer.text).toBe(200);
    expect(officer.json).toMatchObject({ masked: false, snils: '11223344595' });
    expect(officer.json.documents[0]).toMatchObject({
      series: '4506',
      number: '123456',
      issuedBy: 'ОВД Заозёрска',
    });
    const masked = await get(`/persons/${ivan}`, cashier);
    expect(masked.status, masked.text).toBe(200);
    expect(masked.json).toMatchObject({ masked: true, snils: '•••••••••95' });
    expect(masked.json.documents[0]).toMatchObject({ series: '••••', number: '••••56', issuedBy: '•••' });
    const reads = await t.db.query<{ actor: number; after: { personalData: boolean } }>(
      `select actor_user_id as actor, after from audit_records where object_type = 'person' and object_id = $1 and action = 'read' order by id`,
      [String(ivan)],
    );
    expect(reads).toEqual([
      { actor: await t.userId('passport'), after: { personalData: true } },
      { actor: await t.userId('cashier'), after: { personalData: false } },
    ]);
    // the search masks too
    const found = await get(`/persons?name=иванов ив&birthDate=1980-05-12`, cashier);
    expect(found.json.items.map((p: { id: number; snils: string }) => [p.id, p.snils])).toEqual([
      [ivan, '•••••••••95'],
    ]);
  });

  it('a new passport replaces the old one on its issue date; the history stays', async () => {
    const res = await post(`/persons/${ivan}/identity-documents`, {
      kind: 'passport',
      series: '4525',
      number: '000111',
      issuedBy: 'ГУ МВД России по Демо-области',
      issuedOn: '2025-05-20',
      divisionCode: '500-001',
    });
    expect(res.status, res.text).toBe(201);
    expect(
      res.json.map((d: { number: string; replacedOn: string | null }) => [d.number, d.replacedOn]),
    ).toEqual([
      ['000111', null],
      ['123456', '2025-05-20'],
    ]);
    const bad = await post(`/persons/${ivan}/identity-documents`, {
      kind: 'birth_certificate',
      series: 'IV-MY',
      number: '12',
      issuedBy: 'ЗАГС',
      issuedOn: '1980-06-01',
    });
    expect(fields(bad)).toEqual(['series', 'number']);
  });

  it('a change touches only the fields given; a wrong СНИЛС in a change is refused', async () => {
    const res = await t.call('PATCH', `/api/v1/persons/${ivan}`, {
      cookie: passport,
      body: { phone: '+7 900 000-00-01' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      phone: '+7 900 000-00-01',
      patronymic: 'Иванович',
      snils: '11223344595',
    });
    const bad = await t.call('PATCH', `/api/v1/persons/${ivan}`, {
      cookie: passport,
      body: { snils: '11223344596' },
    });
    expect(bad.status).toBe(400);
    const audit = await t.db.query<{ before: unknown; after: unknown }>(
      `select before, after from audit_records where object_type = 'person' and object_id = $1 and action = 'update'`,
      [String(ivan)],
    );
    expect(audit).toEqual([{ before: { phone: null }, after: { phone: '+7 900 000-00-01' } }]);
  });

  it('search by the beginnings of surname, name and patronymic in order, and by birth date', async () => {
    // the demo town has its own Ивановы: the words narrow, the birth date decides
    const byName = await get('/persons?name=иванов иван иванович&pageSize=500&sort=birthDate');
    expect(byName.json.items.map((p: { id: number }) => p.id)).toContain(ivan);
    expect(
      byName.json.items.every((p: { fullName: string }) => /^Иванов Иван Иванович/.test(p.fullName)),
    ).toBe(true);
    const byBoth = await get('/persons?name=Иванова М&birthDate=1982-03-08');
    expect(byBoth.json.items.map((p: { id: number }) => p.id)).toEqual([maria]);
  });

  it('roles: the cashier cannot register; a payment agent cannot read; another organisation does not see the person', async () => {
    const denied = await post(
      `/accounts/${accountId}/registrations`,
      {
        personId: ivan,
        kind: 'permanent',
        relation: 'собственник',
        validFrom: '2026-11-01',
      },
      cashier,
    );
    expect(denied.status).toBe(403);
    expect((await get(`/persons/${ivan}`, await t.login('sber'))).status).toBe(403);
    expect((await get(`/persons/${ivan}`, ukAdmin)).status).toBe(404);
  });

  it('registers; an overlapping permanent registration is refused (409) and nothing is written', async () => {
    const r = await post(`/accounts/${accountId}/registrations`, {
      personId: ivan,
      kind: 'permanent',
      relation: 'собственник',
      validFrom: '2026-11-01',
      arrivedFrom: 'г. Тверь',
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      kind: 'permanent',
      validTo: null,
      address: 'г. Заозёрск, ул. Паспортная, д. 1, кв. 7',
    });
    ivanRegistration = r.json.id;
    const again = await post(`/accounts/${account2Id}/registrations`, {
      personId: ivan,
      kind: 'permanent',
      relation: 'собственник',
      validFrom: '2026-11-10',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.details[0].problem).toContain('по месту жительства');
    const temporaryHere = await post(`/accounts/${accountId}/registrations`, {
      personId: ivan,
      kind: 'temporary',
      relation: 'собственник',
      validFrom: '2026-11-10',
      validTo: '2026-12-10',
    });
    expect(temporaryHere.status).toBe(409);
    // a temporary registration elsewhere may coexist with the permanent one
    const temporaryThere = await post(`/accounts/${account2Id}/registrations`, {
      personId: ivan,
      kind: 'temporary',
      relation: 'знакомый',
      validFrom: '2026-11-10',
      validTo: '2026-12-10',
    });
    expect(temporaryThere.status, temporaryThere.text).toBe(201);
    const beforeBirth = await post(`/accounts/${account2Id}/registrations`, {
      personId: petr,
      kind: 'permanent',
      relation: 'сын',
      validFrom: '1989-12-31',
    });
    expect(beforeBirth.status).toBe(400);
    // before the account was opened (2020-01-01) and before Petr was born (1990-01-01): both named
    expect(beforeBirth.json.error.details.map((d: { problem: string }) => d.problem)).toEqual([
      'раньше открытия лицевого счёта (2020-01-01)',
      'раньше дня рождения (1990-01-01)',
    ]);
    const count = await t.db.query(`select id from registrations where person_id = $1`, [ivan]);
    expect(count).toHaveLength(2);
  });

  it('a registration from a past month is recorded for recalculation of the house; the current month is not', async () => {
    const before = await t.db.query(
      `select id from recalculation_requests where house_id = $1 and object_type = 'registration'`,
      [houseId],
    );
    expect(before).toHaveLength(0); // the registrations of November above were not
    const r = await post(`/accounts/${accountId}/registrations`, {
      personId: maria,
      kind: 'permanent',
      relation: 'жена',
      validFrom: '2026-10-01',
    });
    expect(r.status, r.text).toBe(201);
    const requests = await t.db.query<{ object_type: string; account_id: number; from_date: string }>(
      `select object_type, account_id, from_date from recalculation_requests where house_id = $1 and object_type = 'registration'`,
      [houseId],
    );
    expect(requests).toEqual([
      { object_type: 'registration', account_id: accountId, from_date: '2026-10-01' },
    ]);
  });

  it('the day-weighted count for October and November 2026 (hand-computed)', async () => {
    // Petr, temporary 17.11..30.11 (a guest of 14 days).
    const g = await post(`/accounts/${accountId}/registrations`, {
      personId: petr,
      kind: 'temporary',
      relation: 'родственник',
      validFrom: '2026-11-17',
      validTo: '2026-11-30',
    });
    expect(g.status, g.text).toBe(201);
    // November: Ivan 01..30 = 30, Maria 01..30 = 30, Petr 17..30 = 14 → 74/30 = 37/15 = 2 + 14/30
    const nov = await get(`/accounts/${accountId}/residents-count?period=2026-11`);
    expect(nov.status, nov.text).toBe(200);
    expect(nov.json).toMatchObject({
      personDays: 74,
      daysInPeriod: 30,
      count: '37/15',
      countDecimal: '2.466667',
    });
    // October: Maria 01..31 = 31 only → 31/31 = 1
    const oct = await get(`/accounts/${accountId}/residents-count?period=2026-10`);
    expect(oct.json).toMatchObject({ personDays: 31, count: '1' });
    const today = await get(`/accounts/${accountId}/residents?onDate=2026-11-20`);
    expect(today.json.count).toBe(3);
  });

  it('deregistration on 20.11: the last registered day is 19.11; twice is refused', async () => {
    const d = await post(`/registrations/${ivanRegistration}/deregistration`, {
      deregisteredOn: '2026-11-20',
      reason: 'по заявлению',
      destination: 'г. Москва',
    });
    expect(d.status, d.text).toBe(200);
    expect(d.json).toMatchObject({ validTo: '2026-11-19', deregisteredOn: '2026-11-20' });
    const again = await post(`/registrations/${ivanRegistration}/deregistration`, {
      deregisteredOn: '2026-11-21',
      reason: 'x',
    });
    expect(again.status).toBe(409);
    // a registration and a deregistration dated in past months are each recorded for the house's recalculation
    const olga = await person('Ольгина', 'Ольга', '1970-07-07', { sex: 'female' });
    const r = await post(`/accounts/${account2Id}/registrations`, {
      personId: olga,
      kind: 'permanent',
      relation: 'наниматель',
      validFrom: '2026-01-01',
    });
    expect(r.status, r.text).toBe(201);
    const past = await post(`/registrations/${r.json.id}/deregistration`, {
      deregisteredOn: '2026-09-15',
      reason: 'по заявлению',
    });
    expect(past.status, past.text).toBe(200);
    expect(past.json.validTo).toBe('2026-09-14');
    const requests = await t.db.query<{ from_date: string }>(
      `select from_date from recalculation_requests where object_type = 'registration' and object_id = $1 order by id`,
      [String(r.json.id)],
    );
    expect(requests.map((q) => q.from_date)).toEqual(['2026-01-01', '2026-09-15']);
    // November now: Ivan 01..19 = 19, Maria 30, Petr 14 → 63/30 = 21/10
    const nov = await get(`/accounts/${accountId}/residents-count?period=2026-11`);
    expect(nov.json).toMatchObject({ personDays: 63, count: '21/10' });
  });

  it('absence: 5 full days is refused, 6 accepted; only the accepted one reduces water, never heating', async () => {
    // 02.10 → 08.10: full days 03..07 = 5 → refused
    const five = await post(`/accounts/${accountId}/absences`, {
      personId: maria,
      departedOn: '2026-10-02',
      returnedOn: '2026-10-08',
      document: 'командировочное удостоверение № 12',
    });
    expect(five.status, five.text).toBe(201);
    expect(five.json).toMatchObject({ status: 'refused', fullDays: 5 });
    // 10.10 → 17.10: full days 11..16 = 6 → accepted
    const six = await post(`/accounts/${accountId}/absences`, {
      personId: maria,
      departedOn: '2026-10-10',
      returnedOn: '2026-10-17',
      document: 'справка санатория',
    });
    expect(six.json).toMatchObject({ status: 'accepted', fullDays: 6 });
    const dup = await post(`/accounts/${accountId}/absences`, {
      personId: maria,
      departedOn: '2026-10-10',
      returnedOn: '2026-10-17',
      document: 'справка санатория',
    });
    expect(dup.status).toBe(409);
    // October: 31 person-days; cold water 31 − 6 = 25 → 25/31; heating stays 31/31 = 1
    const oct = await get(`/accounts/${accountId}/residents-count?period=2026-10`);
    const byCode = Object.fromEntries(
      oct.json.services.map((s: { serviceCode: string; count: string; absentDays: number }) => [
        s.serviceCode,
        s,
      ]),
    );
    const water = oct.json.services.find((s: { serviceCode: string }) => /cold_water/.test(s.serviceCode));
    if (water) expect(water).toMatchObject({ count: '25/31', absentDays: 6, reducedByAbsence: true });
    for (const s of Object.values(byCode) as { serviceCode: string; count: string }[]) {
      if (/heating/.test(s.serviceCode)) expect(s.count).toBe('1');
    }
    const requests = await t.db.query(
      `select from_date from recalculation_requests where object_type = 'absence'`,
    );
    expect(requests).toEqual([{ from_date: '2026-10-11' }]);
  });

  it('owners: shares are exact fractions and never sum above 1; a sale ends the old right', async () => {
    const a = await post(`/premises/${premiseId}/ownerships`, {
      ownerKind: 'person',
      personId: ivan,
      share: '1/2',
      validFrom: '2020-01-01',
      titleRecordNumber: '50:01:0000000:1-50/001/2020-1',
      titleRecordDate: '2020-01-01',
    });
    expect(a.status, a.text).toBe(201);
    const b = await post(`/premises/${premiseId}/ownerships`, {
      ownerKind: 'person',
      personId: maria,
      share: '2/3',
      validFrom: '2021-01-01',
      titleRecordNumber: '2',
      titleRecordDate: '2021-01-01',
    });
    expect(b.status).toBe(409);
    expect(b.json.error.details[0].problem).toBe('на 2021-01-01 сумма долей 7/6 больше 1');
    const c = await post(`/premises/${premiseId}/ownerships`, {
      ownerKind: 'person',
      personId: maria,
      share: '2/4',
      validFrom: '2021-01-01',
      titleRecordNumber: '3',
      titleRecordDate: '2021-01-01',
    });
    expect(c.status, c.text).toBe(201);
    // the same owner again while his right stands is refused, whatever the share
    const again2 = await post(`/premises/${premiseId}/ownerships`, {
      ownerKind: 'person',
      personId: maria,
      share: '1/100',
      validFrom: '2022-01-01',
      titleRecordNumber: '3',
      titleRecordDate: '2021-01-01',
    });
    expect(again2.status).toBe(409);
    const sale = await post(`/premises/${premiseId}/ownerships`, {
      ownerKind: 'person',
      personId: petr,
      share: '1/2',
      validFrom: '2026-06-01',
      titleRecordNumber: '4',
      titleRecordDate: '2026-06-01',
      endOwnershipIds: [a.json[0].id],
    });
    expect(sale.status, sale.text).toBe(201);
    // every owner change here reaches into past months: one request each (2020-01-01, 2021-01-01, 2026-06-01)
    const requests = await t.db.query<{ from_date: string }>(
      `select from_date from recalculation_requests where object_type = 'ownership' order by id`,
    );
    expect(requests.map((q) => q.from_date)).toEqual(['2020-01-01', '2021-01-01', '2026-06-01']);
    expect(
      sale.json.map(
        (o: {
          ownerName: string;
          shareNumerator: number;
          shareDenominator: number;
          validTo: string | null;
        }) => [o.ownerName, `${o.shareNumerator}/${o.shareDenominator}`, o.validTo],
      ),
    ).toEqual([
      ['Иванов Иван Иванович', '1/2', '2026-05-31'],
      ['Иванова Мария Иванович', '1/2', null],
      ['Сидоров Пётр Иванович', '1/2', null],
    ]);
  });

  describe('documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkh-docs-'));
    const pdfText = (bytes: Buffer) => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, bytes);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    };
    const download = async (id: number, cookie = passport) => {
      const res = await t.app.request(`/api/v1/documents/${id}/pdf`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return Buffer.from(await res.arrayBuffer());
    };

    it('issues a numbered house-register extract; its PDF has the Cyrillic text and the same bytes twice', async () => {
      const res = await post(`/accounts/${accountId}/documents`, {
        kind: 'house_register_extract',
        requestKey: 'k-1',
      });
      expect(res.status, res.text).toBe(201);
      expect(res.json.fullNumber).toMatch(/^ВД-2026\/\d{6}$/);
      const again = await post(`/accounts/${accountId}/documents`, {
        kind: 'house_register_extract',
        requestKey: 'k-1',
      });
      expect(again.json.id).toBe(res.json.id);
      const pdf = await download(res.json.id);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain('ВЫПИСКА ИЗ ДОМОВОЙ КНИГИ');
      expect(text).toContain(res.json.fullNumber);
      expect(text).toContain('г. Заозёрск, ул. Паспортная, д. 1, кв. 7');
      expect(text).toContain('Иванова Мария Иванович');
      expect(text).toContain('Собственники');
      // deregistered on 20.11, and the extract is of 02.11: Ivan is still registered that day
      expect(text).toContain('Иванов Иван Иванович');
      // the extract carries no passport data
      expect(text).not.toContain('123456');
      expect((await download(res.json.id)).equals(pdf)).toBe(true);
    });

    it('the flat card (form 10) lists the history with passport data; the certificate names its person', async () => {
      const card = await post(`/accounts/${accountId}/documents`, { kind: 'flat_card' });
      expect(card.status, card.text).toBe(201);
      const cardText = pdfText(await download(card.json.id));
      expect(cardText).toContain('ПОКВАРТИРНАЯ КАРТОЧКА');
      expect(cardText).toContain('снят(а) с учёта 20.11.2026: по заявлению; выбыл(а) в: г. Москва');
      expect(cardText).toContain('паспорт 45 25 № 000111, выдан 20.05.2025');
      const cert = await post(`/accounts/${accountId}/documents`, {
        kind: 'registration_certificate',
        personId: maria,
      });
      expect(cert.status, cert.text).toBe(201);
      expect(cert.json.number).toBe(card.json.number + 1);
      const certText = pdfText(await download(cert.json.id));
      expect(certText).toContain('СПРАВКА О РЕГИСТРАЦИИ');
      expect(certText).toContain('Иванова Мария Иванович, 08.03.1982');
      const nobody = await post(`/accounts/${accountId}/documents`, {
        kind: 'registration_certificate',
        personId: petr + 1000,
      });
      expect(nobody.status).toBe(400);
    });

    it('the cashier may not issue, nor download a document with passport data; downloads are audited', async () => {
      expect((await post(`/accounts/${accountId}/documents`, { kind: 'flat_card' }, cashier)).status).toBe(
        403,
      );
      const list = await get(`/accounts/${accountId}/documents`, cashier);
      expect(list.status).toBe(200);
      const card = list.json.find((d: { kind: string }) => d.kind === 'flat_card');
      const extract = list.json.find((d: { kind: string }) => d.kind === 'house_register_extract');
      expect(JSON.stringify(card.content)).not.toContain('000111');
      expect(JSON.stringify(card.content)).toContain('•••');
      expect(
        (await t.app.request(`/api/v1/documents/${card.id}/pdf`, { headers: { cookie: cashier } })).status,
      ).toBe(403);
      expect(
        (await t.app.request(`/api/v1/documents/${extract.id}/pdf`, { headers: { cookie: cashier } })).status,
      ).toBe(200);
      const reads = await t.db.query(
        `select 1 from audit_records where object_type = 'issued_document' and action = 'read'`,
      );
      expect(reads.length).toBeGreaterThanOrEqual(4);
    });
  });
});
