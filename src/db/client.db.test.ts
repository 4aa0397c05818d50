import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDb, type TestDb } from '../../test/support/db.js';
import { engineName } from '../../test/support/engines.js';
import { copyFields } from './client.js';

let db: TestDb;
beforeAll(async () => {
  db = await createEmptyDb();
  await db.query('create table t (id int primary key, amount_kop bigint not null)');
});
afterAll(() => db.dispose());

describe(`the database client on ${engineName}`, () => {
  it('returns the same JavaScript values on both engines', async () => {
    const row = await db.maybeOne(
      `select 12345678901::bigint as kop, '1.50'::numeric as volume, '2026-10-01'::date as day,
              '2026-10-01T12:00:00Z'::timestamptz as at, array[1, 2]::bigint[] as ids, '{"a": 1}'::jsonb as doc,
              array['x', 'y']::text[] as names, true as flag, 7::int as n`,
    );
    expect(row).toEqual({
      kop: 12345678901,
      volume: '1.50', // numeric stays a string: never a float
      day: '2026-10-01', // date stays an ISO string: no time zone can move it
      at: new Date('2026-10-01T12:00:00Z'),
      ids: [1, 2],
      doc: { a: 1 },
      names: ['x', 'y'],
      flag: true,
      n: 7,
    });
  });

  it('refuses a bigint beyond the safe integer range instead of rounding it', async () => {
    await expect(db.query('select 9007199254740993::bigint as x')).rejects.toThrow(/safe integer/);
  });

  it('survives a failed parameterised query: the next query works', async () => {
    await expect(db.query('select * from missing where id = $1', [1])).rejects.toThrow(/missing/);
    expect(await db.query('select $1::int as x', [5])).toEqual([{ x: 5 }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into t values ($1, $2)', [1, 100]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t values ($1, $2)', [2, 200]);
        await tx.query('insert into t values ($1, $2)', [1, 300]); // duplicate key
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('select id, amount_kop from t order by id')).toEqual([{ id: 1, amount_kop: 100 }]);
  });

  it('runs several statements in one text without parameters (migrations)', async () => {
    const rows = await db.query(
      'create temporary table m (x int); insert into m values (1), (2); select sum(x)::int as s from m',
    );
    expect(rows).toEqual([{ s: 3 }]);
  });

  it('bulk-loads rows by COPY, with nulls and Cyrillic, and refuses a value that would need escaping', async () => {
    await db.query('create table c (id int, name text, amount_kop bigint, note text)');
    const n = await db.copyFrom(
      'c',
      ['id', 'name', 'amount_kop', 'note'],
      [
        [1, 'Иванов И. И.', 12345, null],
        [2, 'Петрова', -7, 'кв. 5'],
      ],
    );
    expect(n).toBe(2);
    expect(await db.query('select * from c order by id')).toEqual([
      { id: 1, name: 'Иванов И. И.', amount_kop: 12345, note: null },
      { id: 2, name: 'Петрова', amount_kop: -7, note: 'кв. 5' },
    ]);
    await expect(db.copyFrom('c', ['id', 'name'], [[3, 'a\tb']])).rejects.toThrow(/needs escaping/);
    await expect(db.copyFrom('c; drop table c', ['id'], [[4]])).rejects.toThrow(/bad identifier/);
    expect(await db.query('select count(*)::int as n from c')).toEqual([{ n: 2 }]);
  });

  it('reads a query as COPY text inside a transaction, and copyFields gives back nulls, tabs and backslashes', async () => {
    const text = await db.transaction((tx) =>
      tx.copyTo(
        `select 7::bigint, null::text, E'a\\tb\\\\c'::text, 'Петров'::text union all select 8, 'x', '', ''`,
      ),
    );
    const fields = text
      .split('\n')
      .filter((l) => l !== '')
      .map(copyFields);
    // the values as written in the query: E'a\tb\\c' is a, TAB, b, one backslash, c
    expect(fields).toEqual([
      ['7', null, 'a\tb\\c', 'Петров'],
      ['8', 'x', '', ''],
    ]);
  });
});
