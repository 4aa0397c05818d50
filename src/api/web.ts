/** Serves the built operator web app (web/dist) with a fallback to index.html for its client-side routes. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export function serveWebApp(app: Hono<AppEnv>): void {
  const root = path.relative(process.cwd(), webDistDir) || '.';
  app.use('/assets/*', serveStatic({ root }));
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    const index = path.join(webDistDir, 'index.html');
    if (!fs.existsSync(index)) {
      return c.text(
        'Веб-приложение не собрано: выполните npm run build (или npm start, который собирает его сам).',
        503,
      );
    }
    return c.html(fs.readFileSync(index, 'utf8'));
  });
}
