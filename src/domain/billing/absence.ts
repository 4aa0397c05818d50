/**
 * Temporary absence (RULES.md §4, RULES-ADDENDUM §3): a resident away more than 5 full days in a row, in a
 * premise where no meter can be installed, is not charged for the per-person services of the full days away
 * (the days of departure and arrival excluded): ΔP = P per person per month × days away / days in month,
 * per absent person. Posted as its own negative line (kind 'absence'), rounded once, as the examples do.
 * Not recalculated: heating, common needs (never charged per person here), and electricity when the setting
 * `temporary_absence.electricity` is "all"; sewage only together with cold or hot water.
 */
import { Decimal } from '../decimal.js';
import { validationFailed } from '../errors.js';
import { addDays, daysBetween } from '../period.js';
import { residentsAt, type BillingContext } from './context.js';
import type { ServiceSpan } from './individual.js';
import { legalInput } from './legal.js';
import type { LineBuilder } from './line-builder.js';
import { Ratio } from './ratio.js';
import { asDated, cutsOf, intersect, split } from './segments.js';
import type { Absence, AccountInput, ExplanationInput } from './types.js';

/** True when the service of the account is charged by norm because no meter can be installed. */
function meterImpossible(account: AccountInput, serviceId: number): boolean {
  const basis = account.volumes.find((v) => v.serviceId === serviceId);
  return basis?.kind === 'no_meter' && !basis.meterInstallable;
}

/**
 * Wastewater charged as cold + hot water (water-sum.ts): the water services whose part is by norm because no
 * meter can be installed — those are recalculated, and sewage with them (RULES.md §4.1); null for other bases.
 */
function recalculatedWaterParts(account: AccountInput, serviceId: number): number[] | null {
  const basis = account.volumes.find((v) => v.serviceId === serviceId);
  if (basis?.kind !== 'water_sum') return null;
  return basis.parts.filter((p) => p.kind === 'no_meter' && !p.meterInstallable).map((p) => p.serviceId);
}

/** Whether the span's service is recalculated for an absence (RULES.md §4.1; ADDENDUM §3). */
export function absenceApplies(ctx: BillingContext, span: ServiceSpan): boolean {
  if (span.account.absences.length === 0) return false;
  const resource = ctx.service(span.serviceId).resource;
  if (span.method === 'per_person') return true; // ТКО and other per-person services (п.148(44))
  const parts = recalculatedWaterParts(span.account, span.serviceId);
  if (parts !== null) return parts.length > 0; // wastewater as cold + hot: with its water (§4.1)
  // by norm, or by meter where the premise has none because none can be installed (§4.1): the norm is charged
  const byVolume = span.method === 'by_norm' || span.method === 'by_meter';
  if (!byVolume || resource === null || resource === 'heating') return false;
  if (!meterImpossible(span.account, span.serviceId)) return false;
  if (resource === 'electricity') {
    const setting = ctx.legal.json<string>('temporary_absence.electricity', ctx.start);
    return setting.value !== 'all';
  }
  if (resource === 'wastewater') {
    // Sewage goes with the water: recalculated when cold or hot water of the account is.
    return ctx.input.services.some(
      (s) =>
        (s.resource === 'cold_water' || s.resource === 'hot_water') && meterImpossible(span.account, s.id),
    );
  }
  return true;
}

/** The full days away: the day after departure to the day before arrival. */
export function fullDaysAway(a: Absence): number {
  return daysBetween(a.departure, a.arrival) - 1;
}

export function chargeAbsence(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  const minDays = ctx.legal.integer('temporary_absence.min_days', ctx.start);
  const service = ctx.service(span.serviceId);
  const perPerson = span.method === 'per_person';
  const formula = perPerson
    ? 'Перерасчёт = − отсутствующих × тариф на человека × полных дней отсутствия / дней месяца'
    : 'Перерасчёт = − отсутствующих × норматив × тариф × полных дней отсутствия / дней месяца (дни отъезда и приезда не считаются)';
  // by norm: the service's own norm; wastewater as cold + hot: the norms of the water parts recalculated
  const normServices = recalculatedWaterParts(span.account, span.serviceId) ?? [span.serviceId];
  for (const a of span.account.absences) {
    const full = fullDaysAway(a);
    if (full < minDays.value) continue; // "more than 5 full days": exactly 5 gives nothing (RULES.md §4.3)
    const away = intersect(span.range, { from: addDays(a.departure, 1), to: addDays(a.arrival, -1) });
    if (!away) continue;
    const cuts = [
      ...cutsOf(ctx.tariffsOf(span.serviceId, span.supplierId), away),
      ...normServices.flatMap((id) => cutsOf(ctx.normsOf(id), away)),
      ...cutsOf(span.account.residents.map(asDated), away),
    ];
    for (const p of split(away, cuts)) {
      const present = residentsAt(span.account, p.from);
      if (a.persons > present.count) {
        const problem = `отсутствующих (${a.persons}) больше, чем проживающих (${present.count}) на ${p.from}`;
        throw validationFailed([{ field: `accounts.${span.account.id}.absences.${a.id}`, problem }]);
      }
      const tariff = ctx.tariffAt(span.serviceId, span.supplierId, 'single', p.from);
      const inputs: ExplanationInput[] = [
        { name: 'отсутствующих', value: String(a.persons), source: `absence #${a.id}` },
        { name: 'отъезд — приезд', value: `${a.departure} — ${a.arrival}`, source: `absence #${a.id}` },
        { name: 'полных дней отсутствия (всего)', value: String(full), source: `absence #${a.id}` },
        legalInput('минимум полных дней', minDays),
      ];
      let perMonth = Decimal.fromInt(a.persons);
      if (!perPerson) {
        const norms = normServices.map((id) => ctx.normAt(id, span.account.normCategory, p.from));
        perMonth = perMonth.mul(Decimal.sum(norms.map((n) => n.value)));
        for (const [i, norm] of norms.entries()) {
          const of = normServices[i] === span.serviceId ? '' : ` (${ctx.service(normServices[i]!).name})`;
          inputs.push({
            name: `норматив${of}, ${service.unit}/чел. в мес.`,
            value: norm.value.toString(),
            source: `norm #${norm.id}`,
          });
        }
      }
      const volume = Ratio.of(perMonth).scale(p.days, ctx.daysInPeriod).neg();
      b.add(
        {
          accountId: span.account.id,
          serviceId: span.serviceId,
          supplierId: span.supplierId,
          kind: 'absence',
          method: 'temporary_absence',
          unit: service.unit,
          tariff,
          zone: 'single',
          formula,
          rules: ['RULES.md §4.2', 'RULES-ADDENDUM §3'],
        },
        p,
        volume.mul(tariff.rate),
        volume,
        `${p.days}/${ctx.daysInPeriod} дн. отсутствия`,
        inputs,
      );
    }
  }
}
