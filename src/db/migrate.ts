/**
 * Forward-only SQL migrations: src/db/migrations/NNNN_name.sql, applied in name order in one
 * transaction, each with its sha256 recorded. A changed file that was already applied is refused: write a
 * new migration instead. An advisory lock lets several processes start at once safely.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors.js';
import type { Db } from './client.js';

export const defaultMigrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { name: string; checksum: string; sql: string };
export type MigrationStatus = {
  name: string;
  state: 'applied' | 'pending' | 'changed';
  appliedAt: Date | null;
};

const LOCK_KEY = 7_340_155; // any constant: the advisory lock id of the migrator

export function readMigrations(dir = defaultMigrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

async function ensureTable(db: Db): Promise<void> {
  await db.query(`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
}

export async function migrationStatus(db: Db, dir = defaultMigrationsDir): Promise<MigrationStatus[]> {
  await ensureTable(db);
  const applied = new Map(
    (
      await db.query<{ name: string; checksum: string; applied_at: Date }>('select * from schema_migrations')
    ).map((r) => [r.name, r]),
  );
  return readMigrations(dir).map((m) => {
    const row = applied.get(m.name);
    const state = !row ? 'pending' : row.checksum === m.checksum ? 'applied' : 'changed';
    return { name: m.name, state, appliedAt: row?.applied_at ?? null };
  });
}

/** Applies the pending migrations; returns the names applied. Refuses to run if an applied file changed. */
export async function migrate(
  db: Db,
  options: { dir?: string; onApplied?: (name: string, index: number, total: number) => void } = {},
): Promise<string[]> {
  const migrations = readMigrations(options.dir);
  await ensureTable(db);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const applied = new Map(
      (
        await tx.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations')
      ).map((r) => [r.name, r.checksum]),
    );
    const changed = migrations.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum);
    if (changed.length > 0) {
      throw new DomainError(
        'migration_checksum_mismatch',
        `Applied migrations were edited: ${changed.map((m) => m.name).join(', ')}. Write a new migration instead.`,
        changed.map((m) => ({ field: m.name, problem: 'checksum differs from the applied file' })),
      );
    }
    const pending = migrations.filter((m) => !applied.has(m.name));
    for (const [i, m] of pending.entries()) {
      // One transaction for the whole batch: either the schema moves to the newest version or it stays.
      await tx.query(m.sql);
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [m.name, m.checksum]);
      options.onApplied?.(m.name, i + 1, pending.length);
    }
    return pending.map((m) => m.name);
  });
}
