/**
 * The residents count the billing engine multiplies per-person charges by (RULES.md §1.2 n; §4.2).
 *
 * - On a day: the persons registered to the account that day, permanent plus temporary.
 * - For a billing period: the day-weighted count Σ person-days / days of the period, an exact fraction.
 *   2 people all of a 30-day month + 1 from the 17th: (2·30 + 14)/30 = 74/30 = 2 + 14/30.
 * - Per service, with temporary absence: the absent persons' accepted full days are taken out of the
 *   person-days of the services absence reduces — ΔP = P_person_month × D_absent / D_month (RULES.md §4.2)
 *   is the same as charging (person-days − absent days)/D_month persons.
 */
import {
  addDays,
  compareDates,
  daysInPeriod,
  firstDay,
  lastDay,
  type BillingPeriod,
  type IsoDate,
} from '../period.js';
import { absenceReducesService, type AbsenceElectricitySetting, type AbsenceService } from './absence.js';
import { fraction, type Fraction } from './fraction.js';
import type { RegistrationKind } from './registrations.js';

export type ResidentSpan = {
  personId: number;
  kind: RegistrationKind;
  validFrom: IsoDate;
  validTo: IsoDate | null;
};

export type AbsenceSpan = { personId: number; departedOn: IsoDate; returnedOn: IsoDate; accepted: boolean };

function covers(r: ResidentSpan, date: IsoDate): boolean {
  return r.validFrom <= date && (r.validTo === null || date <= r.validTo);
}

/** The persons registered on `date` (each counted once, whatever his registrations). */
export function residentsOnDay(registrations: readonly ResidentSpan[], date: IsoDate): number {
  return new Set(registrations.filter((r) => covers(r, date)).map((r) => r.personId)).size;
}

/** One stretch of a period with the same count, for the explanation of a charge. */
export type CountPiece = { from: IsoDate; to: IsoDate; days: number; residents: number };

export type PeriodCount = {
  period: BillingPeriod;
  personDays: number;
  daysInPeriod: number;
  /** personDays / daysInPeriod, reduced. */
  count: Fraction;
  pieces: CountPiece[];
};

/** Day-by-day pieces of `period` with equal counts, then the day-weighted count. */
export function residentsInPeriod(
  registrations: readonly ResidentSpan[],
  period: BillingPeriod,
): PeriodCount {
  const pieces: CountPiece[] = [];
  const last = lastDay(period);
  for (let d = firstDay(period); compareDates(d, last) <= 0; d = addDays(d, 1)) {
    const n = residentsOnDay(registrations, d);
    const prev = pieces[pieces.length - 1];
    if (prev && prev.residents === n) {
      prev.to = d;
      prev.days++;
    } else pieces.push({ from: d, to: d, days: 1, residents: n });
  }
  const personDays = pieces.reduce((s, p) => s + p.days * p.residents, 0);
  const days = daysInPeriod(period);
  return { period, personDays, daysInPeriod: days, count: fraction(personDays, days), pieces };
}

export type ServiceCount = PeriodCount & {
  /** Person-days taken out for accepted absences (0 when absence does not reduce the service). */
  absentDays: number;
  reducedByAbsence: boolean;
};

/**
 * The day-weighted count for one service: the period's person-days less the accepted absences' full days
 * that fall in the period while the person was registered, when absence reduces this service.
 */
export function residentsForService(
  registrations: readonly ResidentSpan[],
  absences: readonly AbsenceSpan[],
  period: BillingPeriod,
  service: AbsenceService,
  electricity: AbsenceElectricitySetting,
): ServiceCount {
  const base = residentsInPeriod(registrations, period);
  const reduces = absenceReducesService(service, electricity);
  let absentDays = 0;
  if (reduces) {
    for (const a of absences) {
      if (!a.accepted) continue;
      const own = registrations.filter((r) => r.personId === a.personId);
      // Only the absent days on which the person is registered here count (a person is counted once a day).
      const from = addDays(a.departedOn, 1);
      const to = addDays(a.returnedOn, -1);
      for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) {
        if (d >= firstDay(period) && d <= lastDay(period) && own.some((r) => covers(r, d))) absentDays++;
      }
    }
  }
  const personDays = base.personDays - absentDays;
  return {
    ...base,
    personDays,
    count: fraction(personDays, base.daysInPeriod),
    absentDays,
    reducedByAbsence: reduces,
  };
}
