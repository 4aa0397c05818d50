// Runs workloads (a)–(d) for each layer on each engine RUNS times and prints medians as JSON.
import { openEngine } from './engines.mjs';
import { raw, kysely, drizzleLayer, batches } from './layers.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const ENGINES = (process.env.ENGINES ?? 'postgres,pglite').split(',');
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
let seed = 42;
const ids = Array.from({ length: 20000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 100000 + 1);
const rowsPlain = batches(false), rowsDrizzle = batches(true);
const copyText = rowsPlain.flat().map((r) => `${r.number}\t${r.premise_id}\t${r.balance_kop}\t${r.area}\n`).join('');

async function time(fn) { const t = performance.now(); await fn(); return performance.now() - t; }

async function workloads(L, name, pool) {
  const r = {};
  r.lookupMs = await time(async () => { for (const id of ids) if (!(await L.getById(id))) throw new Error('missing ' + id); });
  r.pageMs = await time(async () => {
    for (let i = 0; i < 1000; i++) if ((await L.page((i * 37) % 24500, (i % 3) * 50)).length !== 50) throw new Error('short page');
  });
  await pool.query('TRUNCATE accounts_ins');
  const rows = name === 'drizzle' ? rowsDrizzle : rowsPlain;
  r.insertMs = await time(async () => { for (const b of rows) await L.insertBatch(b); });
  const n = Number((await pool.query('SELECT count(*) FROM accounts_ins')).rows[0].count);
  if (n !== 100000) throw new Error(`inserted ${n}`);
  let groups;
  r.aggregateMs = await time(async () => { groups = await L.aggregate(); });
  if (groups.length !== 26 || groups.reduce((s, g) => s + Number(g.n), 0) !== 100000) throw new Error('bad aggregate');
  return r;
}

const result = {};
for (const engine of ENGINES) {
  const t0 = performance.now();
  const e = await openEngine(engine);
  console.error(`${engine}: opened and seeded in ${Math.round(performance.now() - t0)} ms`);
  const layers = { raw: raw(e.pool), kysely: kysely(e.pool), drizzle: drizzleLayer(e.pool) };
  for (const L of Object.values(layers)) { // warm-up: JIT, plan cache, pool
    for (const id of ids.slice(0, 1000)) await L.getById(id);
    for (let i = 0; i < 100; i++) await L.page(i * 50, 0);
  }
  const runs = { raw: [], kysely: [], drizzle: [], copy: [] };
  for (let i = 0; i < RUNS; i++) {
    const order = Object.keys(layers); for (let k = 0; k < i; k++) order.push(order.shift()); // rotate order per run
    for (const name of order) {
      const r = await workloads(layers[name], name, e.pool);
      console.error(`${engine} run ${i + 1} ${name}: ${JSON.stringify(r, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
      runs[name].push(r);
    }
    await e.pool.query('TRUNCATE accounts_ins');
    const copyMs = await time(() => e.copyText('accounts_ins', 'number, premise_id, balance_kop, area', copyText));
    const n = Number((await e.pool.query('SELECT count(*) FROM accounts_ins')).rows[0].count);
    if (n !== 100000) throw new Error(`copied ${n}`);
    console.error(`${engine} run ${i + 1} COPY 100k rows: ${Math.round(copyMs)} ms`);
    runs.copy.push({ copyMs });
  }
  result[engine] = Object.fromEntries(Object.entries(runs).map(([name, rs]) =>
    [name, Object.fromEntries(Object.keys(rs[0]).map((k) => [k, median(rs.map((r) => r[k]))]))]));
  await e.close(); // (Kysely's db.destroy() would end the shared pool too)
}
console.log(JSON.stringify(result));
