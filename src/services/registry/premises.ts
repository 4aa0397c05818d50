/** Use cases of premises: the list of a house, the card, register, change, and the areas over time. */
import { refreshAccountSearchTokens } from '../../db/registry/account-search.js';
import { selectPremiseAccounts } from '../../db/registry/accounts.js';
import type { ListQuery, Page } from '../../db/list.js';
import { isHouseVisible, type House } from '../../db/registry/houses.js';
import * as premises from '../../db/registry/premises.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { parseIsoDate, type IsoDate } from '../../domain/period.js';
import { closeAndOpen } from '../../domain/registry/effective.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireHouse, requireHouseKeeper, today } from './houses.js';
import { recordIfRetroactive } from './retroactive.js';

export type { Premise, PremiseArea, PremiseFields, PremiseKind } from '../../db/registry/premises.js';

export type PremiseCard = premises.Premise & {
  accounts: { id: number; number: string; payerName: string; areaShare: string; status: 'open' | 'closed' }[];
};

export async function listPremises(
  ctx: Ctx,
  houseId: number,
  filter: {
    kind?: premises.PremiseKind | undefined;
    flatId?: number | undefined;
    onDate?: IsoDate | undefined;
  },
  q: ListQuery,
): Promise<Page<premises.Premise>> {
  requirePermission(ctx.actor, 'registry.read');
  await requireHouse(ctx, houseId);
  return premises.selectPremises(ctx.db, { ...filter, houseId, onDate: filter.onDate ?? today(ctx) }, q);
}

/** A premise whose house the actor sees, or not_found. */
export async function requirePremise(ctx: Ctx, id: number, onDate?: IsoDate): Promise<premises.Premise> {
  const premise = await premises.selectPremise(ctx.db, id, onDate ?? today(ctx));
  if (!premise || !(await isHouseVisible(ctx.db, ctx.actor, premise.houseId))) {
    throw new DomainError('not_found', 'Помещение не найдено');
  }
  return premise;
}

export async function getPremise(ctx: Ctx, id: number, onDate?: IsoDate): Promise<PremiseCard> {
  requirePermission(ctx.actor, 'registry.read');
  const premise = await requirePremise(ctx, id, onDate);
  const accounts = await selectPremiseAccounts(ctx.db, id);
  return {
    ...premise,
    accounts: accounts.map((a) => ({
      id: a.id,
      number: a.number,
      payerName: a.payerName,
      areaShare: a.areaShare,
      status: a.status,
    })),
  };
}

export type AreaInput = { totalArea: string; livingArea: string | null };

function areaProblems(a: AreaInput): ErrorDetail[] {
  const total = Decimal.parse(a.totalArea);
  if (total.cmp(Decimal.ZERO) <= 0)
    return [{ field: 'totalArea', problem: 'общая площадь должна быть больше 0' }];
  if (a.livingArea !== null && Decimal.parse(a.livingArea).cmp(total) > 0) {
    return [{ field: 'livingArea', problem: `жилая площадь больше общей (${a.totalArea} м²)` }];
  }
  return [];
}

/** Rules of a premise's own fields against its house and its shared flat (a room's). */
async function premiseProblems(ctx: Ctx, house: House, p: premises.PremiseFields, selfId?: number) {
  const problems: ErrorDetail[] = [];
  if (p.kind === 'room' && p.flatId === null) {
    problems.push({ field: 'flatId', problem: 'комната должна принадлежать коммунальной квартире' });
  }
  if (p.kind !== 'room' && p.flatId !== null) {
    problems.push({ field: 'flatId', problem: 'квартира указывается только для комнаты' });
  }
  if (p.flatId !== null) {
    const flat = await premises.selectPremise(ctx.db, p.flatId, today(ctx));
    if (!flat || flat.houseId !== house.id || flat.id === selfId) {
      problems.push({ field: 'flatId', problem: 'квартира не найдена в этом доме' });
    } else if (flat.kind !== 'flat' || !flat.isSharedFlat) {
      problems.push({ field: 'flatId', problem: `кв. ${flat.number} не коммунальная` });
    }
  }
  if (p.isSharedFlat && p.kind !== 'flat') {
    problems.push({ field: 'isSharedFlat', problem: 'коммунальной может быть только квартира' });
  }
  if (p.floor !== null && house.floors !== null && p.floor > house.floors) {
    problems.push({ field: 'floor', problem: `этаж выше этажности дома (${house.floors})` });
  }
  if (p.entrance !== null && house.entrances !== null && (p.entrance < 1 || p.entrance > house.entrances)) {
    problems.push({ field: 'entrance', problem: `в доме подъезды с 1 по ${house.entrances}` });
  }
  return problems;
}

function numberTaken(p: premises.PremiseFields): DomainError {
  const where = p.flatId === null ? 'в доме' : 'в этой квартире';
  return new DomainError('conflict', `Помещение № ${p.number} ${where} уже есть`, [
    { field: 'number', problem: `номер ${p.number} уже занят ${where}` },
  ]);
}

async function requireFreeNumber(ctx: Ctx, houseId: number, p: premises.PremiseFields, exceptId?: number) {
  const q = { houseId, number: p.number, flatId: p.flatId, exceptId };
  if (await premises.isPremiseNumberTaken(ctx.db, q)) throw numberTaken(p);
}

/** The unique index caught a number taken by a concurrent request after requireFreeNumber. */
function isNumberTakenError(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string } | null | undefined;
  return err?.code === '23505' && err.constraint === 'premises_number_key';
}

