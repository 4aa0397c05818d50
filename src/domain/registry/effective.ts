/**
 * Effective-dated versions: a tariff, a consumption norm, a premise's area or a resident count is a list of
 * versions, each valid from a date to a date (both included; an open end is null). Billing asks which version
 * holds on a date, which pieces of a month each version covers (pro rata by days), and — after a retroactive
 * change — from which date the value changed, so it knows which closed periods to recalculate.
 *
 * All date comparisons are on 'YYYY-MM-DD' text, which sorts like the calendar (period.ts).
 */
import { Decimal } from '../decimal.js';
import type { ErrorDetail } from '../errors.js';
import { addDays, daysBetween, firstDay, lastDay, type BillingPeriod, type IsoDate } from '../period.js';

/** A value valid from `validFrom` to `validTo`, both included; `validTo` null = open-ended. */
export type Versioned = { validFrom: IsoDate; validTo: IsoDate | null };

/** The days `from`..`to` (both included) of a billing period that `version` covers; `days` = to − from + 1. */
export type PeriodPiece<T> = { version: T; from: IsoDate; to: IsoDate; days: number };

/** The new list of versions, or why the new version cannot be inserted. */
export type CloseAndOpenResult<T> = { ok: true; versions: T[] } | { ok: false; error: ErrorDetail };

const LAST_DATE = '9999-12-31' as IsoDate;

/** True when `v` is in force on `date`. */
function covers(v: Versioned, date: IsoDate): boolean {
  return v.validFrom <= date && (v.validTo === null || date <= v.validTo);
}

/** Versions sorted by validFrom (a copy; the input is not touched). */
function byStart<T extends Versioned>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

/** The version in force on `date`, or undefined; should versions overlap, the one that started last wins. */
export function versionAt<T extends Versioned>(versions: readonly T[], date: IsoDate): T | undefined {
  let found: T | undefined;
  for (const v of versions) {
    if (covers(v, date) && (found === undefined || v.validFrom > found.validFrom)) found = v;
  }
  return found;
}

/** True when the two validity intervals share at least one day. */
export function overlaps(a: Versioned, b: Versioned): boolean {
  return (b.validTo === null || a.validFrom <= b.validTo) && (a.validTo === null || b.validFrom <= a.validTo);
}

/** Every pair of versions that share a day, [earlier start, later start]; empty when the list is consistent. */
export function findOverlaps<T extends Versioned>(versions: readonly T[]): [T, T][] {
  const sorted = byStart(versions);
  const pairs: [T, T][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (a.validTo !== null && b.validFrom > a.validTo) break; // sorted: no later version can start earlier
      pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * The pieces of `period` each version covers, in date order; versions with no day in the period are left out.
 * Days no version covers are simply missing (the caller compares Σ days with the days of the period).
 */
export function versionsInPeriod<T extends Versioned>(
  versions: readonly T[],
  period: BillingPeriod,
): PeriodPiece<T>[] {
  const start = firstDay(period);
  const end = lastDay(period);
  const pieces: PeriodPiece<T>[] = [];
  for (const version of byStart(versions)) {
    const from = version.validFrom > start ? version.validFrom : start;
    const to = version.validTo !== null && version.validTo < end ? version.validTo : end;
    if (from <= to) pieces.push({ version, from, to, days: daysBetween(from, to) + 1 });
  }
  return pieces;
}

/**
 * Inserts an open-ended `newVersion` from date D: the open version in force is closed on D − 1 day. Refused
 * (an ErrorDetail, the list untouched) when `newVersion` has an end date, when D is not after the open
 * version's validFrom, or — with no open version — when D is not after the last version's end.
 * Returns a new list sorted by validFrom; the input is not changed.
 */
export function closeAndOpen<T extends Versioned>(
  versions: readonly T[],
  newVersion: T,
): CloseAndOpenResult<T> {
  const d = newVersion.validFrom;
  if (newVersion.validTo !== null) {
    return { ok: false, error: { field: 'validTo', problem: 'новая версия должна быть бессрочной' } };
  }
  const open = versions.filter((v) => v.validTo === null);
  if (open.length > 1) {
    const problem = 'у ключа несколько бессрочных версий: сначала устраните пересечение';
    return { ok: false, error: { field: 'validFrom', problem } };
  }
  const current = open[0];
  if (current !== undefined) {
    if (d <= current.validFrom) {
      const problem = `дата начала ${d} должна быть позже начала действующей версии ${current.validFrom}`;
      return { ok: false, error: { field: 'validFrom', problem } };
    }
    const closed: T = { ...current, validTo: addDays(d, -1) };
    return {
      ok: true,
      versions: [...byStart(versions.map((v) => (v === current ? closed : v))), newVersion],
    };
  }
  const lastEnd = versions.reduce<IsoDate | null>(
    (max, v) => (v.validTo !== null && (max === null || v.validTo > max) ? v.validTo : max),
    null,
  );
  if (lastEnd !== null && d <= lastEnd) {
    const problem = `дата начала ${d} должна быть позже окончания последней версии ${lastEnd}`;
    return { ok: false, error: { field: 'validFrom', problem } };
  }
  return { ok: true, versions: [...byStart(versions), newVersion] };
}

/** Deep equality of plain data: primitives, arrays, objects by own keys; Decimal by value (1.50 = 1.5). */
function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x === 'number' && typeof y === 'number') return Number.isNaN(x) && Number.isNaN(y);
  if (x instanceof Decimal && y instanceof Decimal) return x.eq(y);
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((item, i) => deepEqual(item, y[i]));
  }
  const xr = x as Record<string, unknown>;
  const yr = y as Record<string, unknown>;
  const keys = Object.keys(xr);
  return (
    keys.length === Object.keys(yr).length &&
    keys.every((k) => Object.hasOwn(yr, k) && deepEqual(xr[k], yr[k]))
  );
}

/** Equal in every field but validFrom and validTo (deep; Decimal by value): the default of earliestAffectedDate. */
export function sameExceptDates(a: Versioned, b: Versioned): boolean {
  const { validFrom: _af, validTo: _at, ...restA } = a;
  const { validFrom: _bf, validTo: _bt, ...restB } = b;
  return deepEqual(restA, restB);
}

/**
 * The first date on which the value in force differs between two lists of versions of one key, or null when
 * every date has the same value (a version split in two with equal values changes nothing). A date with a
 * version in one list and none in the other differs. `same` compares two versions' values. The default,
 * `sameExceptDates`, compares every other field, row ids and audit fields too: for stored rows pass the
 * value fields, e.g. `(a, b) => a.price.eq(b.price)`.
 * The value can change only where some version starts or the day after one ends, so only those dates are tried.
 */
export function earliestAffectedDate<T extends Versioned>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean = sameExceptDates,
): IsoDate | null {
  const boundaries = new Set<IsoDate>();
  for (const v of [...before, ...after]) {
    boundaries.add(v.validFrom);
    if (v.validTo !== null && v.validTo < LAST_DATE) boundaries.add(addDays(v.validTo, 1));
  }
  for (const date of [...boundaries].sort()) {
    const a = versionAt(before, date);
    const b = versionAt(after, date);
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined || !same(a, b)) return date;
  }
  return null;
}
