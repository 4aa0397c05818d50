/**
 * The payments journal (docs/finance.md "Payments journal") over a large payments table: each request counts and
 * sums the whole filtered set and returns one page, through the whole API stack (in-process app.request).
 * 200,000 payments over the demo's accounts and 90 days are inserted by SQL (no parts: the journal reads only
 * payments), a tenth of them reversed. Prints the median of 7 timed requests per query and the process's CPU.
 * Run: npx tsx bench/finance-journal.bench.ts                       (PGlite in memory)
 *      npx tsx bench/finance-journal.bench.ts postgres://…@host/db   (works in a database zhkh_bench_journal
 *                                                                   that it creates and drops)
 */
import os from 'node:os';
import pg from 'pg';
import { createApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { systemClock } from '../src/services/context.js';
import { prepareDatabase } from '../src/services/setup.js';

const N = Number(process.env.ZHKH_BENCH_PAYMENTS ?? 200_000);
const serverUrl = process.argv[2];
const DB = 'zhkh_bench_journal';
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}
let databaseUrl: string | undefined;
if (serverUrl) {
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  const u = new URL(serverUrl);
  u.pathname = `/${DB}`;
  databaseUrl = u.toString();
}
const config = loadConfig({
  NODE_ENV: 'test',
  ZHKH_DATA_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://' });
await prepareDatabase(db, config, systemClock, createLogger('silent'));
const app = createApp({ db, config, clock: systemClock, logger: createLogger('silent') });

const t0 = performance.now();
await db.query(
  `with acc as (
     select a.id, a.number, h.settlement_centre_id, row_number() over (order by a.id) - 1 as k
       from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id),
   n as (select count(*) as c from acc)
   insert into payments (settlement_centre_id, agent_id, agent_payment_id, paid_on, received_on, account_id,
     account_given, amount_kop, fee_kop, created_at)
   select acc.settlement_centre_id, ag.id, 'B-' || g, date '2026-08-01' + (g % 90), date '2026-08-02' + (g % 90),
          acc.id, acc.number, 10000 + (g * 7919) % 500000, (g * 31) % 1000, now()
     from generate_series(1, $1::int) g cross join n
     join acc on acc.k = g % n.c
     cross join (select id from organisations where kind = 'payment_agent' order by id limit 1) ag`,
  [N],
);
await db.query(
  `insert into payments (settlement_centre_id, agent_id, paid_on, received_on, account_id, account_given,
     amount_kop, fee_kop, reverses_payment_id, created_at)
   select settlement_centre_id, agent_id, paid_on, received_on, account_id, account_given, -amount_kop, -fee_kop,
          id, now() from payments where id % 10 = 0`,
);
await db.query('analyze payments');
const loadMs = performance.now() - t0;

const login = await app.request('/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'accountant', password: 'demo' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const sample = (await db.maybeOne<{ number: string; house: number }>(
  `select a.number, p.house_id as house from accounts a join premises p on p.id = a.premise_id order by a.id limit 1`,
))!;

async function measure(label: string, query: string): Promise<void> {
  const path = `/api/v1/finance/payments?${query}`;
  const once = async () => {
    const start = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { total: number };
    return { ms: performance.now() - start, total: body.total };
  };
  await once(); // warm-up
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(await once());
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[3]!;
  console.log(`${label.padEnd(44)} ${String(runs[0]!.total).padStart(7)} rows   median ${ms.toFixed(1)} ms`);
}

const cpu0 = process.cpuUsage();
console.log(
  `engine: ${db.engine}; ${N} payments + reversals loaded in ${(loadMs / 1000).toFixed(1)} s; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
await measure('everything, page 1 of 50', 'pageSize=50');
await measure('page 100 of 50', 'pageSize=50&page=100');
await measure('paid 01.09–30.09.2026', 'from=2026-09-01&to=2026-09-30&pageSize=50');
await measure('received on one day', 'receivedFrom=2026-09-15&receivedTo=2026-09-15&pageSize=50');
await measure('one house', `houseId=${sample.house}&pageSize=50`);
await measure('one account number', `accountNumber=${sample.number}&pageSize=50`);
await measure('amount 1000.00–1100.00', 'amountFromKop=100000&amountToKop=110000&pageSize=50');
await measure('state reversed', 'state=reversed&pageSize=50');
const cpu = process.cpuUsage(cpu0);
console.log(
  `process CPU during the queries: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (the database server's own CPU not included on PostgreSQL); load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
await db.close();
if (serverUrl && !process.env.ZHKH_BENCH_KEEP) await admin(`drop database if exists ${DB} with (force)`);
