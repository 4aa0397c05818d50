/** What every request handler can reach: the dependencies, the request id and the authenticated actor. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { Clock, Ctx } from '../services/context.js';
import { fromZodError } from './errors.js';

export type AppDeps = { db: Db; config: Config; clock: Clock; logger: Logger };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: Actor | undefined;
    sessionId: string | undefined;
  };
};

export type Api = OpenAPIHono<AppEnv>;

type C = { get<K extends keyof AppEnv['Variables']>(key: K): AppEnv['Variables'][K] };

/** The use-case context of an authenticated request (the auth middleware guarantees the actor). */
export function ctxOf(c: C): Ctx {
  const actor = c.get('actor');
  if (!actor) throw new DomainError('unauthenticated', 'Требуется вход в систему');
  const { db, clock } = c.get('deps');
  return { db, clock, actor, requestId: c.get('requestId') };
}

/** A router whose schema failures become our validation error naming each field. */
export function newRouter(): Api {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error, result.target);
    },
  });
}
