/**
 * The charges of one account for one service under one supplier and method, over the days they hold:
 * by meter (1–3 zones), by average (п.59), by norm × residents × K (п.60), by area, fixed, per person,
 * heating by norm (formula 2) and by the common-house meter (formula 3). Each day piece is priced with the
 * values in force on it (segments.ts); the pieces go to the LineBuilder, which rounds each line once.
 */
import { Decimal } from '../decimal.js';
import { validationFailed } from '../errors.js';
import { allocateDecimal } from '../money.js';
import { areaAt, residentsAt, type BillingContext } from './context.js';
import { legalInput } from './legal.js';
import { type LineBuilder, zoneName } from './line-builder.js';
import { Ratio } from './ratio.js';
import { text } from './text.js';
import { cutsOf } from './segments.js';
import {
  averageOrNorm,
  caseLetter,
  dayShare,
  head,
  kFor,
  pieces,
  residentCuts,
  type ServiceSpan,
} from './span.js';
import type { ExplanationInput, FlatMeter, LineMethod, VolumeBasis, ZoneVolume } from './types.js';
import { chargeWaterSum } from './water-sum.js';

export type { ServiceSpan } from './span.js';

/** Computes one span into the builder. */
export function chargeSpan(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  switch (span.method) {
    case 'by_meter':
    case 'by_norm':
      return chargeByVolume(ctx, b, span);
    case 'by_area':
      return chargeByArea(ctx, b, span);
    case 'fixed':
      return chargeFixed(ctx, b, span);
    case 'per_person':
      return chargePerPerson(ctx, b, span);
    case 'heating_by_norm':
      return chargeHeatingByNorm(ctx, b, span);
    case 'heating_by_common_meter':
      return chargeHeatingByCommonMeter(ctx, b, span);
    case 'common_needs_by_norm':
    case 'common_needs_by_common_meter':
      return; // a house-level allocation: common-needs.ts
  }
}

// ── By volume: meter, average, flat meter, norm ─────────────────────────────────────────────

function basisOf(ctx: BillingContext, span: ServiceSpan): VolumeBasis {
  const found = span.account.volumes.find((v) => v.serviceId === span.serviceId);
  if (!found) {
    const problem = `нет данных об объёме (ИПУ, среднее или отсутствие ИПУ) по услуге «${ctx.service(span.serviceId).name}»`;
    throw validationFailed([{ field: `accounts.${span.account.id}.volumes`, problem }]);
  }
  return found;
}

function chargeByVolume(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  const basis = basisOf(ctx, span);
  if (span.method === 'by_norm') return chargeByNorm(ctx, b, span, kFor(ctx, span, basis), 'by_norm');
  switch (basis.kind) {
    case 'readings': {
      const rec = basis.reconciliation;
      const meters = basis.meterIds.map((id) => `meter #${id}`).join(', ');
      const formula = rec
        ? 'Объём = (текущее показание − последнее принятое) − объёмы, начисленные по среднему за месяцы без показаний; плата = объём × тариф'
        : 'Плата = объём по показаниям ИПУ × тариф';
      const extra: ExplanationInput[] = rec
        ? [
            {
              name: 'начислено ранее по среднему',
              value: text(rec.averageBilled),
              source: rec.periods.join(', '),
            },
          ]
        : [];
      const rules = rec ? ['RULES.md §1.1', 'RULES.md §1.4'] : ['RULES.md §1.1', 'RULES.md §10.2'];
      return chargeZones(ctx, b, span, basis.zones, 'by_meter', formula, rules, meters, extra);
    }
    case 'average': {
      const { limit, norm } = averageOrNorm(ctx, span, basis);
      if (norm) return chargeByNorm(ctx, b, span, norm.k, 'by_norm_after_average', norm.why);
      const formula = `Плата = среднемесячный объём (${basis.basis}) × тариф; п.59 «${caseLetter(basis.case)}», ${basis.periodInRow}-й период из ${limit.value}`;
      const meters = basis.meterIds.map((id) => `meter #${id}`).join(', ');
      const extra = [legalInput('предел расчёта по среднему, периодов', limit)];
      return chargeZones(
        ctx,
        b,
        span,
        basis.zones,
        'by_average',
        formula,
        ['RULES.md §1.3', 'RULES-ADDENDUM §1'],
        meters,
        extra,
      );
    }
    case 'no_meter':
      return chargeByNorm(ctx, b, span, kFor(ctx, span, basis), 'by_norm');
    case 'water_sum':
      return chargeWaterSum(ctx, b, span, basis);
    case 'flat_meter': {
      const fm = flatMeterOf(ctx, span);
      const part = flatShare(fm, span.account.id);
      const formula = `Плата = доля объёма общего квартирного ПУ (пропорционально ${weightName(fm.weightBasis)}) × тариф`;
      const extra: ExplanationInput[] = [
        {
          name: `доля (${weightName(fm.weightBasis)})`,
          value: `${text(part.weight)} из ${text(part.total)}`,
          source: `flat_meter #${fm.id}`,
        },
      ];
      return chargeZones(
        ctx,
        b,
        span,
        part.zones,
        'by_flat_meter',
        formula,
        ['RULES.md §1.1'],
        `flat_meter #${fm.id}`,
        extra,
      );
    }
  }
}

