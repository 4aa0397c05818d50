/**
 * Money: integer kopecks at rest, the one rounding rule, and the one exact split.
 *
 * `Kopecks` is a branded safe-integer `number` (exact up to ±90 trillion rubles and JSON-friendly;
 * design/CONVENTIONS.md "Money"). Formulas compute in `Decimal` rubles and turn the line's result
 * into kopecks once, through `toKopecks` (RULES.md preamble; CONVENTIONS.md example 3).
 */
import { Decimal } from './decimal.js';

/** Integer kopecks (1 ₽ = 100 kop). */
export type Kopecks = number & { readonly __brand: 'Kopecks' };

/** A weight for `allocate`: kopecks (a charge), a Decimal (an area, a volume) or a bigint count. */
export type Weight = Kopecks | Decimal | bigint;

/** Rubles text with at most two decimals, '.' or ',' as the separator. */
const RUBLES_TEXT = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/;

/** Russian digit grouping uses U+00A0 NO-BREAK SPACE: it never wraps, is in every font, and
 * it is what Intl.NumberFormat('ru-RU') prints on Node 20, so the UI and the ЕПД agree. */
const GROUP_SEPARATOR = '\u00a0';

/** Brands a number as kopecks; throws RangeError unless it is a safe integer. */
export function kop(n: number): Kopecks {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Kopecks must be a safe integer, got ${n}`);
  return n as Kopecks;
}

/**
 * Rubles → kopecks, rounded half-up (half away from zero): 334.89811 → 33490, 0.285 → 29,
 * -0.005 → -1. THE ONLY rounding of money in the code base: RULES.md preamble "round each charge
 * line once, half-up, to kopecks"; PostgreSQL round(numeric) rounds the same way.
 */
export function toKopecks(rubles: Decimal): Kopecks {
  return kop(Number(rubles.unitsAt(2)));
}

/** Kopecks → exact rubles as a Decimal of scale 2 (12345 → 123.45). */
export function rubles(k: Kopecks): Decimal {
  return Decimal.fromUnits(BigInt(k), 2);
}

/** Russian format without the currency sign: 123456 → '1 234,56' (U+00A0 between groups). */
export function formatRubles(k: Kopecks): string {
  const abs = Math.abs(k);
  const cents = abs % 100;
  const whole = String((abs - cents) / 100); // exact: abs − cents is a multiple of 100
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, GROUP_SEPARATOR);
  return `${k < 0 ? '-' : ''}${grouped},${String(cents).padStart(2, '0')}`;
}

/** '1234.56' or '1234,56' → 123456 kop, exactly; throws RangeError on more than 2 decimals or junk. */
export function parseRubles(text: string): Kopecks {
  const m = RUBLES_TEXT.exec(text);
  if (!m) throw new RangeError(`Not a ruble amount with at most 2 decimals: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '', fraction = ''] = m;
  const units = BigInt(sign + whole + fraction.padEnd(2, '0'));
  const n = Number(units);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Ruble amount too large: ${JSON.stringify(text)}`);
  return n as Kopecks;
}

/** The exact sum; throws RangeError if it leaves the safe-integer range. */
export function sumKopecks(list: readonly Kopecks[]): Kopecks {
  let total = 0;
  for (const k of list) {
    total += k;
    if (!Number.isSafeInteger(total)) throw new RangeError('Kopeck sum leaves the safe-integer range');
  }
  return total as Kopecks;
}

/**
 * Splits `total` in proportion to `weights`, exactly (RULES.md 7.1 п.118, example 7.2).
 *
 * Largest remainder (Hamilton): each share total×w_i/Σw is truncated toward zero, then the leftover
 * kopecks go one each to the largest fractional remainders, ties to the earlier line. The parts
 * ALWAYS sum to `total`, and each part is within one kopeck of its exact share.
 * - total 0 → all zeros (whatever the weights);
 * - negative total → the absolute value is split and every part negated (parts sum to total);
 * - a negative weight → RangeError; all weights 0 (or no weights) with total ≠ 0 → RangeError,
 *   since there is no proportion to follow and the money must not vanish.
 */
export function allocate(total: Kopecks, weights: readonly Weight[]): Kopecks[] {
  kop(total);
  const parts = allocateUnits(BigInt(total), weightsToUnits(weights));
  return parts.map((p) => Number(p) as Kopecks);
}

/**
 * Splits a decimal quantity (e.g. a house's common-needs volume over flats) in proportion to
 * `weights`, in units of 10^-scale (scale 3 = 0.001 m³), by the same largest-remainder rule as
 * `allocate`. `total` must be exact at `scale` (round it first), otherwise the parts could not sum
 * to it: RangeError.
 */
export function allocateDecimal(total: Decimal, weights: readonly Weight[], scale: number): Decimal[] {
  const units = total.unitsAt(scale);
  if (!Decimal.fromUnits(units, scale).eq(total)) {
    throw new RangeError(`Total ${total.toString()} has more than ${scale} decimals; round it first`);
  }
  return allocateUnits(units, weightsToUnits(weights)).map((u) => Decimal.fromUnits(u, scale));
}

/** Brings all weights to one integer scale (the largest Decimal scale among them). */
function weightsToUnits(weights: readonly Weight[]): bigint[] {
  let scale = 0;
  for (const w of weights) if (w instanceof Decimal && w.scale > scale) scale = w.scale;
  return weights.map((w) => {
    if (w instanceof Decimal) return w.unitsAt(scale);
    if (typeof w === 'bigint') return w * 10n ** BigInt(scale);
    return BigInt(kop(w)) * 10n ** BigInt(scale);
  });
}

/** The integer core of the largest-remainder split; see `allocate` for the rules. */
function allocateUnits(total: bigint, weights: readonly bigint[]): bigint[] {
  let weightSum = 0n;
  for (const [i, w] of weights.entries()) {
    if (w < 0n) throw new RangeError(`Allocation weight #${i + 1} is negative: ${w}`);
    weightSum += w;
  }
  if (total === 0n) return weights.map(() => 0n);
  if (weightSum === 0n) {
    throw new RangeError(`Cannot allocate ${total} units: the weights are all zero (or there are none)`);
  }
  const sign = total < 0n ? -1n : 1n;
  const amount = total * sign;

  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let leftover = amount;
  for (const w of weights) {
    const exact = amount * w;
    const part = exact / weightSum; // truncated: both are non-negative
    parts.push(part);
    remainders.push(exact % weightSum);
    leftover -= part;
  }
  // leftover < weights.length, because every remainder is below weightSum.
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    return ra > rb ? -1 : ra < rb ? 1 : a - b; // largest remainder first, then line order
  });
  for (let k = 0; k < Number(leftover); k++) {
    const i = order[k]!;
    parts[i] = parts[i]! + 1n;
  }
  return parts.map((p) => p * sign);
}
