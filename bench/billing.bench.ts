/**
 * The billing engine on PostgreSQL (docs/performance.md "Billing runs"): a generated region, the month run by
 * N worker processes, compared with a bare COPY of the same inputs out and the same output rows in; peak
 * memory; a retroactive tariff for a house of about 200 accounts over 12 closed periods; one account's open
 * period after an edit; and a run on embedded PGlite.
 * Run: npm run bench:billing -- [accounts=1000000] [workers=2] [pgliteAccounts=10000] (issue 6: a region of a
 *      million accounts)
 *      (ZHKH_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; works in a database
 *      zhkh_bench_billing that it creates and drops)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { manualClock } from '../src/services/context.js';
import { demoHouseServicePlan } from '../src/services/demo/demo-prices.js';
import { loadTown } from '../src/services/demo/load-town.js';
import { closePeriod, processRequests, startRun, workRun } from '../src/services/billing/runs.js';
import { settlementCentreActor } from '../src/services/import/import-actor.js';
import { changePremiseArea } from '../src/services/registry/premises.js';
import { createTariff } from '../src/services/registry/tariffs.js';
import { prepareDatabase } from '../src/services/setup.js';

const accounts = Number(process.argv[2] ?? 1_000_000);
const workers = Number(process.argv[3] ?? 2);
const pgliteAccounts = Number(process.argv[4] ?? 10_000);
const serverUrl = process.env.ZHKH_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const logger = createLogger('silent');
const secs = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (s: number) => `${s.toFixed(2)} s`;
/** The load average (1, 5, 15 minutes) when a figure is taken: the machine is shared. */
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;

/**
 * CPU of the PostgreSQL backends serving the bench database (this machine's server): polled from /proc every
 * half second while a phase runs, each backend's last figure summed — how much of a phase is the database's.
 */