const weightName = (w: FlatMeter['weightBasis']): string =>
  ({ residents: 'числу проживающих', area: 'площади', shares: 'долям' })[w];

function flatMeterOf(ctx: BillingContext, span: ServiceSpan): FlatMeter {
  const fm = ctx.input.flatMeters.find(
    (f) => f.serviceId === span.serviceId && f.accounts.some((a) => a.accountId === span.account.id),
  );
  if (!fm) {
    const problem = `нет общего квартирного ПУ по услуге «${ctx.service(span.serviceId).name}»`;
    throw validationFailed([{ field: `accounts.${span.account.id}.volumes`, problem }]);
  }
  return fm;
}

/** The account's part of each zone of a flat meter: split exactly (largest remainder) at the volume's scale. */
export function flatShare(
  fm: FlatMeter,
  accountId: number,
): { zones: ZoneVolume[]; weight: Decimal; total: Decimal } {
  const index = fm.accounts.findIndex((a) => a.accountId === accountId);
  const weights = fm.accounts.map((a) => a.weight);
  const zones = fm.zones.map((z) => {
    const parts = allocateVolume(z.volume, weights);
    return { zone: z.zone, volume: parts[index]!, readingIds: z.readingIds };
  });
  return { zones, weight: weights[index]!, total: Decimal.sum(weights) };
}

/** Splits a volume exactly at its own scale (at least 0.001), largest remainder (money.ts). */
const allocateVolume = (total: Decimal, weights: readonly Decimal[]): Decimal[] =>
  allocateDecimal(total, weights, Math.max(total.scale, 3));

/** Metered zones: each zone at its own tariff; the month's volume spread by days over tariff pieces. */
function chargeZones(
  ctx: BillingContext,
  b: LineBuilder,
  span: ServiceSpan,
  zones: readonly ZoneVolume[],
  method: LineMethod,
  formula: string,
  rules: string[],
  evidence: string,
  extra: ExplanationInput[],
): void {
  for (const z of zones) {
    for (const p of pieces(ctx, span)) {
      const h = head(ctx, span, method, z.zone, p.from, formula, rules);
      // volume × days of the piece / open days of the account: the whole when nothing changes.
      const volume = Ratio.of(z.volume).scale(p.days, span.accountDays.days);
      const readings = z.readingIds.length ? z.readingIds.map((id) => `reading #${id}`).join(', ') : evidence;
      const inputs: ExplanationInput[] = [
        {
          name: z.zone === 'single' ? 'объём за период' : `объём (${zoneName(z.zone)})`,
          value: text(z.volume),
          source: readings,
        },
        ...extra,
      ];
      if (p.days !== span.accountDays.days) {
        inputs.push({
          name: 'дней по тарифу / дней потребления',
          value: `${p.days}/${span.accountDays.days}`,
          source: 'пропорционально дням',
        });
      }
      b.add(h, p, volume.mul(h.tariff!.rate), volume, `${p.days} дн.`, inputs);
    }
  }
}

