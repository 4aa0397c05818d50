// Calls both apps in-process (Hono app.request, Fastify app.inject), checks behaviour,
// inspects the generated OpenAPI documents and times 5000 in-process GETs. Prints JSON.
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import * as hono from './hono-app.mjs';
import * as fastify from './fastify-app.mjs';

const ha = hono.createApp();
const fa = await fastify.createApp();
const H = { 'content-type': 'application/json' };
const callers = {
  hono: async (method, url, body) => {
    const r = await ha.request(url, { method, headers: H, body });
    return { status: r.status, json: await r.json() };
  },
  fastify: async (method, url, body) => {
    const r = await fa.inject({ method, url, headers: H, payload: body });
    return { status: r.statusCode, json: r.json() };
  },
};
const good = JSON.stringify({ number: 'LS-1', name: 'A', balanceKop: '100', area: '12.50', openedOn: '2024-01-31' });
const out = {};
mkdirSync(new URL('../results', import.meta.url), { recursive: true });
for (const [name, call] of Object.entries(callers)) {
  const list = await call('GET', '/api/v1/items?page=2&pageSize=50&sort=-name');
  assert.equal(list.status, 200); assert.equal(list.json.items.length, 50);
  const badQ = await call('GET', '/api/v1/items?page=0&sort=x');
  assert.equal(badQ.status, 400); assert.equal(badQ.json.issues.length, 2);
  assert.equal((await call('POST', '/api/v1/items', good)).status, 201);
  const badB = await call('POST', '/api/v1/items', JSON.stringify({ number: '', balanceKop: 1 }));
  assert.equal(badB.status, 400); assert.deepEqual(badB.json.issues[0].path, ['number']);
  const badJson = await call('POST', '/api/v1/items', '{oops');
  assert.equal(badJson.status, 400); assert.equal(badJson.json.error, 'bad_request');

  const doc = (await call('GET', '/openapi.json')).json;
  writeFileSync(new URL(`../results/openapi-${name}.json`, import.meta.url), JSON.stringify(doc, null, 2));
  const get = doc.paths['/api/v1/items'].get, post = doc.paths['/api/v1/items'].post;
  const params = get.parameters.map((p) => `${p.name}:${p.schema.type}${p.schema.enum ? '[' + p.schema.enum + ']' : ''}${p.required ? '!' : ''}`);
  for (let i = 0; i < 1000; i++) await call('GET', '/api/v1/items?page=2&pageSize=50&sort=-name'); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < 5000; i++) await call('GET', '/api/v1/items?page=2&pageSize=50&sort=-name');
  const ms = performance.now() - t0;
  out[name] = {
    checks: 'ok', openapi: doc.openapi, queryParams: params,
    requestBodySchema: JSON.stringify(post.requestBody.content['application/json'].schema).slice(0, 80),
    responses: { get: Object.keys(get.responses), post: Object.keys(post.responses) },
    componentSchemas: Object.keys(doc.components?.schemas ?? {}),
    inProcessGetPerSec: Math.round(5000 / (ms / 1000)),
  };
}
await fa.close();
console.log(JSON.stringify(out, null, 1));
