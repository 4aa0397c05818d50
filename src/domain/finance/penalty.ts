/**
 * Penalties (пени), ЖК ст.155 ч.14 — RULES.md §6 as corrected by RULES-ADDENDUM §6–§8. Pure: the debts of an
 * account by billing period, its payments and the legal parameters in, the penalty of each debt with its
 * day-by-day breakdown (расчёт пени) out.
 *
 * - Due date (RULES.md §6.2, ADDENDUM §6): day `penalty.due_day` of the month after the period, moved to the
 *   next working day when `penalty.due_date_weekend_shift` is on (ГК ст.193, `calendar.non_working_days`);
 *   both read at the first day of the debt's period, so the 15th starts with the February 2026 bills.
 * - Scale (§6.1, `penalty.scale`): delay day k = due date + k days; nothing for k ≤ 30, rate/300 for
 *   31 ≤ k ≤ 90, rate/130 from k = 91, up to and including the payment day (`penalty.payment_day_counts`,
 *   ADDENDUM §8) or the calculation date for what is still unpaid.
 * - Rate (§6.1, §6.3): the key rate (`key_rate`) on the payment day of each paid part, and on the calculation
 *   date for the unpaid rest (`penalty.rate_date` = "payment_day"); or on the calculation date for the whole
 *   debt ("calculation_date"). The special order `penalty.key_rate_cap` (ПП 474 fixed 9.5 %; ПП 1681, 2479,
 *   2382, 329 min(9.5 %, key rate)) is read on that same date.
 * - Moratoria (§6.4, ADDENDUM §8, `penalty.moratoria`): their days give nothing while the delay counter keeps
 *   running; one with `obligationsBefore` covers only debts whose month of supply began before that date.
 * - Payments reduce debts on the day they were paid: the period the payer named first, then the oldest
 *   (`payment_allocation.policy`); money beyond every debt waits as an advance for the next debts.
 *
 * Rounding: every row is kept as an exact fraction of a kopeck; the penalty of a debt is their exact sum
 * rounded ONCE, half-up, to kopecks (RULES.md preamble, §6.5 "round the total"). Each row then shows a
 * kopeck amount given by `allocate` of that total over the rows' exact amounts, so the printed rows always
 * sum to the printed total and each is within one kopeck of its exact value.
 */
import type { LegalParameters, LegalReading } from '../billing/legal.js';
import { Decimal } from '../decimal.js';
import { validationFailed, type ErrorDetail } from '../errors.js';
import { allocate, formatRubles, kop, type Kopecks } from '../money.js';
import {
  addDays,
  comparePeriods,
  daysBetween,
  firstDay,
  nextPeriod,
  parseIsoDate,
  parsePeriod,
  type BillingPeriod,
  type IsoDate,
} from '../period.js';
import { WorkingCalendar } from './calendar.js';
import { orderPeriods, readAllocationPolicy } from './policy.js';

export type PenaltyDebt = { period: BillingPeriod; amount: Kopecks };
export type PenaltyPayment = {
  paidOn: IsoDate;
  amount: Kopecks;
  /** The period the payer named, if any. */
  period?: BillingPeriod | null;
  /** The payment's own id, carried into the breakdown. */
  ref?: string;
};
export type PenaltyInput = {
  calculationDate: IsoDate;
  debts: readonly PenaltyDebt[];
  payments: readonly PenaltyPayment[];
};

export type Reduction = { date: IsoDate; amount: Kopecks; ref: string | null };

export type PenaltyRow = {
  kind: 'accrual' | 'moratorium';
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** Delay days (day 1 is the day after the due date). */
  delayFrom: number;
  delayTo: number;
  /** The unpaid amount the row accrues on. */
  debt: Kopecks;
  /** % per year, e.g. '9.5'; null in a moratorium. */
  rate: string | null;
  /** 300 or 130 (the share of the rate per day is 1/divisor); null in a moratorium. */
  divisor: number | null;
  /** The exact amount in rubles, 6 decimals (display only). */
  exact: string;
  /** This row's kopecks; the rows of a debt sum exactly to its penalty. */
  amount: Kopecks;
  formula: string;
  /** The act of the moratorium (for kind 'moratorium'). */
  act?: string;
};

