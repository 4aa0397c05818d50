/**
 * Billing periods and calendar dates, as strings, with integer day arithmetic.
 *
 * The billing period is one calendar month (RULES.md 1.1, п.37 Rules 354): 'YYYY-MM'.
 * Dates are ISO 'YYYY-MM-DD' strings. All date math runs on integer day numbers (days since
 * 1970-01-01, Howard Hinnant's days-from-civil algorithm), never on the JS Date object, so no
 * time zone or DST change can shift a day. Years 0001–9999 are accepted.
 */

/** A calendar month 'YYYY-MM'. */
export type BillingPeriod = string & { readonly __brand: 'BillingPeriod' };

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** Days of `period` that fall in an interval, and the length of the period. */
export type DayShare = { days: number; daysInPeriod: number };

const PERIOD_TEXT = /^(\d{4})-(\d{2})$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

// ── Periods ──────────────────────────────────────────────────────────────────────────────

/** Validates 'YYYY-MM' (month 01–12); throws RangeError naming the text ('2026-13', '2026-1'). */
export function parsePeriod(text: string): BillingPeriod {
  const m = PERIOD_TEXT.exec(text);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || year < MIN_YEAR || month < 1 || month > 12) {
    throw new RangeError(`Not a billing period 'YYYY-MM': ${JSON.stringify(text)}`);
  }
  return text as BillingPeriod;
}

/** Months since year 0: a period as one integer, so adding months is plain addition. */
function monthIndex(p: BillingPeriod): number {
  return Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
}

function periodFromIndex(index: number): BillingPeriod {
  const year = Math.floor(index / 12);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Period out of range: year ${year}`);
  return `${pad4(year)}-${pad2((index % 12) + 1)}` as BillingPeriod;
}

/** The period a date falls in: '2026-03-17' → '2026-03'. */
export function periodOf(date: IsoDate): BillingPeriod {
  return date.slice(0, 7) as BillingPeriod;
}

/** The next month: '2025-12' → '2026-01'. */
export function nextPeriod(p: BillingPeriod): BillingPeriod {
  return addPeriods(p, 1);
}

/** The previous month: '2026-01' → '2025-12'. */
export function prevPeriod(p: BillingPeriod): BillingPeriod {
  return addPeriods(p, -1);
}

/** `n` months later (earlier when n < 0). */
export function addPeriods(p: BillingPeriod, n: number): BillingPeriod {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Period offset must be an integer, got ${n}`);
  return periodFromIndex(monthIndex(p) + n);
}

/** Every period from `from` to `to`, both included; empty when from is after to. */
export function periodsBetween(from: BillingPeriod, to: BillingPeriod): BillingPeriod[] {
  const result: BillingPeriod[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) result.push(periodFromIndex(i));
  return result;
}

/** −1, 0 or 1 (the fixed-width text sorts like the calendar). */
export function comparePeriods(a: BillingPeriod, b: BillingPeriod): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first day of the period: '2026-02' → '2026-02-01'. */
export function firstDay(p: BillingPeriod): IsoDate {
  return `${p}-01` as IsoDate;
}

/** The last day of the period: '2024-02' → '2024-02-29'. */
export function lastDay(p: BillingPeriod): IsoDate {
  return `${p}-${pad2(daysInPeriod(p))}` as IsoDate;
}

/** Days in the month, Gregorian leap years: 2024-02 → 29, 2100-02 → 28, 2000-02 → 29. */
export function daysInPeriod(p: BillingPeriod): number {
  return daysInMonth(Number(p.slice(0, 4)), Number(p.slice(5, 7)));
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────

/** Validates 'YYYY-MM-DD' against the calendar; throws RangeError naming the text ('2026-02-30'). */
export function parseIsoDate(text: string): IsoDate {
  const m = DATE_TEXT.exec(text);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(text)}`);
  }
  return text as IsoDate;
}

/**
 * Day numbers of the dates seen, kept: a house's accounts ask for the same few dates (the period's ends, the
 * days of a change) again and again — a run converts them millions of times (docs/performance.md).
 */
const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 (cached; computeDayNumber does the arithmetic). */
function toDayNumber(date: IsoDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = computeDayNumber(date);
    if (dayNumbers.size > 100_000) dayNumbers.clear(); // a bound: dates are few, this never fills in practice
    dayNumbers.set(date, n);
  }
  return n;
}

/** Days since 1970-01-01 (Hinnant, days_from_civil). */
function computeDayNumber(date: IsoDate): number {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1; // [0, 365], March-based
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The date of a day number (Hinnant, civil_from_days). */
function fromDayNumber(z: number): IsoDate {
  const shifted = z + 719468;
  const era = Math.floor(shifted / 146097);
  const doe = shifted - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Date out of range: year ${y}`);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}` as IsoDate;
}

/** The date `n` days later (earlier when n < 0). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Day offset must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** b − a in days: ('2026-01-01', '2026-01-31') → 30. Add 1 for an inclusive count of days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** −1, 0 or 1 (the fixed-width text sorts like the calendar). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How many days of `period` lie within [from, to], both ends included; null = open end.
 * A resident registered on the 17th of a 31-day month counts 17..31 = 15 days.
 * Throws RangeError when from is after to.
 */
export function daysOverlap(period: BillingPeriod, from: IsoDate | null, to: IsoDate | null): number {
  if (from !== null && to !== null && from > to) {
    throw new RangeError(`Interval starts after it ends: ${from} > ${to}`);
  }
  const start = from !== null && from > firstDay(period) ? from : firstDay(period);
  const end = to !== null && to < lastDay(period) ? to : lastDay(period);
  return start > end ? 0 : daysBetween(start, end) + 1;
}

/**
 * The day share of `period` within [from, to] as two integers, not a fraction.
 * Formulas multiply by `days` and divide by `daysInPeriod` once, at the end: dividing first
 * (15/31 = 0.48387…) would round early and the kopecks of the line could come out wrong.
 */
export function dayFraction(period: BillingPeriod, from: IsoDate | null, to: IsoDate | null): DayShare {
  return { days: daysOverlap(period, from, to), daysInPeriod: daysInPeriod(period) };
}
