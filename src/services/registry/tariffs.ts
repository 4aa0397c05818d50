/**
 * Use cases of tariffs: list, history of one key, a new version, and which tariff applies to a house on a date.
 * The key of a tariff: supplier, service, zone, and either the territory (region, city or none) or the exact
 * set of houses listed. A new open-ended version closes the open one of its key the day before; overlaps are
 * refused; a start before the current period is recorded for recalculation (docs/registry.md).
 */
import type { Queryable } from '../../db/client.js';
import type { ListQuery, Page } from '../../db/list.js';
import { selectOrganisation } from '../../db/organisations.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { lockVersionKey, selectHouseServices, selectService } from '../../db/registry/services.js';
import * as db from '../../db/registry/tariffs.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { compareDates, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireHouse, today } from './houses.js';
import { recordIfRetroactive } from './retroactive.js';
import { asVersioned, planVersion } from './services.js';

export type { Tariff, TariffFields, TariffZone } from '../../db/registry/tariffs.js';

/** The identity shared by all versions of one tariff. */
export function tariffKey(
  t: Pick<db.TariffFields, 'supplierId' | 'serviceId' | 'zone' | 'region' | 'city' | 'houseIds'>,
): string {
  const where =
    t.houseIds.length > 0
      ? `houses:${[...t.houseIds].sort((a, b) => a - b).join(',')}`
      : `territory:${(t.region ?? '').toLowerCase()}|${(t.city ?? '').toLowerCase()}`;
  return `tariff:${t.supplierId}:${t.serviceId}:${t.zone}:${where}`;
}

export async function listTariffs(
  ctx: Ctx,
  filter: Omit<db.TariffFilter, 'scope'>,
  q: ListQuery,
): Promise<Page<db.Tariff>> {
  requirePermission(ctx.actor, 'registry.read');
  if (filter.houseId !== undefined) await requireHouse(ctx, filter.houseId);
  return db.selectTariffs(ctx.db, { ...filter, scope: ctx.actor.scope }, q);
}

async function keyVersions(q: Queryable, key: db.TariffFields): Promise<db.Tariff[]> {
  const same = await db.selectAllTariffs(q, {
    supplierId: key.supplierId,
    serviceId: key.serviceId,
    zone: key.zone,
  });
  return same.filter((t) => tariffKey(t) === tariffKey(key));
}

/** All versions of the tariff's key, by start date (a time line). */
export async function tariffHistory(ctx: Ctx, id: number): Promise<db.Tariff[]> {
  requirePermission(ctx.actor, 'registry.read');
  const tariff = await db.selectTariff(ctx.db, id);
  if (!tariff || !ctx.actor.scope.includes(tariff.supplierId))
    throw new DomainError('not_found', 'Тариф не найден');
  return keyVersions(ctx.db, tariff);
}

export type TariffInput = Omit<db.TariffFields, 'validTo' | 'houseIds' | 'region' | 'city' | 'source'> & {
  region?: string | null | undefined;
  city?: string | null | undefined;
  houseIds?: number[] | undefined;
  validTo?: string | null | undefined;
  source?: string | null | undefined;
};

async function tariffProblems(ctx: Ctx, t: db.TariffFields): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const service = await selectService(ctx.db, t.serviceId);
  if (!service) problems.push({ field: 'serviceId', problem: 'услуга не найдена' });
  const org = await selectOrganisation(ctx.db, t.supplierId);
  if (!org || !ctx.actor.scope.includes(org.id)) {
    problems.push({ field: 'supplierId', problem: 'организация не найдена' });
  } else if (service && org.kind !== 'supplier' && (service.kind === 'utility' || org.kind !== 'manager')) {
    problems.push({ field: 'supplierId', problem: 'организация не оказывает эту услугу' });
  }
  if (service && t.zone !== 'single' && service.resource !== 'electricity')
    problems.push({ field: 'zone', problem: 'зоны суток бывают только у электроэнергии' });
  if (t.houseIds.length === 0 && !t.region)
    problems.push({ field: 'region', problem: 'нужен регион (тариф территории) или список домов' });
  if (t.city && !t.region) problems.push({ field: 'region', problem: 'город указывается вместе с регионом' });
  if (new Set(t.houseIds).size !== t.houseIds.length)
    problems.push({ field: 'houseIds', problem: 'дома повторяются' });
  for (const [i, houseId] of t.houseIds.entries()) {
    if (!(await isHouseVisible(ctx.db, ctx.actor, houseId)))
      problems.push({ field: `houseIds.${i}`, problem: 'дом не найден' });
  }
  if (t.validTo !== null && compareDates(t.validTo as IsoDate, t.validFrom as IsoDate) < 0)
    problems.push({ field: 'validTo', problem: 'окончание раньше начала' });
  return problems;
}

