/**
 * Bad rows and bad files: a dry run lists every problem (line, column, Russian text); an apply with a bad row
 * writes nothing, unless bad rows are skipped; rows naming what lies outside the actor's scope are bad rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';
import { fixture, snapshotAll, upload } from './support.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const [kind, name, query] of [
    ['organisations', 'organisations.csv', {}],
    ['houses', 'houses.cp1251.csv', { encoding: 'cp1251' }],
    ['premises', 'premises.xlsx', {}],
  ] as const) {
    const res = await upload(t, admin, kind, fixture(name), query);
    if (res.status !== 200) throw new Error(`${kind}: ${JSON.stringify(res.json)}`);
  }
});
afterAll(() => t.dispose());

const houseHeader =
  'external_id;region;city;street;house;total_area;residential_area;non_residential_area;manager_inn;managed_from';
const house = (id: string, number: string, area = '1000,00', from = '01.01.2024') =>
  `${id};Приозёрная область;Озёрск;ул. Луговая;${number};${area};800;100;5601000011;${from}`;

describe(`bad rows on ${engineName}`, () => {
  it('a dry run lists every bad row with its line, column and problem', async () => {
    const orgs = await upload(
      t,
      admin,
      'organisations',
      'external_id;kind;name;inn\nOZ-ORG-9;supplier;ООО «Ошибка»;5601000012\n',
      { dryRun: 'true' },
    );
    expect(orgs.json.badRows).toEqual([
      { line: 2, column: 'inn', problem: 'неверная контрольная цифра ИНН' },
    ]);

    const houses = [
      houseHeader,
      house('OZ-H-10', '1', '1000,505'),
      house('OZ-H-11', '2', '1000,00', '31.02.2026'),
      house('OZ-H-12', '3'),
      house('OZ-H-12', '4'),
    ].join('\n');
    const res = await upload(t, admin, 'houses', houses, { dryRun: 'true' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      rows: 4,
      applied: { inserted: 0, updated: 0, unchanged: 0 },
      skipped: 4,
    });
    expect(res.json.badRows).toEqual([
      { line: 2, column: 'total_area', problem: 'не больше 2 знаков после запятой' },
      { line: 3, column: 'managed_from', problem: 'такой даты нет в календаре: 31.02.2026' },
      { line: 4, column: 'external_id', problem: 'внешний код OZ-H-12 повторяется в строках 4, 5' },
      { line: 5, column: 'external_id', problem: 'внешний код OZ-H-12 повторяется в строках 4, 5' },
    ]);

    const premises = await upload(
      t,
      admin,
      'premises',
      'external_id;house_external_id;number;kind\nOZ-P-90;OZ-H-404;90;flat\n',
      { dryRun: 'true' },
    );
    expect(premises.json.badRows).toEqual([
      { line: 2, column: 'house_external_id', problem: 'дом с внешним кодом OZ-H-404 не найден' },
    ]);

    const accounts = await upload(
      t,
      admin,
      'accounts',
      'external_id;number;premise_external_id;payer_kind;payer_name;opened_on\n' +
        'OZ-A-90;9000000018;OZ-P-1;person;Иванов Иван Иванович;01.01.2020\n' +
        'OZ-A-91;;OZ-P-2;person;Петров Пётр;01.01.2020\n' +
        'OZ-A-92;;OZ-P-2;person;Сидоров Сидор;01.01.2020;лишнее\n',
      { dryRun: 'true' },
    );
    expect(accounts.json.badRows).toEqual([
      {
        line: 2,
        column: 'number',
        problem: 'неверная контрольная цифра номера лицевого счёта: проверьте, не ошиблись ли в цифре',
      },
      { line: 4, column: null, problem: 'в строке больше ячеек, чем колонок в заголовке (6)' },
    ]);
  });

  it('one bad row refuses the whole file: validation_failed naming the row, nothing written', async () => {
    const before = await snapshotAll(t);
    const res = await upload(
      t,
      admin,
      'houses',
      [houseHeader, house('OZ-H-20', '20'), house('OZ-H-21', '21', '12,345')].join('\n'),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.message).toContain('ничего не записано');
    expect(res.json.error.details).toEqual([
      { field: 'row 3.total_area', problem: 'не больше 2 знаков после запятой' },
    ]);
    expect(await snapshotAll(t)).toEqual(before);
  });

  it('skipBadRows applies the good rows and reports the skipped ones', async () => {
    const res = await upload(
      t,
      admin,
      'houses',
      [houseHeader, house('OZ-H-20', '20'), house('OZ-H-21', '21', '12,345')].join('\n'),
      {
        skipBadRows: 'true',
      },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ applied: { inserted: 1, updated: 0, unchanged: 0 }, skipped: 1 });
    expect(res.json.badRows).toEqual([
      { line: 3, column: 'total_area', problem: 'не больше 2 знаков после запятой' },
    ]);
    const ids = await t.db.query<{ external_id: string }>(
      `select external_id from houses where external_id in ('OZ-H-20', 'OZ-H-21')`,
    );
    expect(ids).toEqual([{ external_id: 'OZ-H-20' }]);
  });

  it('cross-row rules: shares of a premise above 1, overlapping versions of a tariff', async () => {
    const accounts = await upload(
      t,
      admin,
      'accounts',
      'external_id;premise_external_id;payer_kind;payer_name;area_share;opened_on\n' +
        'OZ-A-80;OZ-P-21;person;Первый;0,6;01.01.2022\nOZ-A-81;OZ-P-21;person;Второй;0,5;01.06.2022\n',
      { dryRun: 'true' },
    );
    const problem = 'на 2022-06-01 доли площади счетов помещения в сумме 1.1, больше 1';
    expect(accounts.json.badRows).toEqual([
      { line: 2, column: 'area_share', problem },
      { line: 3, column: 'area_share', problem },
    ]);
    const tariffs = await upload(
      t,
      admin,
      'tariffs',
      'external_id;supplier_inn;service_code;rate;region;valid_from;valid_to\n' +
        'OZ-T-80;5602000021;wastewater;20;Приозёрная область;01.01.2024;31.12.2024\n' +
        'OZ-T-81;5602000021;wastewater;21;Приозёрная область;01.06.2024;31.12.2025\n',
      { dryRun: 'true' },
    );
    expect(tariffs.json.badRows).toEqual([
      {
        line: 2,
        column: 'valid_from',
        problem: 'период пересекается с версией, действующей с 2024-06-01 по 2025-12-31',
      },
      {
        line: 3,
        column: 'valid_from',
        problem: 'период пересекается с версией, действующей с 2024-01-01 по 2024-12-31',
      },
    ]);
  });

  it('what lies outside the scope is not found; a manager may not import; an accountant may not add organisations', async () => {
    const other = await t.db.maybeOne<{ id: number }>(
      `insert into organisations (kind, name, inn) values ('settlement_centre', 'РЦ Соседнего района', '5604000041') returning id`,
    );
    await t.db.query(
      `insert into organisations (kind, name, inn, settlement_centre_id) values ('supplier', 'Соседний водоканал', '5605000051', $1)`,
      [other!.id],
    );
    await t.db.query(
      `insert into houses (external_id, settlement_centre_id, region, city, street, house_number) values ('FOREIGN-H', $1, 'Соседняя', 'Соседск', 'ул. Мира', '1')`,
      [other!.id],
    );
    const tariffs = await upload(
      t,
      admin,
      'tariffs',
      'external_id;supplier_inn;service_code;rate;region;valid_from\nOZ-T-70;5605000051;cold_water;20;Приозёрная область;01.01.2024\n',
      { dryRun: 'true' },
    );
    expect(tariffs.json.badRows).toEqual([
      { line: 2, column: 'supplier_inn', problem: 'организация с ИНН 5605000051 не найдена' },
    ]);
    const houses = await upload(t, admin, 'houses', [houseHeader, house('FOREIGN-H', '30')].join('\n'), {
      dryRun: 'true',
    });
    expect(houses.json.badRows).toEqual([
      { line: 2, column: 'external_id', problem: 'внешний код уже занят домом вне вашей области видимости' },
    ]);

    const uk = await upload(
      t,
      await t.login('uk_admin'),
      'houses',
      [houseHeader, house('OZ-H-40', '40')].join('\n'),
    );
    expect(uk.status).toBe(403);
    const accountant = await t.login('accountant');
    const orgs = await upload(t, accountant, 'organisations', fixture('organisations.csv'), {
      dryRun: 'true',
    });
    expect(orgs.status).toBe(403);
    const ok = await upload(t, accountant, 'houses', [houseHeader, house('OZ-H-41', '41')].join('\n'));
    expect(ok.json.applied).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('the import path takes bodies above the 1 MiB limit of the rest of the API', async () => {
    const big = `${houseHeader}\n${'\n'.repeat(1_500_000)}${house('OZ-H-60', '60', '1,234')}\n`;
    const res = await upload(t, admin, 'houses', big, { dryRun: 'true' });
    expect(res.status).toBe(200);
    expect(res.json.badRows).toEqual([
      { line: 1_500_002, column: 'total_area', problem: 'не больше 2 знаков после запятой' },
    ]);
  });

  it('a bad file is validation_failed naming the column or the line', async () => {
    const header = await upload(
      t,
      admin,
      'houses',
      'external_id;city;street;house;floor_count\nX;Озёрск;ул. Луговая;1;5\n',
    );
    expect(header.status).toBe(400);
    expect(header.json.error.details).toEqual([
      { field: 'floor_count', problem: expect.stringContaining('неизвестная колонка') },
      { field: 'region', problem: 'в заголовке нет обязательной колонки' },
    ]);
    const text = `${houseHeader}\n${house('OZ-H-50', '50')}\n`;
    const cp1251 = await upload(t, admin, 'houses', iconv.encode(text, 'cp1251'));
    expect(cp1251.status).toBe(400);
    expect(cp1251.json.error.details).toEqual([
      { field: 'line 2', problem: expect.stringContaining('не в кодировке UTF-8') },
    ]);
    const mislabelled = await upload(t, admin, 'houses', text, { encoding: 'cp1251' });
    expect(mislabelled.json.error.details).toEqual([
      { field: 'encoding', problem: 'файл в кодировке UTF-8, а указана cp1251: укажите utf-8' },
    ]);
    const broken = await upload(t, admin, 'houses', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(broken.status).toBe(400);
    expect(broken.json.error.details[0].field).toBe('file');
  });
});
