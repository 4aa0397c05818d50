// Per run: spawn each server and time spawn → first 200 response, warm up, then autocannon (own process,
// 127.0.0.1 only, 50 connections, DURATION s) on three requests per server; read RSS from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = Number(process.env.RUNS ?? 3), DURATION = Number(process.env.DURATION ?? 10), WARMUP = 3;
const here = fileURLToPath(new URL('.', import.meta.url));
const autocannon = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const PATH = '/api/v1/items?page=2&pageSize=50&sort=-name';
const good = JSON.stringify({ number: 'LS-1', name: 'A', balanceKop: '100', area: '12.50', openedOn: '2024-01-31' });
const bad = JSON.stringify({ number: '', balanceKop: 1 });
const loads = {
  get: [],
  post201: ['-m', 'POST', '-H', 'content-type=application/json', '-b', good],
  post400: ['-m', 'POST', '-H', 'content-type=application/json', '-b', bad],
};
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const rssMB = (pid, key) => Number(/(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(key)))[1]) / 1024;

function cannon(url, args, seconds) {
  const out = execFileSync(process.execPath, [autocannon, '-j', '-c', '50', '-d', String(seconds), ...args, url],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: (seconds + 20) * 1000 });
  const r = JSON.parse(out);
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function start(fw, port) {
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [`${here}server.mjs`, fw, String(port)], { stdio: 'ignore' });
  for (const deadline = t0 + 10000; performance.now() < deadline; await sleep(2)) {
    try { if ((await fetch(url + PATH)).status === 200) return { fw, url, child, cold: performance.now() - t0 }; } catch {}
  }
  child.kill();
  throw new Error(`${fw} did not start`);
}

// Each run starts all candidates, then alternates them per measurement (rotating the order per run), so
// that bursts of other work on the machine spread over all candidates instead of hitting one block.
const fws = ['hono', 'fastify', 'fastify-nocheck'];
const all = Object.fromEntries(fws.map((fw) => [fw, []]));
for (let i = 0; i < RUNS; i++) {
  const order = fws.map((_, k) => fws[(k + i) % fws.length]);
  const servers = [];
  for (const [k, fw] of order.entries()) servers.push(await start(fw, 18080 + 10 * i + k));
  const res = Object.fromEntries(servers.map((s) => [s.fw, { cold: s.cold, rssIdle: rssMB(s.child.pid, 'VmRSS') }]));
  for (const s of servers) cannon(s.url + PATH, [], WARMUP);
  for (const [name, args] of Object.entries(loads)) {
    for (const s of servers) {
      const r = cannon(s.url + (name === 'get' ? PATH : '/api/v1/items'), args, DURATION);
      if (r.errors || (name !== 'post400' && r.non2xx)) console.error(`  ${s.fw} ${name}: errors=${r.errors} non2xx=${r.non2xx}`);
      res[s.fw][name] = r.rps; res[s.fw][name + 'P99'] = r.p99;
    }
  }
  for (const s of servers) {
    Object.assign(res[s.fw], { rssAfter: rssMB(s.child.pid, 'VmRSS'), rssPeak: rssMB(s.child.pid, 'VmHWM') });
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    console.error(`run ${i + 1} ${s.fw}: ${JSON.stringify(res[s.fw], (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
    all[s.fw].push(res[s.fw]);
  }
}
const result = {};
for (const [fw, runs] of Object.entries(all))
  result[fw] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
console.log(JSON.stringify(result));
