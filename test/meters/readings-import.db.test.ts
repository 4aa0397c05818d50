/**
 * Readings from a file: a dry run lists every bad row and writes nothing; a real run writes all rows or none;
 * the same file again adds nothing; CP1251 and XLSX are read like UTF-8. Plus the demo town's meters.
 * The clock stands at 2026-11-02; the house is of its own town (Заозёрск).
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
const account: Record<string, string> = {};
const meter: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const house = await post('/houses', {
    region: 'Демо-область',
    city: 'Заозёрск',
    street: 'ул. Импортная',
    houseNumber: '2',
    managerId: await t.orgId('ТСЖ Берёзка'),
    managedFrom: '2025-01-01',
  });
  for (const n of ['1', '2']) {
    const p = (await post(`/houses/${house.json.id}/premises`, { number: n })).json.id;
    account[n] = (await post(`/premises/${p}/accounts`, { payerName: `Жилец ${n}` })).json.number;
    for (const [resource, serial] of [
      ['cold_water', `ХВ-${n}`],
      ['hot_water', `ГВ-${n}`],
    ]) {
      const m = await post(`/houses/${house.json.id}/meters`, {
        resource,
        premiseIds: [p],
        serialNumber: serial,
        commissionedOn: '2026-01-10',
        lastVerifiedOn: '2025-12-01',
        initialValues: { single: '10' },
      });
      meter[serial!] = m.json.id;
      if (m.status !== 201) throw new Error(m.text);
    }
  }
});
afterAll(() => t.dispose());

function post(path: string, body: unknown, cookie = admin) {
  return t.call('POST', `/api/v1${path}`, { cookie, body });
}
const upload = (query: string, data: string | Uint8Array, type = 'text/csv') =>
  t.app.request(`/api/v1/readings/import?${query}`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': type },
    body: data,
  });
const count = async () =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from meter_readings`))[0]!.n;

const good = [
  'account;serial;read_on;value;client_id',
  `${'{1}'};ХВ-1;20.10.2026;15,5;`,
  `${'{1}'};ГВ-1;2026-10-20;12.25;`,
  `${'{2}'};ХВ-2;2026-10-20;17;`,
];
const fill = (lines: string[]) =>
  lines.map((l) => l.replace('{1}', account['1']!).replace('{2}', account['2']!)).join('\n');

describe(`readings import on ${engineName}`, () => {
  it('a dry run lists every bad row with its line and column, and writes nothing', async () => {
    const before = await count();
    const file = fill([
      ...good,
      `${'{2}'};ГВ-2;2026-10-20;5;`, // line 5: below the initial 10
      `${'{2}'};;2026-10-20;20;`, // line 6: two meters in service, which one?
      `0000000000;ХВ-1;2026-10-20;20;`, // line 7: not an account number
      `${'{1}'};ХВ-1;31.02.2026;20;`, // line 8: no such date
      `${'{1}'};ХВ-1;2026-10-21;;`, // line 9: no value
    ]);
    const res = await upload('dryRun=true', file);
    const json = (await res.json()) as {
      badRows: { line: number; column: string | null }[];
      applied: unknown;
    };
    expect(res.status).toBe(200);
    expect(json.applied).toEqual({ inserted: 3, unchanged: 0, held: 0, notForBilling: 0 });
    expect(json.badRows.map((b) => [b.line, b.column])).toEqual([
      [5, 'value'],
      [6, 'serial'],
      [7, 'account'],
      [8, 'read_on'],
      [9, null],
    ]);
    expect(await count()).toBe(before);
    const real = await upload('dryRun=false', file);
    expect(real.status).toBe(400);
    const error = ((await real.json()) as { error: { message: string; details: { field: string }[] } }).error;
    expect(error.message).toContain('ничего не записано');
    expect(error.details.map((d) => d.field)).toContain('row 5.value');
    expect(await count()).toBe(before);
  });

  it('a good file is written whole; loading it again adds nothing', async () => {
    const before = await count();
    const res = await upload('source=bank_registry&fileName=october.csv', fill(good));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { applied: unknown }).applied).toEqual({
      inserted: 3,
      unchanged: 0,
      held: 0,
      notForBilling: 0,
    });
    expect(await count()).toBe(before + 3);
    const stored = await t.db.query<{
      source: string;
      period: string;
      value_single: string;
      client_id: string;
    }>(
      `select source, period, value_single::text, client_id from meter_readings where meter_id = $1 and kind = 'regular'`,
      [meter['ХВ-1']],
    );
    expect(stored).toEqual([
      {
        source: 'bank_registry',
        period: '2026-10',
        value_single: '15.5000',
        client_id: `file:${meter['ХВ-1']}:2026-10-20`,
      },
    ]);
    const again = await upload('source=bank_registry', fill(good));
    expect(((await again.json()) as { applied: unknown }).applied).toEqual({
      inserted: 0,
      unchanged: 3,
      held: 0,
      notForBilling: 0,
    });
    expect(await count()).toBe(before + 3);
    const audit = await t.db.query(`select 1 from audit_records where object_type = 'meter_readings_file'`);
    expect(audit).toHaveLength(1);
  });

  it('CP1251 without a BOM is read when told so; a bad header names the column', async () => {
    const file = iconv.encode(
      fill(['account;serial;resource;read_on;value', `{1};ХВ-1;cold_water;2026-11-20;16`]),
      'win1251',
    );
    const res = await upload('encoding=cp1251&dryRun=true', file);
    expect((await res.json()) as { badRows: unknown[]; applied: { inserted: number } }).toMatchObject({
      badRows: [],
      applied: { inserted: 1 },
    });
    const bad = await upload('dryRun=true', 'лицевой;read_on;value\n1;2026-10-20;1');
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: { field: string }[] } }).error.details.map(
      (d) => d.field,
    );
    expect(fields).toEqual(['лицевой', 'account|meter_id']);
  });

  it('the cashier may load readings; the analyst may not', async () => {
    const analyst = await t.login('analyst');
    const res = await t.app.request('/api/v1/readings/import?dryRun=true', {
      method: 'POST',
      headers: { cookie: analyst, 'content-type': 'text/csv' },
      body: fill(good),
    });
    expect(res.status).toBe(403);
  });
});

describe(`the demo town's meters on ${engineName}`, () => {
  it('has meters with readings in most flats, common-house meters, and a verification-due list', async () => {
    const [stats] = await t.db.query<{ flats: number; metered: number; odpu: number; readings: number }>(
      `select (select count(*)::int from premises p join houses h on h.id = p.house_id where h.city = 'Демо-город' and p.kind = 'flat') as flats,
              (select count(distinct mp.premise_id)::int from meter_premises mp join meters m on m.id = mp.meter_id
                 join houses h on h.id = m.house_id where h.city = 'Демо-город') as metered,
              (select count(*)::int from meters m join houses h on h.id = m.house_id where h.city = 'Демо-город' and m.kind = 'common_house') as odpu,
              (select count(*)::int from meter_readings r join meters m on m.id = r.meter_id join houses h on h.id = m.house_id where h.city = 'Демо-город') as readings`,
    );
    expect(stats!.metered / stats!.flats).toBeGreaterThan(0.8);
    expect(stats!.metered).toBeLessThan(stats!.flats);
    expect(stats!.odpu).toBeGreaterThan(0);
    expect(stats!.readings).toBeGreaterThan(stats!.metered * 4);
    const due = await t.call('GET', '/api/v1/meters?dueWithinDays=60&pageSize=5', { cookie: admin });
    expect(due.json.total).toBeGreaterThan(0);
    for (const m of due.json.items as { nextVerificationOn: string }[])
      expect(m.nextVerificationOn <= '2027-01-01').toBe(true); // 2026-11-02 + 60 days
  });
});
