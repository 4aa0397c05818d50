/**
 * The house-level volumes the loader gives the core for the three methods that need more than one premise's
 * data (docs/billing.md "Loader"):
 *
 * - **wastewater by meter**: the account's cold plus hot water volumes, each with the water service's own basis
 *   (readings, п.59 average or norm) — RULES.md §1.2 "sewage by the same principle", §4.3 (sewage = cold + hot);
 * - **common needs by the common-house meter** (КР на СОИ по ОДПУ, RULES.md §2.2, the older formula 11): the
 *   ОДПУ's volume of the month (actual, or its п.59(1) average — the meters module's `commonHouseVolume`) and
 *   ΣV_individual, the individual volumes of every premise (residential and non-residential, by meters or norms)
 *   for the resource. With no ОДПУ volume (no meter, no readings past the average's limit) the charge is by the
 *   norm: ЖК ст.156 ч.9.2 (RULES.md §2.1) and п.59(1)/60(1) (RULES-ADDENDUM §1);
 * - **heating by the ОДПУ paid evenly over twelve months** (formula 3, RULES.md §3.1–3.2): last calendar year's
 *   ОДПУ volume over its 12 months (the average kept exact), and in the month of `heating.annual_correction_month`
 *   the annual correction for that year with what each account was charged. In the heating season without an
 *   ОДПУ volume for the month, heating is charged by the norm (formula 2: "no ОДПУ", RULES.md §3.1).
 *
 * The reads take a batch of houses (`= any($1)`); the assembly is pure (`completeHouseInput`).
 */
