/**
 * Consumption for billing: for one metering point (the meters of one account — or of a house, for a
 * common-house meter — for one resource) and one billing period, the volume per zone and WHY it is that:
 *
 * - `actual` — from readings (RULES.md §1.1, App.2 formula 1); a meter replaced inside the period adds the
 *   old meter's volume up to its final reading and the new one's from its initial reading (issue 4);
 *   when readings arrive after months billed by the average, those averages are subtracted (§1.4);
 * - `average` — п.59 (RULES.md §1.3, RULES-ADDENDUM §1): "а" meter failed, lost or verification expired,
 *   "б" readings not submitted, "в" access refused; the average over at least `average.base_months`
 *   months of readings (or the meter's whole working time, at least `average.min_months`), for at most
 *   the case's limit of periods (residential and non-residential limits differ);
 * - `norm` — п.60 after the limit, or no meter: persons × norm (or area × norm), with the increasing
 *   coefficient K where it applies (RULES.md §1.2, §10.1; K multiplies the money, not the volume —
 *   RULES-ADDENDUM §2, so it is returned apart from the volume).
 *
 * Every result lists the legal parameter versions it used and the reading ids it rests on. The billing
 * engine calls `consumptionForPeriod`; all inputs are plain values (docs/meters.md, "For the billing engine").
 */
import { Decimal } from '../decimal.js';
import { allocateDecimal } from '../money.js';
import {
  addPeriods,
  compareDates,
  comparePeriods,
  firstDay,
  lastDay,
  nextPeriod,
  periodOf,
  type BillingPeriod,
  type IsoDate,
} from '../period.js';
import type { DecommissionReason, MeterZone } from './meter.js';
import { monthsBetween, volumeBetween, type ReadingKind, type ZoneValues } from './readings.js';

/** Averages are kept to 6 decimals (0.000001 m³); the exact sum and months come with them. */
export const AVERAGE_SCALE = 6;

/** An accepted reading, counted in `period` (readings.ts#periodOfReading). */
export type BillingReading = {
  id: number;
  readOn: IsoDate;
  period: BillingPeriod;
  kind: ReadingKind;
  values: ZoneValues;
};

export type BillingMeter = {
  id: number;
  zones: readonly MeterZone[];
  digits: number;
  commissionedOn: IsoDate;
  decommissionedOn: IsoDate | null;
  decommissionReason: DecommissionReason | null;
  /** meter.ts#verificationFailsOn; null when not known. */
  verificationFailsOn: IsoDate | null;
  /** Only readings in state `accepted`. */
  readings: readonly BillingReading[];
};

/** The version of a legal parameter a calculation used: what it was, from when, and its value. */
export type ParameterUse<T> = { code: string; validFrom: IsoDate; value: T };

export type ConsumptionParameters = {
  baseMonths: ParameterUse<number>;
  minMonths: ParameterUse<number>;
  /** п.59 "а" and "в": residential and non-residential. */
  limitResidential: ParameterUse<number>;
  limitNonResidential: ParameterUse<number>;
  /** п.59 "б". */
  limitNotSubmittedResidential: ParameterUse<number>;
  limitNotSubmittedNonResidential: ParameterUse<number>;
  /** п.60: after the limit, the norm with K (residential). */
  applyKAfterLimit: ParameterUse<boolean>;
  /** K for the resource on the period (the resource code wins over the general one). */
  coefficient: ParameterUse<Decimal>;
};

export type NormInput = {
  /** The norm per person or per m² per month. */
  value: Decimal;
  basis: 'per_person' | 'per_m2';
  /** The norm row the value comes from, for the explanation. */
  normId: number | null;
};

export type ConsumptionInput = {
  period: BillingPeriod;
  residential: boolean;
  meters: readonly BillingMeter[];
  /** Whether a meter can technically be installed (K applies to a premise without one only then). */
  meterInstallable: boolean;
  /** п.59 "в": the act of refused access and the day of the check that ended it. */
  accessRefused: { actOn: IsoDate; checkedOn: IsoDate | null } | null;
  norm: NormInput | null;
  persons: number;
  area: Decimal | null;
  /** Volumes billed by the average for periods after the last reading (for §1.4 reconciliation). */
  billedByAverage: readonly { period: BillingPeriod; zone: MeterZone; volume: Decimal }[];
  params: ConsumptionParameters;
};

export type ConsumptionMethod = 'actual' | 'average' | 'norm';
export type ConsumptionReason =
  | 'readings'
  | 'p59a_meter_failed'
  | 'p59b_not_submitted'
  | 'p59v_access_refused'
  | 'p60_after_limit'
  | 'no_meter'
  | 'average_unavailable';

