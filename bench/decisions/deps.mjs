// Installs each candidate's runtime dependency set into a temp folder and counts its packages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('./package.json').dependencies;
const sets = {
  'hono (bare)': ['hono', '@hono/node-server'],
  'hono + @hono/zod-openapi + zod': ['hono', '@hono/node-server', '@hono/zod-openapi', 'zod'],
  'fastify (bare)': ['fastify'],
  'fastify + type-provider-zod + swagger + zod': ['fastify', 'fastify-type-provider-zod', '@fastify/swagger', 'openapi-types', 'zod'],
  'pg': ['pg'],
  'kysely + pg': ['kysely', 'pg'],
  'drizzle-orm + pg': ['drizzle-orm', 'pg'],
};
const out = {};
for (const [name, deps] of Object.entries(sets)) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-deps-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, dependencies: Object.fromEntries(deps.map((d) => [d, pkg[d]])) }));
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'ignore', timeout: 180000 });
    const lines = execFileSync('npm', ['ls', '--all', '--parseable', '--omit=dev'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    const kb = Number(execFileSync('du', ['-sk', join(dir, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    out[name] = { packages: new Set(lines.slice(1)).size, diskMB: Math.round(kb / 102.4) / 10 };
    console.error(name, out[name]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
console.log(JSON.stringify(out));
