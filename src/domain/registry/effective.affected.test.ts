import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../decimal.js';
import { addDays, parseIsoDate, type IsoDate } from '../period.js';
import { earliestAffectedDate, sameExceptDates, versionAt, type Versioned } from './effective.js';

const day = parseIsoDate;
type Tariff = Versioned & { id: string; price: Decimal };
/** 'A 2026-01-01..2026-06-30 110' → version A with price 110; an empty end is open; the price defaults to 100. */
const v = (text: string): Tariff => {
  const [id = '', range = '', price = '100'] = text.split(' ');
  const [from = '', to = ''] = range.split('..');
  return { id, validFrom: day(from), validTo: to === '' ? null : day(to), price: Decimal.parse(price) };
};
const vs = (...texts: string[]): Tariff[] => texts.map(v);
const samePrice = (a: Tariff, b: Tariff) => a.price.eq(b.price);

describe('earliestAffectedDate', () => {
  it.each([
    ['nothing changed', ['A 2026-01-01.. 100'], ['A 2026-01-01.. 100'], null],
    ['both empty', [], [], null],
    ['a split with the same value', ['A 2026-01-01..'], ['A 2026-01-01..2026-06-30', 'A 2026-07-01..'], null],
    [
      'the same price at another scale (100.00 = 100)',
      ['A 2026-01-01.. 100'],
      ['A 2026-01-01.. 100.00'],
      null,
    ],
    // The tariff goes up retroactively from 1 July: June and earlier keep their charges, July on is recalculated.
    [
      'a retroactive tariff change from 1 July',
      ['A 2026-01-01.. 100'],
      ['A 2026-01-01..2026-06-30 100', 'A 2026-07-01.. 110'],
      '2026-07-01',
    ],
    [
      'the price of the whole version corrected',
      ['A 2026-01-01.. 100'],
      ['A 2026-01-01.. 105'],
      '2026-01-01',
    ],
    [
      'a version added before all others',
      ['A 2026-01-01..'],
      ['Z 2025-10-01..2025-12-31 90', 'A 2026-01-01..'],
      '2025-10-01',
    ],
    [
      'a version removed',
      ['A 2026-01-01..2026-06-30 100', 'B 2026-07-01.. 110'],
      ['A 2026-01-01..'],
      '2026-07-01',
    ],
    // Shortened: 1–31 October still equal; from 1 November the new list has nothing.
    ['an end moved earlier', ['A 2026-01-01..2026-12-31'], ['A 2026-01-01..2026-10-31'], '2026-11-01'],
    ['an end moved later', ['A 2026-01-01..2026-10-31'], ['A 2026-01-01..2026-12-31'], '2026-11-01'],
    ['a start moved later', ['A 2026-01-01..'], ['A 2026-02-01..'], '2026-01-01'],
    ['a start moved earlier', ['A 2026-02-01..'], ['A 2026-01-01..'], '2026-01-01'],
    ['an end on the last date equals an open end', ['A 2026-01-01..9999-12-31'], ['A 2026-01-01..'], null],
  ])('%s', (_name, before, after, expected) => {
    expect(earliestAffectedDate(vs(...before), vs(...after))).toBe(expected);
  });

  it('the default compares every non-date field, row ids too: pass `same` for stored rows', () => {
    // Rows A and B with the same price: by default the id differs from 1 July; by price nothing changed.
    const before = vs('A 2026-01-01..');
    const split = vs('A 2026-01-01..2026-06-30', 'B 2026-07-01..');
    expect(earliestAffectedDate(before, split)).toBe('2026-07-01');
    expect(earliestAffectedDate(before, split, samePrice)).toBeNull();
  });

  it('sameExceptDates ignores the dates and compares nested data, Decimal by value', () => {
    const a = {
      validFrom: day('2026-01-01'),
      validTo: null,
      zones: [{ name: 'day', price: Decimal.parse('5.5') }],
    };
    const b = { ...a, validFrom: day('2026-03-01'), validTo: day('2026-12-31') };
    const b2 = { ...b, zones: [{ name: 'day', price: Decimal.parse('5.50') }] };
    const c = { ...b, zones: [{ name: 'day', price: Decimal.parse('5.51') }] };
    const d = { ...b, zones: [...b.zones, { name: 'night', price: Decimal.parse('3') }] };
    const withExtra: Versioned & { zones: unknown; extra?: number } = { ...a, extra: 1 };
    expect(sameExceptDates(a, b)).toBe(true);
    expect(sameExceptDates(a, b2)).toBe(true);
    expect(sameExceptDates(a, c)).toBe(false);
    expect(sameExceptDates(a, d)).toBe(false);
    expect(sameExceptDates(a, withExtra)).toBe(false);
  });

  // Property: the answer is the first day on which a day-by-day scan of both lists sees different prices.
  // Histories start within 60 days of 1 January 2026 and end at most 5 days after the last start (or never),
  // so beyond day 70 nothing changes any more.
  const start = day('2026-01-01');
  const history = fc
    .record({
      starts: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
      prices: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
      gaps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
      lastLength: fc.option(fc.integer({ min: 0, max: 5 })),
    })
    .map(({ starts, prices, gaps, lastLength }) => {
      const sorted = [...starts].sort((x, y) => x - y);
      return sorted.map((s, i): Tariff => {
        const next = sorted[i + 1];
        const end =
          next !== undefined ? Math.max(s, next - 1 - gaps[i]!) : lastLength === null ? null : s + lastLength;
        return {
          id: String(i),
          validFrom: addDays(start, s),
          validTo: end === null ? null : addDays(start, end),
          price: Decimal.fromInt(prices[i]!),
        };
      });
    });
  const scan = (before: Tariff[], after: Tariff[]): IsoDate | null => {
    for (let i = -1; i <= 70; i++) {
      const date = addDays(start, i);
      if (versionAt(before, date)?.price.toString() !== versionAt(after, date)?.price.toString()) return date;
    }
    return null;
  };

  it('agrees with a day-by-day scan, and is symmetric', () => {
    fc.assert(
      fc.property(history, history, (before, after) => {
        const found = earliestAffectedDate(before, after, samePrice);
        expect(found).toBe(scan(before, after));
        expect(earliestAffectedDate(after, before, samePrice)).toBe(found);
        expect(earliestAffectedDate(before, before)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
