/** Use cases of houses: list, card, register, change, and the manager over time. */
import type { ListQuery, Page } from '../../db/list.js';
import { selectOrganisation } from '../../db/organisations.js';
import { refreshAccountSearchTokens } from '../../db/registry/account-search.js';
import * as houses from '../../db/registry/houses.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, compareDates, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { recordIfRetroactive } from './retroactive.js';

export type { House, HouseFields, HouseManager, District } from '../../db/registry/houses.js';

export function today(ctx: Pick<Ctx, 'clock'>): IsoDate {
  return ctx.clock.now().toISOString().slice(0, 10) as IsoDate;
}

export async function listHouses(
  ctx: Ctx,
  filter: {
    q?: string | undefined;
    districtId?: number | undefined;
    managerId?: number | undefined;
    onDate?: IsoDate | undefined;
  },
  q: ListQuery,
): Promise<Page<houses.House>> {
  requirePermission(ctx.actor, 'registry.read');
  return houses.selectHouses(ctx.db, { ...filter, actor: ctx.actor, onDate: filter.onDate ?? today(ctx) }, q);
}

/** A house the actor sees, or not_found. */
export async function requireHouse(ctx: Ctx, id: number, onDate?: IsoDate): Promise<houses.House> {
  const house = (await houses.isHouseVisible(ctx.db, ctx.actor, id))
    ? await houses.selectHouse(ctx.db, id, onDate ?? today(ctx))
    : undefined;
  if (!house) throw new DomainError('not_found', 'Дом не найден');
  return house;
}

/**
 * The premises and accounts of a house are kept by the settlement centre that serves it and by the manager
 * that manages it today. A supplier of the house, or its former manager, sees them but may not change them.
 * Returns the house; not_found when the actor does not see it at all.
 */
export async function requireHouseKeeper(ctx: Ctx, houseId: number): Promise<houses.House> {
  const house = await requireHouse(ctx, houseId);
  const { organisationKind, organisationId } = ctx.actor;
  if (organisationKind === 'settlement_centre') return house;
  if (organisationKind === 'manager' && house.manager?.id === organisationId) return house;
  throw new DomainError(
    'forbidden',
    'Помещения и лицевые счета дома ведут расчётный центр и управляющая организация дома',
  );
}

export async function getHouse(
  ctx: Ctx,
  id: number,
  onDate?: IsoDate,
): Promise<houses.House & { managers: houses.HouseManager[] }> {
  requirePermission(ctx.actor, 'registry.read');
  const house = await requireHouse(ctx, id, onDate);
  return { ...house, managers: await houses.selectHouseManagers(ctx.db, id) };
}

function areaProblems(h: Partial<houses.HouseFields>): ErrorDetail[] {
  const { totalArea, residentialArea, nonResidentialArea } = h;
  if (!totalArea || !residentialArea || !nonResidentialArea) return [];
  const parts = Decimal.parse(residentialArea).add(Decimal.parse(nonResidentialArea));
  return parts.cmp(Decimal.parse(totalArea)) > 0
    ? [{ field: 'residentialArea', problem: 'жилая и нежилая площади вместе больше общей' }]
    : [];
}

export async function createHouse(
  ctx: Ctx,
  input: houses.HouseFields & { managerId?: number | undefined; managedFrom?: IsoDate | undefined },
): Promise<houses.House> {
  requirePermission(ctx.actor, 'registry.write');
  if (ctx.actor.organisationKind !== 'settlement_centre') {
    throw new DomainError('forbidden', 'Дома регистрирует расчётный центр');
  }
  const problems = areaProblems(input);
  if (input.managerId !== undefined) problems.push(...(await managerProblems(ctx, input.managerId)));
  if (problems.length > 0) throw validationFailed(problems);
  const { managerId, managedFrom, ...fields } = input;
  return ctx.db.transaction(async (tx) => {
    const id = await houses.insertHouse(tx, fields, ctx.actor.organisationId, ctx.actor.userId);
    if (managerId !== undefined) {
      await houses.insertHouseManager(
        tx,
        { houseId: id, managerId, validFrom: managedFrom ?? today(ctx), validTo: null },
        ctx.actor.userId,
      );
    }
    const house = (await houses.selectHouse(tx, id, today(ctx)))!;
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'house',
      objectId: id,
      organisationId: ctx.actor.organisationId,
      after: fields,
    });
    return house;
  });
}

