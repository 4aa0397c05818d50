import { describe, it, expect } from 'vitest';
import { Decimal } from '../decimal.js';
import { daysInPeriod, parseIsoDate, parsePeriod } from '../period.js';
import {
  closeAndOpen,
  findOverlaps,
  overlaps,
  versionAt,
  versionsInPeriod,
  type Versioned,
} from './effective.js';

const day = parseIsoDate;
type Tariff = Versioned & { id: string; price: Decimal };
/** 'A 2026-01-01..2026-06-30 110' → version A with price 110; an empty end is open; the price defaults to 100. */
const v = (text: string): Tariff => {
  const [id = '', range = '', price = '100'] = text.split(' ');
  const [from = '', to = ''] = range.split('..');
  return { id, validFrom: day(from), validTo: to === '' ? null : day(to), price: Decimal.parse(price) };
};
const vs = (...texts: string[]): Tariff[] => texts.map(v);
/** A version as 'A 2026-01-01..2026-06-30' (open: 'A 2026-07-01..'). */
const show = (x: Tariff): string => `${x.id} ${x.validFrom}..${x.validTo ?? ''}`;

describe('versionAt', () => {
  const july = vs('A 2026-01-01..2026-06-30', 'B 2026-07-01..');
  const gap = vs('C 2026-01-01..2026-03-31', 'D 2026-05-01..');
  it.each([
    ['july', july, '2025-12-31', undefined],
    ['july', july, '2026-01-01', 'A'],
    ['july', july, '2026-06-30', 'A'], // validTo is included
    ['july', july, '2026-07-01', 'B'],
    ['july', july, '9999-12-31', 'B'], // open-ended
    ['gap', gap, '2026-03-31', 'C'],
    ['gap', gap, '2026-04-15', undefined], // nothing in force in April
    ['gap', gap, '2026-05-01', 'D'],
    ['empty', [], '2026-05-01', undefined],
  ])('%s: on %s → %s', (_name, versions, date, id) => expect(versionAt(versions, day(date))?.id).toBe(id));

  it('with overlapping versions the one that started last wins', () => {
    const list = vs('late 2026-03-01..', 'early 2026-01-01..');
    expect(versionAt(list, day('2026-02-28'))?.id).toBe('early');
    expect(versionAt(list, day('2026-03-01'))?.id).toBe('late');
  });
});

describe('overlaps', () => {
  it.each([
    ['a 2026-01-01..2026-06-30', 'b 2026-07-01..', false], // touching: 30 June, then 1 July
    ['a 2026-01-01..2026-07-01', 'b 2026-07-01..', true], // 1 July in both
    ['a 2026-01-01..', 'b 2030-01-01..', true], // two open ends always overlap
    ['a 2026-03-01..2026-03-31', 'b 2026-01-01..2026-02-28', false],
    ['a 2026-01-01..2026-12-31', 'b 2026-05-01..2026-05-01', true], // one day inside
    ['a 2026-01-01..2026-01-01', 'b 2026-01-01..2026-01-01', true],
  ])('%s and %s → %s, either way round', (a, b, expected) => {
    expect(overlaps(v(a), v(b))).toBe(expected);
    expect(overlaps(v(b), v(a))).toBe(expected);
  });
});

describe('findOverlaps', () => {
  it.each([
    ['a consistent history', ['B 2026-07-01..', 'A 2026-01-01..2026-06-30'], []],
    // B overlaps A on 15–30 June and, being open, C in September; A and C do not meet.
    [
      'pairs, earlier start first, whatever the input order',
      ['C 2026-09-01..2026-09-30', 'B 2026-06-15..', 'A 2026-01-01..2026-06-30'],
      ['A+B', 'B+C'],
    ],
    ['two open versions', ['A 2026-01-01..', 'B 2027-01-01..'], ['A+B']],
  ])('%s', (_name, texts, pairs) => {
    expect(findOverlaps(vs(...texts)).map(([a, b]) => `${a.id}+${b.id}`)).toEqual(pairs);
  });
});

