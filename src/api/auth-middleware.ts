/**
 * Authenticates each API request by the session cookie or the bearer token and puts the actor on the
 * context. Public routes (login, the OpenAPI document, health) pass without one.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../domain/errors.js';
import { authenticateSession, authenticateToken } from '../services/auth.js';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'zhkh_session';

const publicRoutes = new Set(['POST /api/v1/auth/login', 'GET /api/v1/openapi.json', 'GET /api/v1/health']);

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = getCookie(c, SESSION_COOKIE);
  const isPublic = publicRoutes.has(`${c.req.method} ${c.req.path}`);
  try {
    if (bearer) {
      c.set('actor', await authenticateToken(deps, bearer));
    } else if (cookie) {
      const { actor, sessionId } = await authenticateSession(deps, cookie);
      c.set('actor', actor);
      c.set('sessionId', sessionId);
    } else if (!isPublic) {
      throw new DomainError('unauthenticated', 'Требуется вход в систему');
    }
  } catch (err) {
    if (!isPublic) throw err;
  }
  await next();
};