/** п.60 / formula 4(1): residents × norm × K × tariff; K multiplies the money, not the volume (ADDENDUM §2). */
function chargeByNorm(
  ctx: BillingContext,
  b: LineBuilder,
  span: ServiceSpan,
  k: 'apply' | null,
  method: LineMethod,
  why: ExplanationInput[] = [],
): void {
  const service = ctx.service(span.serviceId);
  const kVersions = k ? ctx.legal.coefficientVersions(service.resource) : [];
  const cuts = [
    ...residentCuts(span.account, span.range),
    ...cutsOf(ctx.normsOf(span.serviceId), span.range),
    ...cutsOf(kVersions, span.range),
  ];
  const formula = k
    ? 'Плата = число проживающих × норматив × повышающий коэффициент × тариф × дни/дни месяца (коэффициент — к плате, не к объёму)'
    : 'Плата = число проживающих × норматив × тариф × дни/дни месяца';
  const rules = [
    'RULES.md §1.2',
    ...(k ? ['RULES-ADDENDUM §2'] : []),
    ...(method === 'by_norm_after_average' ? ['RULES.md §1.3', 'RULES-ADDENDUM §1'] : []),
  ];
  for (const p of pieces(ctx, span, cuts)) {
    const n = residentsAt(span.account, p.from);
    if (n.count === 0) continue;
    const norm = ctx.normAt(span.serviceId, span.account.normCategory, p.from);
    const kr = k ? ctx.legal.increasingCoefficient(service.resource, p.from) : null;
    const h = head(ctx, span, method, 'single', p.from, formula, rules);
    const volume = Ratio.of(norm.value.mul(Decimal.fromInt(n.count))).scale(p.days, ctx.daysInPeriod);
    const amount = volume.mul(h.tariff!.rate).mul(kr ? kr.value : Decimal.ONE);
    const inputs: ExplanationInput[] = [
      { name: 'проживающих', value: String(n.count), source: n.source },
      {
        name: `норматив, ${service.unit}/чел. в мес.`,
        value: text(norm.value),
        source: `norm #${norm.id}`,
      },
      ...(kr ? [legalInput('повышающий коэффициент', kr)] : []),
      ...why,
    ];
    b.add(h, p, amount, volume, `${n.count} чел., ${dayShare(p, ctx)}`, inputs);
  }
}

// ── By area, fixed, per person ──────────────────────────────────────────────────────────────

function chargeByArea(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  const formula = 'Плата = площадь помещения × тариф за м² × дни/дни месяца';
  for (const p of pieces(ctx, span, cutsOf(span.account.areas, span.range))) {
    const area = areaAt(span.account, p.from);
    const h = head(ctx, span, 'by_area', 'single', p.from, formula, ['ЖК РФ ст.156, 158']);
    const volume = Ratio.of(area.area).scale(p.days, ctx.daysInPeriod);
    const inputs = [{ name: 'площадь, м²', value: text(area.area), source: `premise_area #${area.id}` }];
    b.add(h, p, volume.mul(h.tariff!.rate), volume, `${text(area.area)} м², ${dayShare(p, ctx)}`, inputs);
  }
}

function chargeFixed(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  const formula = 'Плата = сумма за месяц × дни/дни месяца';
  for (const p of pieces(ctx, span)) {
    const h = head(ctx, span, 'fixed', 'single', p.from, formula, ['RULES.md preamble']);
    const volume = Ratio.frac(p.days, ctx.daysInPeriod);
    b.add(h, p, volume.mul(h.tariff!.rate), volume, dayShare(p, ctx), []);
  }
}

function chargePerPerson(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  const formula = 'Плата = число проживающих × тариф на человека × дни/дни месяца';
  for (const p of pieces(ctx, span, residentCuts(span.account, span.range))) {
    const n = residentsAt(span.account, p.from);
    if (n.count === 0) continue;
    const h = head(ctx, span, 'per_person', 'single', p.from, formula, ['RULES.md preamble']);
    const volume = Ratio.frac(n.count, 1).scale(p.days, ctx.daysInPeriod);
    const inputs = [{ name: 'проживающих', value: String(n.count), source: n.source }];
    b.add(h, p, volume.mul(h.tariff!.rate), volume, `${n.count} чел., ${dayShare(p, ctx)}`, inputs);
  }
}