export type Explanation = { name: string; value: string; source: string };

export type DebtPenalty = {
  period: BillingPeriod;
  amount: Kopecks;
  dueDate: IsoDate;
  reductions: Reduction[];
  /** Still unpaid on the calculation date. */
  unpaid: Kopecks;
  rows: PenaltyRow[];
  penalty: Kopecks;
  inputs: Explanation[];
};

export type PenaltyResult = {
  calculationDate: IsoDate;
  debts: DebtPenalty[];
  /** The sum of the debts' penalties (each rounded once). */
  total: Kopecks;
  /** Paid beyond every debt. */
  advance: Kopecks;
};

type Scale = { graceDays: number; stages: { fromDay: number; divisor: number }[] };
type Moratorium = { act?: string; from: IsoDate; to: IsoDate; obligationsBefore?: IsoDate };
type Cap = { mode: 'fixed' | 'min' | 'none'; rate?: string };
type Rate = { rate: Decimal; inputs: Explanation[] };

/** The rate scale of the penalty: every rate is brought to 4 decimals (9.5 % → 95000). */
const RATE_SCALE = 4;
const src = (r: LegalReading<unknown>) => `legal_parameter #${r.id} (${r.code})`;

/** The due date of a period's bill (RULES.md §6.2, RULES-ADDENDUM §6), with what it was read from. */
export function dueDate(
  legal: LegalParameters,
  period: BillingPeriod,
): { date: IsoDate; unshifted: IsoDate; inputs: Explanation[] } {
  const start = firstDay(period);
  const day = legal.integer('penalty.due_day', start);
  const shift = legal.boolean('penalty.due_date_weekend_shift', start);
  const unshifted = addDays(firstDay(nextPeriod(period)), day.value - 1);
  const inputs: Explanation[] = [
    { name: 'срок оплаты, число следующего месяца', value: String(day.value), source: src(day) },
    { name: 'перенос с выходного (ГК ст.193)', value: String(shift.value), source: src(shift) },
  ];
  if (!shift.value) return { date: unshifted, unshifted, inputs };
  const calendar = new WorkingCalendar(legal);
  const date = calendar.nextWorkingDay(unshifted);
  inputs.push({
    name: 'производственный календарь',
    value: unshifted === date ? `${unshifted} — рабочий день` : `${unshifted} → ${date}`,
    source: `legal_parameter #${calendar.sourceId(unshifted)} (calendar.non_working_days)`,
  });
  return { date, unshifted, inputs };
}

/** The penalty rate on a date: the key rate under the special order in force then (RULES.md §6.3). */
export function penaltyRateOn(legal: LegalParameters, date: IsoDate): Rate {
  const capRow = legal.find('penalty.key_rate_cap', date);
  const cap: Cap = capRow ? (JSON.parse(capRow.value) as Cap) : { mode: 'none' };
  const capInput = capRow
    ? [
        {
          name: `особый порядок на ${date}`,
          value: capRow.value,
          source: `legal_parameter #${capRow.id} (penalty.key_rate_cap)`,
        },
      ]
    : [];
  if (cap.mode === 'fixed') return { rate: Decimal.parse(cap.rate!), inputs: capInput };
  const key = legal.decimal('key_rate', date);
  const keyInput = { name: `ключевая ставка на ${date}, %`, value: key.value.toString(), source: src(key) };
  if (cap.mode === 'min') {
    return { rate: key.value.min(Decimal.parse(cap.rate!)), inputs: [keyInput, ...capInput] };
  }
  return { rate: key.value, inputs: [keyInput, ...capInput] };
}

