/** The demo town every newcomer meets: its size, its consistency, and that it can be searched. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidAccountNumber } from '../../src/domain/registry/account-number.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.dispose());

const count = async (sql: string) => (await t.db.maybeOne<{ n: number }>(sql))!.n;

describe(`the demo town on ${engineName}`, () => {
  it('has a settlement centre, 3 managers, 6 suppliers, about 40 houses and 3,000 accounts', async () => {
    expect(await count(`select count(*)::int as n from organisations where kind = 'manager'`)).toBe(3);
    expect(await count(`select count(*)::int as n from organisations where kind = 'supplier'`)).toBe(6);
    const houses = await count('select count(*)::int as n from houses');
    expect(houses).toBeGreaterThanOrEqual(30);
    expect(houses).toBeLessThanOrEqual(50);
    expect(await count('select count(*)::int as n from accounts')).toBe(3000);
  });

  it('is consistent: valid account numbers, one manager per house, residential area = the sum of its flats', async () => {
    const numbers = await t.db.query<{ number: string }>('select number from accounts');
    expect(numbers.filter((a) => !isValidAccountNumber(a.number))).toEqual([]);
    expect(
      await count(
        'select count(*)::int as n from houses h where (select count(*) from house_managers m where m.house_id = h.id) <> 1',
      ),
    ).toBe(0);
    const mismatched = await count(`
      select count(*)::int as n from houses h
       where h.residential_area <> (select sum(a.total_area) from premises p join premise_areas a on a.premise_id = p.id
                                     where p.house_id = h.id and p.kind = 'flat')`);
    expect(mismatched).toBe(0);
    // every house gets its services: 10 or 11 (gas only where there are gas stoves)
    const perHouse = await t.db.query<{ n: number }>(
      'select count(*)::int as n from house_services group by house_id',
    );
    expect(new Set(perHouse.map((r) => r.n))).toEqual(new Set([10, 11]));
  });

  it('its accounts are found by a fragment of the address in the global search box', async () => {
    const account = (await t.db.maybeOne<{ id: number; street: string; house_number: string; flat: string }>(
      `select a.id, h.street, h.house_number, p.number as flat from accounts a join premises p on p.id = a.premise_id
         join houses h on h.id = p.house_id where p.kind = 'flat' order by a.id limit 1`,
    ))!;
    const street = account.street.replace(/^(ул|пр-т|б-р|пер)\.?\s*/, '');
    const q = encodeURIComponent(`${street} ${account.house_number} ${account.flat}`);
    const res = await t.call('GET', `/api/v1/search?q=${q}`, { cookie: admin });
    expect(res.json.items.map((h: { kind: string; id: number }) => `${h.kind} ${h.id}`)).toContain(
      `account ${account.id}`,
    );
  });

  it("when a house's address is corrected, its accounts are found by the new one", async () => {
    const house = (await t.db.maybeOne<{ id: number }>('select min(id) as id from houses'))!;
    const res = await t.call('PATCH', `/api/v1/houses/${house.id}`, {
      cookie: admin,
      body: { street: 'ул. Переименованная' },
    });
    expect(res.status).toBe(200);
    const hits = await t.call('GET', `/api/v1/search?q=${encodeURIComponent('Переименованная')}`, {
      cookie: admin,
    });
    expect(hits.json.items.filter((h: { kind: string }) => h.kind === 'account').length).toBeGreaterThan(0);
  });
});
