/** Interactive API docs at /api/docs: Swagger UI served from the installed package, no CDN. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from './env.js';

const assetsDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>ЖКХ-Биллинг — API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="icon" href="/api/docs/favicon-32x32.png"></head>
<body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#ui', deepLinking: true, withCredentials: true });</script>
</body></html>`;

export function docsRoutes(): Hono<AppEnv> {
  const docs = new Hono<AppEnv>();
  docs.get('/', (c) => c.html(page));
  docs.get('/:file', (c) => {
    const file = c.req.param('file');
    const type = assets[file];
    if (!type) return c.notFound();
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(fs.readFileSync(path.join(assetsDir, file)), 200, { 'Content-Type': type });
  });
  return docs;
}
