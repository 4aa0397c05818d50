/**
 * What the house-level volumes (services/billing/house-volumes.ts) cost per house: the demo town on PostgreSQL,
 * period 2026-10, the houses with common needs by the ОДПУ (they also have wastewater by meter and heating by the
 * ОДПУ). Times, per house, the whole load (`loadHouse`), the batch read of the house-level volumes alone
 * (`readHouseVolumes` for that house), the pure assembly (`assembleInput`) and, inside it, ΣV_individual (the core
 * run on the cold-water services), and the core (`computeHouse`).
 * Run: npx tsx bench/house-volumes.bench.ts [reps=5]   (ZHKH_BENCH_DATABASE_URL as bench/billing.bench.ts)
 */
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { computeHouse } from '../src/domain/billing/compute.js';
import type { BillingPeriod, IsoDate } from '../src/domain/period.js';
import { createLogger } from '../src/logger.js';
import { individualVolume, readHouseVolumes, volumeNeeds } from '../src/services/billing/house-volumes.js';
import { assembleInput, loadHouse, readHouse } from '../src/services/billing/loader.js';
import { manualClock } from '../src/services/context.js';
import { prepareDatabase } from '../src/services/setup.js';

const reps = Number(process.argv[2] ?? 5);
const serverUrl = process.env.ZHKH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};
await admin('drop database if exists zhkh_bench_house_volumes with (force)');
await admin('create database zhkh_bench_house_volumes');
const u = new URL(serverUrl);
u.pathname = '/zhkh_bench_house_volumes';
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: u.toString(),
  ZHKH_DATA_DIR: 'memory://',
});
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://' });
await prepareDatabase(db, config, manualClock('2026-11-02T09:00:00Z'), createLogger('silent'));
const period = '2026-10' as BillingPeriod;
const houses = (
  await db.query<{ id: number }>(
    `select distinct house_id as id from house_services where method = 'common_needs_by_common_meter' order by 1`,
  )
).map((h) => h.id);
const accounts = (await db.maybeOne<{ n: number }>(
  `select count(*)::int as n from accounts a join premises p on p.id = a.premise_id where p.house_id = any($1)`,
  [houses],
))!.n;
const t = { load: 0, read: 0, assemble: 0, individual: 0, compute: 0 };
const timed = async <T>(key: keyof typeof t, f: () => T | Promise<T>): Promise<T> => {
  const start = performance.now();
  const out = await f();
  t[key] += performance.now() - start;
  return out;
};
for (let r = 0; r < reps; r++) {
  for (const id of houses) {
    const loaded = await timed('load', () => loadHouse(db, id, period));
    await timed('compute', () => computeHouse(loaded.input));
    const raw = await readHouse(db, id, period);
    const legal = raw.legal.map((l) => ({
      ...l,
      validFrom: l.validFrom as IsoDate,
      validTo: l.validTo as IsoDate | null,
    }));
    const needs = volumeNeeds(raw.houseServices, raw.services, legal, period);
    await timed('read', () => readHouseVolumes(db, [{ houseId: id, needs }], period));
    await timed('assemble', () => assembleInput(raw, period));
    await timed('individual', () => individualVolume(loaded.input, 'cold_water'));
  }
}
const per = (ms: number) => (ms / reps / houses.length).toFixed(1);
console.log(
  `${houses.length} houses with common needs by the ОДПУ, ${accounts} accounts; per house, mean of ${reps}:`,
);
console.log(
  `  loadHouse ${per(t.load)} ms (readHouseVolumes alone ${per(t.read)} ms); assembleInput ${per(t.assemble)} ms ` +
    `(ΣV_individual alone ${per(t.individual)} ms); computeHouse ${per(t.compute)} ms`,
);
await db.close();
await admin('drop database if exists zhkh_bench_house_volumes with (force)');