/** Checks the input; every problem at once, each naming its field. */
function validate(input: PenaltyInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const check = (field: string, f: () => void) => {
    try {
      f();
    } catch (e) {
      problems.push({ field, problem: (e as Error).message });
    }
  };
  check('calculationDate', () => parseIsoDate(input.calculationDate));
  const seen = new Set<string>();
  input.debts.forEach((d, i) => {
    check(`debts.${i}.period`, () => parsePeriod(d.period));
    if (seen.has(d.period)) problems.push({ field: `debts.${i}.period`, problem: 'период повторяется' });
    seen.add(d.period);
    if (!Number.isSafeInteger(d.amount) || d.amount < 0)
      problems.push({ field: `debts.${i}.amount`, problem: 'сумма долга — целые копейки, не меньше 0' });
  });
  input.payments.forEach((p, i) => {
    check(`payments.${i}.paidOn`, () => parseIsoDate(p.paidOn));
    if (p.paidOn > input.calculationDate)
      problems.push({ field: `payments.${i}.paidOn`, problem: 'оплата позже даты расчёта' });
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0)
      problems.push({ field: `payments.${i}.amount`, problem: 'сумма оплаты — целые копейки, больше 0' });
    if (p.period != null) check(`payments.${i}.period`, () => parsePeriod(p.period!));
  });
  return problems;
}

/**
 * Applies the payments to the debts on the days they were paid: the named period first (if the policy
 * honours it), then the debts that have arisen (their period has begun) in the policy's order; the rest is
 * an advance that pays the next debts on the day they arise.
 */
export function applyPayments(
  legal: LegalParameters,
  debts: readonly PenaltyDebt[],
  payments: readonly PenaltyPayment[],
): { reductions: Map<BillingPeriod, Reduction[]>; advance: Kopecks } {
  const outstanding = new Map<BillingPeriod, number>(debts.map((d) => [d.period, d.amount]));
  const reductions = new Map<BillingPeriod, Reduction[]>(debts.map((d) => [d.period, []]));
  const byArising = [...debts].sort((a, b) => comparePeriods(a.period, b.period));
  const sorted = payments
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.paidOn < b.p.paidOn ? -1 : a.p.paidOn > b.p.paidOn ? 1 : a.i - b.i));
  let advance = 0;
  let arisen = 0; // debts [0, arisen) of byArising have arisen
  const take = (period: BillingPeriod, date: IsoDate, available: number, ref: string | null): number => {
    const owed = outstanding.get(period) ?? 0;
    const paid = Math.min(owed, available);
    if (paid > 0) {
      outstanding.set(period, owed - paid);
      reductions.get(period)!.push({ date, amount: kop(paid), ref });
    }
    return available - paid;
  };
  const arise = (until: IsoDate) => {
    while (arisen < byArising.length && firstDay(byArising[arisen]!.period) <= until) {
      const d = byArising[arisen++]!;
      if (advance > 0) advance = take(d.period, firstDay(d.period), advance, 'аванс');
    }
  };
  for (const { p } of sorted) {
    arise(p.paidOn);
    const policy = readAllocationPolicy(legal, p.paidOn);
    let rest: number = p.amount;
    if (p.period && policy.honourNamedPeriod && outstanding.has(p.period)) {
      rest = take(p.period, p.paidOn, rest, p.ref ?? null);
    }
    const open = orderPeriods(
      byArising.slice(0, arisen).map((d) => d.period),
      policy.periodOrder,
    );
    for (const period of open) {
      if (rest === 0) break;
      rest = take(period, p.paidOn, rest, p.ref ?? null);
    }
    advance += rest;
  }
  arise('9999-12-31' as IsoDate);
  return { reductions, advance: kop(advance) };
}

/** A part of a debt that accrues up to `end` (inclusive) at `rate`. */
type Portion = { amount: number; end: IsoDate; rate: Decimal; rateUnits: bigint };

/** Penalties of an account's debts on the calculation date (see the module comment). */
export function computePenalties(legal: LegalParameters, input: PenaltyInput): PenaltyResult {
  const problems = validate(input);
  if (problems.length > 0) throw validationFailed(problems, 'Некорректные данные для расчёта пени');
  const { reductions, advance } = applyPayments(legal, input.debts, input.payments);
  const debts = [...input.debts]
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map((d) => debtPenalty(legal, d, reductions.get(d.period) ?? [], input.calculationDate));
  const total = debts.reduce((s, d) => s + d.penalty, 0);
  return { calculationDate: input.calculationDate, debts, total: kop(total), advance };
}

