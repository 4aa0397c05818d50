/**
 * Re-import by external id of effective-dated data: a house passing to another manager, a premise's area from
 * a new date or corrected on its date, an account closed; each change reaches the past and is recorded for
 * recalculation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';
import { fixture, upload } from './support.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const [kind, name, query] of [
    ['organisations', 'organisations.csv', {}],
    ['houses', 'houses.cp1251.csv', { encoding: 'cp1251' }],
    ['premises', 'premises.xlsx', {}],
    ['accounts', 'accounts.csv', {}],
  ] as const) {
    const res = await upload(t, admin, kind, fixture(name), query);
    if (res.status !== 200) throw new Error(`${kind}: ${JSON.stringify(res.json)}`);
  }
});
afterAll(() => t.dispose());

const houseId = async (externalId: string) =>
  (await t.db.maybeOne<{ id: number }>('select id from houses where external_id = $1', [externalId]))!.id;
const requests = (houseId: number) =>
  t.db.query<{ from_date: string }>(
    `select from_date::text as from_date from recalculation_requests where house_id = $1 and object_type = 'import_file' order by id`,
    [houseId],
  );

describe(`re-import of changed rows on ${engineName}`, () => {
  it('a house passes to another manager from a date: the previous period ends the day before', async () => {
    const file =
      'external_id;region;city;street;house;manager_inn;managed_from\n' +
      'OZ-H-1;Приозёрная область;Озёрск;ул. Рябиновая;3;7702000029;01.06.2026\n';
    const res = await upload(t, admin, 'houses', file);
    expect(res.json).toMatchObject({ applied: { inserted: 0, updated: 1, unchanged: 0 }, badRows: [] });
    const id = await houseId('OZ-H-1');
    const managers = await t.db.query(
      `select o.name, hm.valid_from::text as valid_from, hm.valid_to::text as valid_to
         from house_managers hm join organisations o on o.id = hm.manager_id where hm.house_id = $1 order by hm.valid_from`,
      [id],
    );
    expect(managers).toEqual([
      { name: 'ООО «УК Озёрный край»', valid_from: '2020-01-01', valid_to: '2026-05-31' },
      { name: 'УК Уютный дом', valid_from: '2026-06-01', valid_to: null },
    ]);
    expect((await requests(id)).at(-1)).toEqual({ from_date: '2026-06-01' });
    // the columns left out of the file (floors, areas…) kept their values
    const house = await t.db.maybeOne<{ floors: number }>('select floors from houses where id = $1', [id]);
    expect(house!.floors).toBe(5);
    // the same file again: the manager on 01.06.2026 is already that one
    expect((await upload(t, admin, 'houses', file)).json.applied).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it('a new street rewrites the search keys of the accounts of the house', async () => {
    const file =
      'external_id;region;city;street;house\nOZ-H-2;Приозёрная область;Озёрск;пр. Космонавтов;12\n';
    expect((await upload(t, admin, 'houses', file)).json.applied.updated).toBe(1);
    const found = await t.call('GET', `/api/v1/accounts?q=${encodeURIComponent('Космонавтов 12')}`, {
      cookie: admin,
    });
    expect(found.json.items.map((a: { externalId: string }) => a.externalId)).toEqual(['OZ-A-9']);
  });

  it('areas: a new date is a new version; other values on a stored date correct that version', async () => {
    const header = 'external_id;house_external_id;number;kind;total_area;living_area;area_from\n';
    const later = await upload(t, admin, 'premises', `${header}OZ-P-1;OZ-H-1;1;flat;45,0;28,1;01.03.2026\n`);
    expect(later.json.applied).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const fixed = await upload(t, admin, 'premises', `${header}OZ-P-2;OZ-H-1;2;flat;61,7;40,3;01.01.2020\n`);
    expect(fixed.json.applied).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const areas = await t.db.query(
      `select p.external_id, pa.total_area, pa.valid_from::text as valid_from, pa.valid_to::text as valid_to
         from premise_areas pa join premises p on p.id = pa.premise_id where p.external_id in ('OZ-P-1', 'OZ-P-2')
        order by p.external_id, pa.valid_from`,
    );
    expect(areas).toEqual([
      { external_id: 'OZ-P-1', total_area: '44.20', valid_from: '2020-01-01', valid_to: '2026-02-28' },
      { external_id: 'OZ-P-1', total_area: '45.00', valid_from: '2026-03-01', valid_to: null },
      { external_id: 'OZ-P-2', total_area: '61.70', valid_from: '2020-01-01', valid_to: null },
    ]);
    const requested = (await requests(await houseId('OZ-H-1'))).map((r) => r.from_date);
    expect(requested).toContain('2020-01-01'); // the correction reaches back to the start of the version
  });

  it('an account closed in the legacy system is closed here; its number stays', async () => {
    const file =
      'external_id;premise_external_id;payer_kind;payer_name;opened_on;closed_on;close_reason\n' +
      'OZ-A-6;OZ-P-4-1;person;Соколов Дмитрий Олегович;01.01.2020;30.09.2026;выбыл\n';
    const res = await upload(t, admin, 'accounts', file);
    expect(res.json.applied).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const account = await t.db.maybeOne(
      `select status, closed_on::text as closed_on, close_reason from accounts where external_id = 'OZ-A-6'`,
    );
    expect(account).toEqual({ status: 'closed', closed_on: '2026-09-30', close_reason: 'выбыл' });
    const audit = await t.db.maybeOne<{ before: unknown; after: unknown }>(
      `select before, after -> 'changes' as after from audit_records where action = 'import' order by id desc limit 1`,
    );
    expect(audit).toEqual({
      before: { changes: { 'OZ-A-6': { status: 'open', closed_on: null, close_reason: null } } },
      after: { 'OZ-A-6': { status: 'closed', closed_on: '2026-09-30', close_reason: 'выбыл' } },
    });
  });

  it('a file with the header only changes nothing', async () => {
    const res = await upload(
      t,
      admin,
      'accounts',
      'external_id;premise_external_id;payer_kind;payer_name;opened_on\n',
    );
    expect(res.json).toMatchObject({
      rows: 0,
      applied: { inserted: 0, updated: 0, unchanged: 0 },
      importId: null,
    });
  });
});