/** A new version of a tariff (only 'tariffs.write'; the supplier must be in the actor's scope). */
export async function createTariff(ctx: Ctx, input: TariffInput): Promise<db.Tariff> {
  requirePermission(ctx.actor, 'tariffs.write');
  const fields: db.TariffFields = {
    ...input,
    rate: Decimal.parse(input.rate).toString(),
    region: input.region?.trim() || null,
    city: input.city?.trim() || null,
    houseIds: [...(input.houseIds ?? [])].sort((a, b) => a - b),
    validFrom: parseIsoDate(input.validFrom),
    validTo: input.validTo ? parseIsoDate(input.validTo) : null,
    source: input.source ?? null,
  };
  const problems = await tariffProblems(ctx, fields);
  const draft = asVersioned({ ...fields, id: 0, supplierName: '', serviceCode: '', serviceName: '' });
  type V = typeof draft;
  const same = (a: V, b: V) => Decimal.parse(a.rate).eq(Decimal.parse(b.rate));
  const load = async (q: Queryable) => (await keyVersions(q, fields)).map(asVersioned);
  if (problems.length === 0) {
    const first = planVersion(await load(ctx.db), draft, same);
    if (!first.ok) problems.push(first.error);
  }
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, tariffKey(fields));
    const planned = planVersion(await load(tx), draft, same);
    if (!planned.ok) throw validationFailed([planned.error]);
    const { closed, fromDate } = planned.plan;
    if (closed) await db.setTariffValidTo(tx, closed.id, closed.validTo!);
    const id = await db.insertTariff(tx, fields, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'tariff',
      objectId: id,
      organisationId: fields.supplierId,
      before: closed ? { closedVersionId: closed.id, validTo: null } : null,
      after: { ...fields, closedVersionValidTo: closed?.validTo ?? null },
    });
    if (fromDate !== null) {
      for (const houseId of fields.houseIds.length > 0 ? fields.houseIds : [null]) {
        await recordIfRetroactive(tx, ctx, {
          reason: 'изменение тарифа',
          objectType: 'tariff',
          objectId: id,
          houseId,
          fromDate,
        });
      }
    }
    return (await db.selectTariff(tx, id))!;
  });
}

// --- which tariff applies ---

export type TariffLevel = 'houses' | 'city' | 'region';
const levelRank: Record<TariffLevel, number> = { houses: 3, city: 2, region: 1 };

export const tariffLevel = (t: Pick<db.TariffFields, 'houseIds' | 'city'>): TariffLevel =>
  t.houseIds.length > 0 ? 'houses' : t.city !== null ? 'city' : 'region';

/**
 * Of the tariffs in force on a day that can apply to one house (one supplier and service), those of the most
 * specific level — a house-list tariff wins over a city tariff, which wins over a region tariff — one per
 * zone; should two of that level share a zone (two house lists naming the house), the later start wins.
 * The level is chosen as a whole: its zones replace every zone of the less specific levels.
 */
export function chooseTariffs<T extends Pick<db.Tariff, 'houseIds' | 'city' | 'zone' | 'validFrom'>>(
  candidates: readonly T[],
): { level: TariffLevel; tariffs: T[] } | undefined {
  if (candidates.length === 0) return undefined;
  const level = candidates.map(tariffLevel).reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a));
  const ofLevel = candidates.filter((t) => tariffLevel(t) === level);
  const tariffs = db.tariffZones
    .map((zone) =>
      ofLevel
        .filter((t) => t.zone === zone)
        .reduce<T | undefined>((best, t) => (!best || t.validFrom > best.validFrom ? t : best), undefined),
    )
    .filter((t): t is T => t !== undefined);
  return { level, tariffs };
}

export type TariffChoice = { supplierId: number; level: TariffLevel; tariffs: db.Tariff[] };

/**
 * The tariff of a house's service on a date: the supplier is the one providing the service to the house on
 * that date (house services); undefined when there is none or it has no tariff in force. No access check:
 * for the billing engine; the API goes through houseTariffs.
 */
export async function tariffFor(
  q: Queryable,
  houseId: number,
  serviceId: number,
  date: IsoDate,
): Promise<TariffChoice | undefined> {
  const provided = (await selectHouseServices(q, houseId, { onDate: date, serviceId }))[0];
  if (!provided) return undefined;
  const candidates = await db.selectAllTariffs(q, {
    houseId,
    serviceId,
    supplierId: provided.supplierId,
    onDate: date,
  });
  const choice = chooseTariffs(candidates);
  return choice && { supplierId: provided.supplierId, ...choice };
}

/** For each service of the house on the date, the supplier, the method and the tariffs that apply. */
export async function houseTariffs(ctx: Ctx, houseId: number, onDate?: IsoDate) {
  requirePermission(ctx.actor, 'registry.read');
  await requireHouse(ctx, houseId);
  const date = onDate ?? today(ctx);
  const services = await selectHouseServices(ctx.db, houseId, { onDate: date });
  const items = [];
  for (const s of services) {
    const choice = await tariffFor(ctx.db, houseId, s.serviceId, date);
    items.push({ ...s, level: choice?.level ?? null, tariffs: choice?.tariffs ?? [] });
  }
  return { onDate: date, items };
}
