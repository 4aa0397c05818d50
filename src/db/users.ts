/** The users, sessions, API tokens and login failures tables. */
import type { OrganisationKind, RoleCode } from '../domain/access.js';
import type { Queryable } from './client.js';
import { countIfEmpty } from './audit.js';
import { orderAndPage, Where, type ListQuery, type Page } from './list.js';

export type User = {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  roles: RoleCode[];
  organisationId: number;
  organisationName: string;
  isActive: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};

/** A user with what authentication needs: his password hash, and the organisations his organisation serves. */
export type UserForAuth = User & {
  passwordHash: string | null;
  organisationKind: OrganisationKind;
  servedIds: number[];
};

type Row = {
  id: number;
  login: string;
  full_name: string;
  email: string | null;
  roles: RoleCode[];
  organisation_id: number;
  organisation_name: string;
  organisation_kind: OrganisationKind;
  is_active: boolean;
  created_at: Date;
  last_login_at: Date | null;
  password_hash: string | null;
};

const toUser = (r: Row): User => ({
  id: r.id,
  login: r.login,
  fullName: r.full_name,
  email: r.email,
  roles: r.roles,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  isActive: r.is_active,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

const select = `select u.*, o.name as organisation_name, o.kind as organisation_kind
  from users u join organisations o on o.id = u.organisation_id`;

export async function selectUser(db: Queryable, id: number): Promise<User | undefined> {
  const row = await db.maybeOne<Row>(`${select} where u.id = $1`, [id]);
  return row && toUser(row);
}

const authColumns = `u.*, o.name as organisation_name, o.kind as organisation_kind,
  array(select s.id from organisations s where s.settlement_centre_id = o.id order by s.id) as served_ids`;

const toUserForAuth = (r: Row & { served_ids: number[] }): UserForAuth => ({
  ...toUser(r),
  passwordHash: r.password_hash,
  organisationKind: r.organisation_kind,
  servedIds: r.served_ids,
});

export async function selectUserForAuth(
  db: Queryable,
  by: { id: number } | { login: string },
): Promise<UserForAuth | undefined> {
  const from = `select ${authColumns} from users u join organisations o on o.id = u.organisation_id`;
  const row =
    'id' in by
      ? await db.maybeOne<Row & { served_ids: number[] }>(`${from} where u.id = $1`, [by.id])
      : await db.maybeOne<Row & { served_ids: number[] }>(`${from} where lower(u.login) = lower($1)`, [
          by.login,
        ]);
  return row && toUserForAuth(row);
}

/** A session and its user in one query: every authenticated request makes it. */
export async function selectSessionWithUser(
  db: Queryable,
  sessionId: string,
): Promise<{ session: Session; user: UserForAuth } | undefined> {
  const row = await db.maybeOne<
    Row & {
      served_ids: number[];
      s_id: string;
      s_last_seen_at: Date;
      s_expires_at: Date;
      s_ended_at: Date | null;
    }
  >(
    `select ${authColumns}, s.id as s_id, s.last_seen_at as s_last_seen_at, s.expires_at as s_expires_at,
            s.ended_at as s_ended_at
       from sessions s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
      where s.id = $1`,
    [sessionId],
  );
  if (!row) return undefined;
  return {
    session: {
      id: row.s_id,
      userId: row.id,
      lastSeenAt: row.s_last_seen_at,
      expiresAt: row.s_expires_at,
      endedAt: row.s_ended_at,
    },
    user: toUserForAuth(row),
  };
}

export type UserFilter = {
  scope: readonly number[];
  q?: string | undefined;
  organisationId?: number | undefined;
  role?: RoleCode | undefined;
  isActive?: boolean | undefined;
};

/** Fields a list may be sorted by, and their columns. */
export const userSortFields = Object.freeze({
  login: 'u.login',
  fullName: 'u.full_name',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
});

export async function selectUsers(db: Queryable, f: UserFilter, q: ListQuery): Promise<Page<User>> {
  const where = new Where()
    .add('u.organisation_id = any($?)', [...f.scope])
    .add(`(u.login ilike '%' || $? || '%' or u.full_name ilike '%' || $? || '%')`, f.q)
    .add('u.organisation_id = $?', f.organisationId)
    .add('$? = any(u.roles)', f.role)
    .add('u.is_active = $?', f.isActive);
  const rows = await db.query<Row & { total: number }>(
    `select u.*, o.name as organisation_name, count(*) over () as total
       from users u join organisations o on o.id = u.organisation_id${where}` +
      orderAndPage(q, userSortFields, 'u.login', 'u.id'),
    where.params,
  );
  return {
    items: rows.map(toUser),
    page: q.page,
    pageSize: q.pageSize,
    total: await countIfEmpty(db, rows, q, `select count(*)::int as n from users u${where}`, where.params),
  };
}

export type NewUser = {
  login: string;
  fullName: string;
  email: string | null;
  passwordHash: string | null;
  organisationId: number;
  roles: readonly RoleCode[];
};

export async function insertUser(db: Queryable, u: NewUser, createdBy: number | null): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into users (login, full_name, email, password_hash, organisation_id, roles, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [u.login, u.fullName, u.email, u.passwordHash, u.organisationId, u.roles, createdBy],
  );
  return row!.id;
}

export async function isLoginTaken(db: Queryable, login: string, exceptId?: number): Promise<boolean> {
  const row = await db.maybeOne('select 1 from users where lower(login) = lower($1) and id <> $2', [
    login,
    exceptId ?? 0,
  ]);
  return row !== undefined;
}

export type UserChanges = Partial<{
  fullName: string;
  email: string | null;
  roles: RoleCode[];
  isActive: boolean;
  passwordHash: string;
}>;

export async function updateUser(db: Queryable, id: number, c: UserChanges, at: Date): Promise<void> {
  await db.query(
    `update users set full_name = coalesce($2, full_name), email = case when $3 then $4 else email end,
       roles = coalesce($5, roles), is_active = coalesce($6, is_active), password_hash = coalesce($7, password_hash),
       updated_at = $8
     where id = $1`,
    [
      id,
      c.fullName ?? null,
      'email' in c,
      c.email ?? null,
      c.roles ?? null,
      c.isActive ?? null,
      c.passwordHash ?? null,
      at,
    ],
  );
}

export async function setLastLogin(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query('update users set last_login_at = $2 where id = $1', [id, at]);
}

// --- sessions ---

export type Session = { id: string; userId: number; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };

export async function insertSession(
  db: Queryable,
  s: { id: string; userId: number; at: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) values ($1, $2, $3, $3, $4, $5, $6)`,
    [s.id, s.userId, s.at, s.expiresAt, s.ip, s.userAgent],
  );
}

export async function touchSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('update sessions set last_seen_at = $2 where id = $1', [id, at]);
}

export async function endSessions(
  db: Queryable,
  by: { id: string } | { userId: number },
  at: Date,
): Promise<void> {
  if ('id' in by)
    await db.query('update sessions set ended_at = $2 where id = $1 and ended_at is null', [by.id, at]);
  else
    await db.query('update sessions set ended_at = $2 where user_id = $1 and ended_at is null', [
      by.userId,
      at,
    ]);
}

// --- login failures ---

export async function countLoginFailures(
  db: Queryable,
  by: { login: string } | { ip: string },
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const r = await db.maybeOne<{ count: number; oldest: Date | null }>(
    'login' in by
      ? 'select count(*)::int as count, min(at) as oldest from login_failures where lower(login) = lower($1) and at > $2'
      : 'select count(*)::int as count, min(at) as oldest from login_failures where ip = $1 and at > $2',
    ['login' in by ? by.login : by.ip, since],
  );
  return r!;
}

export async function insertLoginFailure(
  db: Queryable,
  login: string,
  ip: string | null,
  at: Date,
): Promise<void> {
  await db.query('insert into login_failures (login, ip, at) values ($1, $2, $3)', [login, ip, at]);
}

export async function clearLoginFailures(db: Queryable, login: string): Promise<void> {
  await db.query('delete from login_failures where lower(login) = lower($1)', [login]);
}

// --- API tokens ---

export type ApiToken = {
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type TokenRow = {
  id: number;
  user_id: number;
  name: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function selectTokens(db: Queryable, userId: number): Promise<ApiToken[]> {
  const rows = await db.query<TokenRow>('select * from api_tokens where user_id = $1 order by id desc', [
    userId,
  ]);
  return rows.map(toToken);
}

export async function selectToken(
  db: Queryable,
  by: { id: number } | { hash: string },
): Promise<ApiToken | undefined> {
  const r =
    'id' in by
      ? await db.maybeOne<TokenRow>('select * from api_tokens where id = $1', [by.id])
      : await db.maybeOne<TokenRow>('select * from api_tokens where token_hash = $1', [by.hash]);
  return r && toToken(r);
}

export async function insertToken(
  db: Queryable,
  t: {
    userId: number;
    name: string;
    hash: string;
    expiresAt: Date | null;
    at: Date;
    createdBy: number | null;
  },
): Promise<ApiToken> {
  const r = await db.maybeOne<TokenRow>(
    `insert into api_tokens (user_id, name, token_hash, expires_at, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [t.userId, t.name, t.hash, t.expiresAt, t.at, t.createdBy],
  );
  return toToken(r!);
}

export async function revokeToken(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query('update api_tokens set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
}

export async function touchToken(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query('update api_tokens set last_used_at = $2 where id = $1', [id, at]);
}
