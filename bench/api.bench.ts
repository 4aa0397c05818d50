/**
 * The API's own overhead on each engine: authenticated requests through the whole stack (request id,
 * session lookup, permission and scope, SQL, JSON), in-process via app.request, so no network is
 * measured. Also the time of a first start: migrations and the demo on an empty database.
 * Run: npx tsx bench/api.bench.ts                       (PGlite in memory)
 *      npx tsx bench/api.bench.ts postgres://…@host/db   (a PostgreSQL server: works in a database
 *                                                        zhkh_bench that it creates and drops)
 */
import pg from 'pg';
import { createApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { systemClock } from '../src/services/context.js';
import { prepareDatabase } from '../src/services/setup.js';

const serverUrl = process.argv[2];
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}
let databaseUrl: string | undefined;
if (serverUrl) {
  await admin('drop database if exists zhkh_bench with (force)');
  await admin('create database zhkh_bench');
  const u = new URL(serverUrl);
  u.pathname = '/zhkh_bench';
  databaseUrl = u.toString();
}
const config = loadConfig({
  NODE_ENV: 'test',
  ZHKH_DATA_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const logger = createLogger('silent');
const started = performance.now();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: 'memory://' });
await prepareDatabase(db, config, systemClock, logger);
const firstStart = performance.now() - started;
const app = createApp({ db, config, clock: systemClock, logger });

const login = await app.request('/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'admin', password: 'demo' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

async function measure(label: string, path: string, n: number): Promise<void> {
  for (let i = 0; i < 50; i++) await app.request(path, { headers: { cookie } }); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  }
  const ms = performance.now() - t0;
  console.log(
    `${label.padEnd(40)} ${(n / (ms / 1000)).toFixed(0).padStart(6)} req/s   ${(ms / n).toFixed(2)} ms each`,
  );
}

console.log(`engine: ${db.engine}; first start (migrate + demo): ${firstStart.toFixed(0)} ms`);
await measure('GET /auth/me', '/api/v1/auth/me', 2000);
await measure('GET /users?pageSize=50&sort=-login', '/api/v1/users?pageSize=50&sort=-login', 2000);
await measure('GET /audit?pageSize=50', '/api/v1/audit?pageSize=50', 2000);
await measure('GET /search?q=Демо', `/api/v1/search?q=${encodeURIComponent('Демо')}`, 1000);
await db.close();
if (serverUrl) await admin('drop database if exists zhkh_bench with (force)');
