/**
 * One worker process of the billing bench: works on a run until no house is left, then prints its figures as
 * one JSON line. Run by bench/billing.bench.ts: node --import tsx bench/billing-worker.ts <databaseUrl> <runId>
 */
import { openDb } from '../src/db/client.js';
import { systemClock } from '../src/services/context.js';
import { workRun } from '../src/services/billing/runs.js';

const [databaseUrl, runId] = process.argv.slice(2);
const db = await openDb({ databaseUrl: databaseUrl!, dataDir: 'memory://' });
const cpu0 = process.cpuUsage();
const started = performance.now();
await workRun(db, { clock: systemClock, userId: null }, Number(runId), `bench:${process.pid}`);
const cpu = process.cpuUsage(cpu0);
await db.close();
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
