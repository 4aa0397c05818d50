import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from './decimal.js';
import { kop, toKopecks } from './money.js';
import {
  addDays,
  addPeriods,
  comparePeriods,
  dayFraction,
  daysBetween,
  daysInPeriod,
  daysOverlap,
  firstDay,
  lastDay,
  nextPeriod,
  parseIsoDate,
  parsePeriod,
  periodOf,
  periodsBetween,
  prevPeriod,
} from './period.js';

const p = parsePeriod;
const day = parseIsoDate;
const dayOrNull = (s: string | null) => (s === null ? null : day(s));

describe('parsePeriod', () => {
  it.each(['2026-01', '2026-12', '0001-01', '9999-12'])('accepts %j', (text) => {
    expect(p(text)).toBe(text);
  });
  it.each([
    '2026-13',
    '2026-1',
    '26-01',
    '2026-00',
    '2026-01-01',
    '',
    ' 2026-01',
    '2026/01',
    '0000-01',
    '２０２６-01',
  ])('rejects %j with a RangeError naming the text', (text) => {
    expect(() => p(text)).toThrow(RangeError);
    expect(() => p(text)).toThrow(JSON.stringify(text));
  });
});

describe('parseIsoDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('accepts %j', (text) => {
    expect(day(text)).toBe(text);
  });
  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is not a leap year
    '2100-02-29', // divisible by 100, not by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '2026-01-1',
    '20260101',
    '2026-01-01T00:00',
    '',
  ])('rejects %j with a RangeError naming the text', (text) => {
    expect(() => day(text)).toThrow(RangeError);
    expect(() => day(text)).toThrow(JSON.stringify(text));
  });
});

