/**
 * Use cases of consumption norms: list, history of one key, a new version, and the norm of a house's service
 * on a date. The key of a norm: service, region and category of house equipment. Categories are data
 * (normCategories): each belongs to a group of services and is derived from the house's equipment
 * (normCategoryOf); docs/registry.md lists them.
 */
import type { Queryable } from '../../db/client.js';
import type { ListQuery, Page } from '../../db/list.js';
import { selectHouse, type HouseFields } from '../../db/registry/houses.js';
import * as db from '../../db/registry/norms.js';
import { lockVersionKey, selectService, type Service } from '../../db/registry/services.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { compareDates, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { versionAt } from '../../domain/registry/effective.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { recordIfRetroactive } from './retroactive.js';
import { asVersioned, isCommonNeeds, planVersion } from './services.js';

export type { Norm, NormFields } from '../../db/registry/norms.js';

export const normGroups = ['water', 'electricity', 'gas', 'heating', 'common_needs', 'any'] as const;
export type NormGroup = (typeof normGroups)[number];

/** The categories of house equipment a regional norm is set for, by group of services. */
export const normCategories = [
  { code: 'water_cold_hot', group: 'water', name: 'Централизованные холодное и горячее водоснабжение' },
  { code: 'water_cold_local_heater', group: 'water', name: 'Централизованное ХВС, ГВС от водонагревателя' },
  { code: 'water_cold_only', group: 'water', name: 'Только централизованное ХВС, без ГВС' },
  { code: 'electricity_gas_stove', group: 'electricity', name: 'Дом с газовыми плитами или без плит' },
  { code: 'electricity_electric_stove', group: 'electricity', name: 'Дом с электроплитами' },
  { code: 'gas_stove', group: 'gas', name: 'Газовая плита' },
  { code: 'gas_stove_water_heater', group: 'gas', name: 'Газовая плита и газовый водонагреватель' },
  { code: 'heating_central', group: 'heating', name: 'Центральное отопление' },
  { code: 'common_with_lift', group: 'common_needs', name: 'Общее имущество: дом с лифтом' },
  { code: 'common_without_lift', group: 'common_needs', name: 'Общее имущество: дом без лифта' },
  { code: 'any', group: 'any', name: 'Без различия благоустройства' },
] as const satisfies readonly { code: string; group: NormGroup; name: string }[];
export type NormCategoryCode = (typeof normCategories)[number]['code'];
export const normCategoryCodes = normCategories.map((c) => c.code) as [
  NormCategoryCode,
  ...NormCategoryCode[],
];

/** The group whose categories a service's norms use. */
export function normGroupOf(s: Pick<Service, 'kind' | 'resource'>): NormGroup {
  if (isCommonNeeds(s)) return 'common_needs';
  switch (s.resource) {
    case 'cold_water':
    case 'hot_water':
    case 'wastewater':
      return 'water';
    case 'electricity':
    case 'gas':
    case 'heating':
      return s.resource;
    default:
      return 'any';
  }
}

type Equipment = Pick<
  HouseFields,
  'coldWater' | 'hotWater' | 'heating' | 'hasGas' | 'hasElectricStoves' | 'hasLift'
>;

/** The category of a house's equipment for a service's norm; null when the house has no such norm. */
export function normCategoryOf(
  house: Equipment,
  service: Pick<Service, 'kind' | 'resource'>,
): NormCategoryCode | null {
  switch (normGroupOf(service)) {
    case 'water':
      if (house.coldWater !== 'central') return null;
      if (house.hotWater === 'local_heater') return 'water_cold_local_heater';
      return house.hotWater === 'none' ? 'water_cold_only' : 'water_cold_hot';
    case 'electricity':
      return house.hasElectricStoves ? 'electricity_electric_stove' : 'electricity_gas_stove';
    case 'gas':
      if (!house.hasGas) return null;
      return house.hotWater === 'local_heater' ? 'gas_stove_water_heater' : 'gas_stove';
    case 'heating':
      return house.heating === 'central' ? 'heating_central' : null;
    case 'common_needs':
      return house.hasLift ? 'common_with_lift' : 'common_without_lift';
    case 'any':
      return 'any';
  }
}

export function listNormCategories(ctx: Ctx): (typeof normCategories)[number][] {
  requirePermission(ctx.actor, 'registry.read');
  return [...normCategories];
}

