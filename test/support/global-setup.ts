/** Builds the test template once per run: migrations applied and the demo loaded. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDb, pgliteParsers } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/services/context.js';
import { loadDemo } from '../../src/services/demo.js';
import {
  demoPassword,
  pgliteEmptyPath,
  pgliteTemplatePath,
  pgTemplateName,
  testDatabaseUrl,
  urlWithDatabase,
} from './engines.js';

async function prepare(db: Awaited<ReturnType<typeof openDb>>): Promise<void> {
  await migrate(db);
  await loadDemo(db, systemClock, demoPassword);
}

export default async function setup(): Promise<void> {
  if (testDatabaseUrl) {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    const stale = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'zhkh_t\\_%' or datname = $1`,
      [pgTemplateName],
    );
    for (const { datname } of stale.rows)
      await admin.query(`drop database if exists "${datname}" with (force)`);
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
    const dump = await pglite.dumpDataDir('gzip');
    fs.writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
    await pglite.close();
  }
}
