/**
 * A fresh database for one test file, a copy of the template (migrated, demo loaded):
 * PGlite in memory from the dumped template, or a new PostgreSQL database cloned from it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDb, pgliteParsers, type Db } from '../../src/db/client.js';
import {
  pgDatabasePrefix,
  pgliteEmptyPath,
  pgliteTemplatePath,
  pgTemplateName,
  testDatabaseUrl,
  urlWithDatabase,
} from './engines.js';

export type TestDb = Db & { dispose(): Promise<void> };

/** A new database on the test server, optionally cloned from a template; `drop` removes it. */
export async function createServerDatabase(
  serverUrl: string,
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${pgDatabasePrefix}${crypto.randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}${template ? ` template ${template}` : ''}`);
  return {
    url: urlWithDatabase(serverUrl, name),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

async function serverTestDb(template?: string): Promise<TestDb> {
  const database = await createServerDatabase(testDatabaseUrl!, template);
  const db = await openDb({ databaseUrl: database.url });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      await database.drop();
    },
  });
}

async function embeddedTestDb(dumpPath: string): Promise<TestDb> {
  const pglite = await PGlite.create({
    loadDataDir: new Blob([fs.readFileSync(dumpPath)]),
    parsers: pgliteParsers,
  });
  const db = await openDb({ pglite });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      await pglite.close();
    },
  });
}

/** A copy of the template: migrated, demo loaded. */
export function createTestDb(): Promise<TestDb> {
  return testDatabaseUrl ? serverTestDb(pgTemplateName) : embeddedTestDb(pgliteTemplatePath);
}

/** An empty database (no migrations): for migration and client tests. */
export function createEmptyDb(): Promise<TestDb> {
  return testDatabaseUrl ? serverTestDb() : embeddedTestDb(pgliteEmptyPath);
}
