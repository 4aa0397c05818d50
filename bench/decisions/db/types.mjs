// What bigint, numeric, date, timestamptz and aggregates come back as in each layer on each engine.
// Runs in a non-UTC zone so that local-midnight vs UTC-midnight `date` parsing is visible.
process.env.TZ = process.env.TZ || 'Asia/Yekaterinburg';
import { openEngine } from './engines.mjs';
import { Kysely, PostgresDialect, sql as ksql } from 'kysely';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, bigint, numeric, date, timestamp, bigserial } from 'drizzle-orm/pg-core';
import { sql as dsql, count, sum, gt } from 'drizzle-orm';

const probe = pgTable('probe', {
  id: bigserial('id', { mode: 'number' }),
  b: bigint('b', { mode: 'number' }),
  big: bigint('big', { mode: 'bigint' }),
  n: numeric('n', { precision: 10, scale: 2 }),
  d: date('d'), // default mode: 'string'
  ts: timestamp('ts', { withTimezone: true }), // default mode: 'date'
});
const show = (v) => v === null ? 'null' : v instanceof Date ? `Date ${v.toISOString()}` : `${typeof v} ${String(v)}`;
const describe = (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, show(v)]));

if (process.argv[2] === 'unshimmed') { // child: Drizzle on PGlite's pg adapter without the shim
  const e = await openEngine('pglite', { shim: false });
  const d = drizzle({ client: e.pool });
  await d.execute(dsql`CREATE TABLE probe (id bigserial)`);
  const res = await d.select().from(probe).where(gt(probe.id, 0)).then(() => 'works', (err) => `fails: ${err.cause?.message ?? err.message}`);
  console.log(JSON.stringify(res));
  process.exit(0); // a failed Parse leaves PGlite's adapter writer half-filled: the process cannot go on
}
const { execFileSync } = await import('node:child_process');
const out = { TZ: process.env.TZ };
out.drizzleOnPgliteAdapterWithoutShim = JSON.parse(execFileSync(process.execPath, [process.argv[1], 'unshimmed'], { encoding: 'utf8', timeout: 60000 }));
for (const engine of ['postgres', 'pglite']) {
  const e = await openEngine(engine);
  await e.pool.query(`CREATE TABLE probe (id bigserial, b bigint, big bigint, n numeric(10,2), d date, ts timestamptz);
    INSERT INTO probe (b, big, n, d, ts) VALUES (12345, 9007199254740993, 12.34, '2024-01-31', '2024-01-31 10:00+00')`);
  const r = (out[engine] = {});
  const agg = 'SELECT count(*) AS cnt, sum(b) AS sum_bigint, sum(n) AS sum_numeric FROM probe';
  r.raw = describe((await e.pool.query('SELECT id, b, big, n, d, ts FROM probe')).rows[0]);
  r.rawAggregate = describe((await e.pool.query(agg)).rows[0]);
  const k = new Kysely({ dialect: new PostgresDialect({ pool: e.pool }) });
  r.kysely = describe(await k.selectFrom('probe').selectAll().executeTakeFirstOrThrow());
  r.kyselyAggregate = describe(await k.selectFrom('probe').select((eb) => [eb.fn.countAll().as('cnt'), eb.fn.sum('b').as('sum_bigint')]).executeTakeFirstOrThrow());
  const d = drizzle({ client: e.pool });
  // A parameter makes pg use the extended protocol (Parse/Bind), where the PGlite adapter bug bites.
  const drizzleSelect = async () => describe((await d.select().from(probe).where(gt(probe.id, 0)))[0]);
  r.drizzle = await drizzleSelect();
  r.drizzleAggregate = describe((await d.select({ cnt: count(), sumBigint: sum(probe.b) }).from(probe))[0]);
  r.drizzleExecuteRawSql = describe((await d.execute(dsql`SELECT b, n, d, ts FROM probe`)).rows[0]);
  if (e.pglite) r.pgliteNativeQuery = describe((await e.pglite.query('SELECT id, b, big, n, d, ts FROM probe')).rows[0]);
  await e.close();
}
console.log(JSON.stringify(out, null, 1));
