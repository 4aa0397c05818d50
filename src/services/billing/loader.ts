/**
 * The loader (docs/billing.md "Loader"): assembles the core's HouseInput for one house × period from the
 * registry in a few set-based queries per house (never one per account). What the registry cannot give yet
 * is reported as gaps — a service left out of the house's charges with the reason — never guessed:
 *
 * - meter volumes come from the meters module (meter-volumes.ts): actual, п.59 average or the norm past its
 *   limit for each account and service charged by meter, and the heating ОДПУ volume;
 * - a shared flat's meter (общеквартирный ПУ) of a service by meter: the flat's volume split over its rooms'
 *   accounts by the weights of Rules 354 п.50 (`flat_meter.weight_basis`; meter-volumes.ts `flatMeterBases`);
 * - the house-level volumes (house-volumes.ts): wastewater by meter as cold + hot water, common needs by the
 *   ОДПУ with Σ of the individual volumes, heating by the ОДПУ over twelve months with last year's volume and
 *   the annual correction;
 * - residents come from the residents module: its registrations give each account's residents count by day
 *   range (`residentsInPeriod`, day-weighted), its accepted absences the core's temporary absences (RULES.md §4).
 */
import type { Queryable } from '../../db/client.js';
import * as q from '../../db/billing/inputs.js';
import { selectUndersupplies, type Undersupply as UndersupplyRow } from '../../db/billing/undersupplies.js';
import { Decimal } from '../../domain/decimal.js';
import { residentsInPeriod } from '../../domain/residents/residents-count.js';
import type {
  Absence,
  AccountInput,
  CalculationMethod,
  DayRangeCount,
  HeatingSettings,
  HouseInput,
  HouseServiceVersion,
  LegalParameterValue,
  NormVersion,
  ServiceResource,
  Undersupply,
  VolumeBasis,
} from '../../domain/billing/types.js';
import { DomainError } from '../../domain/errors.js';
import { versionAt } from '../../domain/registry/effective.js';
import { firstDay, lastDay, type BillingPeriod, type IsoDate } from '../../domain/period.js';
import { commonHouseConsumptions } from '../meters/consumption.js';
import { normCategoryOf } from '../registry/norms.js';
import {
  completeHouseInput,
  readHouseVolumes,
  volumeNeeds,
  type HouseVolumeData,
  type HouseVolumeNeeds,
} from './house-volumes.js';
import { flatMeterBases, loadMeterData, readOnce, type MeterData } from './meter-volumes.js';
import { tariffsOverPeriod } from './tariff-versions.js';

/** A service of the house left out of the computation, and why. */
export type Gap = { serviceId: number; service: string; reason: string };

export type LoadedHouse = { input: HouseInput; gaps: Gap[]; settlementCentreId: number };

const METERED: ReadonlySet<CalculationMethod> = new Set(['by_meter']);
const BY_VOLUME: ReadonlySet<CalculationMethod> = new Set(['by_meter', 'by_norm']);

/**
 * Per account, the residents count by day range of the period from its registrations (the residents module's
 * `residentsInPeriod`: persons registered that day, permanent plus temporary, each once); days with nobody are
 * left out (the core counts 0 there).
 */
export function residentCounts(
  registrations: readonly q.RegistrationRow[],
  period: BillingPeriod,
): Map<number, DayRangeCount[]> {
  const byAccount = new Map<number, q.RegistrationRow[]>();
  for (const r of registrations) {
    const list = byAccount.get(r.accountId);
    if (list) list.push(r);
    else byAccount.set(r.accountId, [r]);
  }
  const out = new Map<number, DayRangeCount[]>();
  for (const [accountId, list] of byAccount) {
    const spans = list.map((r) => ({
      personId: r.personId,
      kind: r.kind,
      validFrom: r.validFrom as IsoDate,
      validTo: r.validTo as IsoDate | null,
    }));
    const source = `registration ${list.map((r) => `#${r.id}`).join(', ')}`;
    out.set(
      accountId,
      residentsInPeriod(spans, period)
        .pieces.filter((p) => p.residents > 0)
        .map((p) => ({ from: p.from, to: p.to, count: p.residents, source })),
    );
  }
  return out;
}

export type Loaded = {
  house: q.BillingHouseRow;
  services: q.ServiceRow[];
  houseServices: q.HouseServiceVersionRow[];
  tariffs: q.TariffCandidateRow[];
  norms: q.NormRow[];
  legal: q.LegalRow[];
  accounts: q.BillingAccountRow[];
  undersupplies: UndersupplyRow[];
  registrations: q.RegistrationRow[];
  absences: q.AbsenceRow[];
  meters: MeterData;
  houseVolumes: HouseVolumeData;
};

