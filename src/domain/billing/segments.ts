/**
 * Pro rata by days (RULES.md preamble; issue 6 "Pro rata by days"): the days of a period are cut wherever
 * any input changes — a tariff or norm version, the increasing coefficient, the residents count, the area,
 * the supplier, the account's opening or closing — and each piece is priced with the values in force on it.
 */
import { addDays, daysBetween, firstDay, lastDay, type BillingPeriod, type IsoDate } from '../period.js';
import type { Dated } from './types.js';

/** Days `from`..`to`, both included. */
export type DayRange = { from: IsoDate; to: IsoDate; days: number };

/** The part of `period` within [from, to] (null = open end), or null when they do not meet. */
export function windowIn(period: BillingPeriod, from: IsoDate | null, to: IsoDate | null): DayRange | null {
  const start = from !== null && from > firstDay(period) ? from : firstDay(period);
  const end = to !== null && to < lastDay(period) ? to : lastDay(period);
  return start > end ? null : { from: start, to: end, days: daysBetween(start, end) + 1 };
}

/** The intersection of two day ranges, or null. */
export function intersect(a: DayRange, b: { from: IsoDate; to: IsoDate | null }): DayRange | null {
  const from = a.from > b.from ? a.from : b.from;
  const to = b.to !== null && b.to < a.to ? b.to : a.to;
  return from > to ? null : { from, to, days: daysBetween(from, to) + 1 };
}

/** Start days of the changes that `items` bring into `range` (each start, and each end + 1 day). */
export function cutsOf(items: readonly Dated[], range: DayRange): IsoDate[] {
  const cuts: IsoDate[] = [];
  for (const it of items) {
    if (it.validFrom > range.from && it.validFrom <= range.to) cuts.push(it.validFrom);
    if (it.validTo !== null && it.validTo >= range.from && it.validTo < range.to)
      cuts.push(addDays(it.validTo, 1));
  }
  return cuts;
}

/** Cuts `range` at the given start days (duplicates and days outside are ignored), in date order. */
export function split(range: DayRange, cuts: readonly IsoDate[]): DayRange[] {
  if (cuts.length === 0) return [range]; // the common case: nothing changes inside the range
  const starts = [...new Set(cuts.filter((c) => c > range.from && c <= range.to))].sort();
  const pieces: DayRange[] = [];
  let from = range.from;
  for (const s of starts) {
    const to = addDays(s, -1);
    pieces.push({ from, to, days: daysBetween(from, to) + 1 });
    from = s;
  }
  pieces.push({ from, to: range.to, days: daysBetween(from, range.to) + 1 });
  return pieces;
}

/** A day range as a `Dated` (for cutsOf). */
export const asDated = (r: { from: IsoDate; to: IsoDate }): Dated => ({ validFrom: r.from, validTo: r.to });
