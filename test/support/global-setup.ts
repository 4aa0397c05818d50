/**
 * Builds the test templates once per run: migrations applied, reference data and the demo town loaded.
 * The names carry the run's id (test/support/engines.ts), and the teardown removes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDb, pgliteParsers, type Db } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/services/context.js';
import { loadDemo } from '../../src/services/demo.js';
import { seedReferenceData } from '../../src/services/setup.js';
import {
  demoPassword,
  pgDatabasePrefix,
  pgliteEmptyPath,
  pgliteTemplatePath,
  pgTemplateName,
  testDatabaseUrl,
  testRunId,
  urlWithDatabase,
} from './engines.js';

async function prepare(db: Db): Promise<void> {
  await migrate(db);
  await seedReferenceData(db);
  // without the demo's payments and debts: tests write their own by hand (a test of them loads them itself)
  await loadDemo(db, systemClock, demoPassword, undefined, { finance: false });
}

/** Whether a process is alive: the databases of a run whose process is gone are left-overs. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function dropDatabases(url: string, shouldDrop: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const all = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'zhkh\\_t%'`,
  );
  for (const { datname } of all.rows) {
    if (shouldDrop(datname)) await admin.query(`drop database if exists "${datname}" with (force)`);
  }
  await admin.end();
}

export default async function setup(): Promise<() => Promise<void>> {
  process.env.ZHKH_TEST_RUN = testRunId; // the test workers take the template names from it
  if (testDatabaseUrl) {
    await dropDatabases(testDatabaseUrl, (name) => {
      const pid = Number(/^zhkh_(?:tpl|t)_(\d+)/.exec(name)?.[1]);
      return Number.isInteger(pid) && !isAlive(pid);
    });
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${pgTemplateName}`);
    await admin.end();
    const db = await openDb({ databaseUrl: urlWithDatabase(testDatabaseUrl, pgTemplateName) });
    await prepare(db);
    await db.close();
  } else {
    const pglite = await PGlite.create('memory://', { parsers: pgliteParsers });
    fs.mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
    fs.writeFileSync(pgliteEmptyPath, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
    const db = await openDb({ pglite });
    await prepare(db);
    await db.close();
    fs.writeFileSync(pgliteTemplatePath, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
    await pglite.close();
  }
  return async () => {
    if (testDatabaseUrl) {
      await dropDatabases(
        testDatabaseUrl,
        (name) => name === pgTemplateName || name.startsWith(pgDatabasePrefix),
      );
    } else {
      for (const file of [pgliteTemplatePath, pgliteEmptyPath]) fs.rmSync(file, { force: true });
    }
  };
}
