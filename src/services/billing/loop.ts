/**
 * The server's background loop (docs/billing.md "Online"): every few seconds one worker pass — the running
 * runs' houses, then the pending recalculation requests (which also keep the open period up to date). On
 * PGlite this is the only worker; on PostgreSQL `zhkh billing worker` processes may join it.
 */
import os from 'node:os';
import type { Db } from '../../db/client.js';
import { describeError, type Logger } from '../../logger.js';
import type { Clock } from '../context.js';
import { workerPass } from './runs.js';

export const LOOP_MS = 3000;

export function startBillingLoop(
  db: Db,
  clock: Clock,
  logger: Logger,
  everyMs = LOOP_MS,
): { stop(): Promise<void> } {
  const name = `${os.hostname()}:${process.pid}:server`;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = workerPass(db, { clock, userId: null }, name, undefined, (requestId, err) =>
      logger.error('recalculation request failed', { requestId, error: describeError(err) }),
    )
      .then(() => undefined)
      .catch((err: unknown) => logger.error('billing loop failed', { error: describeError(err) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
