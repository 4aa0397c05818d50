/**
 * A fresh database for one test file, a copy of the template (migrated, demo loaded):
 * PGlite in memory from the dumped template, or a new PostgreSQL database cloned from it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDb, pgliteParsers, type Db } from '../../src/db/client.js';
import { pgliteEmptyPath, pgliteTemplatePath, pgTemplateName, testDatabaseUrl, urlWithDatabase } from './engines.js';

export type TestDb = Db & { dispose(): Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  if (testDatabaseUrl) {
    const name = `zhkh_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateName}`);
    await admin.end();
    const db = await openDb({ databaseUrl: urlWithDatabase(testDatabaseUrl, name) });
    return Object.assign(db, {
      async dispose() {
        await db.close();
        const a = new pg.Client({ connectionString: testDatabaseUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    });
  }
  const blob = new Blob([fs.readFileSync(pgliteTemplatePath)]);
  const pglite = await PGlite.create({ loadDataDir: blob, parsers: pgliteParsers });
  const db = await openDb({ pglite });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      await pglite.close();
    },
  });
}

/** An empty database (no template): for migration tests. */
export async function createEmptyDb(): Promise<TestDb> {
  if (testDatabaseUrl) {
    const name = `zhkh_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const db = await openDb({ databaseUrl: urlWithDatabase(testDatabaseUrl, name) });
    return Object.assign(db, {
      async dispose() {
        await db.close();
        const a = new pg.Client({ connectionString: testDatabaseUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    });
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(pgliteEmptyPath)]), parsers: pgliteParsers });
  const db = await openDb({ pglite });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      await pglite.close();
    },
  });
}
