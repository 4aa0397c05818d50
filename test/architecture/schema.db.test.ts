/** Conventions of the schema, checked on the migrated database (CONVENTIONS.md example 11). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.dispose());

// Tables that record the system's own activity rather than business data, or derived data (the search dictionary).
const systemTables = ['schema_migrations', 'sessions', 'login_failures', 'audit_records', 'search_words'];

describe('schema conventions', () => {
  it('no column is a float: money is bigint kopecks, quantities numeric', async () => {
    const floats = await db.query(
      `select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('real', 'double precision', 'money')`,
    );
    expect(floats).toEqual([]);
  });

  it('every *_kop column is bigint', async () => {
    const bad = await db.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and column_name like '%\\_kop' and data_type <> 'bigint'`,
    );
    expect(bad).toEqual([]);
  });

  it('every business table has created_at and created_by', async () => {
    const tables = await db.query<{ table_name: string; has_at: boolean; has_by: boolean }>(
      `select t.table_name,
              bool_or(c.column_name = 'created_at') as has_at, bool_or(c.column_name = 'created_by') as has_by
         from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name <> all($1)
        group by t.table_name order by 1`,
      [systemTables],
    );
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => !t.has_at || !t.has_by).map((t) => t.table_name)).toEqual([]);
  });

  it('table names are plural snake_case', async () => {
    const names = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public'`,
    );
    for (const { table_name } of names) expect(table_name).toMatch(/^[a-z]+(_[a-z]+)*s$/);
  });
});