export type AverageBasis = {
  /** The first and last months of the readings the average is taken over. */
  fromPeriod: BillingPeriod;
  toPeriod: BillingPeriod;
  months: number;
  /** The exact volume over those months, per zone; the average is total / months. */
  totals: { zone: MeterZone; total: Decimal }[];
};

export type ConsumptionResult = {
  period: BillingPeriod;
  method: ConsumptionMethod;
  reason: ConsumptionReason;
  /** Per zone; a norm is one `single` volume. null only when a norm is needed and none was given. */
  zones: { zone: MeterZone; volume: Decimal }[] | null;
  /** The sum of the zones. */
  volume: Decimal | null;
  /** K for the charge (1 when not applied); it multiplies the money, never the volume. */
  coefficient: Decimal;
  /** For п.59 cases: the number of this period in the run of periods, and the limit. */
  caseRun: { since: BillingPeriod; number: number; limit: number } | null;
  average: AverageBasis | null;
  /** For actual volumes after months billed by the average (§1.4): what was subtracted. */
  reconciliation: { rawVolume: Decimal; billedByAverage: Decimal; periods: BillingPeriod[] } | null;
  readingIds: number[];
  parameters: ParameterUse<unknown>[];
  /** In Russian, for the account card and the bill's explanation. */
  explanation: string;
};

const failureReasons: readonly DecommissionReason[] = ['failed', 'lost', 'verification_expired'];

/** The last reading of each period of a meter (several readings in one month: the latest counts). */
function lastPerPeriod(readings: readonly BillingReading[]): BillingReading[] {
  const sorted = [...readings].sort(
    (a, b) => comparePeriods(a.period, b.period) || compareDates(a.readOn, b.readOn) || a.id - b.id,
  );
  const result: BillingReading[] = [];
  for (const r of sorted) {
    if (result.length > 0 && result.at(-1)!.period === r.period) result[result.length - 1] = r;
    else result.push(r);
  }
  return result;
}

/** Consumption between two readings of a meter, per zone (with rollover at its digits). */
function zoneVolumes(meter: BillingMeter, from: BillingReading, to: BillingReading) {
  return meter.zones.map((zone) => {
    const a = from.values[zone] ?? Decimal.ZERO;
    const b = to.values[zone] ?? Decimal.ZERO;
    const v = volumeBetween(a, b, meter.digits);
    return { zone, volume: v ? v.volume : Decimal.ZERO };
  });
}

/** A run of months between two readings of one meter, with the volume consumed in it. */
export type ReadingSpan = {
  meterId: number;
  fromPeriod: BillingPeriod;
  toPeriod: BillingPeriod;
  months: number;
  volumes: { zone: MeterZone; volume: Decimal }[];
  readingIds: [number, number];
};

/** The spans between consecutive monthly readings of the meters, ending before `beforePeriod`. */
export function readingSpans(meters: readonly BillingMeter[], beforePeriod: BillingPeriod): ReadingSpan[] {
  const spans: ReadingSpan[] = [];
  for (const meter of meters) {
    const monthly = lastPerPeriod(meter.readings).filter((r) => comparePeriods(r.period, beforePeriod) < 0);
    for (let i = 1; i < monthly.length; i++) {
      const a = monthly[i - 1]!;
      const b = monthly[i]!;
      spans.push({
        meterId: meter.id,
        fromPeriod: nextPeriod(a.period),
        toPeriod: b.period,
        months: monthsBetween(a.period, b.period),
        volumes: zoneVolumes(meter, a, b),
        readingIds: [a.id, b.id],
      });
    }
  }
  return spans.sort((x, y) => comparePeriods(y.toPeriod, x.toPeriod));
}

/**
 * The average monthly volume per zone (п.59, RULES.md §1.3): the latest spans of readings, taken whole,
 * until they cover at least `baseMonths` months; if the meter worked less, all its spans, provided they
 * cover at least `minMonths`; otherwise null (no average can be determined). Meters read in parallel (two
 * common-house meters) add their volumes over the same months; a replaced meter's spans continue the new one's.
 */