function debtPenalty(
  legal: LegalParameters,
  debt: PenaltyDebt,
  reductions: Reduction[],
  calculationDate: IsoDate,
): DebtPenalty {
  const due = dueDate(legal, debt.period);
  const scaleR = legal.json<Scale>('penalty.scale', due.date);
  const dayCounts = legal.boolean('penalty.payment_day_counts', due.date);
  const rateDate = legal.json<string>('penalty.rate_date', firstDay(debt.period));
  const inputs: Explanation[] = [
    { name: 'долг за период', value: formatRubles(debt.amount), source: `начисления за ${debt.period}` },
    ...due.inputs,
    { name: 'срок оплаты', value: due.date, source: 'RULES.md §6.2, RULES-ADDENDUM §6' },
    { name: 'шкала пени', value: JSON.stringify(scaleR.value), source: src(scaleR) },
    { name: 'день оплаты включается', value: String(dayCounts.value), source: src(dayCounts) },
    { name: 'дата ставки', value: rateDate.value, source: src(rateDate) },
  ];

  const rateCache = new Map<IsoDate, Rate>();
  const rateOn = (date: IsoDate): Rate => {
    let r = rateCache.get(date);
    if (!r) {
      r = penaltyRateOn(legal, date);
      rateCache.set(date, r);
      inputs.push(...r.inputs);
    }
    return r;
  };
  const portion = (amount: number, end: IsoDate, rateDay: IsoDate): Portion => {
    const rate = rateOn(rateDate.value === 'calculation_date' ? calculationDate : rateDay).rate;
    return { amount, end, rate, rateUnits: rate.unitsAt(RATE_SCALE) };
  };
  const portions: Portion[] = [];
  let unpaid: number = debt.amount;
  for (const r of reductions) {
    unpaid -= r.amount;
    portions.push(portion(r.amount, dayCounts.value ? r.date : addDays(r.date, -1), r.date));
  }
  if (unpaid > 0) portions.push(portion(unpaid, calculationDate, calculationDate));

  const moratoriaRow = legal.find('penalty.moratoria', calculationDate);
  const moratoria = (moratoriaRow ? (JSON.parse(moratoriaRow.value) as Moratorium[]) : []).filter(
    (m) => !m.obligationsBefore || firstDay(debt.period) < m.obligationsBefore,
  );
  if (moratoriaRow && moratoria.length > 0) {
    inputs.push({
      name: 'мораторий',
      value: moratoria.map((m) => `${m.from}…${m.to}`).join(', '),
      source: `legal_parameter #${moratoriaRow.id} (penalty.moratoria)`,
    });
  }

  const lcm = lcmOf(scaleR.value);
  const den = 100n * 10n ** BigInt(RATE_SCALE) * lcm;
  const rows = breakdown(due.date, scaleR.value, moratoria, portions, lcm);
  const { total, amounts } = roundRows(
    rows.map((r) => r.units),
    den,
  );
  return {
    period: debt.period,
    amount: debt.amount,
    dueDate: due.date,
    reductions,
    unpaid: kop(unpaid),
    rows: rows.map((r, i) => ({ ...r.row, amount: amounts[i]!, exact: exactRubles(r.units, den) })),
    penalty: total,
    inputs,
  };
}

/**
 * Exact row amounts are kept in units of 1 / DENOMINATOR kopeck. amount_kop = debt_kop × rate% / 100 ×
 * days / divisor, and with the rate in units of 10^-4 %: debt × rateUnits × days × (lcm / divisor) /
 * (100 × 10^4 × LCM). LCM covers every divisor of the scale (300 and 130 → 3900).
 */
function lcmOf(scale: Scale): bigint {
  return scale.stages.reduce((l, s) => (l * BigInt(s.divisor)) / gcd(l, BigInt(s.divisor)), 1n);
}

