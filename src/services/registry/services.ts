/**
 * Use cases of the service catalogue and of the services of a house over time (which supplier, which
 * calculation method, from when); and planVersion, the one rule every effective-dated registry key follows
 * (house services, tariffs, norms, legal parameters).
 */
import type { Queryable } from '../../db/client.js';
import { selectOrganisation } from '../../db/organisations.js';
import { selectHouseManagers } from '../../db/registry/houses.js';
import * as db from '../../db/registry/services.js';
import {
  closeAndOpen,
  earliestAffectedDate,
  overlaps,
  versionAt,
  type Versioned,
} from '../../domain/registry/effective.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { parseIsoDate, type IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireHouse } from './houses.js';
import { recordIfRetroactive } from './retroactive.js';

export type { Service, ServiceFields, HouseService, CalculationMethod } from '../../db/registry/services.js';

/** The standard catalogue (the demo and a new install load it). Common-needs (КР на СОИ) are housing services. */
export const standardServices: readonly db.ServiceFields[] = [
  { code: 'cold_water', name: 'Холодное водоснабжение', unit: 'м³', kind: 'utility', resource: 'cold_water' },
  { code: 'hot_water', name: 'Горячее водоснабжение', unit: 'м³', kind: 'utility', resource: 'hot_water' },
  { code: 'wastewater', name: 'Водоотведение', unit: 'м³', kind: 'utility', resource: 'wastewater' },
  { code: 'heating', name: 'Отопление', unit: 'Гкал', kind: 'utility', resource: 'heating' },
  { code: 'electricity', name: 'Электроснабжение', unit: 'кВт·ч', kind: 'utility', resource: 'electricity' },
  { code: 'gas', name: 'Газоснабжение', unit: 'м³', kind: 'utility', resource: 'gas' },
  { code: 'waste', name: 'Обращение с ТКО', unit: 'чел.', kind: 'utility', resource: 'waste' },
  { code: 'maintenance', name: 'Содержание жилого помещения', unit: 'м²', kind: 'housing', resource: null },
  {
    code: 'capital_repair',
    name: 'Взнос на капитальный ремонт',
    unit: 'м²',
    kind: 'housing',
    resource: null,
  },
  {
    code: 'cold_water_common',
    name: 'Холодная вода на содержание общего имущества',
    unit: 'м³',
    kind: 'housing',
    resource: 'cold_water',
  },
  {
    code: 'hot_water_common',
    name: 'Горячая вода на содержание общего имущества',
    unit: 'м³',
    kind: 'housing',
    resource: 'hot_water',
  },
  {
    code: 'electricity_common',
    name: 'Электроэнергия на содержание общего имущества',
    unit: 'кВт·ч',
    kind: 'housing',
    resource: 'electricity',
  },
];

/** A common-needs service (КР на СОИ): a housing service that consumes a resource. */
export const isCommonNeeds = (s: Pick<db.ServiceFields, 'kind' | 'resource'>): boolean =>
  s.kind === 'housing' && s.resource !== null;

/** Loads the standard services that are not there yet (by code); returns how many were added. */
export async function seedServices(tx: Queryable, createdBy: number | null = null): Promise<number> {
  let added = 0;
  for (const s of standardServices) if ((await db.insertService(tx, s, createdBy)) !== undefined) added++;
  return added;
}

export async function listServices(ctx: Ctx): Promise<db.Service[]> {
  requirePermission(ctx.actor, 'registry.read');
  return db.selectServices(ctx.db);
}

export async function createService(ctx: Ctx, input: db.ServiceFields): Promise<db.Service> {
  requirePermission(ctx.actor, 'registry.write');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Справочник услуг ведёт расчётный центр');
  if (input.kind === 'utility' && input.resource === null)
    throw validationFailed([{ field: 'resource', problem: 'коммунальной услуге нужен ресурс' }]);
  return ctx.db.transaction(async (tx) => {
    const id = await db.insertService(tx, input, ctx.actor.userId);
    if (id === undefined)
      throw new DomainError('conflict', `Код услуги «${input.code}» уже занят`, [
        { field: 'code', problem: 'уже занят' },
      ]);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'service',
      objectId: id,
      organisationId: ctx.actor.organisationId,
      after: input,
    });
    return (await db.selectService(tx, id))!;
  });
}

// --- effective-dated versions ---

export type StoredVersion = Versioned & { id: number };
export type VersionPlan<T> = {
  versions: T[];
  /** The stored version whose end moves to the day before the new one, if any. */
  closed: T | undefined;
  /** The first day whose value changes (earliestAffectedDate); null when no day does. */
  fromDate: IsoDate | null;
};

/**
 * Where a new version of a key goes: an open-ended one closes the open version the day before its start
 * (closeAndOpen; it must start after it); one with an end date only fills days no version covers. Refusals
 * name validFrom. `same` compares the values of two versions (not their dates or ids).
 */
