// Runs every bench in its own process and writes results/*.json and results/tables.md (medians).
// Env: RUNS (default 3), DURATION (autocannon seconds, default 10), SKIP=check,types,deps,http,db (comma
// list; a skipped phase's last results/<phase>.json is reused in the tables).
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
const skip = new Set((process.env.SKIP ?? '').split(','));
mkdirSync(`${dir}results`, { recursive: true });
const load = {}; // 1-minute load average before/after each phase: other work on the machine skews the numbers
const la = () => Math.round(loadavg()[0] * 10) / 10;
const run = (name, script, timeoutMin) => {
  const file = `${dir}results/${name}.json`; // a skipped phase reuses its last results, if any
  if (skip.has(name)) return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  console.error(`== ${name}: ${script} (load ${la()})`);
  const t = performance.now(), before = la();
  const out = execFileSync(process.execPath, [`${dir}${script}`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMin * 60000 });
  load[name] = `${before} → ${la()}`;
  console.error(`== ${name} done in ${Math.round((performance.now() - t) / 1000)} s (load ${la()})`);
  writeFileSync(file, out);
  return JSON.parse(out);
};
const check = run('check', 'http/check.mjs', 2);
if (!skip.has('types')) {
  execFileSync(`${dir}node_modules/.bin/tsc`, ['-p', `${dir}tsconfig.json`], { stdio: 'inherit', timeout: 180000 });
  console.error('== typing.ts: tsc --noEmit passed (every @ts-expect-error is a real error)');
}
const types = run('types', 'db/types.mjs', 3);
const deps = run('deps', 'deps.mjs', 15);
const http = run('http', 'http/bench-http.mjs', 20);
const db = run('db', 'db/bench-db.mjs', 30);

const r0 = (v) => Math.round(v).toLocaleString('en-US');
const r1 = (v) => (Math.round(v * 10) / 10).toString();
const lines = [`# Bench results (medians of ${process.env.RUNS ?? 3} runs), ${new Date().toISOString()}`, '',
  `1-minute load average before → after each phase (2 cores): ${Object.entries(load).map(([k, v]) => `${k} ${v}`).join('; ')}`, ''];
if (http) {
  lines.push('## HTTP', '', '| candidate | GET list req/s | p99 ms | POST 201 req/s | p99 ms | POST 400 req/s | p99 ms | cold start ms | RSS idle MB | RSS after MB | peak RSS MB |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [fw, m] of Object.entries(http))
    lines.push(`| ${fw} | ${r0(m.get)} | ${m.getP99} | ${r0(m.post201)} | ${m.post201P99} | ${r0(m.post400)} | ${m.post400P99} | ${r0(m.cold)} | ${r1(m.rssIdle)} | ${r1(m.rssAfter)} | ${r1(m.rssPeak)} |`);
  lines.push('');
}
if (check) {
  lines.push('| candidate | in-process GET calls/s | OpenAPI | component schemas |', '|---|---|---|---|');
  for (const [fw, c] of Object.entries(check)) lines.push(`| ${fw} | ${r0(c.inProcessGetPerSec)} | ${c.openapi} | ${c.componentSchemas.join(', ')} |`);
  lines.push('');
}
if (deps) {
  lines.push('## Installed packages (runtime closure)', '', '| set | packages | disk MB |', '|---|---|---|');
  for (const [k, v] of Object.entries(deps)) lines.push(`| ${k} | ${v.packages} | ${v.diskMB} |`);
  lines.push('');
}
if (db) {
  lines.push('## Query layer', '', '| engine | layer | (a) 20k PK lookups ms | lookups/s | (b) 1000 pages ms | pages/s | (c) 100k rows INSERT ms | rows/s | (d) GROUP BY ms |', '|---|---|---|---|---|---|---|---|---|');
  for (const [engine, layers] of Object.entries(db)) {
    for (const [layer, m] of Object.entries(layers)) {
      if (layer === 'copy') continue;
      lines.push(`| ${engine} | ${layer} | ${r0(m.lookupMs)} | ${r0(20000 / m.lookupMs * 1000)} | ${r0(m.pageMs)} | ${r0(1000 / m.pageMs * 1000)} | ${r0(m.insertMs)} | ${r0(100000 / m.insertMs * 1000)} | ${r1(m.aggregateMs)} |`);
    }
    lines.push(`| ${engine} | raw COPY (100k rows) | | | | | ${r0(layers.copy.copyMs)} | ${r0(100000 / layers.copy.copyMs * 1000)} | |`);
  }
  lines.push('');
}
if (types) {
  lines.push(`## Types returned (TZ=${types.TZ})`, '', `Drizzle on PGlite's pg adapter without the shim: ${types.drizzleOnPgliteAdapterWithoutShim}`, '');
  for (const engine of ['postgres', 'pglite']) {
    lines.push(`### ${engine}`, '', '| layer | values |', '|---|---|');
    for (const [layer, row] of Object.entries(types[engine])) lines.push(`| ${layer} | ${Object.entries(row).map(([k, v]) => `${k}: ${v}`).join('; ')} |`);
    lines.push('');
  }
}
writeFileSync(`${dir}results/tables.md`, lines.join('\n'));
console.log(lines.join('\n'));
