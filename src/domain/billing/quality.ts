/**
 * Reductions for interruptions and poor quality (RULES.md §5, RULES-ADDENDUM §4, App.1 to Rules 354).
 * The base is the period's charge P of the account for the service and supplier (the sum of its charge
 * lines); the reduction is a percentage of P, capped at 100 % ("вплоть до полного освобождения"), posted as
 * one negative line per (account, service, supplier), rounded once.
 * - interruptions: 0.15 % per hour over the permitted duration; the excess hours are counted by the
 *   strategy `quality.excess_hours_method` — per_event_sum (a), monthly_total (b), union (c);
 * - hot-water temperature: 0.1 % per whole 3 °C step beyond the permitted deviation, per hour;
 * - room temperature: 0.15 % per degree of deviation per hour.
 */
import { Decimal } from '../decimal.js';
import { validationFailed } from '../errors.js';
import { addDays, daysBetween, lastDay, parseIsoDate, type IsoDate } from '../period.js';
import type { BillingContext } from './context.js';
import { legalInput } from './legal.js';
import { Ratio } from './ratio.js';
import type { AccountInput, ChargeLine, ExplanationInput, ServiceResource, Undersupply } from './types.js';

export type ExcessHoursMethod = 'per_event_sum' | 'monthly_total' | 'union';

/** Permitted interruption limits in hours; undefined = no such limit for the row. */
export type Limits = { month?: number; once?: number };

type Permitted = {
  cold_water?: { month: number; once: number };
  hot_water?: { month: number; once: number; deadEndAccident?: number };
  wastewater?: { month: number; once: number };
  electricity?: { twoSources: number; oneSource: number };
  gas?: { month: number };
  heating?: { month: number; onceAt12: number; onceAt10: number; onceAt8: number };
};

export type HotWaterTemperature = {
  norm: number;
  dayDeviation: number;
  nightDeviation: number;
  stepDegrees: number;
  /** Only whole steps count (RULES.md §5.2: «за каждые 3 °C»; partial steps UNCONFIRMED). */
  wholeSteps: boolean;
  percentPerStepHour: string;
  coldBelow: number;
};

export type RoomTemperature = { nightDrop: number; above: number; percentPerDegreeHour: string };

/** A measured temperature as an exact decimal (51.3 → 51.3, not 51.29999…). */
const degrees = (t: number): Decimal => Decimal.parse(String(t));

const MINUTE_TEXT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DDTHH:MM' → minutes since 1970-01-01 00:00 (local time; no time zone arithmetic). */
export function minutesOf(text: string, field: string): number {
  const m = MINUTE_TEXT.exec(text);
  const h = Number(m?.[2]);
  const min = Number(m?.[3]);
  if (!m || h > 23 || min > 59) {
    throw validationFailed([{ field, problem: `не время 'ГГГГ-ММ-ДДTЧЧ:ММ': ${JSON.stringify(text)}` }]);
  }
  const date = parseIsoDate(m[1]!);
  return daysBetween('1970-01-01' as IsoDate, date) * 1440 + h * 60 + min;
}

/**
 * Excess minutes over the limits, events (durations in minutes) in time order (RULES-ADDENDUM §4):
 * (a) per_event_sum: Σ max(0, d − once) — without a per-event limit, the monthly excess;
 * (b) monthly_total: max(0, Σd − month) — without a monthly limit, the per-event sum;
 * (c) union: each minute that breaks either limit, once: per event the larger of its tail beyond `once`
 *     and its part beyond the running monthly total (both are tails of the event).
 */
export function excessMinutes(
  durations: readonly number[],
  limits: readonly Limits[],
  method: ExcessHoursMethod,
): number {
  const total = durations.reduce((s, d) => s + d, 0);
  const monthLimit = limits[0]?.month;
  const perEvent = (): number =>
    durations.reduce((s, d, i) => s + Math.max(0, d - (limits[i]!.once ?? Infinity) * 60), 0);
  const monthly = (): number => Math.max(0, total - (monthLimit ?? Infinity) * 60);
  if (method === 'per_event_sum') return limits.some((l) => l.once !== undefined) ? perEvent() : monthly();
  if (method === 'monthly_total') return monthLimit !== undefined ? monthly() : perEvent();
  let before = 0;
  let sum = 0;
  const month = (monthLimit ?? Infinity) * 60;
  for (const [i, d] of durations.entries()) {
    const overOnce = Math.max(0, d - (limits[i]!.once ?? Infinity) * 60);
    const overMonth = Math.max(0, before + d - Math.max(before, month));
    sum += Math.max(overOnce, overMonth);
    before += d;
  }
  return sum;
}