export function averageMonthlyVolume(
  spans: readonly ReadingSpan[],
  baseMonths: number,
  minMonths: number,
): { basis: AverageBasis; zones: { zone: MeterZone; volume: Decimal }[]; readingIds: number[] } | null {
  // months are counted once however many meters cover them (two common-house meters, a replacement)
  const taken: ReadingSpan[] = [];
  const covered = new Set<BillingPeriod>();
  const earliest = () => [...covered].sort()[0]!;
  for (const s of [...spans].sort((x, y) => comparePeriods(y.toPeriod, x.toPeriod))) {
    if (covered.size >= baseMonths && comparePeriods(s.toPeriod, earliest()) < 0) break;
    taken.push(s);
    for (let i = 0; i < s.months; i++) covered.add(addPeriods(s.toPeriod, -i));
  }
  const months = covered.size;
  if (months < minMonths || months === 0) return null;
  const zones: MeterZone[] = [];
  for (const s of taken) for (const v of s.volumes) if (!zones.includes(v.zone)) zones.push(v.zone);
  const totals = zones.map((zone) => ({
    zone,
    total: Decimal.sum(taken.flatMap((s) => s.volumes.filter((v) => v.zone === zone).map((v) => v.volume))),
  }));
  const periods = taken.flatMap((s) => [s.fromPeriod, s.toPeriod]).sort();
  return {
    basis: { fromPeriod: periods[0]!, toPeriod: periods.at(-1)!, months, totals },
    zones: totals.map((t) => ({ zone: t.zone, volume: t.total.div(Decimal.fromInt(months), AVERAGE_SCALE) })),
    readingIds: [...new Set(taken.flatMap((s) => s.readingIds))],
  };
}

/**
 * RULES.md §1.4 (reconciliation, UNCONFIRMED but common practice): when readings finally arrive after
 * periods billed by the average, the period's volume is the consumption since the last accepted reading
 * minus the averages already billed; a negative result is a credit (returned negative).
 */
export function reconcileLateReadings(rawVolume: Decimal, billedByAverage: readonly Decimal[]): Decimal {
  return rawVolume.sub(Decimal.sum(billedByAverage));
}

/** Splits a group meter's volume over its premises in proportion to their areas, parts summing exactly. */
export function splitGroupVolume(volume: Decimal, areas: readonly Decimal[], scale: number): Decimal[] {
  return allocateDecimal(volume.round(scale), areas, scale);
}

type Case = {
  reason: 'p59a_meter_failed' | 'p59b_not_submitted' | 'p59v_access_refused';
  since: BillingPeriod;
};

const active = (m: BillingMeter, from: IsoDate, to: IsoDate) =>
  compareDates(m.commissionedOn, to) <= 0 &&
  (m.decommissionedOn === null || compareDates(m.decommissionedOn, from) >= 0);

/** The п.59 case of the period, or the actual readings, or no meter at all. */
function classify(
  input: ConsumptionInput,
): { kind: 'case'; c: Case } | { kind: 'actual'; meters: BillingMeter[] } | { kind: 'no_meter' } {
  const { period } = input;
  const first = firstDay(period);
  const last = lastDay(period);
  const refused = input.accessRefused;
  if (
    refused &&
    compareDates(refused.actOn, last) <= 0 &&
    (refused.checkedOn === null || compareDates(refused.checkedOn, first) >= 0)
  ) {
    return { kind: 'case', c: { reason: 'p59v_access_refused', since: periodOf(refused.actOn) } };
  }
  // meters working at the end of the period (one decommissioned on the last day has been replaced by then)
  const current = input.meters.filter(
    (m) =>
      compareDates(m.commissionedOn, last) <= 0 &&
      (m.decommissionedOn === null || compareDates(m.decommissionedOn, last) > 0),
  );
  if (current.length === 0) {
    const gone = input.meters
      .filter((m) => m.decommissionedOn !== null && compareDates(m.decommissionedOn, last) <= 0)
      .sort((a, b) => compareDates(b.decommissionedOn!, a.decommissionedOn!))[0];
    if (gone && gone.decommissionReason !== null && failureReasons.includes(gone.decommissionReason)) {
      return { kind: 'case', c: { reason: 'p59a_meter_failed', since: periodOf(gone.decommissionedOn!) } };
    }
    return { kind: 'no_meter' };
  }
  // RULES.md §10.1, Example 10.1: the period in which verification expires is the first one by the average
  const expired = current
    .filter((m) => m.verificationFailsOn !== null && compareDates(m.verificationFailsOn, last) <= 0)
    .sort((a, b) => compareDates(a.verificationFailsOn!, b.verificationFailsOn!))[0];
  if (expired)
    return {
      kind: 'case',
      c: { reason: 'p59a_meter_failed', since: periodOf(expired.verificationFailsOn!) },
    };
  const inPeriod = input.meters.filter((m) => active(m, first, last));
  const withoutReading = current.filter((m) => !m.readings.some((r) => r.period === period));
  if (withoutReading.length > 0) {
    const lastRead = withoutReading
      .flatMap((m) => m.readings.map((r) => r.period))
      .filter((p) => comparePeriods(p, period) < 0)
      .sort()
      .at(-1);
    const since = lastRead ? nextPeriod(lastRead) : periodOf(withoutReading[0]!.commissionedOn);
    return { kind: 'case', c: { reason: 'p59b_not_submitted', since } };
  }
  return { kind: 'actual', meters: inPeriod };
}