const toLegal = (rows: readonly q.LegalRow[]): LegalParameterValue[] =>
  rows.map((l) => ({
    id: l.id,
    code: l.code,
    value: l.value,
    validFrom: l.validFrom as IsoDate,
    validTo: l.validTo as IsoDate | null,
  }));

/** Groups rows by their house. */
function byHouse<T extends { houseId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.houseId);
    if (list) list.push(r);
    else out.set(r.houseId, [r]);
  }
  return out;
}

/**
 * Reads the rows of several houses at once (a batch of a run, docs/performance.md "Billing runs"): the same
 * ten set-based queries as for one house, each with `= any($1)` over the batch, the norms and legal
 * parameters once per region, the heating ОДПУ of the batch, then the meters module's answers house by house
 * (queries only where a premise has a meter or an act). Houses that do not exist are absent from the result.
 */
export async function readHouses(
  db: Queryable,
  houseIds: readonly number[],
  period: BillingPeriod,
): Promise<Map<number, Loaded>> {
  const from = firstDay(period);
  const to = lastDay(period);
  const once = readOnce(db);
  const houses = await q.selectBillingHouses(once, houseIds);
  const ids = [...houses.keys()];
  const out = new Map<number, Loaded>();
  if (ids.length === 0) return out;
  const read = new Map<number, Omit<Loaded, 'houseVolumes'>>();
  const services = await q.selectServiceCatalogue(once);
  const houseServices = byHouse(await q.selectHouseServiceVersions(once, ids, from, to));
  const tariffs = byHouse(await q.selectTariffCandidates(once, ids, from, to));
  const accounts = byHouse(await q.selectBillingAccounts(once, ids, from, to));
  const undersupplies = byHouse(await selectUndersupplies(once, ids, from, to));
  const registrations = byHouse(await q.selectHouseRegistrations(once, ids, from, to));
  const accountIds = [...accounts.values()].flatMap((list) => list.map((a) => a.id));
  const absences = byHouse(await q.selectHouseAbsences(once, accountIds, from, to));
  const resourceOf = new Map(services.map((s) => [s.id, s.resource]));
  const anyByMeter = [...houseServices.values()].some((l) => l.some((h) => h.method === 'by_meter'));
  const averages = byHouse(anyByMeter ? await q.selectAverageLines(once, ids, period) : []);
  const metering = byHouse(anyByMeter ? await q.selectPremiseMetering(once, ids, from, to) : []);
  // the heating ОДПУ of the houses heated by it, for the whole batch at once
  const heatingIds = ids.filter((id) =>
    (houseServices.get(id) ?? []).some((h) => h.method === 'heating_by_common_meter'),
  );
  const heating =
    heatingIds.length > 0 ? await commonHouseConsumptions(once, heatingIds, 'heating', period) : null;
  const needs: { houseId: number; needs: HouseVolumeNeeds }[] = [];
  for (const houseId of ids) {
    const house = houses.get(houseId)!;
    const hs = houseServices.get(houseId) ?? [];
    const serviceIds = [...new Set(hs.map((s) => s.serviceId))];
    // the same rows for every house of a region: read once per batch (readOnce), filtered per house
    const norms = (
      await q.selectNormsOverlapping(once, house.region, [...new Set(services.map((x) => x.id))], from, to)
    ).filter((n) => serviceIds.includes(n.serviceId));
    const legal = await q.selectLegalOverlapping(once, house.region, from, to);
    const houseAccounts = accounts.get(houseId) ?? [];
    // wastewater by meter has no meter of its own: its volume is the water's (house-volumes.ts)
    const byMeter = [...new Set(hs.filter((h) => h.method === 'by_meter').map((h) => h.serviceId))]
      .map((serviceId) => ({ serviceId, resource: resourceOf.get(serviceId) ?? null }))
      .filter((x) => x.resource !== 'wastewater');
    const meters = await loadMeterData(once, houseId, period, houseAccounts, byMeter, {
      averages: averages.get(houseId) ?? [],
      metering: metering.get(houseId) ?? [],
      heating: heating?.get(houseId) ?? null,
    });
    needs.push({ houseId, needs: volumeNeeds(hs, services, toLegal(legal), period) });
    read.set(houseId, {
      meters,
      house,
      services,
      houseServices: hs,
      tariffs: tariffs.get(houseId) ?? [],
      norms,
      legal,
      accounts: houseAccounts,
      undersupplies: undersupplies.get(houseId) ?? [],
      registrations: registrations.get(houseId) ?? [],
      absences: absences.get(houseId) ?? [],
    });
  }
  // the house-level volumes (ОДПУ, last year's heating) of the whole batch at once
  const volumes = await readHouseVolumes(once, needs, period);
  for (const [houseId, loaded] of read) out.set(houseId, { ...loaded, houseVolumes: volumes.get(houseId)! });
  return out;
}

