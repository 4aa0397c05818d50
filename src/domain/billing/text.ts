/**
 * Text of the values an explanation shows, cached per Decimal object: a house's tariffs, norms and areas are
 * printed once, not once per account and piece (docs/performance.md, "The pure billing core").
 */
import type { Decimal } from '../decimal.js';

const cache = new WeakMap<Decimal, string>();

/** The normalised text of `d` ('45.67', '3'), computed once per object. */
export function text(d: Decimal): string {
  let s = cache.get(d);
  if (s === undefined) {
    s = d.toString();
    cache.set(d, s);
  }
  return s;
}