describe('versionsInPeriod', () => {
  it.each([
    // A tariff change from 1 July: July has 31 days — 0 of the old tariff (left out), 31 of the new.
    ['from 1 July, July', ['A 2026-01-01..2026-06-30', 'B 2026-07-01..'], '2026-07', ['B 07-01..07-31 31']],
    ['from 1 July, June', ['A 2026-01-01..2026-06-30', 'B 2026-07-01..'], '2026-06', ['A 06-01..06-30 30']],
    // A change on the 17th of a 30-day month: 1–16 September = 16 days, 17–30 = 14 days; 16 + 14 = 30.
    [
      'from 17 September (input unsorted)',
      ['B 2026-09-17..', 'A 2026-01-01..2026-09-16'],
      '2026-09',
      ['A 09-01..09-16 16', 'B 09-17..09-30 14'],
    ],
    // Leap February: 1–14 = 14 days, 15–29 = 15 days; 14 + 15 = 29.
    [
      'from 15 February 2024',
      ['A 2023-01-01..2024-02-14', 'B 2024-02-15..'],
      '2024-02',
      ['A 02-01..02-14 14', 'B 02-15..02-29 15'],
    ],
    // A gap 11–20 March (10 days) is simply missing: 10 + 11 = 21 of 31 days covered.
    [
      'a gap',
      ['A 2026-01-01..2026-03-10', 'B 2026-03-21..'],
      '2026-03',
      ['A 03-01..03-10 10', 'B 03-21..03-31 11'],
    ],
    ['one day', ['A 2026-03-05..2026-03-05'], '2026-03', ['A 03-05..03-05 1']],
    ['outside the period', ['A 2026-01-01..2026-02-28', 'B 2026-04-01..'], '2026-03', []],
    ['no versions', [], '2026-03', []],
  ])('%s', (_name, texts, period, expected) => {
    const pieces = versionsInPeriod(vs(...texts), parsePeriod(period));
    // Shown as 'A 07-01..07-31 31': the month-day of from and to, and the days.
    expect(pieces.map((p) => `${p.version.id} ${p.from.slice(5)}..${p.to.slice(5)} ${p.days}`)).toEqual(
      expected,
    );
  });

  it('gives the day shares for a pro rata charge', () => {
    // 100 ₽ for 16 days and 110 ₽ for 14 days of a 30-day September, of 1 unit:
    // (100·16 + 110·14) / 30 = (1600 + 1540) / 30 = 3140 / 30 = 104.666… → 104.67
    const list = vs('A 2026-01-01..2026-09-16 100', 'B 2026-09-17.. 110');
    const period = parsePeriod('2026-09');
    const total = Decimal.sum(
      versionsInPeriod(list, period).map((p) => p.version.price.mul(Decimal.fromInt(p.days))),
    );
    expect(total.div(Decimal.fromInt(daysInPeriod(period)), 2).toFixed(2)).toBe('104.67');
  });
});

describe('closeAndOpen', () => {
  it.each([
    ['from 1 July', ['A 2026-01-01..'], 'B 2026-07-01..', ['A 2026-01-01..2026-06-30', 'B 2026-07-01..']],
    [
      'from 1 March of a leap year: closed on 29 February',
      ['A 2024-01-01..'],
      'B 2024-03-01..',
      ['A 2024-01-01..2024-02-29', 'B 2024-03-01..'],
    ],
    [
      'from 1 March of a common year: closed on 28 February',
      ['A 2026-01-01..'],
      'B 2026-03-01..',
      ['A 2026-01-01..2026-02-28', 'B 2026-03-01..'],
    ],
    [
      'from 1 January: closed on 31 December',
      ['A 2026-05-01..'],
      'B 2027-01-01..',
      ['A 2026-05-01..2026-12-31', 'B 2027-01-01..'],
    ],
    [
      'the day after the start: a one-day version remains',
      ['A 2026-05-01..'],
      'B 2026-05-02..',
      ['A 2026-05-01..2026-05-01', 'B 2026-05-02..'],
    ],
    [
      'closed history is kept and sorted',
      ['B 2026-04-01..', 'A 2026-01-01..2026-03-31'],
      'C 2026-10-17..',
      ['A 2026-01-01..2026-03-31', 'B 2026-04-01..2026-10-16', 'C 2026-10-17..'],
    ],
    ['the first version', [], 'A 2026-01-01..', ['A 2026-01-01..']],
    [
      'no open version: right after the last end',
      ['A 2026-01-01..2026-06-30'],
      'B 2026-07-01..',
      ['A 2026-01-01..2026-06-30', 'B 2026-07-01..'],
    ],
    [
      'no open version: after a gap',
      ['A 2026-01-01..2026-06-30'],
      'B 2026-08-01..',
      ['A 2026-01-01..2026-06-30', 'B 2026-08-01..'],
    ],
  ])('%s', (_name, texts, next, expected) => {
    const result = closeAndOpen(vs(...texts), v(next));
    expect(result.ok ? result.versions.map(show) : result.error).toEqual(expected);
  });

  it.each([
    [
      'the same start as the open version',
      ['A 2026-07-01..'],
      'B 2026-07-01..',
      'validFrom',
      'дата начала 2026-07-01 должна быть позже начала действующей версии 2026-07-01',
    ],
    [
      'a start before the open version',
      ['A 2026-07-01..'],
      'B 2026-06-01..',
      'validFrom',
      'дата начала 2026-06-01 должна быть позже начала действующей версии 2026-07-01',
    ],
    [
      'a start inside a closed history',
      ['A 2026-01-01..2026-06-30'],
      'B 2026-06-30..',
      'validFrom',
      'дата начала 2026-06-30 должна быть позже окончания последней версии 2026-06-30',
    ],
    [
      'a new version with an end',
      ['A 2026-01-01..'],
      'B 2026-07-01..2026-12-31',
      'validTo',
      'новая версия должна быть бессрочной',
    ],
    [
      'two open versions',
      ['A 2026-01-01..', 'B 2026-03-01..'],
      'C 2026-07-01..',
      'validFrom',
      'у ключа несколько бессрочных версий: сначала устраните пересечение',
    ],
  ])('refuses %s', (_name, texts, next, field, problem) => {
    expect(closeAndOpen(vs(...texts), v(next))).toEqual({ ok: false, error: { field, problem } });
  });

  it('does not change its input', () => {
    const a = Object.freeze(v('A 2026-01-01..'));
    const list = Object.freeze([a]);
    expect(closeAndOpen(list, v('B 2026-07-01..')).ok).toBe(true);
    expect(a.validTo).toBeNull();
    expect(list).toEqual([a]);
  });
});
