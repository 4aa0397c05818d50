/**
 * The accounts list counts its matches only up to a limit (10 000 in the service; 100 here, over the demo
 * town's 3,000 accounts), and the page it shows is the same page either way: the count only chooses how the
 * page is found (docs/registry.md, "Finding accounts").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAccounts } from '../../src/db/registry/account-search.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
let actor: { organisationKind: 'settlement_centre'; scope: number[] };
beforeAll(async () => {
  db = await createTestDb();
  const ids = await db.query<{ id: number }>('select id from organisations order by id');
  actor = { organisationKind: 'settlement_centre', scope: ids.map((o) => o.id) };
});
afterAll(() => db.dispose());

const query = (page: number, sort: { field: string; desc: boolean }[] = []) => ({ page, pageSize: 20, sort });
const numbers = (p: { items: { number: string }[] }) => p.items.map((a) => a.number);

describe('the accounts list count', () => {
  it('stops at the limit and says so; under it, it is exact and not flagged', async () => {
    const all = await db.maybeOne<{ n: number }>('select count(*)::int as n from accounts');
    const exact = await selectAccounts(db, { actor }, query(1), 100_000);
    expect(exact.total).toBe(all!.n);
    expect(exact.totalCapped).toBeUndefined();
    const capped = await selectAccounts(db, { actor }, query(1), 100);
    expect(capped.total).toBe(100);
    expect(capped.totalCapped).toBe(true);
    expect(numbers(capped)).toEqual(numbers(exact));
  });

  it('gives the same pages with and without the limit, with a search text matching many or few', async () => {
    const word = await db.maybeOne<{ w: string; n: number }>(
      `select w, count(*)::int as n from accounts, unnest(search_tokens) w
        where w ~ '^[а-я]{4,}$' group by w having count(*) between 120 and 2000 order by n desc, w limit 1`,
    );
    expect(word).toBeDefined();
    for (const text of [word!.w, word!.w.slice(0, 3)]) {
      for (const page of [1, 3]) {
        const sort = [{ field: 'payerName', desc: false }];
        const exact = await selectAccounts(db, { actor, q: text }, query(page, sort), 100_000);
        const capped = await selectAccounts(db, { actor, q: text }, query(page, sort), 100);
        expect(exact.total).toBeGreaterThan(100);
        expect(capped.totalCapped).toBe(true);
        expect(numbers(capped)).toEqual(numbers(exact));
        expect(numbers(exact)).toHaveLength(20);
      }
    }
  });
});
