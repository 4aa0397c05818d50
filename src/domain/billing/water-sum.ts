/**
 * Wastewater charged by meter (водоотведение по приборам учёта): its volume is the sum of the account's cold
 * and hot water volumes (RULES.md §1.2 "sewage by the same principle"; §4.3 example 4.1 takes the sewage
 * volume as cold + hot). Each water part keeps its own reason, as the water service is charged: by the meter's
 * readings (§1.1, a late reading reconciled §1.4), by the п.59 average while within its limit (§1.3,
 * RULES-ADDENDUM §1), or by residents × the water service's norm (no meter, or past the limit, п.60). The
 * increasing coefficient of a norm part is wastewater's own (`increasing_coefficient.wastewater`, 1 by default:
 * RULES.md §1.2, RULES-ADDENDUM §2 — a setting, UNCONFIRMED) and multiplies money, not volume. One line per
 * tariff piece, rounded once.
 */
import { Decimal } from '../decimal.js';
import { residentsAt, type BillingContext } from './context.js';
import { legalInput } from './legal.js';
import type { LineBuilder } from './line-builder.js';
import { Ratio } from './ratio.js';
import { cutsOf } from './segments.js';
import { averageOrNorm, caseLetter, head, kFor, pieces, residentCuts, type ServiceSpan } from './span.js';
import { text } from './text.js';
import type { ExplanationInput, VolumeBasis, WaterPart } from './types.js';

/** A water part: a month's volume (readings, average), or the norm of the water service. */
type Resolved =
  | { kind: 'volume'; serviceId: number; volume: Decimal; input: ExplanationInput; rule: string }
  | { kind: 'norm'; serviceId: number; k: 'apply' | null; why: ExplanationInput[]; rule: string };

// Module-level, not made per call: a function made inside a hot function is renamed by tsx on every call.
const zonesVolume = (zones: readonly { volume: Decimal }[]) => Decimal.sum(zones.map((z) => z.volume));
const readingsOf = (zones: readonly { readingIds: readonly number[] }[]) =>
  [...new Set(zones.flatMap((z) => z.readingIds))].map((id) => `reading #${id}`).join(', ');

function resolve(ctx: BillingContext, span: ServiceSpan, part: WaterPart): Resolved {
  const name = ctx.service(part.serviceId).name;
  switch (part.kind) {
    case 'readings': {
      const how = part.reconciliation
        ? `по показаниям, за вычетом начисленного по среднему ${text(part.reconciliation.averageBilled)} (${part.reconciliation.periods.join(', ')})`
        : 'по показаниям';
      const note = part.note ? `, ${part.note}` : '';
      return {
        kind: 'volume',
        serviceId: part.serviceId,
        volume: zonesVolume(part.zones),
        input: {
          name: `объём: ${name}, ${how}${note}`,
          value: text(zonesVolume(part.zones)),
          source: readingsOf(part.zones),
        },
        rule: part.reconciliation ? 'RULES.md §1.4' : 'RULES.md §1.1',
      };
    }
    case 'average': {
      const { limit, norm } = averageOrNorm(ctx, span, part, `${name}: `);
      const letter = caseLetter(part.case);
      if (norm) return { kind: 'norm', serviceId: part.serviceId, ...norm, rule: 'RULES.md §1.3' };
      const volume = zonesVolume(part.zones);
      const how = `по среднему ${part.basis}, п.59 «${letter}», ${part.periodInRow}-й период из ${limit.value}`;
      return {
        kind: 'volume',
        serviceId: part.serviceId,
        volume,
        input: {
          name: `объём: ${name}, ${how}`,
          value: text(volume),
          source: readingsOf(part.zones) || part.basis,
        },
        rule: 'RULES.md §1.3',
      };
    }
    case 'no_meter':
      return {
        kind: 'norm',
        serviceId: part.serviceId,
        k: kFor(ctx, span, part),
        why: [],
        rule: 'RULES.md §1.2',
      };
  }
}

export function chargeWaterSum(
  ctx: BillingContext,
  b: LineBuilder,
  span: ServiceSpan,
  basis: Extract<VolumeBasis, { kind: 'water_sum' }>,
): void {
  const service = ctx.service(span.serviceId);
  const parts = basis.parts.map((p) => resolve(ctx, span, p));
  const norms = parts.filter((p) => p.kind === 'norm');
  const anyK = norms.some((p) => p.k !== null);
  const cuts = [
    ...(norms.length > 0 ? residentCuts(span.account, span.range) : []),
    ...norms.flatMap((p) => cutsOf(ctx.normsOf(p.serviceId), span.range)),
    ...(anyK ? cutsOf(ctx.legal.coefficientVersions(service.resource), span.range) : []),
  ];
  const formula =
    'Объём водоотведения = объём холодной воды + объём горячей воды (каждый — по показаниям, по среднему или по нормативу, как начисляется вода); плата = объём × тариф' +
    (anyK ? ' (повышающий коэффициент — к плате за объём по нормативу)' : '');
  const rules = [
    ...new Set(['RULES.md §1.2', ...parts.map((p) => p.rule), ...(anyK ? ['RULES-ADDENDUM §2'] : [])]),
  ];
  for (const p of pieces(ctx, span, cuts)) {
    const h = head(ctx, span, 'by_water_volumes', 'single', p.from, formula, rules);
    const rate = h.tariff!.rate;
    let volume = Ratio.ZERO;
    let amount = Ratio.ZERO;
    const inputs: ExplanationInput[] = [];
    const residents = residentsAt(span.account, p.from);
    for (const part of parts) {
      if (part.kind === 'volume') {
        // the month's volume spread by days over the account's open days, as a metered zone is
        const v = Ratio.of(part.volume).scale(p.days, span.accountDays.days);
        volume = volume.add(v);
        amount = amount.add(v.mul(rate));
        inputs.push(part.input);
        continue;
      }
      if (residents.count === 0) continue; // a norm of nobody is 0 (and needs no norm), as chargeByNorm
      const norm = ctx.normAt(part.serviceId, span.account.normCategory, p.from);
      const kr = part.k ? ctx.legal.increasingCoefficient(service.resource, p.from) : null;
      const v = Ratio.of(norm.value.mul(Decimal.fromInt(residents.count))).scale(p.days, ctx.daysInPeriod);
      volume = volume.add(v);
      amount = amount.add(v.mul(rate).mul(kr ? kr.value : Decimal.ONE));
      inputs.push(
        { name: 'проживающих', value: String(residents.count), source: residents.source },
        {
          name: `норматив: ${ctx.service(part.serviceId).name}, ${service.unit}/чел. в мес.`,
          value: text(norm.value),
          source: `norm #${norm.id}`,
        },
        ...(kr ? [legalInput('повышающий коэффициент (водоотведение)', kr)] : []),
        ...part.why,
      );
    }
    if (norms.length === parts.length && residents.count === 0) continue; // nothing consumed, nothing charged
    if (p.days !== span.accountDays.days && norms.length < parts.length) {
      inputs.push({
        name: 'дней по тарифу / дней потребления',
        value: `${p.days}/${span.accountDays.days}`,
        source: 'пропорционально дням',
      });
    }
    b.add(h, p, amount, volume, `${p.days} дн.`, inputs);
  }
}
