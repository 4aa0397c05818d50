/**
 * Collects the day pieces of one account and service into charge lines. The line is the unit of rounding:
 * one line per (service, supplier, tariff version, zone, method) — docs/billing.md "Lines". Pieces that share
 * that key (e.g. a resident registered on the 17th under one tariff) are summed exactly and the line is
 * rounded once, half-up; the pieces stay in the explanation.
 */
import { Decimal } from '../decimal.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import type { Ratio } from './ratio.js';
import type { DayRange } from './segments.js';
import { text } from './text.js';
import type {
  ChargeLine,
  Explanation,
  ExplanationInput,
  LineKind,
  LineMethod,
  TariffVersion,
  TariffZone,
} from './types.js';

/** Volumes are shown to 6 decimals; the amount is computed from the exact value. */
export const VOLUME_DISPLAY_SCALE = 6;

export type Piece = {
  from: IsoDate;
  to: IsoDate;
  days: number;
  amount: Ratio;
  volume: Ratio | null;
  note: string;
  inputs: readonly ExplanationInput[];
};

export type LineHead = {
  accountId: number;
  serviceId: number;
  supplierId: number;
  kind: LineKind;
  method: LineMethod;
  unit: string;
  tariff: TariffVersion | null;
  zone: TariffZone | null;
  formula: string;
  rules: readonly string[];
};

type Open = { head: LineHead; pieces: Piece[] };

export class LineBuilder {
  private readonly open = new Map<string, Open>();

  constructor(private readonly period: BillingPeriod) {}

  /**
   * Adds a day piece to its line: the piece is made here, field by field (an object spread per piece cost more
   * than the piece's arithmetic: docs/performance.md "The pure billing core").
   */
  add(
    head: LineHead,
    range: DayRange,
    amount: Ratio,
    volume: Ratio | null,
    note: string,
    inputs: readonly ExplanationInput[],
  ): void {
    const piece: Piece = { from: range.from, to: range.to, days: range.days, amount, volume, note, inputs };
    // one template string, not an array joined: this runs for every piece of every line
    const key = `${head.accountId}|${head.serviceId}|${head.supplierId}|${head.kind}|${head.method}|${head.tariff?.id ?? '-'}|${head.zone ?? '-'}`;
    const found = this.open.get(key);
    if (found) found.pieces.push(piece);
    else this.open.set(key, { head, pieces: [piece] });
  }

  lines(): ChargeLine[] {
    return [...this.open.values()].map(({ head, pieces }) => finishLine(this.period, head, pieces));
  }
}

/** Sums the pieces exactly and rounds once. */
export function finishLine(period: BillingPeriod, head: LineHead, pieces: readonly Piece[]): ChargeLine {
  // Summed from the first piece, not from zero: the same exact value (0 + x = x) without cross-multiplying
  // by zero over 1 — for the usual one-piece line no arithmetic at all.
  let amount = pieces[0]!.amount;
  let volume: Ratio | null = pieces[0]!.volume;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    amount = amount.add(p.amount);
    if (p.volume) volume = volume ? volume.add(p.volume) : p.volume;
  }
  return {
    accountId: head.accountId,
    period,
    serviceId: head.serviceId,
    supplierId: head.supplierId,
    kind: head.kind,
    method: head.method,
    volume: volume ? shownVolume(volume) : null,
    unit: head.unit,
    tariffId: head.tariff?.id ?? null,
    zone: head.zone,
    tariff: head.tariff?.rate ?? null,
    amount: amount.toKopecks(),
    explanation: explain(head, pieces),
  };
}

/**
 * The volume as a line shows it: rounded to 6 decimals, trailing zeros cut. A whole-month volume over 1 with at
 * most 6 decimals is already exact there (no division, no padding to be cut again).
 */
function shownVolume(v: Ratio): Decimal {
  return v.den === 1n && v.num.scale <= VOLUME_DISPLAY_SCALE
    ? normalise(v.num)
    : normalise(v.round(VOLUME_DISPLAY_SCALE));
}

/** 7.333000 → 7.333 (display only; the value is unchanged). */
function normalise(d: Decimal): Decimal {
  let units = d.units;
  let scale = d.scale;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return scale === d.scale ? d : Decimal.fromUnits(units, scale);
}

function explain(head: LineHead, pieces: readonly Piece[]): Explanation {
  const inputs: ExplanationInput[] = [];
  if (head.tariff) {
    inputs.push({
      name: head.zone && head.zone !== 'single' ? `тариф (${zoneName(head.zone)})` : 'тариф',
      value: text(head.tariff.rate),
      source: `tariff #${head.tariff.id}`,
    });
  }
  if (pieces.length === 1) {
    inputs.push(...pieces[0]!.inputs); // one piece (the usual month): nothing to de-duplicate
  } else {
    dedupe(pieces, inputs);
  }
  return {
    formula: head.formula,
    rules: head.rules,
    inputs,
    pieces: pieces.map((p) => ({ from: p.from, to: p.to, days: p.days, note: p.note })),
  };
}

/** Appends each distinct input of the pieces once, in order of first appearance. */
function dedupe(pieces: readonly Piece[], inputs: ExplanationInput[]): void {
  const seen = new Set<string>();
  for (const p of pieces) {
    for (const i of p.inputs) {
      const k = `${i.name}|${i.value}|${i.source}`;
      if (!seen.has(k)) {
        seen.add(k);
        inputs.push(i);
      }
    }
  }
}

export function zoneName(zone: TariffZone): string {
  return { single: 'однотарифный', day: 'день', night: 'ночь', peak: 'пик', semi_peak: 'полупик' }[zone];
}
