/**
 * What the per-account charges share (individual.ts, water-sum.ts): the span of one account × service ×
 * supplier × method, the line head, the day pieces, the п.59 limit and the increasing coefficient.
 */
import type { IsoDate } from '../period.js';
import type { BillingContext } from './context.js';
import { legalInput, type LegalReading } from './legal.js';
import type { LineHead } from './line-builder.js';
import { asDated, cutsOf, split, type DayRange } from './segments.js';
import type {
  AccountInput,
  CalculationMethod,
  ExplanationInput,
  LineMethod,
  ServiceResource,
  TariffZone,
  VolumeBasis,
} from './types.js';

export type ServiceSpan = {
  account: AccountInput;
  serviceId: number;
  supplierId: number;
  method: CalculationMethod;
  /** The days of this supplier and method within the account's open days. */
  range: DayRange;
  /** All open days of the account in the period: a month's metered volume is spread over them. */
  accountDays: DayRange;
};

/** "days/days in month дн.": the few texts a period has are made once (a run shows one per line). */
const dayShares = new Map<number, string>();
export const dayShare = (r: DayRange, ctx: BillingContext): string => {
  const key = r.days * 100 + ctx.daysInPeriod;
  let s = dayShares.get(key);
  if (s === undefined) {
    s = `${r.days}/${ctx.daysInPeriod} дн.`;
    dayShares.set(key, s);
  }
  return s;
};

export function head(
  ctx: BillingContext,
  span: ServiceSpan,
  method: LineMethod,
  zone: TariffZone,
  date: IsoDate,
  formula: string,
  rules: string[],
): LineHead {
  return {
    accountId: span.account.id,
    serviceId: span.serviceId,
    supplierId: span.supplierId,
    kind: 'charge',
    method,
    unit: ctx.service(span.serviceId).unit,
    tariff: ctx.tariffAt(span.serviceId, span.supplierId, zone, date),
    zone,
    formula,
    rules,
  };
}

/** The day pieces of a span cut by the tariff versions (all zones) and extra dated inputs. */
export function pieces(ctx: BillingContext, span: ServiceSpan, extraCuts: IsoDate[] = []): DayRange[] {
  const cuts = cutsOf(ctx.tariffsOf(span.serviceId, span.supplierId), span.range);
  for (const c of extraCuts) cuts.push(c);
  return split(span.range, cuts);
}

export const residentCuts = (a: AccountInput, r: DayRange): IsoDate[] => cutsOf(a.residents.map(asDated), r);

export const caseLetter = (c: 'failed' | 'not_submitted' | 'access_refused'): string =>
  ({ failed: 'а', not_submitted: 'б', access_refused: 'в' })[c];

export function averageLimit(
  ctx: BillingContext,
  account: AccountInput,
  c: 'failed' | 'not_submitted' | 'access_refused',
): LegalReading<number> {
  const kind = account.residential ? 'residential' : 'non_residential';
  // п.59 «а» and «в» share the limit; «б» has its own (RULES-ADDENDUM §1; the catalogue's codes).
  const code =
    c === 'not_submitted' ? `average.limit_months.not_submitted.${kind}` : `average.limit_months.${kind}`;
  return ctx.legal.integer(code, ctx.start);
}

/**
 * K for a norm charge, or null when it does not apply (RULES.md §1.2, RULES-ADDENDUM §1–2): a residential
 * premise without a meter although one could be installed (or past the п.59 limit: the caller passes
 * `no_meter` installable), for a resource listed in `increasing_coefficient.resources`.
 */
export function kFor(ctx: BillingContext, span: ServiceSpan, basis: VolumeBasis): 'apply' | null {
  const resource = ctx.service(span.serviceId).resource;
  if (!span.account.residential || resource === null) return null;
  if (basis.kind !== 'no_meter' || !basis.meterInstallable) return null;
  const resources = ctx.legal.json<ServiceResource[]>('increasing_coefficient.resources', span.range.from);
  return resources.value.includes(resource) ? 'apply' : null;
}

/**
 * An п.59 average against its limit: within it, null `norm`; past it (п.60), the norm — with K when
 * `average.limit.apply_k_after` (RULES-ADDENDUM §1) — and the inputs that say why. `label` prefixes the
 * period-in-row input (wastewater names the water service).
 */
export function averageOrNorm(
  ctx: BillingContext,
  span: ServiceSpan,
  basis: Extract<VolumeBasis, { kind: 'average' }>,
  label = '',
): { limit: LegalReading<number>; norm: { k: 'apply' | null; why: ExplanationInput[] } | null } {
  const limit = averageLimit(ctx, span.account, basis.case);
  if (basis.periodInRow <= limit.value) return { limit, norm: null };
  const applyK = ctx.legal.boolean('average.limit.apply_k_after', ctx.start);
  const k = applyK.value
    ? kFor(ctx, span, { kind: 'no_meter', serviceId: basis.serviceId, meterInstallable: true })
    : null;
  const why: ExplanationInput[] = [
    legalInput('предел расчёта по среднему, периодов', limit),
    {
      name: `${label}период подряд по среднему`,
      value: String(basis.periodInRow),
      source: `п.59 «${caseLetter(basis.case)}»`,
    },
    legalInput('повышающий коэффициент после предела', applyK),
  ];
  return { limit, norm: { k, why } };
}