import type { Queryable } from '../../db/client.js';
import { selectChargedInPeriods } from '../../db/billing/house-volumes.js';
import { selectTariffCandidates } from '../../db/billing/inputs.js';
import { selectCommonHouseMeters } from '../../db/meters/meters.js';
import { selectReadings } from '../../db/meters/readings.js';
import { computeHouse } from '../../domain/billing/compute.js';
import type {
  AccountInput,
  CalculationMethod,
  CommonMeterVolume,
  FlatMeter,
  HeatingSettings,
  HouseInput,
  HouseServiceVersion,
  LegalParameterValue,
  TariffVersion,
  VolumeBasis,
  WaterPart,
} from '../../domain/billing/types.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError } from '../../domain/errors.js';
import { commonHouseVolume, type ConsumptionResult } from '../../domain/meters/consumption.js';
import { meterResources, type MeterResource } from '../../domain/meters/meter.js';
import type { Kopecks } from '../../domain/money.js';
import {
  compareDates,
  firstDay,
  lastDay,
  periodsBetween,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import { versionAt } from '../../domain/registry/effective.js';
import { flatWaterPart, readOnce } from './meter-volumes.js';
import {
  commonHouseLimit,
  consumptionParameters,
  verificationIntervals,
  verificationSuspensions,
} from '../meters/parameters.js';
import { toBillingMeter } from '../meters/to-domain.js';
import { tariffsOverPeriod } from './tariff-versions.js';

/** What a house needs read for these methods. */
export type HouseVolumeNeeds = {
  /** Resources of the services charged as common needs by the ОДПУ. */
  commonResources: MeterResource[];
  /** Heating by ОДПУ over twelve months: last year, and whether this period posts its correction. */
  heatingYear: { year: number; correction: boolean; serviceIds: number[] } | null;
};

export type HouseVolumeData = {
  /** The ОДПУ result of this period per resource (the meters module's `commonHouseVolume`). */
  common: ReadonlyMap<string, ConsumptionResult>;
  /** Last year's ОДПУ heating results, January to December. */
  heatingYear: { year: number; months: readonly ConsumptionResult[] } | null;
  /** In the correction month: what each account was charged for heating during that year. */
  heatingCharged: readonly { accountId: number; amount: Kopecks }[] | null;
  /** In the correction month: the house's tariff versions of that December (the correction's tariff, §3.2). */
  yearEndTariffs: readonly TariffVersion[];
};

export type Gap = { serviceId: number; reason: string };

const WATER = new Set(['cold_water', 'hot_water']);
const INDIVIDUAL: ReadonlySet<CalculationMethod> = new Set(['by_meter', 'by_norm']);
const isMeterResource = (r: string | null | undefined): r is MeterResource =>
  r != null && (meterResources as readonly string[]).includes(r);

type Row = { serviceId: number; method: string };
type ServiceRef = { id: number; resource: string | null };

/** The legal parameter version of `code` on the period's 1st, or a validation error naming it. */
function legalOn(legal: readonly LegalParameterValue[], code: string, period: BillingPeriod): string {
  const found = versionAt(
    legal.filter((l) => l.code === code),
    firstDay(period),
  );
  if (!found)
    throw new DomainError('validation_failed', `Нет параметра ${code}`, [
      { field: `legal.${code}`, problem: `нет версии на ${firstDay(period)}` },
    ]);
  return found.value;
}

/** Which reads a house needs, from its service versions and the heating schedule (pure). */
export function volumeNeeds(
  houseServices: readonly Row[],
  services: readonly ServiceRef[],
  legal: readonly LegalParameterValue[],
  period: BillingPeriod,
): HouseVolumeNeeds {
  const resourceOf = new Map(services.map((s) => [s.id, s.resource]));
  const commonResources = [
    ...new Set(
      houseServices
        .filter((h) => h.method === 'common_needs_by_common_meter')
        .map((h) => resourceOf.get(h.serviceId))
        .filter(isMeterResource),
    ),
  ];
  const heatingIds = [
    ...new Set(houseServices.filter((h) => h.method === 'heating_by_common_meter').map((h) => h.serviceId)),
  ];
  let heatingYear: HouseVolumeNeeds['heatingYear'] = null;
  if (heatingIds.length > 0) {
    const schedule = (JSON.parse(legalOn(legal, 'heating.payment_schedule', period)) as { schedule: string })
      .schedule;
    if (schedule === 'twelve_months') {
      const month = Number(legalOn(legal, 'heating.annual_correction_month', period));
      heatingYear = {
        year: Number(period.slice(0, 4)) - 1,
        correction: Number(period.slice(5, 7)) === month,
        serviceIds: heatingIds,
      };
    }
  }
  return { commonResources, heatingYear };
}

const yearPeriods = (year: number): BillingPeriod[] =>
  periodsBetween(`${year}-01` as BillingPeriod, `${year}-12` as BillingPeriod);

/**
 * Reads what the houses need: their common-house meters with readings (one query each for the batch), the
 * legal parameters of the ОДПУ average per resource and month, and the heating charged during last year for
 * the houses in their correction month.
 */
export async function readHouseVolumes(
  source: Queryable,
  houses: readonly { houseId: number; needs: HouseVolumeNeeds }[],
  period: BillingPeriod,
): Promise<Map<number, HouseVolumeData>> {
  const db = readOnce(source);
  const out = new Map<number, HouseVolumeData>();
  const wanting = houses.filter((h) => h.needs.commonResources.length > 0 || h.needs.heatingYear !== null);
  for (const h of houses)
    out.set(h.houseId, { common: new Map(), heatingYear: null, heatingCharged: null, yearEndTariffs: [] });
  if (wanting.length === 0) return out;
  const start = firstDay(period);
  const meters = await selectCommonHouseMeters(
    db,
    wanting.map((h) => h.houseId),
    await verificationIntervals(db, start),
  );
  const readings = await selectReadings(
    db,
    meters.map((m) => m.id),
  );
  const suspensions = await verificationSuspensions(db, start);
  const volumeOf = async (houseId: number, resource: MeterResource, p: BillingPeriod) => {
    const date = firstDay(p);
    const params = await consumptionParameters(db, resource, date);
    return commonHouseVolume({
      period: p,
      meters: meters
        .filter((m) => m.houseId === houseId && m.resource === resource)
        .map((m) => toBillingMeter(m, readings, suspensions)),
      baseMonths: params.baseMonths,
      minMonths: params.minMonths,
      limitMonths: await commonHouseLimit(db, resource, date),
    });
  };
  const correcting = wanting.filter((h) => h.needs.heatingYear?.correction);
  const charged =
    correcting.length > 0
      ? await selectChargedInPeriods(
          db,
          correcting.map((h) => h.houseId),
          [...new Set(correcting.flatMap((h) => h.needs.heatingYear!.serviceIds))],
          `${correcting[0]!.needs.heatingYear!.year}-01`,
          `${correcting[0]!.needs.heatingYear!.year}-12`,
        )
      : [];
  for (const h of wanting) {
    const common = new Map<string, ConsumptionResult>();
    for (const resource of h.needs.commonResources)
      common.set(resource, await volumeOf(h.houseId, resource, period));
    const y = h.needs.heatingYear;
    const months: ConsumptionResult[] = [];
    if (y) for (const p of yearPeriods(y.year)) months.push(await volumeOf(h.houseId, 'heating', p));
    const december = y ? (`${y.year}-12` as BillingPeriod) : null;
    const yearEndTariffs =
      y?.correction && december
        ? tariffsOverPeriod(
            await selectTariffCandidates(db, [h.houseId], firstDay(december), lastDay(december)),
            december,
          ).filter((t) => y.serviceIds.includes(t.serviceId))
        : [];
    out.set(h.houseId, {
      common,
      yearEndTariffs,
      heatingYear: y ? { year: y.year, months } : null,
      heatingCharged: y?.correction
        ? charged
            .filter((c) => c.houseId === h.houseId)
            .map((c) => ({ accountId: c.accountId, amount: c.amountKop as Kopecks }))
        : null,
    });
  }
  return out;
}

// ── The pure assembly ───────────────────────────────────────────────────────────────────────

/**
 * ΣV_individual of a resource (RULES.md §2.2): the volumes of the individual lines (by meter, average or norm,
 * less temporary absences) of every account of the house for the services of that resource — computed by the
 * core itself on the same input, so the common-needs balance uses exactly the volumes the accounts are charged
 * (each line's volume as shown, 6 decimals).
 */
export function individualVolume(input: HouseInput, resource: string): Decimal {
  const ids = new Set(input.services.filter((s) => s.resource === resource).map((s) => s.id));
  const houseServices = input.houseServices.filter((h) => ids.has(h.serviceId) && INDIVIDUAL.has(h.method));
  if (houseServices.length === 0) return Decimal.ZERO;
  const lines = computeHouse({
    ...input,
    houseServices,
    commonMeters: [],
    undersupplies: [],
    heating: { schedule: 'heating_season', inSeason: false },
  });
  return Decimal.sum(
    lines
      .filter((l) => (l.kind === 'charge' || l.kind === 'absence') && l.volume !== null)
      .map((l) => l.volume!),
  );
}

/**
 * Wastewater's parts for an account: the bases of the house's water services (readings, average, norm); a
 * shared flat's meter as the account's share of its volume, a `readings` part with the flat meter's reading ids
 * and the share in its note (the same exact split as the water line, `flatShare`).
 */
function waterParts(
  account: AccountInput,
  waterIds: readonly number[],
  flatMeters: readonly FlatMeter[],
): WaterPart[] {
  const parts: WaterPart[] = [];
  for (const id of waterIds) {
    const b = account.volumes.find((v) => v.serviceId === id);
    if (b?.kind === 'flat_meter') {
      const fm = flatMeters.find(
        (f) => f.serviceId === id && f.accounts.some((x) => x.accountId === account.id),
      );
      if (fm) parts.push(flatWaterPart(fm, account.id));
    } else if (b && b.kind !== 'water_sum') parts.push(b);
  }
  return parts;
}

const sourceOf = (ids: readonly number[]) => ids.map((id) => `reading #${id}`).join(', ');

/**
 * Whether the account was open on every day of the year (it is open in this later period, so it was not closed
 * in that year) and has its area of 31 December: the annual correction's whole-year share.
 */
const openAllYear = (a: AccountInput, year: number) =>
  (a.openFrom === null || compareDates(a.openFrom, `${year}-01-01` as IsoDate) <= 0) &&
  versionAt(a.areas, `${year}-12-31` as IsoDate) !== undefined;

/**
 * Completes the core's input of one house with the volumes above (pure): wastewater's `water_sum` bases, the
 * common-house meters with ΣV_individual, last year's heating volume and the annual correction; what cannot be
 * had is a gap (the service left out, with the reason) or, where the rules give one, the fallback method.
 */
export function completeHouseInput(
  given: HouseInput,
  data: HouseVolumeData,
): { input: HouseInput; gaps: Gap[] } {
  const gaps: Gap[] = [];
  const resourceOf = new Map(given.services.map((s) => [s.id, s.resource]));
  const methodIs = (h: HouseServiceVersion, m: CalculationMethod) => h.method === m;
  let houseServices = [...given.houseServices];
  let accounts = given.accounts;
  const drop = (serviceId: number, method: CalculationMethod, reason: string) => {
    houseServices = houseServices.filter((h) => !(h.serviceId === serviceId && h.method === method));
    if (!gaps.some((g) => g.serviceId === serviceId && g.reason === reason)) gaps.push({ serviceId, reason });
  };
  const switchMethod = (serviceId: number, from: CalculationMethod, to: CalculationMethod) => {
    houseServices = houseServices.map((h) =>
      h.serviceId === serviceId && h.method === from ? { ...h, method: to } : h,
    );
  };
  const idsWith = (pred: (h: HouseServiceVersion) => boolean) => [
    ...new Set(houseServices.filter(pred).map((h) => h.serviceId)),
  ];

  // wastewater by meter: cold + hot water of the account
  const waterIds = idsWith((h) => INDIVIDUAL.has(h.method) && WATER.has(resourceOf.get(h.serviceId) ?? ''));
  const wastewater = idsWith((h) => methodIs(h, 'by_meter') && resourceOf.get(h.serviceId) === 'wastewater');
  if (wastewater.length > 0 && waterIds.length === 0) {
    for (const id of wastewater)
      drop(
        id,
        'by_meter',
        'водоотведение по приборам учёта: у дома нет услуг холодной и горячей воды, объём не из чего сложить',
      );
  } else if (wastewater.length > 0) {
    accounts = accounts.map((a) => ({
      ...a,
      volumes: [
        ...a.volumes,
        ...wastewater.map((serviceId): VolumeBasis => ({
          kind: 'water_sum',
          serviceId,
          parts: waterParts(a, waterIds, given.flatMeters),
        })),
      ],
    }));
  }

  // common needs by the ОДПУ: V_Д and ΣV_individual, or the norm when the ОДПУ gives no volume
  const commonMeters: CommonMeterVolume[] = [...given.commonMeters];
  for (const serviceId of idsWith((h) => methodIs(h, 'common_needs_by_common_meter'))) {
    const resource = resourceOf.get(serviceId) ?? '';
    const odpu = data.common.get(resource);
    if (!odpu || odpu.volume === null) {
      switchMethod(serviceId, 'common_needs_by_common_meter', 'common_needs_by_norm');
      continue;
    }
    commonMeters.push({
      serviceId,
      volume: odpu.volume,
      individualVolume: individualVolume({ ...given, accounts }, resource),
      readingIds: odpu.readingIds,
    });
  }

  // heating by the ОДПУ
  let heating: HeatingSettings = given.heating;
  let tariffs = given.tariffs;
  const heatingIds = idsWith((h) => methodIs(h, 'heating_by_common_meter'));
  if (
    heatingIds.length > 0 &&
    heating.schedule === 'heating_season' &&
    heating.inSeason &&
    !heating.commonMeter
  ) {
    for (const id of heatingIds) switchMethod(id, 'heating_by_common_meter', 'heating_by_norm');
  }
  if (heatingIds.length > 0 && heating.schedule === 'twelve_months') {
    const year = data.heatingYear;
    const missing = year ? yearPeriods(year.year).filter((_, i) => year.months[i]?.volume == null) : [];
    if (!year || missing.length > 0) {
      const reason = year
        ? `отопление по ОДПУ равномерно 12 месяцев: нет объёма ОДПУ за ${missing.join(', ')} (нужен весь ${year.year} год)`
        : 'отопление по ОДПУ равномерно 12 месяцев: объёмы ОДПУ прошлого года не прочитаны';
      for (const id of heatingIds) drop(id, 'heating_by_common_meter', reason);
    } else {
      const total = Decimal.sum(year.months.map((m) => m.volume!));
      const readingIds = [...new Set(year.months.flatMap((m) => m.readingIds))];
      heating = {
        ...heating,
        previousYearAverage: {
          yearVolume: total,
          months: 12,
          source: `ОДПУ за ${year.year} год: ${sourceOf(readingIds) || 'нет показаний'}`,
        },
      };
      if (data.heatingCharged) {
        const present = new Map(accounts.map((a) => [a.id, a]));
        const whole = data.heatingCharged.filter((c) => {
          const a = present.get(c.accountId);
          return a !== undefined && openAllYear(a, year.year);
        });
        const partial = data.heatingCharged.filter((c) => !whole.includes(c));
        if (partial.length > 0)
          gaps.push({
            serviceId: heatingIds[0]!,
            reason: `годовая корректировка за ${year.year} не начислена ${partial.length} счетам, открытым не весь год или закрытым (доля за неполный год не определена правилами, RULES.md §3.2)`,
          });
        heating = {
          ...heating,
          annualCorrection: { year: year.year, actualVolume: total, readingIds, charged: whole },
        };
        tariffs = [...tariffs, ...data.yearEndTariffs];
      }
    }
  }
  return { input: { ...given, houseServices, accounts, commonMeters, heating, tariffs }, gaps };
}
