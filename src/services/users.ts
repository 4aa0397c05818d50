/** Use cases of user administration: list, read, create, change, and API tokens. */
import type { ListQuery, Page } from '../db/list.js';
import { selectOrganisation } from '../db/organisations.js';
import * as users from '../db/users.js';
import { roleProblems, type RoleCode } from '../domain/access.js';
import { DomainError, validationFailed, type ErrorDetail } from '../domain/errors.js';
import { recordAudit } from './audit.js';
import { requirePermission, requireVisible } from './authorize.js';
import type { Ctx } from './context.js';
import { hashPassword, newSecret, passwordProblems } from './passwords.js';

export type { User, ApiToken } from '../db/users.js';

const auditView = (u: users.User) => ({
  login: u.login,
  fullName: u.fullName,
  email: u.email,
  roles: u.roles,
  organisationId: u.organisationId,
  isActive: u.isActive,
});

export async function listUsers(
  ctx: Ctx,
  filter: Omit<users.UserFilter, 'scope'>,
  q: ListQuery,
): Promise<Page<users.User>> {
  requirePermission(ctx.actor, 'users.read');
  return users.selectUsers(ctx.db, { ...filter, scope: ctx.actor.scope }, q);
}

export async function getUser(ctx: Ctx, id: number): Promise<users.User> {
  requirePermission(ctx.actor, 'users.read');
  return requireVisible(
    ctx.actor,
    await users.selectUser(ctx.db, id),
    (u) => u.organisationId,
    'Пользователь',
  );
}

export type CreateUserInput = {
  login: string;
  fullName: string;
  email?: string | null | undefined;
  password: string;
  roles: RoleCode[];
  organisationId: number;
};

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<users.User> {
  requirePermission(ctx.actor, 'users.write');
  const org = await selectOrganisation(ctx.db, input.organisationId);
  const problems: ErrorDetail[] = [];
  if (!org || !ctx.actor.scope.includes(org.id))
    problems.push({ field: 'organisationId', problem: 'организация не найдена' });
  if (org) for (const p of roleProblems(org.kind, input.roles)) problems.push({ field: 'roles', problem: p });
  for (const p of passwordProblems(input.password, input.login))
    problems.push({ field: 'password', problem: p });
  if (problems.length > 0) throw validationFailed(problems);

  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    if (await users.isLoginTaken(tx, input.login)) {
      throw new DomainError('conflict', `Логин «${input.login}» уже занят`, [
        { field: 'login', problem: 'уже занят' },
      ]);
    }
    const id = await users.insertUser(
      tx,
      { ...input, email: input.email ?? null, passwordHash },
      ctx.actor.userId,
    );
    const user = (await users.selectUser(tx, id))!;
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'user',
      objectId: id,
      organisationId: user.organisationId,
      after: auditView(user),
    });
    return user;
  });
}

export type UpdateUserInput = {
  fullName?: string | undefined;
  email?: string | null | undefined;
  roles?: RoleCode[] | undefined;
  isActive?: boolean | undefined;
  password?: string | undefined;
};

export async function updateUser(ctx: Ctx, id: number, input: UpdateUserInput): Promise<users.User> {
  requirePermission(ctx.actor, 'users.write');
  const before = requireVisible(
    ctx.actor,
    await users.selectUser(ctx.db, id),
    (u) => u.organisationId,
    'Пользователь',
  );
  const org = (await selectOrganisation(ctx.db, before.organisationId))!;
  const problems: ErrorDetail[] = [];
  if (input.roles)
    for (const p of roleProblems(org.kind, input.roles)) problems.push({ field: 'roles', problem: p });
  if (input.password !== undefined) {
    for (const p of passwordProblems(input.password, before.login))
      problems.push({ field: 'password', problem: p });
  }
  if (id === ctx.actor.userId && input.isActive === false) {
    problems.push({ field: 'isActive', problem: 'нельзя отключить собственную учётную запись' });
  }
  if (
    id === ctx.actor.userId &&
    input.roles &&
    !input.roles.includes('administrator') &&
    before.roles.includes('administrator')
  ) {
    problems.push({ field: 'roles', problem: 'нельзя снять с себя роль администратора' });
  }
  if (problems.length > 0) throw validationFailed(problems);

  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const changes: users.UserChanges = {};
    if (input.fullName !== undefined) changes.fullName = input.fullName;
    if (input.email !== undefined) changes.email = input.email;
    if (input.roles !== undefined) changes.roles = input.roles;
    if (input.isActive !== undefined) changes.isActive = input.isActive;
    if (passwordHash !== undefined) changes.passwordHash = passwordHash;
    await users.updateUser(tx, id, changes, now);
    // A new password or a deactivation ends the user's open sessions.
    if (passwordHash !== undefined || input.isActive === false)
      await users.endSessions(tx, { userId: id }, now);
    const after = (await users.selectUser(tx, id))!;
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'user',
      objectId: id,
      organisationId: after.organisationId,
      before: auditView(before),
      after: { ...auditView(after), ...(passwordHash !== undefined ? { passwordChanged: true } : {}) },
    });
    return after;
  });
}

// --- API tokens of machine clients ---

async function tokenOwner(ctx: Ctx, userId: number): Promise<users.User> {
  requirePermission(ctx.actor, 'tokens.write');
  return requireVisible(
    ctx.actor,
    await users.selectUser(ctx.db, userId),
    (u) => u.organisationId,
    'Пользователь',
  );
}

export async function listTokens(ctx: Ctx, userId: number): Promise<users.ApiToken[]> {
  await tokenOwner(ctx, userId);
  return users.selectTokens(ctx.db, userId);
}

/** Creates a token; its secret is returned once and stored only as a hash. */
export async function createToken(
  ctx: Ctx,
  userId: number,
  input: { name: string; expiresAt?: Date | undefined },
): Promise<{ token: users.ApiToken; secret: string }> {
  const owner = await tokenOwner(ctx, userId);
  const now = ctx.clock.now();
  if (input.expiresAt && input.expiresAt <= now)
    throw validationFailed([{ field: 'expiresAt', problem: 'дата уже прошла' }]);
  const { secret, hash } = newSecret('zhkh_');
  return ctx.db.transaction(async (tx) => {
    const token = await users.insertToken(tx, {
      userId,
      name: input.name,
      hash,
      expiresAt: input.expiresAt ?? null,
      at: now,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'api_token',
      objectId: token.id,
      organisationId: owner.organisationId,
      after: { userId, name: token.name, expiresAt: token.expiresAt },
    });
    return { token, secret };
  });
}

export async function revokeToken(ctx: Ctx, userId: number, tokenId: number): Promise<void> {
  const owner = await tokenOwner(ctx, userId);
  const token = await users.selectToken(ctx.db, { id: tokenId });
  if (!token || token.userId !== userId) throw new DomainError('not_found', 'Токен не найден');
  await ctx.db.transaction(async (tx) => {
    await users.revokeToken(tx, tokenId, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'api_token',
      objectId: tokenId,
      organisationId: owner.organisationId,
      before: { revokedAt: token.revokedAt },
      after: { revokedAt: ctx.clock.now() },
    });
  });
}
