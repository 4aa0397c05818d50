/** Starts the HTTP server on a prepared database. Used by `zhkh serve` and by the browser tests. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './api/app.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Logger } from './logger.js';
import type { Clock } from './services/context.js';
import { startBillingLoop } from './services/billing/loop.js';
import { openConfiguredDb, prepareDatabase } from './services/setup.js';

export type RunningServer = { url: string; port: number; db: Db; close(): Promise<void> };

export async function startServer(config: Config, clock: Clock, logger: Logger): Promise<RunningServer> {
  const db = await openConfiguredDb(config);
  try {
    await prepareDatabase(db, config, clock, logger);
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = createApp({ db, config, clock, logger });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const billingLoop = startBillingLoop(db, clock, logger);
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  logger.info('listening', {
    url,
    engine: db.engine,
    dataDir: db.engine === 'pglite' ? config.dataDir : undefined,
  });
  return {
    url,
    port,
    db,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await billingLoop.stop();
      await db.close();
    },
  };
}
