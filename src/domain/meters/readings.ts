/**
 * Readings (показания): the volume between two readings with the rollover at the meter's digits, the billing
 * period a reading counts for (the window day, RULES.md §1.1), and the checks a new reading goes through
 * (issue 4): not below the previous one unless it is a rollover, an unusually large volume held for
 * confirmation, a decommissioned or unverified meter's reading stored but not used for billing.
 */
import { Decimal } from '../decimal.js';
import type { ErrorDetail } from '../errors.js';
import {
  addPeriods,
  compareDates,
  comparePeriods,
  nextPeriod,
  periodOf,
  type BillingPeriod,
  type IsoDate,
} from '../period.js';
import { isVerificationExpired, type MeterZone } from './meter.js';

/** Where a reading came from. */
export const readingSources = [
  'operator',
  'citizen',
  'bank_registry',
  'api_client',
  'automatic',
  'inspection',
] as const;
export type ReadingSource = (typeof readingSources)[number];

/** regular — a monthly reading; initial — a new meter's first; final — the last one before removal. */
export const readingKinds = ['regular', 'initial', 'final'] as const;
export type ReadingKind = (typeof readingKinds)[number];

/** accepted — used for billing; held — waits for an operator's confirmation; not_for_billing — stored only. */
export const readingStates = ['accepted', 'held', 'not_for_billing'] as const;
export type ReadingState = (typeof readingStates)[number];

/** The values of one reading, one per zone of the meter. */
export type ZoneValues = Partial<Record<MeterZone, Decimal>>;

/** The volume between two readings of one zone, and whether the counter went past its last value. */
export type ZoneVolume = { zone: MeterZone; volume: Decimal; rollover: boolean };

/**
 * The volume from `previous` to `current` on a meter with `digits` whole digits (a 5-digit counter shows
 * 0…99999.999). A value below the previous one is a rollover only when the counter wrapped by less than a
 * tenth of its range (10^digits / 10): 99 990 → 00 015 on 5 digits is 25; 500 → 400 is an error. The
 * tenth is a design choice (a real wrap-around happens once in years, a typo is 10% away); null means
 * the reading is below the previous one and is refused.
 */
export function volumeBetween(previous: Decimal, current: Decimal, digits: number): ZoneVolume | null {
  if (current.cmp(previous) >= 0) return { zone: 'single', volume: current.sub(previous), rollover: false };
  const range = Decimal.fromInt(10n ** BigInt(digits));
  const wrapped = range.sub(previous).add(current);
  return wrapped.mul(Decimal.fromInt(10)).cmp(range) < 0
    ? { zone: 'single', volume: wrapped, rollover: true }
    : null;
}

/**
 * The billing period a reading counts for (RULES.md §1.1): a regular reading taken after the window day
 * (`readings.window_day`, the 25th) counts for the next month. Initial and final readings (a replacement,
 * an inspection act) belong to the month of their date, so that the replaced meter's volume and the new
 * one's fall in the same period.
 */
export function periodOfReading(readOn: IsoDate, kind: ReadingKind, windowDay: number): BillingPeriod {
  const period = periodOf(readOn);
  if (kind !== 'regular') return period;
  return Number(readOn.slice(8, 10)) > windowDay ? nextPeriod(period) : period;
}

/** The number of months from period a to period b (b after a gives a positive number). */
export function monthsBetween(a: BillingPeriod, b: BillingPeriod): number {
  let n = 0;
  if (comparePeriods(a, b) <= 0) while (comparePeriods(addPeriods(a, n), b) < 0) n++;
  else while (comparePeriods(addPeriods(a, n), b) > 0) n--;
  return n;
}

/** What the checks need to know of the meter. */
export type MeterForCheck = {
  digits: number;
  /** Digits after the point the meter shows (3 for a water meter's litres). */
  decimals: number;
  zones: readonly MeterZone[];
  commissionedOn: IsoDate;
  decommissionedOn: IsoDate | null;
  /** From verificationFailsOn (meter.ts); null when unknown. */
  verificationFailsOn: IsoDate | null;
};

export type ReadingToCheck = { readOn: IsoDate; kind: ReadingKind; values: ZoneValues };

export type PreviousReading = { readOn: IsoDate; period: BillingPeriod; values: ZoneValues };

export type ReadingCheckInput = {
  meter: MeterForCheck;
  reading: ReadingToCheck;
  /** The last reading of the meter that counts (accepted), or null for the first one. */
  previous: PreviousReading | null;
  windowDay: number;
  /** The meter's average monthly volume (all zones together), or null when not yet known. */
  averageMonthly: Decimal | null;
  /** A volume above this multiple of the average (per month since the previous reading) is held. */
  holdMultiple: Decimal;
};