type RawRow = { row: Omit<PenaltyRow, 'amount' | 'exact'>; units: bigint };

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function breakdown(
  due: IsoDate,
  scale: Scale,
  moratoria: readonly Moratorium[],
  portions: readonly Portion[],
  lcm: bigint,
): RawRow[] {
  const stages = [...scale.stages].sort((a, b) => a.fromDay - b.fromDay);
  if (stages.length === 0 || portions.length === 0) return [];
  const start = addDays(due, stages[0]!.fromDay);
  const end = portions.reduce((m, p) => (p.end > m ? p.end : m), portions[0]!.end);
  if (end < start) return [];

  const cuts = new Set<IsoDate>([start, addDays(end, 1)]);
  for (const s of stages) cuts.add(addDays(due, s.fromDay));
  for (const m of moratoria) {
    cuts.add(m.from);
    cuts.add(addDays(m.to, 1));
  }
  for (const p of portions) cuts.add(addDays(p.end, 1));
  const points = [...cuts].filter((d) => d >= start && d <= addDays(end, 1)).sort();

  const rows: RawRow[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = addDays(points[i + 1]!, -1);
    const active = portions.filter((p) => p.end >= from);
    if (active.length === 0) continue;
    const delayFrom = daysBetween(due, from);
    const delayTo = daysBetween(due, to);
    const days = delayTo - delayFrom + 1;
    const m = moratoria.find((x) => x.from <= from && from <= x.to);
    if (m) {
      const debt = active.reduce((s, p) => s + p.amount, 0);
      push(rows, {
        row: {
          kind: 'moratorium',
          from,
          to,
          days,
          delayFrom,
          delayTo,
          debt: kop(debt),
          rate: null,
          divisor: null,
          formula: `мораторий${m.act ? ` (${m.act})` : ''}: 0`,
          ...(m.act ? { act: m.act } : {}),
        },
        units: 0n,
      });
      continue;
    }
    const stage = stages.filter((s) => s.fromDay <= delayFrom).at(-1)!;
    const byRate = new Map<bigint, { rate: Decimal; debt: number }>();
    for (const p of active) {
      const g = byRate.get(p.rateUnits) ?? { rate: p.rate, debt: 0 };
      g.debt += p.amount;
      byRate.set(p.rateUnits, g);
    }
    for (const [rateUnits, g] of [...byRate].sort((a, b) => (a[0] > b[0] ? -1 : 1))) {
      const divisor = BigInt(stage.divisor);
      push(rows, {
        row: {
          kind: 'accrual',
          from,
          to,
          days,
          delayFrom,
          delayTo,
          debt: kop(g.debt),
          rate: g.rate.toString(),
          divisor: stage.divisor,
          formula: '',
        },
        units: BigInt(g.debt) * rateUnits * BigInt(days) * (lcm / divisor),
      });
    }
  }
  for (const r of rows) if (r.row.kind === 'accrual') r.row.formula = formulaOf(r.row);
  return rows;
}

/** Appends a row, or extends the row it continues (same kind, debt, rate and divisor, the next day). */
function push(rows: RawRow[], next: RawRow): void {
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (addDays(r.row.to, 1) < next.row.from) break;
    if (
      addDays(r.row.to, 1) === next.row.from &&
      r.row.kind === next.row.kind &&
      r.row.debt === next.row.debt &&
      r.row.rate === next.row.rate &&
      r.row.divisor === next.row.divisor
    ) {
      r.row.to = next.row.to;
      r.row.delayTo = next.row.delayTo;
      r.row.days += next.row.days;
      r.units += next.units;
      return;
    }
  }
  rows.push(next);
}

function formulaOf(r: Omit<PenaltyRow, 'amount' | 'exact'>): string {
  return `${formatRubles(r.debt)} × ${r.rate!.replace('.', ',')} % × 1/${r.divisor} × ${r.days}`;
}

/** The exact sum rounded once, half-up, and the rows' kopecks summing to it. */
function roundRows(units: readonly bigint[], den: bigint): { total: Kopecks; amounts: Kopecks[] } {
  const sum = units.reduce((s, u) => s + u, 0n);
  const total = kop(Number((2n * sum + den) / (2n * den)));
  const amounts = units.some((u) => u > 0n) ? allocate(total, units) : units.map(() => kop(0));
  return { total, amounts };
}

function exactRubles(units: bigint, den: bigint): string {
  return Decimal.fromUnits(units, 0)
    .div(Decimal.fromInt(den * 100n), 6)
    .toFixed(6);
}