export async function createPremise(
  ctx: Ctx,
  houseId: number,
  input: premises.PremiseFields & {
    totalArea?: string | undefined;
    livingArea?: string | null | undefined;
    areaFrom?: string | undefined;
  },
): Promise<premises.Premise> {
  requirePermission(ctx.actor, 'registry.write');
  const house = await requireHouseKeeper(ctx, houseId);
  const { totalArea, livingArea, areaFrom, ...fields } = input;
  const problems = await premiseProblems(ctx, house, fields);
  if (totalArea !== undefined) problems.push(...areaProblems({ totalArea, livingArea: livingArea ?? null }));
  else if (livingArea !== undefined && livingArea !== null)
    problems.push({ field: 'totalArea', problem: 'укажите общую площадь' });
  if (problems.length > 0) throw validationFailed(problems);
  await requireFreeNumber(ctx, houseId, fields);
  const created = ctx.db.transaction(async (tx) => {
    const id = await premises.insertPremise(tx, houseId, fields, ctx.actor.userId);
    const area =
      totalArea === undefined
        ? null
        : {
            premiseId: id,
            totalArea,
            livingArea: livingArea ?? null,
            validFrom: areaFrom ? parseIsoDate(areaFrom) : today(ctx),
            validTo: null,
          };
    if (area) await premises.insertPremiseArea(tx, area, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'premise',
      objectId: id,
      organisationId: house.settlementCentreId,
      after: { houseId, ...fields, area },
    });
    return (await premises.selectPremise(tx, id, today(ctx)))!;
  });
  return created.catch((e: unknown) => {
    throw isNumberTakenError(e) ? numberTaken(fields) : e;
  });
}

/** Changes a premise's own fields (not its kind to or from a room, not its areas: they have their versions). */
export async function updatePremise(
  ctx: Ctx,
  id: number,
  changes: Partial<Omit<premises.PremiseFields, 'flatId'>>,
): Promise<premises.Premise> {
  requirePermission(ctx.actor, 'registry.write');
  const before = await requirePremise(ctx, id);
  const house = await requireHouseKeeper(ctx, before.houseId);
  const after = { ...before, ...changes };
  const problems = await premiseProblems(ctx, house, after, id);
  if (changes.kind !== undefined && (changes.kind === 'room') !== (before.kind === 'room')) {
    problems.push({ field: 'kind', problem: 'комнату нельзя сделать квартирой или помещением и наоборот' });
  }
  if (before.isSharedFlat && changes.isSharedFlat === false) {
    const rooms = await premises.selectPremises(
      ctx.db,
      { houseId: house.id, onDate: today(ctx), flatId: id },
      { page: 1, pageSize: 1, sort: [] },
    );
    if (rooms.total > 0)
      problems.push({ field: 'isSharedFlat', problem: `в квартире ${rooms.total} комнат(ы)` });
  }
  if (problems.length > 0) throw validationFailed(problems);
  if (changes.number !== undefined) await requireFreeNumber(ctx, house.id, after, id);
  const updated = ctx.db.transaction(async (tx) => {
    await premises.updatePremise(tx, id, changes, ctx.clock.now());
    if (changes.number !== undefined || changes.kind !== undefined) {
      await refreshAccountSearchTokens(tx, { premiseIds: [id] });
    }
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'premise',
      objectId: id,
      organisationId: house.settlementCentreId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return (await premises.selectPremise(tx, id, today(ctx)))!;
  });
  return updated.catch((e: unknown) => {
    throw isNumberTakenError(e) ? numberTaken(after) : e;
  });
}

export async function listPremiseAreas(ctx: Ctx, id: number): Promise<premises.PremiseArea[]> {
  requirePermission(ctx.actor, 'registry.read');
  await requirePremise(ctx, id);
  return premises.selectPremiseAreas(ctx.db, id);
}

/**
 * New areas from `validFrom` (a correction after a survey): the version in force ends the day before. A date
 * before the current period reaches charged periods and is recorded for the house's recalculation.
 */
export async function changePremiseArea(
  ctx: Ctx,
  id: number,
  input: AreaInput & { validFrom: string },
): Promise<premises.PremiseArea[]> {
  requirePermission(ctx.actor, 'registry.write');
  const premise = await requirePremise(ctx, id);
  await requireHouseKeeper(ctx, premise.houseId);
  const validFrom = parseIsoDate(input.validFrom);
  const problems = areaProblems(input);
  const versions = await premises.selectPremiseAreas(ctx.db, id);
  const next = {
    id: 0,
    premiseId: id,
    totalArea: input.totalArea,
    livingArea: input.livingArea,
    validFrom,
    validTo: null,
  };
  const result = closeAndOpen(versions, next);
  if (!result.ok) problems.push(result.error);
  if (problems.length > 0 || !result.ok) throw validationFailed(problems);
  const closed = result.versions.find((v) => versions.some((o) => o.id === v.id && o.validTo !== v.validTo));
  return ctx.db.transaction(async (tx) => {
    if (closed) await premises.setPremiseAreaEnd(tx, closed.id, closed.validTo);
    const { id: _none, ...row } = next;
    const newId = await premises.insertPremiseArea(tx, row, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'premise_area',
      objectId: newId,
      organisationId: premise.settlementCentreId,
      before: closed ? { id: closed.id, validTo: null } : null,
      after: { ...row, closedVersion: closed ? { id: closed.id, validTo: closed.validTo } : null },
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `изменение площади помещения ${premise.label}`,
      objectType: 'premise_area',
      objectId: newId,
      houseId: premise.houseId,
      fromDate: validFrom,
    });
    return premises.selectPremiseAreas(tx, id);
  });
}
