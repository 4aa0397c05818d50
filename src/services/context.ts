/** What every use case receives: the database, a clock that tests can move, and who acts. */
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/access.js';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and scenarios: starts at `start`, moves only when told. */
export function manualClock(
  start: Date | string,
): Clock & { advance(ms: number): void; set(at: Date | string): void } {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => void (at += ms),
    set: (to) => void (at = new Date(to).getTime()),
  };
}

export type Ctx = { db: Db; clock: Clock; actor: Actor; requestId?: string | undefined };