function backendCpu(databaseUrl: string): { stop: () => Promise<number> } {
  const ticks = new Map<number, number>();
  const before = new Map<number, number>(); // backends already there at the start: only what they add counts
  let first = true;
  const hz = 100; // USER_HZ on Linux
  const client = new pg.Client({ connectionString: databaseUrl });
  let running = true;
  const poll = (async () => {
    await client.connect();
    while (running) {
      const rows = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      for (const { pid } of rows.rows) {
        try {
          const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          const t = Number(f[11]) + Number(f[12]); // utime + stime
          if (!ticks.has(pid)) before.set(pid, first ? t : 0);
          ticks.set(pid, t);
        } catch {
          // ended between the query and the read: its last figure stays
        }
      }
      first = false;
      await new Promise((r) => setTimeout(r, 500));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await poll;
      return [...ticks].reduce((a, [pid, t]) => a + t - before.get(pid)!, 0) / hz;
    },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** A fresh database with the demo and a generated region of `n` more accounts; the clock of the setup. */
async function prepare(databaseUrl: string | undefined, n: number, clock: ReturnType<typeof manualClock>) {
  const config = loadConfig({
    NODE_ENV: 'test',
    ZHKH_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://' });
  await prepareDatabase(db, config, clock, logger);
  const actor = await settlementCentreActor(db);
  const t0 = performance.now();
  if (n > 0)
    await loadTown(db, actor.organisationId, {
      accounts: n,
      seed: 7,
      services: await demoHouseServicePlan(db),
    });
  await db.query('analyze');
  return { db, actor, loadSeconds: secs(t0) };
}

async function bytesOut(client: pg.Client, sql: string): Promise<number> {
  let bytes = 0;
  await pipeline(
    client.query(copyTo(`copy (${sql}) to stdout`)),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return bytes;
}

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────────────
await admin('drop database if exists zhkh_bench_billing with (force)');
await admin('create database zhkh_bench_billing');
const u = new URL(serverUrl);
u.pathname = '/zhkh_bench_billing';
const databaseUrl = u.toString();
const clock = manualClock('2025-11-02T09:00:00Z');
const { db, actor, loadSeconds } = await prepare(databaseUrl, accounts, clock);
const ctx = { db, clock, actor };
const who = { clock, userId: null };
const total = (await db.maybeOne<{ n: number }>('select count(*)::int as n from accounts'))!.n;
console.log(
  `PostgreSQL: ${total} accounts (${accounts} generated in ${fmt(loadSeconds)}), ${workers} worker processes`,
);

// a house of about 200 accounts: twelve months charged and closed, 2025-10 … 2026-09
const house = (await db.maybeOne<{ id: number; n: number }>(
  `select p.house_id as id, count(*)::int as n from accounts a join premises p on p.id = a.premise_id
    group by p.house_id order by abs(count(*) - 200), p.house_id limit 1`,
))!;
for (let m = 0; m < 12; m++) {
  const open = (
    await db.maybeOne<{ period: string }>(`select period from billing_periods where status = 'open'`)
  )?.period;
  const run = await startRun(ctx, { period: open ?? '2025-10', scope: { kind: 'house', id: house.id } });
  await workRun(db, who, run.id, 'bench');
  await closePeriod(ctx, run.period);
  const [y, mo] = run.period.split('-').map(Number) as [number, number];
  clock.set(new Date(Date.UTC(y, mo + 1, 2, 9)));
}

// the month: 2026-10, every house, N processes
const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'all' } });
// the workers are started and connected first, as a centre's are before a run; the clock starts at "go"
type Report = { seconds: number; cpuSeconds: number; maxRssMiB: number };
const started = await Promise.all(
  Array.from({ length: workers }, () => {
    const child = spawn(
      process.execPath,
      // the young generation bin/zhkh.js gives a billing worker
      ['--max-semi-space-size=64', '--import', 'tsx', 'bench/billing-worker.ts', databaseUrl, String(run.id)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let ready: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) ready();
    });
    const report = new Promise<Report>((resolve, reject) =>
      child.on('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Report)
          : reject(new Error(`worker ${code}`)),
      ),
    );
    return isReady.then(() => ({ child, report }));
  }),
);
// a settled database, as a centre's is before a month's run: the setup's bulk load vacuumed and analysed (else
// autovacuum works through it during the run) and its writes flushed, as before the bare COPY
await db.query('vacuum analyze');
await db.query('checkpoint');
const runBackends = backendCpu(databaseUrl);
const t0 = performance.now();
for (const w of started) w.child.stdin.end('go\n');
const reports = await Promise.all(started.map((w) => w.report));
const runSeconds = secs(t0);
const runBackendCpu = await runBackends.stop();
// as autovacuum would after such a load: the planner must know charge_lines is no longer empty
await db.query('analyze charge_lines');
const done = (await workRun(db, who, run.id, 'bench-check'))!;
console.log(
  `run 2026-10: ${done.housesDone} houses (${done.housesFailed} failed), ${done.linesWritten} lines in ${fmt(runSeconds)} ` +
    `= ${Math.round(done.linesWritten / runSeconds)} lines/s; workers: ${reports
      .map((r) => `${fmt(r.seconds)}, CPU ${fmt(r.cpuSeconds)}, peak RSS ${r.maxRssMiB} MiB`)
      .join('; ')}; PostgreSQL backends' CPU ${fmt(runBackendCpu)}; ${load()}`,
);

// the bare COPY: the inputs out, the same output rows in (piped out of charge_lines into a twin table)
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
await client.query('checkpoint');
const bareBackends = backendCpu(databaseUrl);
const c0 = performance.now();
let inputBytes = 0;
for (const sql of [
  'select * from houses',
  'select * from house_services',
  'select * from premises',
  'select * from premise_areas',
  'select * from accounts',
  'select * from tariffs',
  'select * from norms',
  'select * from legal_parameters',
  // the rest the run reads: services, tariffs' houses, meters and their readings, registrations, absences,
  // undersupplies and the average lines of earlier periods (charge_lines before this run)
  'select * from services',
  'select * from tariff_houses',
  'select * from meters',
  'select * from meter_premises',
  'select * from meter_readings',
  'select * from metering_acts',
  'select * from registrations',
  'select * from absences',
  'select * from undersupplies',
  `select * from charge_lines where run_id is distinct from ${run.id}`,
]) {
  inputBytes += await bytesOut(client, sql);
}
const inputSeconds = secs(c0);
await client.query(
  'create table bench_lines (like charge_lines including defaults including identity including indexes)',
);
const columns =
  'period, house_id, account_id, service_id, supplier_id, line_kind, method, origin, corrects_period, corrects_line_ids, ' +
  'recalculation_request_id, run_id, volume, unit, tariff_id, zone, tariff, amount_kop, explanation, created_at, created_by';
const target = new pg.Client({ connectionString: databaseUrl });
await target.connect();
const c1 = performance.now();
await pipeline(
  client.query(copyTo(`copy (select ${columns} from charge_lines where run_id = ${run.id}) to stdout`)),
  target.query(copyFrom(`copy bench_lines (${columns}) from stdin`)),
);
const outputSeconds = secs(c1);
const bareBackendCpu = await bareBackends.stop();
await target.end();
await client.end();
const bare = inputSeconds + outputSeconds;
console.log(
  `bare COPY: inputs out ${fmt(inputSeconds)} (${Math.round(inputBytes / 2 ** 20)} MiB), the run's lines out and in ` +
    `${fmt(outputSeconds)}; run / bare = ${(runSeconds / bare).toFixed(2)}; PostgreSQL backends' CPU ${fmt(bareBackendCpu)}; ` +
    `${load()}`,
);

// a retroactive tariff for the house over 12 closed periods
clock.set('2026-11-02T09:00:00Z');
const supplier = (await db.maybeOne<{ id: number; service: number }>(
  `select hs.supplier_id as id, hs.service_id as service from house_services hs join services s on s.id = hs.service_id
    where hs.house_id = $1 and s.code = 'capital_repair'`,
  [house.id],
))!;
await createTariff(ctx, {
  supplierId: supplier.id,
  serviceId: supplier.service,
  zone: 'single',
  houseIds: [house.id],
  rate: '19.00',
  validFrom: '2025-10-01',
  source: 'bench',
});
const retroBackends = backendCpu(databaseUrl);
const retroCpu0 = process.cpuUsage();
const r0 = performance.now();
const outcome = await processRequests(db, who);
const retroSeconds = secs(r0);
const retroCpu = process.cpuUsage(retroCpu0);
const retroBackendCpu = await retroBackends.stop();
console.log(
  `retroactive tariff, house of ${house.n} accounts, 12 closed periods: ${fmt(retroSeconds)} ` +
    `(CPU of this process ${fmt((retroCpu.user + retroCpu.system) / 1e6)}, of the backends ${fmt(retroBackendCpu)}) ` +
    `(${outcome.reduce((s, o) => s + o.recalculationLines, 0)} recalculation lines); ${load()}`,
);

// one account's open period after an edit of its premise's area: seven edits (dated 2…8 October), each
// followed by the worker's pass; the median, the range and the CPU of this process
const premise = (await db.maybeOne<{ id: number; area: string }>(
  `select p.id, trim_scale(pa.total_area)::text as area from premises p join premise_areas pa on pa.premise_id = p.id
    where p.house_id <> $1 and exists (select 1 from accounts a where a.premise_id = p.id) order by p.id limit 1`,
  [house.id],
))!;
const edits: { ms: number; cpuMs: number }[] = [];
for (let i = 0; i < 7; i++) {
  await changePremiseArea(ctx, premise.id, {
    totalArea: (Number(premise.area) + (i % 2 === 0 ? 1 : 0)).toFixed(2),
    livingArea: null,
    validFrom: `2026-10-0${i + 2}`,
  });
  const cpu0 = process.cpuUsage();
  const e0 = performance.now();
  await processRequests(db, who);
  const cpu = process.cpuUsage(cpu0);
  edits.push({ ms: secs(e0) * 1000, cpuMs: (cpu.user + cpu.system) / 1000 });
}
const byMs = [...edits].sort((a, b) => a.ms - b.ms);
console.log(
  `one account's open period after an edit (its house of ${
    (await db.maybeOne<{ n: number }>(
      `select count(*)::int as n from accounts a join premises p on p.id = a.premise_id
        where p.house_id = (select house_id from premises where id = $1)`,
      [premise.id],
    ))!.n
  } accounts recomputed): median ${byMs[3]!.ms.toFixed(0)} ms (${byMs[0]!.ms.toFixed(0)}–${byMs[6]!.ms.toFixed(0)} ms over 7 edits; ` +
    `CPU of this process ${edits.map((e) => e.cpuMs.toFixed(0)).join(', ')} ms); ${load()}`,
);
await db.close();
await admin('drop database if exists zhkh_bench_billing with (force)');

// ── PGlite ────────────────────────────────────────────────────────────────────────────────────
const lite = await prepare(
  undefined,
  Math.max(0, pgliteAccounts - 3000),
  manualClock('2026-11-02T09:00:00Z'),
);
const liteRun = await startRun(
  { db: lite.db, clock: manualClock('2026-11-02T09:00:00Z'), actor: lite.actor },
  {
    period: '2026-10',
    scope: { kind: 'all' },
  },
);
const l0 = performance.now();
const liteCpu0 = process.cpuUsage();
const liteDone = await workRun(
  lite.db,
  { clock: manualClock('2026-11-02T09:00:00Z'), userId: null },
  liteRun.id,
  'lite',
);
console.log(
  `PGlite: ${pgliteAccounts} accounts, ${liteDone.housesDone} houses, ${liteDone.linesWritten} lines in ${fmt(secs(l0))}; ` +
    `CPU ${fmt((process.cpuUsage(liteCpu0).user + process.cpuUsage(liteCpu0).system) / 1e6)}; ` +
    `peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB; ${load()}`,
);
await lite.db.close();
