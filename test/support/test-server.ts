/** A real HTTP server on a random port, on a fresh in-memory embedded database with the demo: for browser tests. */
import fs from 'node:fs';
import path from 'node:path';
import { webDistDir } from '../../src/api/web.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server.js';
import { systemClock } from '../../src/services/context.js';
import { createServerDatabase } from './db.js';
import { testDatabaseUrl } from './engines.js';

export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` first (npm test does it)');
  }
  // On PostgreSQL (ZHKH_TEST_DATABASE_URL) the server gets a new empty database of its own; otherwise
  // an in-memory embedded one. Either way the server migrates and loads the demo itself, as on a first start.
  const database = testDatabaseUrl ? await createServerDatabase(testDatabaseUrl) : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    ZHKH_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const server = await startServer(config, systemClock, createLogger('silent'));
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    async close() {
      await server.close();
      await database?.drop();
    },
  };
}
