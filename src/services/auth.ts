/**
 * Logging in and out, and turning a session cookie or an API token into an Actor.
 * Throttling: after LOGIN_MAX_FAILURES failed attempts for one login name (or four times as many from
 * one address) within LOGIN_LOCK_MINUTES, further attempts are refused until the window has passed.
 */
import type { Config } from '../config.js';
import type { Db, Queryable } from '../db/client.js';
import * as users from '../db/users.js';
import {
  permissionsOf,
  scopeOf,
  type Actor,
  type OrganisationKind,
  type Permission,
  type RoleCode,
} from '../domain/access.js';
import { DomainError } from '../domain/errors.js';
import { recordAudit } from './audit.js';
import type { Clock } from './context.js';
import { hashSecret, newSecret, verifyPassword } from './passwords.js';

export type AuthDeps = { db: Db; clock: Clock; config: Pick<Config, 'session' | 'login'> };

/** What the web app shows of the logged-in user. */
export type Me = {
  id: number;
  login: string;
  fullName: string;
  roles: RoleCode[];
  permissions: Permission[];
  organisation: { id: number; name: string; kind: OrganisationKind };
};

const MINUTE = 60_000;
/** last_seen_at is written at most this often, so that each request does not write. */
const TOUCH_EVERY_MS = MINUTE;

function actorOf(user: users.UserForAuth): Actor {
  return {
    userId: user.id,
    login: user.login,
    organisationId: user.organisationId,
    organisationKind: user.organisationKind,
    roles: user.roles,
    scope: scopeOf({ id: user.organisationId, kind: user.organisationKind }, user.servedIds),
  };
}

function meOf(user: users.UserForAuth): Me {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    organisation: { id: user.organisationId, name: user.organisationName, kind: user.organisationKind },
  };
}

async function refuseIfThrottled(deps: AuthDeps, login: string, ip: string | null): Promise<void> {
  const windowMs = deps.config.login.lockMinutes * MINUTE;
  const since = new Date(deps.clock.now().getTime() - windowMs);
  const checks: { by: { login: string } | { ip: string }; limit: number }[] = [
    { by: { login }, limit: deps.config.login.maxFailures },
  ];
  if (ip) checks.push({ by: { ip }, limit: deps.config.login.maxFailures * 4 });
  for (const { by, limit } of checks) {
    const { count, oldest } = await users.countLoginFailures(deps.db, by, since);
    if (count >= limit && oldest) {
      const retryAfter = Math.max(
        1,
        Math.ceil((oldest.getTime() + windowMs - deps.clock.now().getTime()) / 1000),
      );
      throw new DomainError(
        'too_many_attempts',
        `Слишком много неудачных попыток входа. Повторите через ${Math.ceil(retryAfter / 60)} мин.`,
        [{ field: 'retryAfterSeconds', problem: String(retryAfter) }],
      );
    }
  }
}

export type LoginInput = { login: string; password: string; ip: string | null; userAgent: string | null };

/** Checks the password and opens a session; returns the cookie secret and the user. */
export async function login(
  deps: AuthDeps,
  input: LoginInput,
): Promise<{ sessionSecret: string; me: Me; expiresAt: Date }> {
  await refuseIfThrottled(deps, input.login, input.ip);
  const user = await users.selectUserForAuth(deps.db, { login: input.login });
  const ok = await verifyPassword(input.password, user?.passwordHash);
  const now = deps.clock.now();
  if (!user || !ok || !user.isActive) {
    await users.insertLoginFailure(deps.db, input.login, input.ip, now);
    throw new DomainError('invalid_credentials', 'Неверный логин или пароль');
  }
  const { secret, hash } = newSecret();
  const expiresAt = new Date(now.getTime() + deps.config.session.maxHours * 60 * MINUTE);
  await deps.db.transaction(async (tx) => {
    await users.insertSession(tx, {
      id: hash,
      userId: user.id,
      at: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await users.setLastLogin(tx, user.id, now);
    await users.clearLoginFailures(tx, user.login);
    const actor = actorOf(user);
    await recordAudit(
      tx,
      { clock: deps.clock, actor },
      {
        action: 'login',
        objectType: 'user',
        objectId: user.id,
        organisationId: user.organisationId,
        after: { ip: input.ip, userAgent: input.userAgent },
      },
    );
  });
  return { sessionSecret: secret, me: meOf(user), expiresAt };
}

/** The actor of a session cookie; unauthenticated or session_expired otherwise. */
export async function authenticateSession(
  deps: AuthDeps,
  secret: string,
): Promise<{ actor: Actor; sessionId: string }> {
  const found = await users.selectSessionWithUser(deps.db, hashSecret(secret));
  if (!found || found.session.endedAt) throw new DomainError('unauthenticated', 'Требуется вход в систему');
  const { session, user } = found;
  const now = deps.clock.now();
  const idleLimit = session.lastSeenAt.getTime() + deps.config.session.idleMinutes * MINUTE;
  if (now >= session.expiresAt || now.getTime() >= idleLimit) {
    await users.endSessions(deps.db, { id: session.id }, now);
    throw new DomainError('session_expired', 'Сеанс истёк, войдите снова');
  }
  if (!user.isActive) throw new DomainError('unauthenticated', 'Требуется вход в систему');
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await users.touchSession(deps.db, session.id, now);
  return { actor: actorOf(user), sessionId: session.id };
}

/** The actor of a bearer API token. */
export async function authenticateToken(deps: AuthDeps, secret: string): Promise<Actor> {
  const token = await users.selectToken(deps.db, { hash: hashSecret(secret) });
  const now = deps.clock.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new DomainError('unauthenticated', 'API-токен недействителен или отозван');
  }
  const user = await users.selectUserForAuth(deps.db, { id: token.userId });
  if (!user?.isActive) throw new DomainError('unauthenticated', 'Пользователь токена отключён');
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await users.touchToken(deps.db, token.id, now);
  }
  return actorOf(user);
}

export async function logout(
  deps: AuthDeps,
  sessionId: string,
  actor: Actor,
  requestId?: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await users.endSessions(tx, { id: sessionId }, deps.clock.now());
    await recordAudit(
      tx,
      { clock: deps.clock, actor, requestId },
      {
        action: 'logout',
        objectType: 'user',
        objectId: actor.userId ?? 'system',
        organisationId: actor.organisationId,
      },
    );
  });
}

export async function getMe(db: Queryable, actor: Actor): Promise<Me> {
  const user = actor.userId === null ? undefined : await users.selectUserForAuth(db, { id: actor.userId });
  if (!user) throw new DomainError('unauthenticated', 'Требуется вход в систему');
  return meOf(user);
}