// ── Heating ─────────────────────────────────────────────────────────────────────────────────

/** No heating charge outside the heating season when the territory pays in season only (RULES.md §3.1). */
function heatingOff(ctx: BillingContext): boolean {
  return ctx.input.heating.schedule === 'heating_season' && !ctx.input.heating.inSeason;
}

/** Formula 2: S_i × N_T × T_T (RULES.md §3.2). */
function chargeHeatingByNorm(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  if (heatingOff(ctx)) return;
  const formula = 'Плата = площадь помещения × норматив отопления (Гкал/м²) × тариф (формула 2)';
  const cuts = [
    ...cutsOf(span.account.areas, span.range),
    ...cutsOf(ctx.normsOf(span.serviceId), span.range),
  ];
  for (const p of pieces(ctx, span, cuts)) {
    const area = areaAt(span.account, p.from);
    const norm = ctx.normAt(span.serviceId, span.account.normCategory, p.from);
    const h = head(ctx, span, 'heating_by_norm', 'single', p.from, formula, ['RULES.md §3.2']);
    const volume = Ratio.of(area.area.mul(norm.value)).scale(p.days, ctx.daysInPeriod);
    const inputs = [
      { name: 'площадь, м²', value: text(area.area), source: `premise_area #${area.id}` },
      { name: 'норматив, Гкал/м²', value: text(norm.value), source: `norm #${norm.id}` },
    ];
    b.add(h, p, volume.mul(h.tariff!.rate), volume, dayShare(p, ctx), inputs);
  }
}

/** Formula 3: V_Д × S_i / S_об × T_T; over twelve months V_Д is last year's monthly average (RULES.md §3). */
function chargeHeatingByCommonMeter(ctx: BillingContext, b: LineBuilder, span: ServiceSpan): void {
  if (heatingOff(ctx)) return;
  const heating = ctx.input.heating;
  const twelve = heating.schedule === 'twelve_months';
  const source = twelve ? heating.previousYearAverage : heating.commonMeter;
  if (!source) {
    const problem = twelve
      ? 'нет среднемесячного объёма ОДПУ прошлого года (оплата равномерно 12 месяцев)'
      : 'нет объёма ОДПУ отопления за месяц';
    throw validationFailed([{ field: 'heating', problem }]);
  }
  const vSource =
    'readingIds' in source ? source.readingIds.map((id) => `reading #${id}`).join(', ') : source.source;
  // the year's total over its months stays an exact fraction (no early rounding of the average)
  const monthly =
    'yearVolume' in source ? Ratio.frac(source.yearVolume, source.months) : Ratio.of(source.volume);
  const shown =
    'yearVolume' in source ? `${text(source.yearVolume)} / ${source.months}` : text(source.volume);
  const { totalArea } = ctx.input.house;
  const formula = twelve
    ? 'Плата = среднемесячный объём ОДПУ прошлого года × площадь помещения / площадь всех помещений × тариф (формула 3, равномерно 12 месяцев)'
    : 'Плата = объём ОДПУ за месяц × площадь помещения / площадь всех помещений × тариф (формула 3)';
  for (const p of pieces(ctx, span, cutsOf(span.account.areas, span.range))) {
    const area = areaAt(span.account, p.from);
    const h = head(ctx, span, 'heating_by_common_meter', 'single', p.from, formula, [
      'RULES.md §3.1',
      'RULES.md §3.2',
    ]);
    const volume = monthly.mul(area.area).divBy(totalArea).scale(p.days, ctx.daysInPeriod);
    const inputs = [
      {
        name: twelve ? 'объём ОДПУ, среднемесячный, Гкал' : 'объём ОДПУ, Гкал',
        value: shown,
        source: vSource,
      },
      { name: 'площадь помещения, м²', value: text(area.area), source: `premise_area #${area.id}` },
      {
        name: 'площадь всех помещений, м²',
        value: text(totalArea),
        source: `house #${ctx.input.house.id}`,
      },
    ];
    b.add(h, p, volume.mul(h.tariff!.rate), volume, dayShare(p, ctx), inputs);
  }
}