/** The limits of one interruption for a resource (App.1 rows; heating by the room temperature). */
function limitsFor(resource: ServiceResource | null, p: Permitted, u: Undersupply): Limits {
  const d = u.detail.kind === 'interruption' ? u.detail : undefined;
  const missing = (): never => {
    throw validationFailed([
      { field: `undersupplies.${u.id}`, problem: `нет допустимых перерывов для ресурса ${resource ?? '—'}` },
    ]);
  };
  switch (resource) {
    case 'cold_water':
    case 'wastewater':
      return p[resource] ?? missing();
    case 'hot_water': {
      const row = p.hot_water ?? missing();
      return d?.deadEndAccident && row.deadEndAccident ? { once: row.deadEndAccident } : row;
    }
    case 'electricity': {
      const row = p.electricity ?? missing();
      return { once: d?.powerSources === 2 ? row.twoSources : row.oneSource };
    }
    case 'gas':
      return p.gas ?? missing();
    case 'heating': {
      const row = p.heating ?? missing();
      // App.1 п.14: 16 h at +12 °C and above, 8 h at +10…+12, 4 h at +8…+10; below +8 the strictest (4 h).
      const t = d?.roomTemperature ?? 12;
      const once = t >= 12 ? row.onceAt12 : t >= 10 ? row.onceAt10 : row.onceAt8;
      return { month: row.month, once };
    }
    default:
      return missing();
  }
}

function applies(u: Undersupply, account: AccountInput): boolean {
  if (u.scope.kind === 'house') return true;
  if (u.scope.kind === 'entrance') return account.entrance === u.scope.entrance;
  return u.scope.accountIds.includes(account.id);
}

/** The reductions of the house's accounts, given their charge lines of the period. */
export function qualityReductions(ctx: BillingContext, lines: readonly ChargeLine[]): ChargeLine[] {
  if (ctx.input.undersupplies.length === 0) return [];
  const periodStart = minutesOf(`${ctx.start}T00:00`, 'period');
  const periodEnd = minutesOf(`${addDays(lastDay(ctx.period), 1)}T00:00`, 'period');
  const clipped = ctx.input.undersupplies
    .map((u) => {
      const s = Math.max(minutesOf(u.start, `undersupplies.${u.id}.start`), periodStart);
      const e = Math.min(minutesOf(u.end, `undersupplies.${u.id}.end`), periodEnd);
      return { u, start: s, minutes: e - s };
    })
    .filter((x) => x.minutes > 0)
    .sort((a, b) => a.start - b.start || a.u.id - b.u.id);

  const out: ChargeLine[] = [];
  const base = new Map<string, { line: ChargeLine; amount: number }>();
  for (const l of lines) {
    if (l.kind !== 'charge') continue;
    const k = `${l.accountId}|${l.serviceId}|${l.supplierId}`;
    const found = base.get(k);
    if (found) found.amount += l.amount;
    else base.set(k, { line: l, amount: l.amount });
  }
  const accounts = new Map(ctx.input.accounts.map((a) => [a.id, a]));
  for (const { line, amount } of base.values()) {
    const account = accounts.get(line.accountId)!;
    const events = clipped.filter((x) => x.u.serviceId === line.serviceId && applies(x.u, account));
    if (events.length === 0 || amount <= 0) continue;
    const r = reductionPercent(ctx, line.serviceId, events);
    const percent =
      r.percent.cmp(Ratio.of(Decimal.fromInt(100))) > 0 ? Ratio.of(Decimal.fromInt(100)) : r.percent;
    const money = percent.mul(Decimal.fromInt(amount)).scale(1, 100).scale(1, 100).neg(); // kopecks × % → rubles
    out.push({
      accountId: line.accountId,
      period: ctx.period,
      serviceId: line.serviceId,
      supplierId: line.supplierId,
      kind: 'reduction',
      method: 'quality_reduction',
      volume: null,
      unit: line.unit,
      tariffId: null,
      zone: null,
      tariff: null,
      amount: money.toKopecks(),
      explanation: {
        formula:
          'Уменьшение = − плата за период × Σ процентов (за часы сверх допустимого перерыва, за отступления параметров), не более 100 %',
        rules: ['RULES.md §5.1', 'RULES.md §5.2', 'RULES-ADDENDUM §4'],
        inputs: [
          { name: 'плата за период, коп.', value: String(amount), source: 'строки начисления услуги' },
          { name: 'процент уменьшения', value: percent.round(6).toString(), source: 'расчёт' },
          ...r.inputs,
        ],
        pieces: [],
      },
    });
  }
  return out;
}

type Clipped = { u: Undersupply; start: number; minutes: number };

