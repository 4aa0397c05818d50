/**
 * Ownership of a premise: owners (a person or an organisation) with shares as exact fractions over time.
 * At any date the shares in force sum to at most 1 (less while a share is not yet registered to anyone).
 */
import type { ErrorDetail } from '../errors.js';
import { addDays, type IsoDate } from '../period.js';
import {
  addFractions,
  compareFractions,
  formatFraction,
  ONE_FRACTION,
  ZERO_FRACTION,
  type Fraction,
} from './fraction.js';

export type OwnershipSpan = { id: number; share: Fraction; validFrom: IsoDate; validTo: IsoDate | null };

function covers(o: OwnershipSpan, date: IsoDate): boolean {
  return o.validFrom <= date && (o.validTo === null || date <= o.validTo);
}

/** The sum of the shares in force on `date`. */
export function sharesOn(ownerships: readonly OwnershipSpan[], date: IsoDate): Fraction {
  return ownerships.filter((o) => covers(o, date)).reduce((s, o) => addFractions(s, o.share), ZERO_FRACTION);
}

/**
 * Every date on which the shares in force exceed 1, reported at the first day of each such stretch. The sum
 * only changes where an ownership starts or the day after one ends, so those dates are the ones checked.
 */
export function ownershipShareProblems(ownerships: readonly OwnershipSpan[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const o of ownerships) {
    if (compareFractions(o.share, ZERO_FRACTION) <= 0 || compareFractions(o.share, ONE_FRACTION) > 0) {
      problems.push({
        field: 'share',
        problem: `доля ${formatFraction(o.share)} должна быть больше 0 и не больше 1`,
      });
    }
    if (o.validTo !== null && o.validTo < o.validFrom) {
      problems.push({ field: 'validTo', problem: 'окончание права раньше его начала' });
    }
  }
  if (problems.length > 0) return problems;
  const dates = new Set<IsoDate>();
  for (const o of ownerships) {
    dates.add(o.validFrom);
    if (o.validTo !== null) dates.add(addDays(o.validTo, 1));
  }
  for (const date of [...dates].sort()) {
    const total = sharesOn(ownerships, date);
    if (compareFractions(total, ONE_FRACTION) > 0) {
      problems.push({ field: 'share', problem: `на ${date} сумма долей ${formatFraction(total)} больше 1` });
    }
  }
  return problems;
}
