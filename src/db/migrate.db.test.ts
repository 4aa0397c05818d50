import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { createEmptyDb, type TestDb } from '../../test/support/db.js';
import { engineName } from '../../test/support/engines.js';
import { defaultMigrationsDir, migrate, migrationStatus, readMigrations } from './migrate.js';

describe(`migrations on ${engineName}`, () => {
  let db: TestDb;
  let dir: string;
  beforeEach(async () => {
    db = await createEmptyDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-migrations-'));
  });
  afterEach(async () => {
    await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration of the project once, then nothing', async () => {
    const names = readMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual(names);
    expect(await migrate(db)).toEqual([]);
    expect((await migrationStatus(db)).map((m) => m.state)).toEqual(names.map(() => 'applied'));
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['audit_records', 'organisations', 'schema_migrations', 'sessions', 'users']),
    );
  });

  it('refuses to run when an applied migration was edited, naming the file, and applies nothing', async () => {
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id int);');
    await migrate(db, { dir });
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id bigint);');
    fs.writeFileSync(path.join(dir, '0002_b.sql'), 'create table b (id int);');
    const err = await migrate(db, { dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('migration_checksum_mismatch');
    expect((err as DomainError).details).toEqual([
      { field: '0001_a.sql', problem: 'checksum differs from the applied file' },
    ]);
    expect(await db.maybeOne(`select to_regclass('b') as t`)).toEqual({ t: null });
    expect((await migrationStatus(db, dir)).map((m) => [m.name, m.state])).toEqual([
      ['0001_a.sql', 'changed'],
      ['0002_b.sql', 'pending'],
    ]);
  });

  it('rolls back a failing batch whole: no table and no record of the good file before it', async () => {
    fs.writeFileSync(path.join(dir, '0001_good.sql'), 'create table good (id int);');
    fs.writeFileSync(path.join(dir, '0002_bad.sql'), 'create table bad (id int references nowhere (id));');
    await expect(migrate(db, { dir })).rejects.toThrow();
    expect(await db.maybeOne(`select to_regclass('good') as t`)).toEqual({ t: null });
    expect((await migrationStatus(db, dir)).map((m) => m.state)).toEqual(['pending', 'pending']);
  });

  it('names migration files NNNN_snake_case.sql and orders them by number', () => {
    const files = fs.readdirSync(defaultMigrationsDir).filter((f) => f.endsWith('.sql'));
    for (const f of files) expect(f).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
    const numbers = files.map((f) => Number(f.slice(0, 4)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
