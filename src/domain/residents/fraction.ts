/**
 * Exact fractions of two BigInts, always reduced with a positive denominator: ownership shares (1/3 + 1/6)
 * and day-weighted residents counts (74/30) stay exact until the billing engine multiplies and rounds once.
 */
import { Decimal, type Rounding } from '../decimal.js';

export type Fraction = { readonly num: bigint; readonly den: bigint };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num/den reduced; throws RangeError on a zero denominator. */
export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('Fraction with a zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const ZERO_FRACTION = fraction(0n);
export const ONE_FRACTION = fraction(1n);

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function compareFractions(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** "3/4", "1" (a whole number without a denominator). */
export function formatFraction(f: Fraction): string {
  return f.den === 1n ? String(f.num) : `${f.num}/${f.den}`;
}

const FRACTION_TEXT = /^\s*(\d{1,9})\s*(?:\/\s*(\d{1,9})\s*)?$/;

/** Parses "1/2", "1" ; undefined when the text is not a non-negative fraction. */
export function parseFraction(text: string): Fraction | undefined {
  const m = FRACTION_TEXT.exec(text);
  if (!m || m[2] === '0' || /^0+$/.test(m[2] ?? '1')) return undefined;
  return fraction(BigInt(m[1]!), BigInt(m[2] ?? '1'));
}

/** The fraction as a Decimal rounded once at `scale` (for display and for callers that need a Decimal). */
export function fractionToDecimal(f: Fraction, scale: number, rounding: Rounding = 'half-up'): Decimal {
  return Decimal.fromInt(f.num).div(Decimal.fromInt(f.den), scale, rounding);
}