export function planVersion<T extends StoredVersion>(
  existing: readonly T[],
  draft: T,
  same: (a: T, b: T) => boolean,
): { ok: true; plan: VersionPlan<T> } | { ok: false; error: ErrorDetail } {
  let versions: T[];
  if (draft.validTo === null) {
    const result = closeAndOpen(existing, draft);
    if (!result.ok) return result;
    versions = result.versions;
  } else {
    const clash = existing.find((v) => overlaps(v, draft));
    if (clash) {
      const problem = `период пересекается с версией, действующей с ${clash.validFrom} по ${clash.validTo ?? 'бессрочно'}`;
      return { ok: false, error: { field: 'validFrom', problem } };
    }
    versions = [...existing, draft];
  }
  const closed = versions.find(
    (v) => v !== draft && existing.some((e) => e.id === v.id && e.validTo !== v.validTo),
  );
  return { ok: true, plan: { versions, closed, fromDate: earliestAffectedDate(existing, versions, same) } };
}

/** The versions of a key as planVersion reads them: dates typed, from stored rows. */
export const asVersioned = <T extends { validFrom: string; validTo: string | null }>(r: T) =>
  ({ ...r, validFrom: r.validFrom as IsoDate, validTo: r.validTo as IsoDate | null }) as T & Versioned;

// --- services of a house ---

export async function listHouseServices(
  ctx: Ctx,
  houseId: number,
  onDate?: IsoDate,
): Promise<db.HouseService[]> {
  requirePermission(ctx.actor, 'registry.read');
  await requireHouse(ctx, houseId);
  return db.selectHouseServices(ctx.db, houseId, { onDate });
}

type HouseServiceInput = {
  serviceId: number;
  supplierId: number;
  method: db.CalculationMethod;
  validFrom: string;
};

async function houseServiceProblems(
  ctx: Ctx,
  houseId: number,
  input: HouseServiceInput,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const service = await db.selectService(ctx.db, input.serviceId);
  if (!service) problems.push({ field: 'serviceId', problem: 'услуга не найдена' });
  const org = await selectOrganisation(ctx.db, input.supplierId);
  if (!org || !ctx.actor.scope.includes(org.id)) {
    problems.push({ field: 'supplierId', problem: 'организация не найдена' });
  } else if (service && org.kind !== 'supplier') {
    const managers = (await selectHouseManagers(ctx.db, houseId)).map(asVersioned);
    const manager = versionAt(managers, input.validFrom as IsoDate);
    if (service.kind === 'utility' || org.kind !== 'manager')
      problems.push({ field: 'supplierId', problem: 'это не ресурсоснабжающая организация' });
    else if (manager?.managerId !== org.id)
      problems.push({ field: 'supplierId', problem: `организация не управляет домом на ${input.validFrom}` });
  }
  if (service && !methodFits(input.method, service))
    problems.push({
      field: 'method',
      problem: `способ ${input.method} не подходит для услуги «${service.name}»`,
    });
  return problems;
}

/** Whether a calculation method suits a service (used by the API and by the legacy import). */
export function methodFits(method: db.CalculationMethod, s: Pick<db.Service, 'kind' | 'resource'>): boolean {
  if (method.startsWith('heating_')) return s.resource === 'heating';
  if (method.startsWith('common_needs_')) return isCommonNeeds(s);
  if (method === 'by_meter' || method === 'by_norm') return s.resource !== null && !isCommonNeeds(s);
  return true;
}

/**
 * A service of the house from `validFrom`, by a supplier (or, for a housing service, the house's manager)
 * under a method: the open version of the same service closes the day before; a start before the current
 * period is recorded for recalculation of the house.
 */
export async function addHouseService(
  ctx: Ctx,
  houseId: number,
  input: HouseServiceInput,
): Promise<db.HouseService[]> {
  requirePermission(ctx.actor, 'registry.write');
  const house = await requireHouse(ctx, houseId);
  const validFrom = parseIsoDate(input.validFrom);
  const problems = await houseServiceProblems(ctx, houseId, input);
  const load = async (q: Queryable) =>
    (await db.selectHouseServices(q, houseId, { serviceId: input.serviceId })).map(asVersioned);
  const draft = asVersioned<db.HouseService>({
    id: 0,
    houseId,
    serviceId: input.serviceId,
    serviceCode: '',
    serviceName: '',
    supplierId: input.supplierId,
    supplierName: '',
    method: input.method,
    validFrom,
    validTo: null,
  });
  const same = (a: typeof draft, b: typeof draft) => a.supplierId === b.supplierId && a.method === b.method;
  const first = planVersion(await load(ctx.db), draft, same);
  if (!first.ok) problems.push(first.error);
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await db.lockVersionKey(tx, `house_service:${houseId}:${input.serviceId}`);
    const planned = planVersion(await load(tx), draft, same);
    if (!planned.ok) throw validationFailed([planned.error]);
    const { closed, fromDate } = planned.plan;
    if (closed) await db.setHouseServiceValidTo(tx, closed.id, closed.validTo!);
    const id = await db.insertHouseService(tx, { houseId, ...input, validFrom }, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'house_service',
      objectId: id,
      organisationId: house.settlementCentreId,
      before: closed ? { closedVersionId: closed.id, validTo: null } : null,
      after: { houseId, ...input, closedVersionValidTo: closed?.validTo ?? null },
    });
    if (fromDate !== null) {
      await recordIfRetroactive(tx, ctx, {
        reason: 'изменение услуги дома',
        objectType: 'house_service',
        objectId: id,
        houseId,
        fromDate,
      });
    }
    return db.selectHouseServices(tx, houseId);
  });
}