function reductionPercent(
  ctx: BillingContext,
  serviceId: number,
  events: readonly Clipped[],
): { percent: Ratio; inputs: ExplanationInput[] } {
  const resource = ctx.service(serviceId).resource;
  const inputs: ExplanationInput[] = [];
  let percent = Ratio.ZERO;
  const interruptions = events.filter((e) => e.u.detail.kind === 'interruption');
  if (interruptions.length > 0) {
    const permitted = ctx.legal.json<Permitted>('quality.permitted_interruptions', ctx.start);
    const method = ctx.legal.json<ExcessHoursMethod>('quality.excess_hours_method', ctx.start);
    const perHour = ctx.legal.decimal('quality.reduction_percent_per_hour', ctx.start);
    // A hot-water accident on a dead-end main has its own limit (24 h in a row, App.1 п.4) and is not
    // counted in the month's 8 h of ordinary interruptions (our reading; docs/billing.md).
    const deadEnd = (e: Clipped): boolean =>
      resource === 'hot_water' && e.u.detail.kind === 'interruption' && e.u.detail.deadEndAccident === true;
    const ordinary = interruptions.filter((e) => !deadEnd(e));
    let excess = excessMinutes(
      ordinary.map((e) => e.minutes),
      ordinary.map((e) => limitsFor(resource, permitted.value, e.u)),
      method.value,
    );
    for (const e of interruptions.filter(deadEnd)) {
      const once = limitsFor(resource, permitted.value, e.u).once ?? 0;
      excess += Math.max(0, e.minutes - once * 60);
    }
    percent = percent.add(Ratio.frac(perHour.value.mul(Decimal.fromInt(excess)), 60));
    inputs.push(
      {
        name: 'перерывы, мин.',
        value: interruptions.map((e) => e.minutes).join(' + '),
        source: interruptions.map((e) => `undersupply #${e.u.id}`).join(', '),
      },
      {
        name: 'часов сверх допустимого',
        value: Ratio.frac(excess, 60).round(4).toString(),
        source: 'расчёт',
      },
      legalInput('допустимые перерывы', permitted),
      legalInput('способ подсчёта часов сверх допустимого', method),
      legalInput('% за час', perHour),
    );
  }
  for (const e of events) {
    const d = e.u.detail;
    if (d.kind === 'hot_water_temperature') {
      const p = ctx.legal.json<HotWaterTemperature>('quality.hot_water_temperature', ctx.start);
      const t = p.value;
      if (d.measured < t.coldBelow) {
        const problem = `температура ${d.measured} °C ниже ${t.coldBelow} °C: оплата по тарифу ХВС (RULES.md §5.2) не поддерживается ядром — введите перерыв`;
        throw validationFailed([{ field: `undersupplies.${e.u.id}.detail.measured`, problem }]);
      }
      const limit = t.norm - (d.night ? t.nightDeviation : t.dayDeviation);
      const beyond = Decimal.fromInt(limit).sub(degrees(d.measured));
      const step = Decimal.fromInt(t.stepDegrees);
      // Whole 3 °C steps (RULES.md §5.2), or the exact fraction of a step when the setting says so.
      const steps =
        beyond.isNegative() || beyond.isZero()
          ? Ratio.ZERO
          : t.wholeSteps
            ? Ratio.of(beyond.div(step, 0, 'down'))
            : Ratio.of(beyond).divBy(step);
      percent = percent.add(steps.mul(Decimal.parse(t.percentPerStepHour)).scale(e.minutes, 60));
      inputs.push(
        { name: 'температура ГВС, °C', value: String(d.measured), source: `undersupply #${e.u.id}` },
        {
          name: 'шагов по 3 °C сверх допустимого × часов',
          value: `${steps.round(4).toString()} × ${Ratio.frac(e.minutes, 60).round(4).toString()}`,
          source: 'расчёт',
        },
        legalInput('параметры температуры ГВС', p),
      );
    } else if (d.kind === 'room_temperature') {
      const p = ctx.legal.json<RoomTemperature>('quality.room_temperature', ctx.start);
      const measured = degrees(d.measured);
      const low = Decimal.fromInt(d.norm - (d.night ? p.value.nightDrop : 0)).sub(measured);
      const high = measured.sub(Decimal.fromInt(d.norm + p.value.above));
      const off = Decimal.ZERO.max(low).max(high);
      percent = percent.add(
        Ratio.of(off.mul(Decimal.parse(p.value.percentPerDegreeHour))).scale(e.minutes, 60),
      );
      inputs.push(
        {
          name: 'температура в помещении / норма, °C',
          value: `${d.measured} / ${d.norm}`,
          source: `undersupply #${e.u.id}`,
        },
        {
          name: 'градусов отклонения × часов',
          value: `${off.toString()} × ${Ratio.frac(e.minutes, 60).round(4).toString()}`,
          source: 'расчёт',
        },
        legalInput('параметры температуры в помещении', p),
      );
    }
  }
  return { percent, inputs };
}