const addressFields = ['city', 'street', 'houseNumber', 'building'] as const;

export async function updateHouse(
  ctx: Ctx,
  id: number,
  changes: Partial<houses.HouseFields>,
): Promise<houses.House> {
  requirePermission(ctx.actor, 'registry.write');
  const before = await requireHouse(ctx, id);
  const problems = areaProblems({ ...before, ...changes });
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await houses.updateHouse(tx, id, changes, ctx.clock.now());
    // the accounts are found by their address: rewrite their search keys when it changes
    if (addressFields.some((k) => changes[k] !== undefined))
      await refreshAccountSearchTokens(tx, { houseId: id });
    const after = (await houses.selectHouse(tx, id, today(ctx)))!;
    const changed = Object.keys(changes) as (keyof houses.HouseFields)[];
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'house',
      objectId: id,
      organisationId: before.settlementCentreId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}

async function managerProblems(ctx: Ctx, managerId: number): Promise<ErrorDetail[]> {
  const org = await selectOrganisation(ctx.db, managerId);
  if (!org || !ctx.actor.scope.includes(org.id))
    return [{ field: 'managerId', problem: 'организация не найдена' }];
  if (org.kind !== 'manager') return [{ field: 'managerId', problem: 'это не управляющая организация' }];
  return [];
}

/**
 * The house passes to another manager from `validFrom`: the current period of management ends the day
 * before. A date in the past is allowed (a late decision) and recorded for recalculation.
 */
export async function changeHouseManager(
  ctx: Ctx,
  houseId: number,
  input: { managerId: number; validFrom: string },
): Promise<houses.HouseManager[]> {
  requirePermission(ctx.actor, 'registry.write');
  const house = await requireHouse(ctx, houseId);
  const validFrom = parseIsoDate(input.validFrom);
  const problems = await managerProblems(ctx, input.managerId);
  const history = await houses.selectHouseManagers(ctx.db, houseId);
  const last = history.at(-1);
  if (last && compareDates(validFrom, last.validFrom as IsoDate) <= 0) {
    problems.push({
      field: 'validFrom',
      problem: `должна быть позже начала текущего периода управления (${last.validFrom})`,
    });
  }
  if (last && last.validTo === null && last.managerId === input.managerId) {
    problems.push({ field: 'managerId', problem: 'дом уже под управлением этой организации' });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    if (last && (last.validTo === null || compareDates(last.validTo as IsoDate, validFrom) >= 0)) {
      await houses.closeHouseManager(tx, last.id, addDays(validFrom, -1));
    }
    const id = await houses.insertHouseManager(
      tx,
      { houseId, managerId: input.managerId, validFrom, validTo: null },
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'house_manager',
      objectId: id,
      organisationId: house.settlementCentreId,
      before: last ? { managerId: last.managerId, validFrom: last.validFrom, validTo: last.validTo } : null,
      after: { houseId, managerId: input.managerId, validFrom },
    });
    await recordIfRetroactive(tx, ctx, {
      reason: 'смена управляющей организации',
      objectType: 'house_manager',
      objectId: id,
      houseId,
      fromDate: validFrom,
    });
    return houses.selectHouseManagers(tx, houseId);
  });
}

export async function listDistricts(ctx: Ctx): Promise<houses.District[]> {
  requirePermission(ctx.actor, 'registry.read');
  return houses.selectDistricts(ctx.db, ctx.actor.scope);
}

export async function createDistrict(
  ctx: Ctx,
  input: { code: string; name: string },
): Promise<houses.District> {
  requirePermission(ctx.actor, 'registry.write');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Участки ведёт расчётный центр');
  return ctx.db.transaction(async (tx) => {
    const d = await houses.insertDistrict(
      tx,
      { ...input, settlementCentreId: ctx.actor.organisationId },
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'district',
      objectId: d.id,
      organisationId: ctx.actor.organisationId,
      after: d,
    });
    return d;
  });
}
