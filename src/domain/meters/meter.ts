/**
 * Meters (приборы учёта): kinds, zones, digits, and the verification date (RULES.md §10).
 *
 * Pure: the billing engine and the services pass plain values in and get plain values out. Dates are ISO
 * strings (period.ts); volumes are exact `Decimal`s.
 */
import { addDays, compareDates, parseIsoDate, type IsoDate } from '../period.js';

/**
 * individual (ИПУ) — one premise; flat (общеквартирный) — a shared flat, for all its rooms; room (комнатный) —
 * one room of a shared flat; common_house (ОДПУ) — the whole house; group (групповой) — several premises.
 */
export const meterKinds = ['individual', 'flat', 'room', 'common_house', 'group'] as const;
export type MeterKind = (typeof meterKinds)[number];

/** Resources a meter measures (the service catalogue's resources that have meters). */
export const meterResources = ['cold_water', 'hot_water', 'heating', 'electricity', 'gas'] as const;
export type MeterResource = (typeof meterResources)[number];

/** Zones of a meter, named as the tariff zones are (RULES.md §10.2): 1 — single, 2 — day/night, 3 — peak/semi-peak/night. */
export type MeterZone = 'single' | 'day' | 'night' | 'peak' | 'semi_peak';
export type ZoneCount = 1 | 2 | 3;

const ZONES: Record<ZoneCount, readonly MeterZone[]> = {
  1: ['single'],
  2: ['day', 'night'],
  3: ['peak', 'semi_peak', 'night'],
};

/** The zones of a meter with `count` zones, in the order they are shown and entered. */
export function zonesOf(count: ZoneCount): readonly MeterZone[] {
  return ZONES[count];
}

/** Zones other than single are for electricity only (tariffs differ by time of day there, RULES.md §10.2). */
export function zoneCountAllowed(resource: MeterResource, count: ZoneCount): boolean {
  return count === 1 || resource === 'electricity';
}

/** Why a meter was taken out of service; `failed`, `lost` and `verification_expired` are п.59 "а" events. */
export const decommissionReasons = ['replaced', 'failed', 'lost', 'verification_expired', 'removed'] as const;
export type DecommissionReason = (typeof decommissionReasons)[number];

/** Whether the premise (or the house) the meter belongs to matches its kind; a problem text or null. */
export function meterPlacementProblem(
  kind: MeterKind,
  premises: readonly { kind: 'flat' | 'room' | 'non_residential'; isSharedFlat: boolean }[],
): string | null {
  switch (kind) {
    case 'common_house':
      return premises.length === 0 ? null : 'общедомовой прибор относится к дому, не к помещению';
    case 'group':
      return premises.length >= 2 ? null : 'групповой прибор учитывает несколько помещений (от двух)';
    case 'individual':
      return premises.length === 1 ? null : 'индивидуальный прибор относится к одному помещению';
    case 'flat':
      return premises.length === 1 && premises[0]!.kind === 'flat' && premises[0]!.isSharedFlat
        ? null
        : 'общеквартирный прибор ставится в коммунальной квартире';
    case 'room':
      return premises.length === 1 && premises[0]!.kind === 'room'
        ? null
        : 'комнатный прибор относится к комнате коммунальной квартиры';
  }
}

/** The date `years` calendar years later; 29 February falls back to 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const text = `${String(y).padStart(4, '0')}-${md}`;
  if (md === '02-29') {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return parseIsoDate(leap ? text : `${String(y).padStart(4, '0')}-02-28`);
  }
  return parseIsoDate(text);
}

/**
 * The verification interval in years: the meter's passport value when entered, otherwise the default for its
 * resource from the legal parameter `verification.interval_years` (RULES.md §10.1: about 6 years for cold
 * water, 4 for hot water and heat). null when neither is known.
 */
export function verificationIntervalYears(
  passportYears: number | null,
  defaults: Readonly<Record<string, number>>,
  resource: MeterResource,
): number | null {
  if (passportYears !== null) return passportYears;
  return defaults[resource] ?? null;
}

/** The next verification date: the last verification (or, when unknown, commissioning) plus the interval. */
export function nextVerificationDate(
  lastVerifiedOn: IsoDate | null,
  commissionedOn: IsoDate,
  intervalYears: number | null,
): IsoDate | null {
  if (intervalYears === null) return null;
  return addYears(lastVerifiedOn ?? commissionedOn, intervalYears);
}

/** A window of days when expiry did not make a meter failed (ПП 424: 2020-04-06…2020-12-31). */
export type Suspension = { from: IsoDate; to: IsoDate };

/**
 * The day from which the meter counts as failed because its verification expired (п.81(12)"д", RULES.md
 * §10.1): the next verification date, unless that date falls in a suspension window (ПП 424) — then the day
 * after the window ends. null when no date is known.
 */
export function verificationFailsOn(
  nextVerification: IsoDate | null,
  suspensions: readonly Suspension[],
): IsoDate | null {
  if (nextVerification === null) return null;
  let day = nextVerification;
  for (const s of [...suspensions].sort((a, b) => compareDates(a.from, b.from))) {
    if (compareDates(s.from, day) <= 0 && compareDates(day, s.to) <= 0) day = addDays(s.to, 1);
  }
  return day;
}

/** Whether a meter's verification has run out on `date` (its readings are then stored but not billed). */
export function isVerificationExpired(failsOn: IsoDate | null, date: IsoDate): boolean {
  return failsOn !== null && compareDates(date, failsOn) >= 0;
}

/** Meters whose next verification falls within `days` days from `today` (or already passed), for notices. */
export function isVerificationDue(nextVerification: IsoDate | null, today: IsoDate, days: number): boolean {
  return nextVerification !== null && compareDates(nextVerification, addDays(today, days)) <= 0;
}
