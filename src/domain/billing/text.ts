/**
 * Text of the values an explanation shows: the normalised form ('45.67', '3'). It was cached per Decimal in a
 * WeakMap; since Decimal.toString cuts trailing zeros on the text (one BigInt conversion), printing is cheaper
 * than the cache's bookkeeping for a run's per-account values (docs/performance.md, "The pure billing core").
 */
import type { Decimal } from '../decimal.js';

/** The normalised text of `d` ('45.67', '3'). */
export function text(d: Decimal): string {
  return d.toString();
}