/** Reads one house's rows (readHouses for a batch of one). */
export async function readHouse(db: Queryable, houseId: number, period: BillingPeriod): Promise<Loaded> {
  const loaded = (await readHouses(db, [houseId], period)).get(houseId);
  if (!loaded) throw new DomainError('not_found', `Дом #${houseId} не найден`);
  return loaded;
}

/** Assembles the core's input from the rows read (pure). */
export function assembleInput(r: Loaded, period: BillingPeriod): LoadedHouse {
  const gaps: Gap[] = [];
  const serviceById = new Map(r.services.map((s) => [s.id, s]));
  const nameOf = (id: number) => serviceById.get(id)?.name ?? `#${id}`;
  const gap = (serviceId: number, reason: string) => {
    if (!gaps.some((g) => g.serviceId === serviceId && g.reason === reason))
      gaps.push({ serviceId, service: nameOf(serviceId), reason });
  };
  const legal = toLegal(r.legal);
  const heating: HeatingSettings = {
    ...heatingSettings(legal, period),
    ...(r.meters.heatingCommon ? { commonMeter: r.meters.heatingCommon } : {}),
  };
  const meterGaps = new Map(r.meters.gaps.map((g) => [g.serviceId, g.reason]));
  const residents = residentCounts(r.registrations, period);
  const absences = new Map<number, Absence[]>();
  for (const a of r.absences) {
    const list = absences.get(a.accountId) ?? [];
    list.push({ id: a.id, persons: 1, departure: a.departedOn as IsoDate, arrival: a.returnedOn as IsoDate });
    absences.set(a.accountId, list);
  }
  const baseAccounts: AccountInput[] = r.accounts.map((a) => {
    const share = Decimal.parse(a.areaShare);
    return {
      id: a.id,
      number: a.number,
      residential: a.premiseKind !== 'non_residential',
      openFrom: a.openedOn as IsoDate,
      closedOn: a.closedOn as IsoDate | null,
      entrance: a.entrance === null ? null : String(a.entrance),
      normCategory: null,
      areas: a.areas.map((v) => ({
        id: v.id,
        area: Decimal.parse(v.area).mul(share),
        validFrom: v.validFrom as IsoDate,
        validTo: v.validTo as IsoDate | null,
      })),
      residents: residents.get(a.id) ?? [],
      volumes: [],
      absences: absences.get(a.id) ?? [],
    };
  });
  // shared flats' meters: the accounts' shares by the weights of п.50 (a gap leaves the service out, as above)
  const flats = flatMeterBases(r.meters.flats, baseAccounts, legal, period);
  for (const g of flats.gaps) if (!meterGaps.has(g.serviceId)) meterGaps.set(g.serviceId, g.reason);

  const houseServices: HouseServiceVersion[] = [];
  for (const hs of r.houseServices) {
    const method = hs.method as CalculationMethod;
    if (METERED.has(method) && meterGaps.has(hs.serviceId)) {
      gap(hs.serviceId, meterGaps.get(hs.serviceId)!);
      continue;
    }
    houseServices.push({
      id: hs.id,
      serviceId: hs.serviceId,
      supplierId: hs.supplierId,
      method,
      validFrom: hs.validFrom as IsoDate,
      validTo: hs.validTo as IsoDate | null,
    });
  }

  // norms: the house's equipment category per service (normCategoryOf), given to the core as the default
  const houseEquipment = {
    coldWater: r.house.coldWater as 'central',
    hotWater: r.house.hotWater as 'central',
    heating: r.house.heating as 'central',
    hasGas: r.house.hasGas,
    hasElectricStoves: r.house.hasElectricStoves,
    hasLift: r.house.hasLift,
  };
  const norms: NormVersion[] = [];
  for (const n of r.norms) {
    const s = serviceById.get(n.serviceId);
    if (!s) continue;
    const category = normCategoryOf(houseEquipment, { kind: s.kind, resource: s.resource as never });
    if (category !== n.category) continue;
    norms.push({
      id: n.id,
      serviceId: n.serviceId,
      category: null,
      value: Decimal.parse(n.value),
      validFrom: n.validFrom as IsoDate,
      validTo: n.validTo as IsoDate | null,
    });
  }

  const byNormServices = new Set(
    houseServices.filter((hs) => BY_VOLUME.has(hs.method) && hs.method === 'by_norm').map((h) => h.serviceId),
  );
  const accounts = baseAccounts;
  for (const a of accounts)
    // by norm (the registry's method): no individual meter counts. Whether one could be installed is the
    // meters module's to say (it decides the increasing coefficient); until then none is assumed.
    a.volumes = [
      ...(r.meters.volumes.get(a.id) ?? []),
      ...(flats.volumes.get(a.id) ?? []),
      ...[...byNormServices].map((serviceId) => noMeter(serviceId)),
    ];

  const input: HouseInput = {
    period,
    house: {
      id: r.house.id,
      totalArea: Decimal.parse(r.house.totalArea ?? '0'),
      commonArea: Decimal.parse(r.house.commonArea ?? '0'),
    },
    services: r.services.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      unit: s.unit,
      resource: s.resource as ServiceResource | null,
    })),
    houseServices,
    tariffs: tariffsOverPeriod(r.tariffs, period),
    norms,
    legal,
    accounts,
    flatMeters: flats.flatMeters.filter((f) => !meterGaps.has(f.serviceId)),
    commonMeters: [],
    heating,
    undersupplies: r.undersupplies.map(toCoreUndersupply),
  };
  // wastewater by meter, common needs and heating by the ОДПУ: the house-level volumes (house-volumes.ts)
  const done = completeHouseInput(input, r.houseVolumes);
  for (const g of done.gaps) gap(g.serviceId, g.reason);
  return { input: done.input, gaps, settlementCentreId: r.house.settlementCentreId };
}

