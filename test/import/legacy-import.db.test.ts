/**
 * A clean import of every kind from the fixtures (values checked by hand), then the same files again (nothing
 * written), then a change by external id (one update, audited with before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';
import { auditCount, fixture, snapshotAll, upload } from './support.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp(); // the clock stands at 2026-11-02
  admin = await t.login('admin');
});
afterAll(() => t.dispose());

const files = [
  ['organisations', 'organisations.csv', {}],
  ['houses', 'houses.cp1251.csv', { encoding: 'cp1251' }],
  ['premises', 'premises.xlsx', {}],
  ['accounts', 'accounts.csv', {}],
  ['house_services', 'house_services.csv', {}],
  ['tariffs', 'tariffs.csv', {}],
  ['norms', 'norms.csv', {}],
  ['opening_balances', 'opening_balances.csv', {}],
] as const;

const one = <T>(sql: string, params: unknown[] = []) => t.db.maybeOne<T>(sql, params);

describe(`legacy import of every kind on ${engineName}`, () => {
  it('a dry run of each file reports its rows and writes nothing', async () => {
    const before = await snapshotAll(t);
    const res = await upload(t, admin, 'organisations', fixture('organisations.csv'), { dryRun: 'true' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      kind: 'organisations',
      dryRun: true,
      rows: 3,
      applied: { inserted: 3, updated: 0, unchanged: 0 },
      badRows: [],
      importId: null,
    });
    expect(await snapshotAll(t)).toEqual(before);
  });

  it('imports each file in turn: every row new, one audit record per file', async () => {
    for (const [kind, name, query] of files) {
      const audits = await auditCount(t);
      const res = await upload(t, admin, kind, fixture(name), { ...query, fileName: name });
      expect(res.status, `${kind}: ${JSON.stringify(res.json)}`).toBe(200);
      expect(res.json.badRows, kind).toEqual([]);
      expect(res.json.applied.inserted, kind).toBe(res.json.rows);
      expect(await auditCount(t), kind).toBe(audits + 1);
      const audit = await one<{ action: string; object_type: string; after: Record<string, unknown> }>(
        'select action, object_type, after from audit_records order by id desc limit 1',
      );
      expect(audit).toMatchObject({
        action: 'import',
        object_type: 'import_file',
        after: { kind, fileName: name, inserted: res.json.rows, updated: 0 },
      });
    }
  });

  it('organisations: requisites, a quoted field with ; and "", served by the settlement centre', async () => {
    const org = await one<Record<string, unknown>>(
      `select * from organisations where external_id = 'OZ-ORG-1'`,
    );
    expect(org).toMatchObject({
      kind: 'manager',
      name: 'ООО «УК Озёрный край»',
      inn: '5601000011',
      kpp: '560101001',
      ogrn: '1025600000018',
      phone: '+7 (35300) 1-23-45; доб. 2',
      settlement_centre_id: await t.orgId('ЕИРЦ Демо-города'),
    });
    const heat = await one<{ legal_address: string }>(
      `select legal_address from organisations where external_id = 'OZ-ORG-3'`,
    );
    expect(heat!.legal_address).toBe('Приозёрная обл., г. Озёрск, ул. Заводская, д. 3, "литера А"');
  });

  it('houses from CP1251: Cyrillic intact, areas exact, the manager from its date', async () => {
    const h = await one<Record<string, unknown>>(
      `select h.*, trim_scale(h.total_area)::text as total, o.external_id as manager, hm.valid_from::text as managed_from
         from houses h join house_managers hm on hm.house_id = h.id join organisations o on o.id = hm.manager_id
        where h.external_id = 'OZ-H-2'`,
    );
    expect(h).toMatchObject({
      region: 'Приозёрная область',
      city: 'Озёрск',
      street: 'пр. Строителей',
      house_number: '12',
      building: '1',
      fias_id: '0c5b2444-70a0-4932-980c-b4dc0d3f02b5',
      total: '5120',
      residential_area: '4300.00',
      hot_water: 'local_heater',
      has_lift: true,
      common_meters: ['heating'],
      manager: 'OZ-ORG-1',
      managed_from: '2021-03-01',
    });
    const first = await one<{ common_meters: string[]; has_lift: boolean; common_area: string }>(
      `select common_meters, has_lift, common_area from houses where external_id = 'OZ-H-1'`,
    );
    expect(first).toEqual({
      common_meters: ['cold_water', 'heating'],
      has_lift: false,
      common_area: '430.20',
    });
  });

  it('premises from XLSX: number cells exact, date cells, rooms of a shared flat listed before it', async () => {
    const rows = await t.db.query<Record<string, unknown>>(
      `select p.external_id, p.number, p.kind, f.external_id as flat, p.is_shared_flat, pa.total_area, pa.living_area,
              pa.valid_from::text as valid_from
         from premises p left join premises f on f.id = p.flat_id join premise_areas pa on pa.premise_id = p.id
        where p.external_id like 'OZ-P-%' order by p.external_id`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(rows).toHaveLength(8);
    expect(byId['OZ-P-3']).toMatchObject({
      total_area: '62.70',
      living_area: '41.00',
      valid_from: '2020-01-01',
    });
    expect(byId['OZ-P-4']).toMatchObject({ kind: 'flat', is_shared_flat: true });
    expect(byId['OZ-P-4-1']).toMatchObject({
      kind: 'room',
      flat: 'OZ-P-4',
      number: '1',
      total_area: '18.40',
    });
    expect(byId['OZ-P-4-2']).toMatchObject({ total_area: '16.90' });
    expect(byId['OZ-P-1N']).toMatchObject({ number: '1Н', kind: 'non_residential', living_area: null });
    expect(byId['OZ-P-21']).toMatchObject({ valid_from: '2021-03-01', total_area: '36.60' });
  });

  it('accounts: given numbers kept, empty ones made by the check-digit scheme, shares and closings', async () => {
    const rows = await t.db.query<Record<string, unknown>>(
      `select external_id, number, trim_scale(area_share)::text as share, status, closed_on::text as closed_on, search_tokens
         from accounts where external_id like 'OZ-A-%' order by external_id`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(byId['OZ-A-1']!.number).toBe('9000000019');
    expect(byId['OZ-A-9']!.number).toBe('9000000027');
    // the generated numbers follow the highest one in use, with their Luhn digit
    expect(byId['OZ-A-2']!.number).toBe('9000000035');
    expect(byId['OZ-A-2']).toMatchObject({ share: '0.5', status: 'open' });
    expect(byId['OZ-A-4']).toMatchObject({ status: 'closed', closed_on: '2024-12-31' });
    expect(byId['OZ-A-6']!.search_tokens).toEqual(expect.arrayContaining(['соколов', 'рябиновая', '3', '4']));
    const found = await t.call('GET', `/api/v1/accounts?q=${encodeURIComponent('Ёлкин Рябиновая')}`, {
      cookie: admin,
    });
    expect(found.json.items.map((a: { externalId: string }) => a.externalId)).toEqual(['OZ-A-4']);
  });

  it('services of houses, tariffs and norms: versions of one key follow each other', async () => {
    const hs = await t.db.query<{ external_id: string; method: string; valid_to: string | null }>(
      `select external_id, method, valid_to::text as valid_to from house_services where external_id in ('OZ-HS-4', 'OZ-HS-5') order by 1`,
    );
    expect(hs).toEqual([
      { external_id: 'OZ-HS-4', method: 'by_norm', valid_to: '2023-06-30' },
      { external_id: 'OZ-HS-5', method: 'by_meter', valid_to: null },
    ]);
    const tariffs = await t.db.query<Record<string, unknown>>(
      `select external_id, trim_scale(rate)::text as rate, zone, city, valid_to::text as valid_to from tariffs
        where external_id like 'OZ-T-%' order by external_id`,
    );
    expect(tariffs).toEqual([
      { external_id: 'OZ-T-1', rate: '38.45', zone: 'single', city: 'Озёрск', valid_to: '2025-06-30' },
      { external_id: 'OZ-T-2', rate: '42.17', zone: 'single', city: 'Озёрск', valid_to: null },
      { external_id: 'OZ-T-3', rate: '2875.3', zone: 'single', city: null, valid_to: null },
      { external_id: 'OZ-T-4', rate: '31.5', zone: 'single', city: 'Озёрск', valid_to: '2025-12-31' },
    ]);
    const norm = await one<Record<string, unknown>>(
      `select trim_scale(value)::text as value, per, unit from norms where external_id = 'OZ-N-2'`,
    );
    expect(norm).toEqual({ value: '3.6', per: 'month', unit: 'м³' }); // the unit of the service by default
  });

  it('opening balances in kopecks, positive = debt; past changes recorded for recalculation', async () => {
    const rows = await t.db.query<{ external_id: string; amount_kop: number }>(
      `select external_id, amount_kop from opening_balances order by external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'OZ-B-1', amount_kop: 123456 },
      { external_id: 'OZ-B-2', amount_kop: -15000 },
      { external_id: 'OZ-B-3', amount_kop: 876543 },
      { external_id: 'OZ-B-4', amount_kop: 0 },
    ]);
    const requests = await t.db.query<{ object_type: string; from_date: string }>(
      `select object_type, from_date::text as from_date from recalculation_requests where reason like 'загрузка%' order by id`,
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.object_type === 'import_file')).toBe(true);
  });

  it('the same files again write nothing: 0 inserted, 0 updated, all unchanged; tables and audit as they were', async () => {
    const before = await snapshotAll(t);
    for (const [kind, name, query] of files) {
      const res = await upload(t, admin, kind, fixture(name), query);
      expect(res.status, kind).toBe(200);
      expect(res.json.applied, kind).toEqual({ inserted: 0, updated: 0, unchanged: res.json.rows });
      expect(res.json.importId, kind).toBeNull();
      expect(res.json.previousImport, kind).not.toBeNull();
    }
    expect(await snapshotAll(t)).toEqual(before);
  });

  it('a changed value updates that row only, audited with before and after; the old file is then refused', async () => {
    const edited = fixture('tariffs.csv').toString('utf8').replace('42,17', '43,01');
    const res = await upload(t, admin, 'tariffs', edited);
    expect(res.status).toBe(200);
    expect(res.json.applied).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    const audit = await one<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `select before, after from audit_records where action = 'import' order by id desc limit 1`,
    );
    expect(audit!.before).toEqual({ changes: { 'OZ-T-2': expect.objectContaining({ rate: '42.17' }) } });
    expect(audit!.after.changes).toEqual({ 'OZ-T-2': expect.objectContaining({ rate: '43.01' }) });
    const rate = await one<{ rate: string }>(
      `select trim_scale(rate)::text as rate from tariffs where external_id = 'OZ-T-2'`,
    );
    expect(rate!.rate).toBe('43.01');
    // the first file would now change the rate back: the same file twice is refused
    const again = await upload(t, admin, 'tariffs', fixture('tariffs.csv'));
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });
});
