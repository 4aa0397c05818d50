/**
 * Temporary absence of a resident (RULES.md §4, RULES-ADDENDUM §3; Правила 354 п.86–93).
 *
 * - Counted are the FULL calendar days of absence, excluding the day of departure and the day of arrival
 *   (RULES.md §4.2): departure 03.06, arrival 16.06 → 04.06..15.06 = 12 days.
 * - Only "more than 5 full days in a row" qualifies (п.86 as amended by ПП 1498; RULES.md §4.1): 5 is not
 *   enough, 6 is. The minimum is the legal parameter `temporary_absence.min_days` (6), passed in.
 * - Which services are recalculated (RULES.md §4.1, RULES-ADDENDUM §3): not heating, not gas or electricity
 *   used for heating, never common-house needs; electricity as a whole depends on the UNCONFIRMED setting
 *   `temporary_absence.electricity` ("heating_use_only" | "all"); sewage follows water; solid waste
 *   (п.148(44)) on the same condition.
 */
import { addDays, daysBetween, firstDay, lastDay, type BillingPeriod, type IsoDate } from '../period.js';

/** Full days between departure and arrival, both excluded; 0 when they are adjacent or the same day. */
export function absenceFullDays(departedOn: IsoDate, returnedOn: IsoDate): number {
  if (returnedOn < departedOn) throw new RangeError(`Return ${returnedOn} before departure ${departedOn}`);
  return Math.max(0, daysBetween(departedOn, returnedOn) - 1);
}

export type AbsenceDecision = { accepted: boolean; fullDays: number; reason: string };

/** Whether an absence qualifies for recalculation: more than 5 full days, i.e. at least `minDays` (6). */
export function decideAbsence(departedOn: IsoDate, returnedOn: IsoDate, minDays: number): AbsenceDecision {
  const fullDays = absenceFullDays(departedOn, returnedOn);
  return fullDays >= minDays
    ? { accepted: true, fullDays, reason: `${fullDays} полных дн. отсутствия (нужно не меньше ${minDays})` }
    : {
        accepted: false,
        fullDays,
        reason: `${fullDays} полных дн. отсутствия — меньше ${minDays}; дни отъезда и приезда не считаются (RULES.md §4)`,
      };
}

/** The full days of an absence (departure and arrival excluded) that fall in `period`. */
export function absentDaysInPeriod(period: BillingPeriod, departedOn: IsoDate, returnedOn: IsoDate): number {
  if (absenceFullDays(departedOn, returnedOn) === 0) return 0;
  const from = addDays(departedOn, 1);
  const to = addDays(returnedOn, -1);
  const start = from > firstDay(period) ? from : firstDay(period);
  const end = to < lastDay(period) ? to : lastDay(period);
  return start > end ? 0 : daysBetween(start, end) + 1;
}

export type ServiceResource =
  'cold_water' | 'hot_water' | 'heating' | 'electricity' | 'gas' | 'wastewater' | 'waste';
export type AbsenceElectricitySetting = 'heating_use_only' | 'all';

/** What the billing engine knows about one service line when it asks whether absence reduces it. */
export type AbsenceService = {
  resource: ServiceResource | null;
  /** common_needs_* methods: common-house needs are never recalculated. */
  isCommonNeeds: boolean;
  /** Gas or electricity used to heat the premise. */
  forHeating: boolean;
};

/** Whether temporary absence reduces the service's per-person count (RULES.md §4.1, RULES-ADDENDUM §3). */
export function absenceReducesService(s: AbsenceService, electricity: AbsenceElectricitySetting): boolean {
  if (s.isCommonNeeds || s.resource === null) return false;
  switch (s.resource) {
    case 'heating':
      return false;
    case 'gas':
      return !s.forHeating;
    case 'electricity':
      return electricity === 'heating_use_only' && !s.forHeating;
    case 'cold_water':
    case 'hot_water':
    case 'wastewater':
    case 'waste':
      return true;
  }
}
