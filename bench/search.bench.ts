/**
 * The global search box on a large region: generates N accounts (default 1,000,000) into a database of
 * its own on a PostgreSQL server, then times account searches as an operator types them.
 * Run: npx tsx bench/search.bench.ts postgres://postgres@127.0.0.1:5432/test [accounts]
 * It creates and drops the database zhkh_bench_search.
 */
import pg from 'pg';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { findAccounts } from '../src/db/registry/account-search.js';
import { systemClock } from '../src/services/context.js';
import { loadDemo } from '../src/services/demo.js';
import { demoHouseServicePlan } from '../src/services/demo/demo-prices.js';
import { loadTown } from '../src/services/demo/load-town.js';
import { seedReferenceData } from '../src/services/setup.js';
import { systemActor } from '../src/services/system-actor.js';

const serverUrl = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/test';
const accounts = Number(process.argv[3] ?? 1_000_000);
const name = 'zhkh_bench_search';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

await admin(`drop database if exists ${name} with (force)`);
await admin(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const db = await openDb({ databaseUrl: url.toString() });
try {
  await migrate(db);
  await seedReferenceData(db);
  await loadDemo(db, systemClock, 'bench-password');
  const centre = (await db.maybeOne<{ id: number }>(
    `select id from organisations where kind = 'settlement_centre'`,
  ))!.id;
  const started = performance.now();
  const written = await loadTown(db, centre, {
    accounts: accounts - 3000,
    seed: 11,
    services: await demoHouseServicePlan(db),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${written.accounts} accounts in ${seconds.toFixed(1)} s (${Math.round(written.accounts / seconds)}/s)`,
  );
  await db.query('analyze');

  const actor = await systemActor(db);
  const sample = (await db.maybeOne<{
    number: string;
    street: string;
    house: string;
    flat: string;
    payer: string;
  }>(
    `select a.number, h.street, h.house_number as house, p.number as flat, a.payer_name as payer
       from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
      where p.kind = 'flat' order by a.id desc limit 1`,
  ))!;
  const street = sample.street.replace(/^\S+\s/, '');
  const queries = [
    sample.number,
    sample.number.slice(0, 6),
    street,
    `${street} ${sample.house}`,
    `${street} ${sample.house} ${sample.flat}`,
    sample.payer.split(' ')[0]!,
    sample.payer,
    'Ивано',
  ];
  for (const q of queries) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      hits = (await findAccounts(db, actor, q, 10)).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${JSON.stringify(q).padEnd(40)} median ${times[3]!.toFixed(1).padStart(7)} ms  max ${times[6]!.toFixed(1).padStart(7)} ms  hits ${hits}`,
    );
  }
} finally {
  await db.close();
  await admin(`drop database if exists ${name} with (force)`);
}
