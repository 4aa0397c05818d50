import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from './decimal.js';
import { formatRubles, kop, parseRubles, rubles, sumKopecks, toKopecks } from './money.js';

const d = (s: string): Decimal => Decimal.parse(s);
const NBSP = '\u00a0';

describe('kop', () => {
  it.each([0, -5, 123456, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])('accepts %s', (n) => {
    expect(kop(n)).toBe(n);
  });
  it.each([1.5, 0.1, Number.NaN, Infinity, 2 ** 53])('rejects %s with a RangeError', (n) => {
    expect(() => kop(n)).toThrow(RangeError);
  });
});

describe('toKopecks: one rounding per line, half-up (RULES.md preamble)', () => {
  it.each([
    // how the rubles are computed, the exact rubles by hand, kopecks
    ['RULES 1.1: 7.333 × 45.67', () => d('7.333').mul(d('45.67')), '334.89811', 33490],
    [
      'RULES 1.2: 3 × 4.32 × 45.67, K = 1',
      () => Decimal.fromInt(3).mul(d('4.32')).mul(d('45.67')),
      '591.8832',
      59188,
    ],
    ['RULES 1.2: K = 1.5', () => d('3').mul(d('4.32')).mul(d('1.5')).mul(d('45.67')), '887.8248', 88782],
    ['RULES 1.2: K = 3', () => d('3').mul(d('4.32')).mul(d('3')).mul(d('45.67')), '1775.6496', 177565],
    // RULES 1.3: average 31.6 / 6 = 5.2666…; the charge 31.6 × 45.67 / 6 = 1443.172 / 6 = 240.528666…
    // (the example prints 240.5267, a typo for 240.5287; both round to 240.53). Multiply first, divide once:
    ['RULES 1.3: 31.6 × 45.67 / 6', () => d('31.6').mul(d('45.67')).div(d('6'), 10), '240.5286666667', 24053],
    [
      'RULES 1.3: volume rounded first, 5.2667 × 45.67',
      () => d('5.2667').mul(d('45.67')),
      '240.530189',
      24053,
    ],
    ['RULES 1.4: 7.46667 × 45.67', () => d('7.46667').mul(d('45.67')), '341.0028189', 34100],
  ])('%s = %s ₽ → %i kop', (_name, compute, exact, kopecks) => {
    const value = compute();
    expect(value.eq(d(exact))).toBe(true);
    expect(toKopecks(value)).toBe(kopecks);
  });

  it.each([
    // rubles, kopecks — exact halves go away from zero; floats get 0.285, 0.575, 1.005, 2.675 wrong
    ['0.285', 29],
    ['0.575', 58],
    ['1.005', 101],
    ['2.675', 268],
    ['-0.005', -1],
    ['-2.675', -268],
    ['334.895', 33490],
    ['0.004999', 0],
    ['-0.004', 0],
    ['0.1', 10],
    ['12', 1200],
  ])('%s ₽ → %i kop', (value, kopecks) => {
    expect(toKopecks(d(value))).toBe(kopecks);
  });

  it('documents the float traps it avoids (STACK-FACTS "Money arithmetic")', () => {
    expect((0.285).toFixed(2)).toBe('0.28');
    expect(Math.round(0.575 * 100)).toBe(57);
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toKopecks(d('0.1').add(d('0.2')))).toBe(30);
  });

  it('throws when the kopecks leave the safe-integer range', () => {
    expect(() => toKopecks(d('90071992547409.92'))).toThrow(RangeError);
  });
});

describe('rubles', () => {
  it.each([
    [12345, '123.45'],
    [-1, '-0.01'],
    [0, '0.00'],
    [100, '1.00'],
  ])('%i kop = %s ₽', (k, text) => {
    expect(rubles(kop(k)).toFixed(2)).toBe(text);
    expect(rubles(kop(k)).scale).toBe(2);
  });

  it('round-trips every kopeck amount through toKopecks', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(toKopecks(rubles(kop(n)))).toBe(n);
      }),
    );
  });
});

describe('formatRubles (no-break space between groups, comma before kopecks)', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [100, '1,00'],
    [99999, '999,99'],
    [123456, `1${NBSP}234,56`],
    [100000000, `1${NBSP}000${NBSP}000,00`],
    [-123456, `-1${NBSP}234,56`],
    [-7, '-0,07'],
    [Number.MAX_SAFE_INTEGER, `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91`],
  ])('%i kop → %j', (k, text) => {
    expect(formatRubles(kop(k))).toBe(text);
  });

  it("agrees with Intl.NumberFormat('ru-RU') on exact decimal strings", () => {
    const intl = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(formatRubles(kop(n))).toBe(intl.format(`${n}E-2` as `${number}`));
      }),
    );
  });
});

describe('parseRubles', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0,01', 1],
    ['-0.01', -1],
    ['-0', 0],
    ['007.10', 710],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i kop', (text, k) => {
    expect(parseRubles(text)).toBe(k);
  });

  it.each([
    '1234.567',
    '0.001',
    '',
    '1 234,56',
    '1e3',
    '.5',
    '5.',
    '+1',
    '12,34,5',
    'abc',
    '1234.56 ',
    '90071992547409.92',
  ])('rejects %j with a RangeError naming the text', (text) => {
    expect(() => parseRubles(text)).toThrow(RangeError);
    expect(() => parseRubles(text)).toThrow(JSON.stringify(text));
  });
});

describe('sumKopecks', () => {
  it.each([
    [[], 0],
    [[1, 2, 3], 6],
    [[150000, 60000, 120000, 70000], 400000], // RULES.md 7.2, example 7.1 charges: 4,000.00 ₽
    [[-500, 200], -300],
  ])('sum of %j = %i', (list, total) => {
    expect(sumKopecks(list.map(kop))).toBe(total);
  });

  it('throws when the sum leaves the safe-integer range', () => {
    expect(() => sumKopecks([kop(Number.MAX_SAFE_INTEGER), kop(1)])).toThrow(RangeError);
  });
});
