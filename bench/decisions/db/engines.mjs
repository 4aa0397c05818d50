// Opens PostgreSQL 15 (pg.Pool on a URL) or PGlite (pg.Pool on createPgConfig) with schema bench_decisions,
// both seeded with the same 100,000-row accounts table. Both go through the same `pg` driver.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig, PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import copyStreams from 'pg-copy-streams';

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DDL = `
  CREATE TABLE accounts (id bigserial PRIMARY KEY, number text NOT NULL, premise_id bigint NOT NULL,
    balance_kop bigint NOT NULL, area numeric(10,2) NOT NULL);
  CREATE TABLE accounts_ins (LIKE accounts INCLUDING DEFAULTS);
  INSERT INTO accounts (number, premise_id, balance_kop, area)
    SELECT 'LS-' || lpad(((g * 7919) % 100000)::text, 6, '0'), g / 4, (g * 7919) % 1000000 - 500000, 20 + (g % 9000) / 100.0
    FROM generate_series(1, 100000) g;
  CREATE INDEX accounts_premise ON accounts (premise_id);
  ANALYZE accounts;`;

// PGlite 0.5.17's node-postgres adapter serialises a Parse message with `query.types.forEach`, but pg passes
// the query's custom type-parser object (`{ getTypeParser }`) there; Drizzle sets it on every query, so every
// Drizzle query fails with "e.types?.forEach is not a function". Real pg-protocol ignores a non-array.
// The shim drops a non-array `types` from the Parse message only (pg still uses it to parse the rows).
export function patchPgliteParse() {
  const parse = PglitePgConnection.prototype.parse;
  if (parse.patched) return;
  PglitePgConnection.prototype.parse = function (q) {
    return parse.call(this, Array.isArray(q.types) ? q : { ...q, types: undefined });
  };
  PglitePgConnection.prototype.parse.patched = true;
}

export async function openEngine(name, { shim = true } = {}) {
  let pool, pglite, copyText;
  if (name === 'postgres') {
    const admin = new pg.Client(PG_URL);
    await admin.connect();
    await admin.query('DROP SCHEMA IF EXISTS bench_decisions CASCADE; CREATE SCHEMA bench_decisions');
    await admin.end();
    pool = new pg.Pool({ connectionString: PG_URL, max: 4, options: '-c search_path=bench_decisions' });
    // COPY FROM STDIN through pg-copy-streams on a raw pg client.
    copyText = async (table, cols, text) => {
      const c = await pool.connect();
      try { await pipeline(Readable.from([text]), c.query(copyStreams.from(`COPY ${table} (${cols}) FROM STDIN`))); }
      finally { c.release(); }
    };
  } else {
    if (shim) patchPgliteParse();
    pglite = await PGlite.create(); // in memory
    await pglite.exec('CREATE SCHEMA bench_decisions; SET search_path = bench_decisions');
    pool = new pg.Pool(createPgConfig(pglite));
    // COPY FROM STDIN through the node-postgres adapter crashes PGlite: use /dev/blob on the PGlite object.
    copyText = async (table, cols, text) => {
      await pglite.query(`COPY ${table} (${cols}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    };
  }
  const sp = (await pool.query('SHOW search_path')).rows[0].search_path;
  if (!sp.startsWith('bench_decisions')) throw new Error(`search_path is ${sp}`);
  await pool.query(DDL);
  const close = async () => {
    if (name === 'postgres') await pool.query('DROP SCHEMA bench_decisions CASCADE');
    await pool.end();
    if (pglite) await pglite.close();
  };
  return { name, pool, pglite, copyText, close };
}
