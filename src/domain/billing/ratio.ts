/**
 * An exact fraction `num / den` with a Decimal numerator and a positive BigInt denominator, for the amounts
 * of a charge line while it is being built: pro rata by days (× days / days in the period), the share of a
 * house (× S_i / S_об) and the hours of an interruption (× minutes / 60) all stay exact, and the line is
 * rounded once, half-up, at the very end (RULES.md preamble). Dividing a Decimal early would round early.
 */
import { Decimal } from '../decimal.js';
import { kop, type Kopecks } from '../money.js';

export class Ratio {
  static readonly ZERO = new Ratio(Decimal.ZERO, 1n);

  private constructor(
    readonly num: Decimal,
    readonly den: bigint,
  ) {}

  /** A Decimal as a fraction over 1. */
  static of(value: Decimal): Ratio {
    return new Ratio(value, 1n);
  }

  /** n / d with integer (or Decimal) n and integer d > 0. */
  static frac(n: Decimal | bigint | number, d: bigint | number): Ratio {
    const den = BigInt(d);
    if (den <= 0n) throw new RangeError(`Ratio denominator must be positive, got ${den}`);
    const num = n instanceof Decimal ? n : Decimal.fromInt(n);
    return new Ratio(num, den);
  }

  /** The exact sum (the same denominator is kept as is; otherwise cross-multiplied). */
  add(other: Ratio): Ratio {
    if (this.den === other.den) return new Ratio(this.num.add(other.num), this.den);
    return new Ratio(
      this.num.mul(Decimal.fromInt(other.den)).add(other.num.mul(Decimal.fromInt(this.den))),
      this.den * other.den,
    );
  }

  sub(other: Ratio): Ratio {
    return this.add(other.neg());
  }

  neg(): Ratio {
    return new Ratio(this.num.neg(), this.den);
  }

  /** × a Decimal, exact. */
  mul(value: Decimal): Ratio {
    return new Ratio(this.num.mul(value), this.den);
  }

  /** × another fraction, exact. */
  times(other: Ratio): Ratio {
    return new Ratio(this.num.mul(other.num), this.den * other.den);
  }

  /** × n / d (integers, d > 0), exact: the day share days / daysInPeriod. */
  scale(n: bigint | number, d: bigint | number): Ratio {
    // × d / d (a whole month's days): the same value — no arithmetic, no new numbers (the usual piece)
    if (typeof n === 'number' && n === d && n > 0) return this;
    const den = BigInt(d);
    if (den <= 0n) throw new RangeError(`Ratio denominator must be positive, got ${den}`);
    // × d / d (a whole month's days): the same value — no arithmetic, no new numbers (the usual piece)
    if (BigInt(n) === den) return this;
    return new Ratio(this.num.mul(Decimal.fromInt(BigInt(n))), this.den * den);
  }

  /** ÷ a positive Decimal, exact: (n / d) / (u·10^-s) = n·10^s / (d·u). */
  divBy(value: Decimal): Ratio {
    if (value.units <= 0n) throw new RangeError(`Ratio divisor must be positive, got ${value.toString()}`);
    return new Ratio(this.num.mul(Decimal.fromUnits(10n ** BigInt(value.scale), 0)), this.den * value.units);
  }

  /** −1, 0 or 1 (denominators are positive, so cross-multiplying keeps the order). */
  cmp(other: Ratio): -1 | 0 | 1 {
    return this.num.mul(Decimal.fromInt(other.den)).cmp(other.num.mul(Decimal.fromInt(this.den)));
  }

  isZero(): boolean {
    return this.num.isZero();
  }

  isNegative(): boolean {
    return this.num.isNegative();
  }

  /** The value rounded half-up to `scale` digits: the one rounding of a volume shown on a line. */
  round(scale: number): Decimal {
    // over 1 the same half-up rounding of the numerator (Decimal.round), without a division
    return this.den === 1n ? this.num.round(scale) : this.num.div(Decimal.fromInt(this.den), scale);
  }

  /** Rubles → kopecks, rounded once, half-up: the one rounding of a charge line. */
  toKopecks(): Kopecks {
    return kop(
      Number(this.den === 1n ? this.num.unitsAt(2) : this.num.div(Decimal.fromInt(this.den), 2).units),
    );
  }
}
