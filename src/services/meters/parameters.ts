/**
 * The legal parameters the meters module reads, as the versions in force on a date (legal-parameters.ts):
 * the readings window, the hold multiple, the verification intervals and suspensions, and everything the
 * consumption of a period needs (RULES.md §1.3, RULES-ADDENDUM §1). A missing parameter is a setup error.
 */
import type { Queryable } from '../../db/client.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError } from '../../domain/errors.js';
import type { ConsumptionParameters, ParameterUse } from '../../domain/meters/consumption.js';
import type { MeterResource, Suspension } from '../../domain/meters/meter.js';
import type { IsoDate } from '../../domain/period.js';
import { legalParameterAt } from '../registry/legal-parameters.js';

async function version(q: Queryable, code: string, date: IsoDate) {
  const v = await legalParameterAt(q, code, date);
  if (!v) throw new DomainError('not_found', `Параметр законодательства «${code}» не действует на ${date}`);
  return v;
}

async function use<T>(q: Queryable, code: string, date: IsoDate, parse: (text: string) => T) {
  const v = await version(q, code, date);
  return { code, validFrom: v.validFrom as IsoDate, value: parse(v.value) } satisfies ParameterUse<T>;
}

const int = (t: string) => Number(t);
const bool = (t: string) => t === 'true';

/** Default verification intervals in years, by resource (verification.interval_years). */
export async function verificationIntervals(q: Queryable, date: IsoDate): Promise<Record<string, number>> {
  return JSON.parse((await version(q, 'verification.interval_years', date)).value) as Record<string, number>;
}

/** Windows when an expired verification did not fail a meter (verification.suspensions, ПП 424). */
export async function verificationSuspensions(q: Queryable, date: IsoDate): Promise<Suspension[]> {
  const v = await legalParameterAt(q, 'verification.suspensions', date);
  return v ? (JSON.parse(v.value) as Suspension[]) : [];
}

/** What a new reading is checked with (readings.ts in the domain). */
export async function readingCheckParameters(q: Queryable, date: IsoDate) {
  return {
    windowDay: (await use(q, 'readings.window_day', date, int)).value,
    holdMultiple: (await use(q, 'readings.hold_multiple', date, Decimal.parse)).value,
    baseMonths: (await use(q, 'average.base_months', date, int)).value,
    minMonths: (await use(q, 'average.min_months', date, int)).value,
  };
}

/** K for a resource: the resource's own code wins over the general one on the dates it has a version. */
export async function increasingCoefficient(
  q: Queryable,
  resource: MeterResource,
  date: IsoDate,
): Promise<ParameterUse<Decimal>> {
  const own = await legalParameterAt(q, `increasing_coefficient.${resource}`, date);
  if (own) return { code: own.code, validFrom: own.validFrom as IsoDate, value: Decimal.parse(own.value) };
  return use(q, 'increasing_coefficient', date, Decimal.parse);
}

/** Every parameter of consumptionForPeriod, in force on `date` (the first day of the period). */
export async function consumptionParameters(
  q: Queryable,
  resource: MeterResource,
  date: IsoDate,
): Promise<ConsumptionParameters> {
  return {
    baseMonths: await use(q, 'average.base_months', date, int),
    minMonths: await use(q, 'average.min_months', date, int),
    limitResidential: await use(q, 'average.limit_months.residential', date, int),
    limitNonResidential: await use(q, 'average.limit_months.non_residential', date, int),
    limitNotSubmittedResidential: await use(q, 'average.limit_months.not_submitted.residential', date, int),
    limitNotSubmittedNonResidential: await use(
      q,
      'average.limit_months.not_submitted.non_residential',
      date,
      int,
    ),
    applyKAfterLimit: await use(q, 'average.limit.apply_k_after', date, bool),
    coefficient: await increasingCoefficient(q, resource, date),
  };
}

/** The limit of the average for a house's common-house meter: heating has its own (ПП 1176). */
export async function commonHouseLimit(q: Queryable, resource: MeterResource, date: IsoDate) {
  return use(
    q,
    resource === 'heating' ? 'average.limit_months.heating_common_meter' : 'average.limit_months.residential',
    date,
    int,
  );
}
