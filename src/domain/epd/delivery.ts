/**
 * Delivery order of a batch (issue 8 "Batches"): by street, then house, then flat, the way a postman walks.
 * House and flat numbers compare naturally: «2» < «10» < «10а» < «10 корп. 2» < «11».
 */
import type { EpdSnapshot } from './snapshot.js';

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1; // a whole house (no flat) before its flats
  if (b === null) return 1;
  return collator.compare(a, b);
}

export function compareForDelivery(a: EpdSnapshot, b: EpdSnapshot): number {
  return (
    compareText(a.address.street, b.address.street) ||
    compareText(a.address.house, b.address.house) ||
    compareText(a.address.flat, b.address.flat) ||
    compareText(a.accountNumber, b.accountNumber)
  );
}

/** A new array in delivery order; the input is left as it is. */
export function sortForDelivery<T extends EpdSnapshot>(list: readonly T[]): T[] {
  return [...list].sort(compareForDelivery);
}