const sumZones = (zones: { volume: Decimal }[]) => Decimal.sum(zones.map((z) => z.volume));

function addTo(acc: Map<MeterZone, Decimal>, zone: MeterZone, v: Decimal) {
  acc.set(zone, (acc.get(zone) ?? Decimal.ZERO).add(v));
}

const caseTexts: Record<Case['reason'], string> = {
  p59a_meter_failed: 'п.59 «а»: прибор неисправен, утрачен или истёк срок поверки',
  p59b_not_submitted: 'п.59 «б»: показания не переданы',
  p59v_access_refused: 'п.59 «в»: недопуск к проверке прибора',
};

/** The volume of a period and why (see the module comment). */
export function consumptionForPeriod(input: ConsumptionInput): ConsumptionResult {
  const { period, params } = input;
  const base: Omit<ConsumptionResult, 'method' | 'reason' | 'zones' | 'volume' | 'explanation'> = {
    period,
    coefficient: Decimal.ONE,
    caseRun: null,
    average: null,
    reconciliation: null,
    readingIds: [],
    parameters: [],
  };
  const c = classify(input);

  if (c.kind === 'actual') {
    const totals = new Map<MeterZone, Decimal>();
    const readingIds: number[] = [];
    let earliestPrevious: BillingPeriod | null = null;
    for (const meter of c.meters) {
      const monthly = lastPerPeriod(meter.readings);
      const i = monthly.findIndex((r) => r.period === period);
      if (i < 0) continue;
      const current = monthly[i]!;
      // the previous reading: of an earlier month, or this month's initial reading of a new meter
      const initial = meter.readings.find(
        (r) => r.kind === 'initial' && r.period === period && r.id !== current.id,
      );
      const previous = i > 0 ? monthly[i - 1]! : initial;
      if (!previous) continue;
      if (previous.period !== period && (earliestPrevious === null || previous.period < earliestPrevious))
        earliestPrevious = previous.period;
      for (const z of zoneVolumes(meter, previous, current)) addTo(totals, z.zone, z.volume);
      readingIds.push(previous.id, current.id);
    }
    const raw = [...totals].map(([zone, volume]) => ({ zone, volume }));
    // §1.4: periods between the previous reading and this one that were billed by the average
    const billed = input.billedByAverage.filter(
      (b) =>
        earliestPrevious !== null &&
        comparePeriods(b.period, earliestPrevious) > 0 &&
        comparePeriods(b.period, period) < 0,
    );
    const zones = raw.map((z) => ({
      zone: z.zone,
      volume: reconcileLateReadings(
        z.volume,
        billed.filter((b) => b.zone === z.zone).map((b) => b.volume),
      ),
    }));
    const billedTotal = Decimal.sum(billed.map((b) => b.volume));
    const volume = sumZones(zones);
    return {
      ...base,
      method: 'actual',
      reason: 'readings',
      zones,
      volume,
      readingIds,
      reconciliation:
        billed.length > 0
          ? {
              rawVolume: sumZones(raw),
              billedByAverage: billedTotal,
              periods: [...new Set(billed.map((b) => b.period))].sort(),
            }
          : null,
      explanation:
        billed.length > 0
          ? `По показаниям: ${sumZones(raw).toString()} с последнего показания минус ${billedTotal.toString()}, начисленные по среднему (RULES.md §1.4) = ${volume.toString()}`
          : `По показаниям прибора учёта: ${volume.toString()} (RULES.md §1.1)`,
    };
  }

  if (c.kind === 'no_meter') {
    const k = input.meterInstallable ? params.coefficient : null;
    return normResult(input, base, 'no_meter', k, 'Прибора учёта нет: по нормативу (RULES.md §1.2)');
  }

  const { reason, since } = c.c;
  const limitParam =
    reason === 'p59b_not_submitted'
      ? input.residential
        ? params.limitNotSubmittedResidential
        : params.limitNotSubmittedNonResidential
      : input.residential
        ? params.limitResidential
        : params.limitNonResidential;
  const number = monthsBetween(since, period) + 1;
  const caseRun = { since, number, limit: limitParam.value };
  const caseBase = { ...base, caseRun, parameters: [limitParam] as ParameterUse<unknown>[] };

  if (number > limitParam.value) {
    // п.60: after the limit, the norm; with K in residential premises when the setting says so (A §1)
    const applyK = input.residential && params.applyKAfterLimit.value;
    caseBase.parameters.push(params.applyKAfterLimit);
    return normResult(
      input,
      caseBase,
      'p60_after_limit',
      applyK ? params.coefficient : null,
      `${caseTexts[reason]} с ${since}; ${number}-й период больше предела ${limitParam.value}: по нормативу (п.60)`,
    );
  }
  const spanEnd = reason === 'p59b_not_submitted' ? period : since;
  const avg = averageMonthlyVolume(
    readingSpans(input.meters, spanEnd),
    params.baseMonths.value,
    params.minMonths.value,
  );
  caseBase.parameters.push(params.baseMonths, params.minMonths);
  if (avg === null) {
    return normResult(
      input,
      caseBase,
      'average_unavailable',
      null,
      `${caseTexts[reason]}; показаний меньше чем за ${params.minMonths.value} мес.: среднее определить нельзя, по нормативу`,
    );
  }
  const volume = sumZones(avg.zones);
  return {
    ...caseBase,
    method: 'average',
    reason,
    zones: avg.zones,
    volume,
    average: avg.basis,
    readingIds: avg.readingIds,
    explanation: `${caseTexts[reason]} с ${since} (${number}-й период из ${limitParam.value}): среднемесячный объём ${volume.toString()} за ${avg.basis.months} мес. ${avg.basis.fromPeriod}…${avg.basis.toPeriod}`,
  };
}