export type ReadingCheckResult =
  | { ok: false; problems: ErrorDetail[] }
  | {
      ok: true;
      state: ReadingState;
      period: BillingPeriod;
      volumes: ZoneVolume[];
      /** Why the reading is held or not used for billing; rollovers are noted too. */
      warnings: string[];
    };

function valueProblems(meter: MeterForCheck, values: ZoneValues): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const limit = Decimal.fromInt(10n ** BigInt(meter.digits));
  for (const zone of meter.zones) {
    const value = values[zone];
    const field = `values.${zone}`;
    if (value === undefined) problems.push({ field, problem: 'нет показания по зоне' });
    else if (value.isNegative()) problems.push({ field, problem: 'показание не может быть отрицательным' });
    else if (value.cmp(limit) >= 0)
      problems.push({ field, problem: `больше, чем показывает счётчик (${meter.digits} знаков до запятой)` });
    else if (value.scale > meter.decimals && !value.round(meter.decimals).eq(value))
      problems.push({ field, problem: `не больше ${meter.decimals} знаков после запятой` });
  }
  for (const zone of Object.keys(values) as MeterZone[]) {
    if (!meter.zones.includes(zone))
      problems.push({ field: `values.${zone}`, problem: `у прибора нет зоны ${zone}` });
  }
  return problems;
}

/**
 * Checks a new reading against the meter and its previous reading. Errors (the reading is refused, with the
 * field): a missing or unknown zone, a negative value, more digits than the counter has, a date before
 * commissioning or before the previous reading, a value below the previous one that is not a rollover.
 * Otherwise the state: not_for_billing after decommissioning or from the day verification expired (stored,
 * RULES.md §10.1); held when the volume exceeds holdMultiple × the average × the months since the previous
 * reading (at least one); accepted otherwise.
 */
export function checkReading(input: ReadingCheckInput): ReadingCheckResult {
  const { meter, reading, previous } = input;
  const problems = valueProblems(meter, reading.values);
  if (compareDates(reading.readOn, meter.commissionedOn) < 0 && reading.kind !== 'initial')
    problems.push({
      field: 'readOn',
      problem: `раньше ввода прибора в эксплуатацию (${meter.commissionedOn})`,
    });
  if (previous && compareDates(reading.readOn, previous.readOn) < 0)
    problems.push({ field: 'readOn', problem: `раньше предыдущего показания (${previous.readOn})` });
  const volumes: ZoneVolume[] = [];
  const warnings: string[] = [];
  if (problems.length === 0) {
    for (const zone of meter.zones) {
      const current = reading.values[zone]!;
      const before = previous?.values[zone];
      if (before === undefined) {
        volumes.push({ zone, volume: Decimal.ZERO, rollover: false });
        continue;
      }
      const v = volumeBetween(before, current, meter.digits);
      if (v === null) {
        problems.push({
          field: `values.${zone}`,
          problem: `меньше предыдущего показания ${before.toString()} и не похоже на переход счётчика через ноль`,
        });
      } else {
        volumes.push({ ...v, zone });
        if (v.rollover)
          warnings.push(`зона ${zone}: переход счётчика через ноль, объём ${v.volume.toString()}`);
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const period = periodOfReading(reading.readOn, reading.kind, input.windowDay);
  let state: ReadingState = 'accepted';
  if (meter.decommissionedOn !== null && compareDates(reading.readOn, meter.decommissionedOn) > 0) {
    state = 'not_for_billing';
    warnings.push(
      `прибор выведен из эксплуатации ${meter.decommissionedOn}: показание не используется в расчёте`,
    );
  } else if (isVerificationExpired(meter.verificationFailsOn, reading.readOn)) {
    state = 'not_for_billing';
    warnings.push(`срок поверки истёк ${meter.verificationFailsOn}: показание не используется в расчёте`);
  } else if (previous && input.averageMonthly !== null && input.averageMonthly.cmp(Decimal.ZERO) > 0) {
    const months = Math.max(1, monthsBetween(previous.period, period));
    const total = Decimal.sum(volumes.map((v) => v.volume));
    const limit = input.averageMonthly.mul(input.holdMultiple).mul(Decimal.fromInt(months));
    if (total.cmp(limit) > 0) {
      state = 'held';
      warnings.push(
        `объём ${total.toString()} больше ${input.holdMultiple.toString()} × среднего ${input.averageMonthly.toString()} за ${months} мес.: нужно подтверждение`,
      );
    }
  }
  return { ok: true, state, period, volumes, warnings };
}
