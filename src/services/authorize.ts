/**
 * Access checks every use case makes before it reads or writes: the permission of the role, and the
 * organisation scope. An object of another organisation is reported as not found, so that ids of
 * other organisations' data cannot be probed (docs/architecture.md, "Access").
 */
import { hasPermission, isInScope, type Actor, type Permission } from '../domain/access.js';
import { DomainError } from '../domain/errors.js';

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) {
    throw new DomainError('forbidden', `Недостаточно прав: нужно разрешение «${permission}»`);
  }
}

/** Returns the object when it exists and belongs to the actor's scope; otherwise not_found. */
export function requireVisible<T>(
  actor: Actor,
  object: T | undefined,
  organisationId: (o: T) => number | null,
  what: string,
): T {
  if (object === undefined || !isInScope(actor, organisationId(object))) {
    throw new DomainError('not_found', `${what} не найден(а)`);
  }
  return object;
}
