import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from './decimal.js';

const d = (s: string): Decimal => Decimal.parse(s);

describe('Decimal.parse', () => {
  it.each([
    // text, normalised toString, scale
    ['123', '123', 0],
    ['-0.5', '-0.5', 1],
    ['7.333', '7.333', 3],
    ['45.6700', '45.67', 4], // PostgreSQL numeric(10,4) text keeps its scale
    ['-0', '0', 0],
    ['0.000', '0', 3],
    ['007.10', '7.1', 2],
    ['100.00', '100', 2], // the integer part's zeros stay
    ['-10.500', '-10.5', 3],
    ['-0.0010', '-0.001', 4],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789', 9],
  ])('parses %j', (text, normalised, scale) => {
    const v = d(text);
    expect(v.toString()).toBe(normalised);
    expect(v.scale).toBe(scale);
  });

  it.each(['1e5', '', '1.2.3', ' 1', '1 ', 'NaN', 'Infinity', '+1', '.5', '5.', '1,5', '0x10', '٣', '--1'])(
    'rejects %j with a RangeError naming the text',
    (text) => {
      expect(() => d(text)).toThrow(RangeError);
      expect(() => d(text)).toThrow(JSON.stringify(text));
    },
  );
});

describe('Decimal.fromInt / fromUnits', () => {
  it.each([
    [3, '3'],
    [-42, '-42'],
    [0, '0'],
    [10n ** 30n, '1000000000000000000000000000000'],
  ])('fromInt(%s) = %s', (n, text) => {
    expect(Decimal.fromInt(n).toString()).toBe(text);
  });

  it.each([1.5, Number.NaN, 2 ** 53, Infinity])('fromInt rejects %s', (n) => {
    expect(() => Decimal.fromInt(n)).toThrow(RangeError);
  });

  it('fromUnits(4567n, 2) is 45.67 and rejects a negative or fractional scale', () => {
    expect(Decimal.fromUnits(4567n, 2).toString()).toBe('45.67');
    expect(() => Decimal.fromUnits(1n, -1)).toThrow(RangeError);
    expect(() => Decimal.fromUnits(1n, 0.5)).toThrow(RangeError);
  });
});

describe('exact add, sub, mul', () => {
  it.each([
    // a, b, a+b, a−b — by hand
    ['0.1', '0.2', '0.3', '-0.1'], // 0.1 + 0.2 is 0.30000000000000004 in floats
    ['1.5', '-2.25', '-0.75', '3.75'],
    ['130.789', '123.456', '254.245', '7.333'], // RULES.md 1.1: V = 130.789 − 123.456 = 7.333
    ['18.000', '10.53333', '28.53333', '7.46667'], // RULES.md 1.4: 18.000 − 10.53333 = 7.46667
    ['0', '-0.001', '-0.001', '0.001'],
  ])('%s ± %s', (a, b, sum, diff) => {
    expect(d(a).add(d(b)).toString()).toBe(sum);
    expect(d(a).sub(d(b)).toString()).toBe(diff);
  });

  it.each([
    // a, b, a×b, scale of the product (the scales add)
    ['7.333', '45.67', '334.89811', 5], // RULES.md 1.1
    ['12.96', '45.67', '591.8832', 4], // RULES.md 1.2: 3 × 4.32 = 12.96; × 45.67 = 591.8832
    ['591.8832', '1.5', '887.8248', 5], // RULES.md 1.2, K = 1.5
    ['591.8832', '3', '1775.6496', 4], // RULES.md 1.2, K = 3
    ['1.10', '2', '2.2', 2],
    ['-0.5', '0.5', '-0.25', 2],
    ['-1.5', '-1.5', '2.25', 2],
    ['0.001', '0.001', '0.000001', 6],
  ])('%s × %s = %s', (a, b, product, scale) => {
    const p = d(a).mul(d(b));
    expect(p.toString()).toBe(product);
    expect(p.scale).toBe(scale);
  });

  it('sum of a list: RULES.md 1.3, 5.1 + 4.8 + 6.0 + 5.5 + 4.9 + 5.3 = 31.6', () => {
    expect(Decimal.sum(['5.1', '4.8', '6.0', '5.5', '4.9', '5.3'].map(d)).toString()).toBe('31.6');
    expect(Decimal.sum([]).toString()).toBe('0');
  });

  it('is immutable: operations return new values', () => {
    const a = d('1.5');
    a.add(d('1'));
    a.mul(d('3'));
    expect(a.toString()).toBe('1.5');
  });
});