export async function listNorms(ctx: Ctx, filter: db.NormFilter, q: ListQuery): Promise<Page<db.Norm>> {
  requirePermission(ctx.actor, 'registry.read');
  return db.selectNorms(ctx.db, filter, q);
}

/** All versions of the norm's key, by start date (a time line). */
export async function normHistory(ctx: Ctx, id: number): Promise<db.Norm[]> {
  requirePermission(ctx.actor, 'registry.read');
  const norm = await db.selectNorm(ctx.db, id);
  if (!norm) throw new DomainError('not_found', 'Норматив не найден');
  return db.selectNormVersions(ctx.db, norm);
}

export type NormInput = Omit<db.NormFields, 'validTo' | 'source'> & {
  validTo?: string | null | undefined;
  source?: string | null | undefined;
};

function normProblems(n: db.NormFields, service: Service | undefined): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!service) return [{ field: 'serviceId', problem: 'услуга не найдена' }];
  const group = normGroupOf(service);
  const category = normCategories.find((c) => c.code === n.category);
  if (!category) problems.push({ field: 'category', problem: 'нет такой категории' });
  else if (category.group !== group)
    problems.push({
      field: 'category',
      problem: `категория ${n.category} не относится к услуге «${service.name}»`,
    });
  if (n.per === 'heating_season' && group !== 'heating')
    problems.push({ field: 'per', problem: 'на отопительный период задаётся только норматив отопления' });
  if (n.validTo !== null && compareDates(n.validTo as IsoDate, n.validFrom as IsoDate) < 0)
    problems.push({ field: 'validTo', problem: 'окончание раньше начала' });
  return problems;
}

/** A new version of a norm (the settlement centre, 'tariffs.write'); a past start is recorded for recalculation. */
export async function createNorm(ctx: Ctx, input: NormInput): Promise<db.Norm> {
  requirePermission(ctx.actor, 'tariffs.write');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Нормативы потребления ведёт расчётный центр');
  const fields: db.NormFields = {
    ...input,
    region: input.region.trim(),
    value: Decimal.parse(input.value).toString(),
    validFrom: parseIsoDate(input.validFrom),
    validTo: input.validTo ? parseIsoDate(input.validTo) : null,
    source: input.source ?? null,
  };
  const problems = normProblems(fields, await selectService(ctx.db, fields.serviceId));
  const draft = asVersioned({ ...fields, id: 0, serviceCode: '', serviceName: '' });
  type V = typeof draft;
  const same = (a: V, b: V) =>
    Decimal.parse(a.value).eq(Decimal.parse(b.value)) &&
    a.basis === b.basis &&
    a.per === b.per &&
    a.unit === b.unit;
  const load = async (q: Queryable) => (await db.selectNormVersions(q, fields)).map(asVersioned);
  const first = planVersion(await load(ctx.db), draft, same);
  if (!first.ok) problems.push(first.error);
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, `norm:${fields.serviceId}:${fields.region.toLowerCase()}:${fields.category}`);
    const planned = planVersion(await load(tx), draft, same);
    if (!planned.ok) throw validationFailed([planned.error]);
    const { closed, fromDate } = planned.plan;
    if (closed) await db.setNormValidTo(tx, closed.id, closed.validTo!);
    const id = await db.insertNorm(tx, fields, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'norm',
      objectId: id,
      organisationId: ctx.actor.organisationId,
      before: closed ? { closedVersionId: closed.id, validTo: null } : null,
      after: { ...fields, closedVersionValidTo: closed?.validTo ?? null },
    });
    if (fromDate !== null) {
      await recordIfRetroactive(tx, ctx, {
        reason: 'изменение норматива потребления',
        objectType: 'norm',
        objectId: id,
        houseId: null,
        fromDate,
      });
    }
    return (await db.selectNorm(tx, id))!;
  });
}

/**
 * The norm for a house's service on a date: the house's region and its equipment category (normCategoryOf).
 * No access check: for the billing engine.
 */
export async function normFor(
  q: Queryable,
  houseId: number,
  serviceId: number,
  date: IsoDate,
): Promise<db.Norm | undefined> {
  const [house, service] = [await selectHouse(q, houseId, date), await selectService(q, serviceId)];
  const category = house && service ? normCategoryOf(house, service) : null;
  if (!house || category === null) return undefined;
  const versions = (await db.selectNormVersions(q, { serviceId, region: house.region, category })).map(
    asVersioned,
  );
  return versionAt(versions, date);
}