function normResult(
  input: ConsumptionInput,
  base: Omit<ConsumptionResult, 'method' | 'reason' | 'zones' | 'volume' | 'explanation'>,
  reason: ConsumptionReason,
  k: ParameterUse<Decimal> | null,
  text: string,
): ConsumptionResult {
  const parameters = k ? [...base.parameters, k] : base.parameters;
  const coefficient = k ? k.value : Decimal.ONE;
  const norm = input.norm;
  if (norm === null) {
    return {
      ...base,
      method: 'norm',
      reason,
      zones: null,
      volume: null,
      coefficient,
      parameters,
      explanation: `${text}; норматив не задан`,
    };
  }
  const quantity =
    norm.basis === 'per_person' ? Decimal.fromInt(input.persons) : (input.area ?? Decimal.ZERO);
  const volume = quantity.mul(norm.value);
  const what = norm.basis === 'per_person' ? `${input.persons} чел.` : `${quantity.toString()} м²`;
  const kText = k ? `, повышающий коэффициент ${coefficient.toString()} к плате` : '';
  return {
    ...base,
    method: 'norm',
    reason,
    zones: [{ zone: 'single', volume }],
    volume,
    coefficient,
    parameters,
    explanation: `${text}: ${what} × ${norm.value.toString()} = ${volume.toString()}${kText}`,
  };
}

/**
 * The volume of a house's common-house meters (ОДПУ) of one resource for a period, for heating and common
 * needs (RULES.md §2.2, §3.2): the sum of the meters' actual volumes; with readings missing or a meter
 * failed, the average for at most `limitMonths` periods (п.59(1); for heating `average.limit_months.
 * heating_common_meter`, 6 from 01.03.2025 by ПП 1176); after that `norm` with no volume — the engine
 * then bills common needs and heating by the norm.
 */
export function commonHouseVolume(input: {
  period: BillingPeriod;
  meters: readonly BillingMeter[];
  baseMonths: ParameterUse<number>;
  minMonths: ParameterUse<number>;
  limitMonths: ParameterUse<number>;
  billedByAverage?: ConsumptionInput['billedByAverage'];
}): ConsumptionResult {
  // a common-house meter has no norm with K: these two are switched off and never reported
  const off: ParameterUse<boolean> = {
    code: 'average.limit.apply_k_after',
    validFrom: firstDay(input.period),
    value: false,
  };
  const one: ParameterUse<Decimal> = {
    code: 'increasing_coefficient',
    validFrom: firstDay(input.period),
    value: Decimal.ONE,
  };
  const result = consumptionForPeriod({
    period: input.period,
    residential: true,
    meters: input.meters,
    meterInstallable: false,
    accessRefused: null,
    norm: null,
    persons: 0,
    area: null,
    billedByAverage: input.billedByAverage ?? [],
    params: {
      baseMonths: input.baseMonths,
      minMonths: input.minMonths,
      limitResidential: input.limitMonths,
      limitNonResidential: input.limitMonths,
      limitNotSubmittedResidential: input.limitMonths,
      limitNotSubmittedNonResidential: input.limitMonths,
      applyKAfterLimit: off,
      coefficient: one,
    },
  });
  return { ...result, parameters: result.parameters.filter((p) => p !== off && p !== one) };
}