describe('div states its scale and rounds half away from zero', () => {
  it.each([
    // a, b, scale, rounding, result — by hand
    ['31.6', '6', 4, 'half-up', '5.2667'], // RULES.md 1.3: 5.26666… → 5.2667
    ['1', '3', 2, 'half-up', '0.33'],
    ['2', '3', 2, 'half-up', '0.67'],
    ['-2', '3', 2, 'half-up', '-0.67'],
    ['1', '8', 2, 'half-up', '0.13'], // 0.125: exact half goes up
    ['-1', '8', 2, 'half-up', '-0.13'], // −0.125: half goes away from zero
    ['1', '-8', 2, 'half-up', '-0.13'],
    ['-1', '-8', 2, 'half-up', '0.13'],
    ['5', '2', 0, 'half-up', '3'], // 2.5 → 3, not banker's 2
    ['1', '8', 2, 'down', '0.12'],
    ['-1', '8', 2, 'down', '-0.12'],
    ['100', '0.3', 1, 'half-up', '333.3'],
    ['1.23456', '1', 2, 'half-up', '1.23'], // dividend has more digits than the result
    ['1.235', '1', 2, 'half-up', '1.24'],
    ['0.004', '1000', 2, 'half-up', '0'],
  ] as const)('%s / %s at scale %i (%s) = %s', (a, b, scale, rounding, result) => {
    const q = d(a).div(d(b), scale, rounding);
    expect(q.toString()).toBe(result);
    expect(q.scale).toBe(scale);
  });

  it('throws a RangeError on division by zero', () => {
    expect(() => d('1').div(d('0.00'), 2)).toThrow(RangeError);
  });
});

describe('round, unitsAt, toFixed', () => {
  it.each([
    // value, scale, rounded — by hand; floats get the first five wrong (STACK-FACTS "Money arithmetic")
    ['0.285', 2, '0.29'],
    ['0.575', 2, '0.58'],
    ['2.675', 2, '2.68'],
    ['1.005', 2, '1.01'],
    ['-0.005', 2, '-0.01'],
    ['-2.675', 2, '-2.68'],
    ['0.284999', 2, '0.28'],
    ['-0.004', 2, '0.00'],
    ['0.5', 0, '1'],
    ['-0.5', 0, '-1'],
    ['2.5', 0, '3'],
    ['1.5', 4, '1.5000'],
  ])('%s rounded to %i digits = %s', (value, scale, text) => {
    expect(d(value).toFixed(scale)).toBe(text);
    expect(d(value).round(scale).scale).toBe(scale);
    expect(d(value).round(scale).eq(d(text))).toBe(true);
  });

  it('unitsAt counts whole units of 10^-scale', () => {
    expect(d('2.675').unitsAt(2)).toBe(268n);
    expect(d('45.67').unitsAt(4)).toBe(456700n);
    expect(d('-0.005').unitsAt(2)).toBe(-1n);
  });
});

describe('comparisons', () => {
  it.each([
    // a, b, cmp
    ['1.50', '1.5', 0],
    ['0', '-0.000', 0],
    ['-0.01', '0', -1],
    ['10', '9.999', 1],
    ['-10', '-9.999', -1],
  ] as const)('cmp(%s, %s) = %i', (a, b, c) => {
    expect(d(a).cmp(d(b))).toBe(c);
    expect(d(b).cmp(d(a))).toBe(-c || 0);
    expect(d(a).eq(d(b))).toBe(c === 0);
  });

  it('min, max, isZero, isNegative, abs, neg', () => {
    expect(d('2.5').min(d('-1')).toString()).toBe('-1');
    expect(d('2.5').max(d('-1')).toString()).toBe('2.5');
    expect(d('0.000').isZero()).toBe(true);
    expect(d('-0.001').isNegative()).toBe(true);
    expect(d('-0').isNegative()).toBe(false);
    expect(d('-3.2').abs().toString()).toBe('3.2');
    expect(d('3.2').neg().toString()).toBe('-3.2');
  });

  it('serialises to JSON as the normalised string', () => {
    expect(JSON.stringify({ tariff: d('45.6700') })).toBe('{"tariff":"45.67"}');
  });
});

// ── Property tests against an independent oracle: exact rationals n/d over BigInt ─────────────
type Rational = { n: bigint; d: bigint }; // d > 0