describe('period arithmetic', () => {
  it.each([
    // period, days, first day, last day
    ['2024-02', 29, '2024-02-01', '2024-02-29'],
    ['2026-02', 28, '2026-02-01', '2026-02-28'],
    ['2100-02', 28, '2100-02-01', '2100-02-28'],
    ['2000-02', 29, '2000-02-01', '2000-02-29'],
    ['1900-02', 28, '1900-02-01', '1900-02-28'],
    ['2026-01', 31, '2026-01-01', '2026-01-31'],
    ['2026-04', 30, '2026-04-01', '2026-04-30'],
    ['2026-12', 31, '2026-12-01', '2026-12-31'],
  ])('%s has %i days, %s..%s', (period, days, first, last) => {
    expect(daysInPeriod(p(period))).toBe(days);
    expect(firstDay(p(period))).toBe(first);
    expect(lastDay(p(period))).toBe(last);
  });

  it('every month of 2026 has its calendar length (30 days hath September, April, June and November)', () => {
    const lengths = periodsBetween(p('2026-01'), p('2026-12')).map(daysInPeriod);
    expect(lengths).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('lastDay agrees with Date.UTC(y, m, 0) for any month (an independent oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const period = p(`${y}-${String(m).padStart(2, '0')}`);
        expect(lastDay(period)).toBe(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
      }),
    );
  });

  it.each([
    // period, n, result — by hand
    ['2025-12', 1, '2026-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -15, '2024-12'], // −12 → 2025-03, −3 more → 2024-12
    ['2026-03', 24, '2028-03'],
    ['2026-03', 0, '2026-03'],
    ['2026-11', 14, '2028-01'],
  ])('addPeriods(%s, %i) = %s', (period, n, result) => {
    expect(addPeriods(p(period), n)).toBe(result);
  });

  it('nextPeriod and prevPeriod cross the year', () => {
    expect(nextPeriod(p('2025-12'))).toBe('2026-01');
    expect(prevPeriod(p('2026-01'))).toBe('2025-12');
  });

  it.each([
    ['9999-12', 1],
    ['0001-01', -1],
    ['2026-01', 1.5],
  ])('addPeriods(%s, %s) throws a RangeError', (period, n) => {
    expect(() => addPeriods(p(period), n)).toThrow(RangeError);
  });

  it.each([
    ['2025-11', '2026-02', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-03', '2026-03', ['2026-03']],
    ['2026-04', '2026-03', []],
  ])('periodsBetween(%s, %s) = %j', (from, to, list) => {
    expect(periodsBetween(p(from), p(to))).toEqual(list);
  });

  it.each([
    ['2025-12', '2026-01', -1],
    ['2026-01', '2026-01', 0],
    ['2026-10', '2026-09', 1],
  ])('comparePeriods(%s, %s) = %i', (a, b, c) => {
    expect(comparePeriods(p(a), p(b))).toBe(c);
  });

  it('periodOf takes the month of a date', () => {
    expect(periodOf(day('2026-03-17'))).toBe('2026-03');
  });
});

describe('date arithmetic on integer day numbers', () => {
  it.each([
    // date, n, result — by hand
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2000-02-28', 2, '2000-03-01'], // 2000 is a leap year: 02-29, 03-01
    ['2100-02-28', 1, '2100-03-01'], // 2100 is not
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1969-12-31', 1, '1970-01-01'],
    ['2026-03-29', 1, '2026-03-30'], // a DST night in Europe: no effect on day numbers
  ])('addDays(%s, %i) = %s', (date, n, result) => {
    expect(addDays(day(date), n)).toBe(result);
    expect(daysBetween(day(date), day(result))).toBe(n);
  });

  it.each([
    // a, b, b − a — by hand
    ['2026-01-01', '2026-01-31', 30],
    ['2026-03-17', '2026-03-31', 14],
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['1970-01-01', '2000-01-01', 10957], // 30·365 + 7 leap days (1972…1996)
    ['2000-03-01', '2100-03-01', 36524], // 100·365 + 24 leap days (2004…2096; 2100 is not one)
    ['2026-01-31', '2026-01-01', -30],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(day(a), day(b))).toBe(n);
  });

  it('addDays rejects a fractional offset and leaving years 0001–9999', () => {
    expect(() => addDays(day('2026-01-01'), 0.5)).toThrow(RangeError);
    expect(() => addDays(day('9999-12-31'), 1)).toThrow(RangeError);
    expect(() => addDays(day('0001-01-01'), -1)).toThrow(RangeError);
  });

  it('addDays agrees with Date.UTC (an independent, UTC-only oracle)', () => {
    const dateArb = fc
      .date({
        min: new Date('1000-01-01T00:00:00Z'),
        max: new Date('8000-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((x) => x.toISOString().slice(0, 10));
    fc.assert(
      // ±300000 days ≈ ±821 years keeps the results inside years 0001–9999
      fc.property(dateArb, fc.integer({ min: -300000, max: 300000 }), (date, n) => {
        const [y, m, dd] = date.split('-').map(Number) as [number, number, number];
        const expected = new Date(Date.UTC(y, m - 1, dd + n)).toISOString().slice(0, 10);
        expect(addDays(day(date), n)).toBe(expected);
        expect(daysBetween(day(date), day(expected))).toBe(n);
      }),
    );
  });
});

describe('daysOverlap: days of the period inside [from, to], both ends included', () => {
  it.each([
    // period, from, to, days — by hand
    ['2026-03', '2026-03-17', null, 15], // registered on the 17th of a 31-day month: 17..31
    ['2026-03', null, null, 31],
    ['2026-03', null, '2026-03-10', 10], // 1..10
    ['2026-03', '2026-03-05', '2026-03-09', 5], // 5, 6, 7, 8, 9
    ['2026-03', '2026-03-31', '2026-03-31', 1],
    ['2026-03', '2026-02-15', '2026-04-15', 31], // covers the whole month
    ['2026-03', '2026-02-01', '2026-02-28', 0], // ends before the month
    ['2026-03', '2026-04-01', null, 0], // starts after the month
    ['2026-03', null, '2026-02-28', 0],
    ['2024-02', '2024-02-10', null, 20], // 10..29 in a leap February
    ['2026-02', '2026-02-10', null, 19], // 10..28
  ])('%s within [%s, %s] = %i days', (period, from, to, days) => {
    expect(daysOverlap(p(period), dayOrNull(from), dayOrNull(to))).toBe(days);
  });

  it('throws a RangeError when the interval starts after it ends', () => {
    expect(() => daysOverlap(p('2026-03'), day('2026-03-10'), day('2026-03-09'))).toThrow(RangeError);
  });

  it('dayFraction returns two integers, so the formula divides once at the end', () => {
    const share = dayFraction(p('2026-03'), day('2026-03-17'), null);
    expect(share).toEqual({ days: 15, daysInPeriod: 31 });
    // 1,000.00 ₽ for 15 of 31 days: 15000 / 31 = 483.870967… → 483.87 ₽ (multiply, then divide once)
    const monthly = Decimal.parse('1000.00');
    const exact = monthly.mul(Decimal.fromInt(share.days)).div(Decimal.fromInt(share.daysInPeriod), 10);
    expect(toKopecks(exact)).toBe(kop(48387));
    // Dividing first to 4 digits, 15/31 ≈ 0.4839, gives 483.90 ₽: 3 kopecks off.
    const early = Decimal.fromInt(15).div(Decimal.fromInt(31), 4).mul(monthly);
    expect(toKopecks(early)).toBe(kop(48390));
  });
});