const noMeter = (serviceId: number): VolumeBasis => ({
  kind: 'no_meter',
  serviceId,
  meterInstallable: false,
});

/** The heating schedule from the legal parameter `heating.payment_schedule` in force on the period's 1st. */
export function heatingSettings(
  legal: readonly LegalParameterValue[],
  period: BillingPeriod,
): HeatingSettings {
  const found = versionAt(
    legal.filter((l) => l.code === 'heating.payment_schedule'),
    firstDay(period),
  );
  if (!found)
    throw new DomainError('validation_failed', 'Нет параметра heating.payment_schedule', [
      { field: 'legal.heating.payment_schedule', problem: `нет версии на ${firstDay(period)}` },
    ]);
  const value = JSON.parse(found.value) as { schedule: HeatingSettings['schedule']; seasonMonths: number[] };
  const month = Number(period.slice(5, 7));
  return { schedule: value.schedule, inSeason: value.seasonMonths.includes(month) };
}

export function toCoreUndersupply(u: UndersupplyRow): Undersupply {
  const scope: Undersupply['scope'] =
    u.scopeKind === 'house'
      ? { kind: 'house' }
      : u.scopeKind === 'entrance'
        ? { kind: 'entrance', entrance: u.entrance! }
        : { kind: 'accounts', accountIds: u.accountIds };
  const num = (x: string | null) => (x === null ? undefined : Number(x));
  const detail: Undersupply['detail'] =
    u.kind === 'interruption'
      ? {
          kind: 'interruption',
          ...(u.roomTemperature !== null ? { roomTemperature: num(u.roomTemperature)! } : {}),
          ...(u.powerSources !== null ? { powerSources: u.powerSources } : {}),
          ...(u.deadEndAccident ? { deadEndAccident: true } : {}),
        }
      : u.kind === 'hot_water_temperature'
        ? { kind: 'hot_water_temperature', measured: num(u.measured)!, night: u.night }
        : { kind: 'room_temperature', measured: num(u.measured)!, norm: num(u.norm)!, night: u.night };
  return { id: u.id, serviceId: u.serviceId, scope, start: u.startsAt, end: u.endsAt, detail };
}

/** Reads and assembles one house's input. */
export async function loadHouse(db: Queryable, houseId: number, period: BillingPeriod): Promise<LoadedHouse> {
  return assembleInput(await readHouse(db, houseId, period), period);
}
