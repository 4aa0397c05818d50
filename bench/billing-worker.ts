/**
 * One worker process of the billing bench: connects, says "ready" and waits for a line on stdin (so the run is
 * timed like a centre's workers that are already up, not with Node's start and TypeScript's compile), works on
 * the run until no house is left, then prints its figures as one JSON line.
 * Run by bench/billing.bench.ts: node --import tsx bench/billing-worker.ts <databaseUrl> <runId>
 */
import { once } from 'node:events';
import { openDb } from '../src/db/client.js';
import { systemClock } from '../src/services/context.js';
import { workRun } from '../src/services/billing/runs.js';

const [databaseUrl, runId] = process.argv.slice(2);
const db = await openDb({ databaseUrl: databaseUrl!, dataDir: 'memory://' });
await db.query('select 1'); // connected before the start
console.log('ready');
if (!process.stdin.readableEnded) await once(process.stdin, 'data');
process.stdin.destroy();
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
