/**
 * Exact decimal numbers for volumes, tariffs, norms, areas and coefficients.
 *
 * A value is `units × 10^-scale`, with `units` a BigInt: 45.67 is (4567n, 2).
 * Scaled BigInt is ~100× faster than decimal.js and never rounds behind your back
 * (design/STACK-FACTS.md "Money arithmetic"). add, sub and mul are exact (mul adds the
 * scales); the only operations that round are `div`, `round`, `unitsAt` and `toFixed`,
 * and each of them takes the target scale as an argument.
 *
 * Rounding is half-up = half away from zero, like PostgreSQL round(numeric):
 * 0.285 → 0.29, -0.005 → -0.01 (RULES.md preamble: "round each charge line once, half-up").
 *
 * Scale vs. printing: operations keep the scale they produce (1.50 × 2 = 3.00, scale 2), so
 * `scale` tells how a value was computed. `toString()` is the normalised form with trailing
 * zeros stripped ('3'), so equal values print equally; `toFixed(n)` prints exactly n digits.
 *
 * Money itself is never a Decimal at rest: it is integer kopecks (see money.ts).
 */

/** How `div` treats the digits it cuts off: half away from zero, or toward zero. */
export type Rounding = 'half-up' | 'down';

const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

const POW10: bigint[] = [1n];
for (let i = 1; i <= 40; i++) POW10.push(POW10[i - 1]! * 10n);
/** Half of 10^n (n ≥ 1), the tie point when rounding away n digits. */
const HALF_POW10: bigint[] = POW10.map((p) => p / 2n);

/** 10^n as a BigInt (n ≥ 0). */
function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

function checkScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError(`Decimal scale must be a non-negative integer, got ${scale}`);
  }
}

/** n / d rounded half away from zero (or truncated toward zero for 'down'); d ≠ 0. */
function divInt(n: bigint, d: bigint, rounding: Rounding): bigint {
  const q = n / d; // BigInt division truncates toward zero
  const r = n % d;
  if (r === 0n || rounding === 'down') return q;
  const twiceRest = r < 0n ? -2n * r : 2n * r;
  const absDivisor = d < 0n ? -d : d;
  if (twiceRest < absDivisor) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

/** An immutable exact decimal: `units × 10^-scale`. */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** The integer `units` and the number of decimal digits `scale`: value = units / 10^scale. */
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  /** Parses '123', '-0.5', '7.333'; throws RangeError on anything else ('1e5', '', ' 1', 'NaN'). */
  static parse(text: string): Decimal {
    if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
      throw new RangeError(`Not a decimal number: ${JSON.stringify(text)}`);
    }
    const dot = text.indexOf('.');
    if (dot < 0) return new Decimal(BigInt(text), 0);
    return new Decimal(BigInt(text.slice(0, dot) + text.slice(dot + 1)), text.length - dot - 1);
  }

  /** An integer as a Decimal of scale 0; a `number` must be a safe integer. */
  static fromInt(n: number | bigint): Decimal {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) {
      throw new RangeError(`Not a safe integer: ${n}`);
    }
    return new Decimal(BigInt(n), 0);
  }

  /** The value `units × 10^-scale`, e.g. fromUnits(4567n, 2) is 45.67. */
  static fromUnits(units: bigint, scale: number): Decimal {
    checkScale(scale);
    return new Decimal(units, scale);
  }

  /** The exact sum of a list (0 for an empty list). */
  static sum(values: readonly Decimal[]): Decimal {
    let total = Decimal.ZERO;
    for (const v of values) total = total.add(v);
    return total;
  }

  /** this + other, exact; the result has the larger of the two scales. */
  add(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units + other.units, this.scale);
    if (this.scale > other.scale) {
      return new Decimal(this.units + other.units * pow10(this.scale - other.scale), this.scale);
    }
    return new Decimal(this.units * pow10(other.scale - this.scale) + other.units, other.scale);
  }

  /** this − other, exact; the result has the larger of the two scales. */
  sub(other: Decimal): Decimal {
    return this.add(other.neg());
  }

  /** this × other, exact: the scales add (7.333 × 45.67 = 334.89811, scale 5). */
  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** this ÷ other, rounded to `scale` digits (half-up by default); throws RangeError on ÷ 0. */
  div(other: Decimal, scale: number, rounding: Rounding = 'half-up'): Decimal {
    checkScale(scale);
    if (other.units === 0n) throw new RangeError(`Division by zero: ${this.toString()} / 0`);
    // value = (a / 10^sa) / (b / 10^sb) = a·10^sb / (b·10^sa); we want it in units of 10^-scale.
    const shift = scale + other.scale - this.scale;
    const n = shift >= 0 ? this.units * pow10(shift) : this.units;
    const d = shift >= 0 ? other.units : other.units * pow10(-shift);
    return new Decimal(divInt(n, d, rounding), scale);
  }

  /** −this. */
  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  /** |this|. */
  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than other (scale does not matter). */
  cmp(other: Decimal): -1 | 0 | 1 {
    let a = this.units;
    let b = other.units;
    if (this.scale > other.scale) b *= pow10(this.scale - other.scale);
    else if (this.scale < other.scale) a *= pow10(other.scale - this.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Equal in value: 1.50 equals 1.5. */
  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  /** True for 0 at any scale. */
  isZero(): boolean {
    return this.units === 0n;
  }

  /** True when the value is below zero. */
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** The smaller of this and other (this when equal). */
  min(other: Decimal): Decimal {
    return other.cmp(this) < 0 ? other : this;
  }

  /** The larger of this and other (this when equal). */
  max(other: Decimal): Decimal {
    return other.cmp(this) > 0 ? other : this;
  }

  /** The value as a whole number of 10^-scale units, rounded half-up: (2.675).unitsAt(2) = 268n. */
  unitsAt(scale: number): bigint {
    if (scale === this.scale) return this.units;
    if (scale > this.scale) {
      checkScale(scale);
      return this.units * pow10(scale - this.scale);
    }
    checkScale(scale);
    // Dividing by a power of ten: add half of it away from zero, then truncate — one BigInt division.
    const shift = this.scale - scale;
    const half = HALF_POW10[shift] ?? 5n * pow10(shift - 1);
    return (this.units < 0n ? this.units - half : this.units + half) / pow10(shift);
  }

  /** Rounded half-up to exactly `scale` digits (padded with zeros when it had fewer). */
  round(scale: number): Decimal {
    return new Decimal(this.unitsAt(scale), scale);
  }

  /** Rounded half-up and printed with exactly `digits` decimals: (2.675).toFixed(2) = '2.68'. */
  toFixed(digits: number): string {
    return formatUnits(this.unitsAt(digits), digits);
  }

  /** Normalised text without trailing zeros: '3' for 3.00, '-0.5' for -0.50. */
  toString(): string {
    const text = formatUnits(this.units, this.scale);
    if (this.scale === 0) return text;
    // trailing zeros cut on the text (one BigInt conversion, not a BigInt division per zero)
    let end = text.length;
    while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (text.charCodeAt(end - 1) === 46 /* . */) end--;
    return text.slice(0, end);
  }

  /** JSON form: the normalised string, so `details` columns keep the exact value. */
  toJSON(): string {
    return this.toString();
  }
}

/** Prints `units × 10^-scale` with exactly `scale` decimals. */
function formatUnits(units: bigint, scale: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString();
  if (scale === 0) return sign + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}
