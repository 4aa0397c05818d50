/**
 * ЕПД batches from the database (docs/performance.md "ЕПД batches from the database"): the demo town
 * (about 3,000 accounts, 40 houses, 3 managers) charged for its open period by a real billing run and the
 * period closed; then every account's monthly snapshot is built from the database house by house
 * (`buildSnapshots`: registry, charges with explanations, turnover, meters, requisites → the pure core),
 * stored as issued (`storeDocument`, audited) for a sample, and all the snapshots rendered into one PDF in
 * delivery order (`renderBatch`). Each step is timed separately, wall and CPU of this process.
 * Run: npx tsx bench/epd-db.bench.ts [storeSample=300] [out=/tmp/epd-db-bench.pdf]
 *      embedded PGlite in this process by default (so the CPU includes the database's work);
 *      ZHKH_BENCH_DATABASE_URL=postgres://… for PostgreSQL (a database zhkh_bench_epd created and dropped).
 */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { selectHouseAccountIds } from '../src/db/epd/sources.js';
import type { EpdSnapshot } from '../src/domain/epd/snapshot.js';
import { createLogger } from '../src/logger.js';
import { closePeriod, startRun, workRun } from '../src/services/billing/runs.js';
import { manualClock } from '../src/services/context.js';
import { storeDocument } from '../src/services/epd/documents.js';
import { buildSnapshots, prepareIssue } from '../src/services/epd/issue.js';
import { renderBatchToFile } from '../src/services/epd/render.js';
import { settlementCentreActor } from '../src/services/import/import-actor.js';
import { prepareDatabase } from '../src/services/setup.js';

const storeSample = Number(process.argv[2] ?? 300);
const out = process.argv[3] ?? '/tmp/epd-db-bench.pdf';
const serverUrl = process.env.ZHKH_BENCH_DATABASE_URL;
const benchUrl = serverUrl ? serverUrl.replace(/\/[^/]*$/, '/zhkh_bench_epd') : undefined;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

function timer() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  };
}

const line = (what: string, n: number, unit: string, t: { wall: number; cpu: number }) =>
  console.log(
    `${what}: ${n} ${unit} in ${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU — ` +
      `${(n / t.wall).toFixed(0)} ${unit}/s wall, ${(n / t.cpu).toFixed(0)} per CPU-second`,
  );

if (benchUrl) {
  await admin('drop database if exists zhkh_bench_epd with (force)');
  await admin('create database zhkh_bench_epd');
}
const clock = manualClock('2026-11-02T09:00:00Z');
const config = loadConfig({
  NODE_ENV: 'test',
  ZHKH_DATA_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  ...(benchUrl ? { DATABASE_URL: benchUrl } : {}),
});
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://' });
let t = timer();
await prepareDatabase(db, config, clock, createLogger('silent'));
const actor = await settlementCentreActor(db);
const ctx = { db, clock, actor };
const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'all' } });
await workRun(db, { clock, userId: null }, run.id, 'bench');
await closePeriod(ctx, '2026-10');
await db.query('analyze');
console.log(`setup (demo town, billing run of 2026-10, closed): ${t().wall.toFixed(1)} s`);
console.log(
  `engine: ${benchUrl ? 'PostgreSQL' : 'PGlite (in this process)'}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const houses = await db.query<{ id: number }>('select id from houses order by id');
const { plan, shared } = await prepareIssue(ctx, actor.organisationId, {
  kind: 'monthly',
  period: '2026-10',
});
const perHouse = await Promise.all(
  houses.map(async (h) => ({
    id: Number(h.id),
    accounts: await selectHouseAccountIds(db, Number(h.id), '2026-10-01', '2026-10-31'),
  })),
);

// warm-up: one house, not counted
await buildSnapshots(ctx, perHouse[0]!.id, perHouse[0]!.accounts, plan, shared);

t = timer();
const snapshots: { accountId: number; snapshot: EpdSnapshot }[] = [];
for (const h of perHouse)
  for (const b of await buildSnapshots(ctx, h.id, h.accounts, plan, shared))
    if ('snapshot' in b) snapshots.push(b);
line('snapshots built from the database', snapshots.length, 'bills', t());

t = timer();
for (const s of snapshots.slice(0, storeSample)) await storeDocument(ctx, s.accountId, s.snapshot);
line('stored as issued (storeDocument, audited)', Math.min(storeSample, snapshots.length), 'bills', t());

const all = snapshots.map((s) => s.snapshot);
await renderBatchToFile(all.slice(0, 50), out, { createdAt: '2026-11-02T09:00:00Z', title: 'warm-up' });
t = timer();
await renderBatchToFile(all, out, { createdAt: '2026-11-02T09:00:00Z', title: 'ЕПД, пакет' });
const rendered = t();
line('rendered into one PDF', all.length, 'pages', rendered);
const size = fs.statSync(out).size;
console.log(
  `${(size / 1024 / 1024).toFixed(1)} MiB, ${(size / all.length / 1024).toFixed(1)} KiB a page; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

await db.close();
if (benchUrl) await admin('drop database if exists zhkh_bench_epd with (force)');
