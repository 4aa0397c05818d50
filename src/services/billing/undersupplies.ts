/**
 * Undersupply records (RULES.md §5): an interruption or a quality deviation of a service for a house, an
 * entrance or some of its accounts. They feed the core's reductions; a record is a change of the house's data,
 * so it is queued for recalculation from its start (the open period online, closed periods as differences).
 */
import { insertRecalculationRequest } from '../../db/registry/recalculation-requests.js';
import * as db from '../../db/billing/undersupplies.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';

export type { Undersupply, UndersupplyFields } from '../../db/billing/undersupplies.js';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export async function listUndersupplies(ctx: Ctx, houseId: number) {
  requirePermission(ctx.actor, 'registry.read');
  if (!(await isHouseVisible(ctx.db, ctx.actor, houseId)))
    throw new DomainError('not_found', 'Дом не найден');
  return db.selectUndersupplies(ctx.db, houseId);
}

export async function createUndersupply(ctx: Ctx, u: db.UndersupplyFields): Promise<db.Undersupply> {
  requirePermission(ctx.actor, 'undersupplies.write');
  if (!(await isHouseVisible(ctx.db, ctx.actor, u.houseId)))
    throw new DomainError('not_found', 'Дом не найден');
  const problems: ErrorDetail[] = [];
  if (!LOCAL.test(u.startsAt)) problems.push({ field: 'startsAt', problem: 'время в виде ГГГГ-ММ-ДДTЧЧ:ММ' });
  if (!LOCAL.test(u.endsAt)) problems.push({ field: 'endsAt', problem: 'время в виде ГГГГ-ММ-ДДTЧЧ:ММ' });
  if (problems.length === 0 && u.endsAt <= u.startsAt)
    problems.push({ field: 'endsAt', problem: 'окончание должно быть позже начала' });
  if (u.scopeKind === 'entrance' && !u.entrance)
    problems.push({ field: 'entrance', problem: 'укажите подъезд' });
  if (u.scopeKind === 'accounts' && u.accountIds.length === 0)
    problems.push({ field: 'accountIds', problem: 'укажите лицевые счета' });
  if (u.kind !== 'interruption' && u.measured === null)
    problems.push({ field: 'measured', problem: 'укажите измеренное значение' });
  if (u.kind === 'room_temperature' && u.norm === null)
    problems.push({ field: 'norm', problem: 'укажите нормативную температуру' });
  const service = await ctx.db.maybeOne<{ id: number }>('select id from services where id = $1', [
    u.serviceId,
  ]);
  if (!service) problems.push({ field: 'serviceId', problem: 'услуга не найдена' });
  if (u.scopeKind === 'accounts' && u.accountIds.length > 0) {
    const found = await ctx.db.query<{ id: number }>(
      `select a.id from accounts a join premises p on p.id = a.premise_id
        where a.id = any($1::bigint[]) and p.house_id = $2`,
      [u.accountIds, u.houseId],
    );
    const ok = new Set(found.map((r) => r.id));
    u.accountIds.forEach((id, i) => {
      if (!ok.has(id)) problems.push({ field: `accountIds.${i}`, problem: 'лицевой счёт не в этом доме' });
    });
  }
  if (problems.length > 0) throw validationFailed(problems);
  const fields: db.UndersupplyFields = {
    ...u,
    entrance: u.scopeKind === 'entrance' ? u.entrance : null,
    accountIds: u.scopeKind === 'accounts' ? u.accountIds : [],
  };
  return ctx.db.transaction(async (tx) => {
    const id = await db.insertUndersupply(tx, fields, ctx.clock.now(), ctx.actor.userId);
    const house = await tx.maybeOne<{ c: number }>(
      'select settlement_centre_id as c from houses where id = $1',
      [u.houseId],
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'undersupply',
      objectId: id,
      organisationId: house!.c,
      after: fields,
    });
    await insertRecalculationRequest(
      tx,
      {
        reason: 'недопоставка коммунальной услуги',
        objectType: 'undersupply',
        objectId: String(id),
        houseId: u.houseId,
        accountId: null,
        fromDate: u.startsAt.slice(0, 10),
      },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    return (await db.selectUndersupply(tx, id))!;
  });
}