/** Reads a decimal string as a rational, without using Decimal. */
function rational(text: string): Rational {
  const [whole = '', fraction = ''] = text.split('.');
  return { n: BigInt(whole + fraction), d: 10n ** BigInt(fraction.length) };
}
const ratCmp = (a: Rational, b: Rational): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
const absBig = (x: bigint): bigint => (x < 0n ? -x : x);

/** Text of a random decimal: sign, up to 16 integer digits, up to 12 fraction digits. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 16n }),
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 }),
  )
  .map(
    ([negative, whole, digits]) =>
      `${negative ? '-' : ''}${whole}${digits.length ? '.' : ''}${digits.join('')}`,
  );

/** True when r is x rounded half away from zero to `scale` digits (a characterisation, not an algorithm). */
function isHalfUpRounding(r: Rational, x: Rational, scale: number): boolean {
  // |r − x| ≤ ½·10^-scale  ⇔  2·10^scale·|r.n·x.d − x.n·r.d| ≤ r.d·x.d
  const gap = 2n * 10n ** BigInt(scale) * absBig(r.n * x.d - x.n * r.d);
  const limit = r.d * x.d;
  if (gap > limit) return false;
  if (gap < limit) return true;
  return ratCmp({ n: absBig(r.n), d: r.d }, { n: absBig(x.n), d: x.d }) > 0; // a tie goes away from zero
}

describe('Decimal agrees with exact rational arithmetic (property tests)', () => {
  it('parse → toString keeps the value and prints no trailing zeros', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const printed = d(text).toString();
        expect(ratCmp(rational(printed), rational(text))).toBe(0);
        expect(printed).not.toMatch(/\.\d*0$|^-0$/);
      }),
    );
  });

  it('add, sub and mul are exact', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = rational(a);
        const y = rational(b);
        const sum = { n: x.n * y.d + y.n * x.d, d: x.d * y.d };
        const diff = { n: x.n * y.d - y.n * x.d, d: x.d * y.d };
        const product = { n: x.n * y.n, d: x.d * y.d };
        expect(ratCmp(rational(d(a).add(d(b)).toString()), sum)).toBe(0);
        expect(ratCmp(rational(d(a).sub(d(b)).toString()), diff)).toBe(0);
        expect(ratCmp(rational(d(a).mul(d(b)).toString()), product)).toBe(0);
      }),
    );
  });

  it('cmp agrees with the rational order', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        expect(d(a).cmp(d(b))).toBe(ratCmp(rational(a), rational(b)));
      }),
    );
  });

  it('div rounds the exact quotient half away from zero at the stated scale', () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 12 }), (a, b, scale) => {
        fc.pre(rational(b).n !== 0n);
        const x = rational(a);
        const y = rational(b);
        const exact = y.n > 0n ? { n: x.n * y.d, d: x.d * y.n } : { n: -x.n * y.d, d: -x.d * y.n };
        const q = d(a).div(d(b), scale);
        expect(q.scale).toBe(scale);
        expect(isHalfUpRounding(rational(q.toString()), exact, scale)).toBe(true);
      }),
    );
  });

  it("div with 'down' truncates toward zero", () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 12 }), (a, b, scale) => {
        fc.pre(rational(b).n !== 0n);
        const x = rational(a);
        const y = rational(b);
        const absExact = { n: absBig(x.n * y.d), d: absBig(x.d * y.n) };
        const q = rational(d(a).div(d(b), scale, 'down').toString());
        const absQ = { n: absBig(q.n), d: q.d };
        // |q| ≤ |exact| < |q| + 10^-scale, and q never has the opposite sign
        expect(ratCmp(absQ, absExact)).toBeLessThanOrEqual(0);
        const next = { n: absQ.n * 10n ** BigInt(scale) + absQ.d, d: absQ.d * 10n ** BigInt(scale) };
        expect(ratCmp(absExact, next)).toBe(-1);
        expect(q.n === 0n || q.n < 0n === x.n * y.n < 0n).toBe(true);
      }),
    );
  });

  it('round and toFixed round half away from zero', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 14 }), (a, scale) => {
        const fixed = d(a).toFixed(scale);
        expect(fixed.split('.')[1]?.length ?? 0).toBe(scale);
        expect(isHalfUpRounding(rational(fixed), rational(a), scale)).toBe(true);
        expect(d(a).round(scale).eq(d(fixed))).toBe(true);
      }),
    );
  });
});
