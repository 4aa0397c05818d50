/**
 * The recalculation core (issue 6 "Recalculation"; glossary: перерасчёт): given everything already issued
 * for a period — the original lines and earlier recalculations of it — and a fresh computation of that
 * period with today's data, the difference lines to post in the open period, each linked to the lines it
 * corrects and to the change that caused it. Lines are compared per (account, service, supplier, kind):
 * a tariff version split differently inside the month is not a difference unless the money or volume is.
 * Unchanged data gives no lines at all (property-tested in recalculation.test.ts).
 */
import { Decimal } from '../decimal.js';
import { formatRubles, sumKopecks, type Kopecks } from '../money.js';
import type { BillingPeriod } from '../period.js';
import type { ChargeLine, Explanation, LineKind } from './types.js';

/** A line already issued for the corrected period: an original charge or an earlier recalculation of it. */
export type IssuedLine = {
  id: number;
  accountId: number;
  serviceId: number;
  supplierId: number;
  kind: LineKind;
  amount: Kopecks;
  volume: Decimal | null;
  unit: string;
};

export type RecalculationLine = {
  accountId: number;
  serviceId: number;
  supplierId: number;
  kind: LineKind;
  /** The period the line corrects. */
  correctsPeriod: BillingPeriod;
  /** The open period it is posted in. */
  postedPeriod: BillingPeriod;
  /** The issued lines of the same key it corrects. */
  corrects: readonly number[];
  /** What caused it (a recalculation request, a change id), as the caller names it. */
  cause: string;
  amount: Kopecks;
  volume: Decimal | null;
  unit: string;
  explanation: Explanation;
};

export type RecalculationInput = {
  correctsPeriod: BillingPeriod;
  postedPeriod: BillingPeriod;
  cause: string;
  issued: readonly IssuedLine[];
  fresh: readonly ChargeLine[];
};

type Side = { amounts: Kopecks[]; volume: Decimal | null; ids: number[]; unit: string };

const keyOf = (l: { accountId: number; serviceId: number; supplierId: number; kind: LineKind }): string =>
  `${l.accountId}|${l.serviceId}|${l.supplierId}|${l.kind}`;

function addTo(
  map: Map<string, Side>,
  key: string,
  amount: Kopecks,
  volume: Decimal | null,
  unit: string,
  id?: number,
): void {
  const s = map.get(key) ?? { amounts: [], volume: null, ids: [], unit };
  s.amounts.push(amount);
  if (volume) s.volume = (s.volume ?? Decimal.ZERO).add(volume);
  if (id !== undefined) s.ids.push(id);
  map.set(key, s);
}

export function recalculate(input: RecalculationInput): RecalculationLine[] {
  const issued = new Map<string, Side>();
  const fresh = new Map<string, Side>();
  for (const l of input.issued) addTo(issued, keyOf(l), l.amount, l.volume, l.unit, l.id);
  for (const l of input.fresh) {
    if (l.period !== input.correctsPeriod) {
      throw new RangeError(`Fresh line of period ${l.period} given to recalculate ${input.correctsPeriod}`);
    }
    addTo(fresh, keyOf(l), l.amount, l.volume, l.unit);
  }
  const keys = [...new Set([...issued.keys(), ...fresh.keys()])].sort(compareKeys);
  const out: RecalculationLine[] = [];
  for (const key of keys) {
    const was = issued.get(key);
    const now = fresh.get(key);
    const wasAmount = sumKopecks(was?.amounts ?? []);
    const nowAmount = sumKopecks(now?.amounts ?? []);
    const wasVolume = was?.volume ?? null;
    const nowVolume = now?.volume ?? null;
    const volume =
      wasVolume === null && nowVolume === null
        ? null
        : (nowVolume ?? Decimal.ZERO).sub(wasVolume ?? Decimal.ZERO);
    const amount = (nowAmount - wasAmount) as Kopecks;
    if (amount === 0 && (volume === null || volume.isZero())) continue;
    const [accountId, serviceId, supplierId, kind] = key.split('|');
    out.push({
      accountId: Number(accountId),
      serviceId: Number(serviceId),
      supplierId: Number(supplierId),
      kind: kind as LineKind,
      correctsPeriod: input.correctsPeriod,
      postedPeriod: input.postedPeriod,
      corrects: was?.ids ?? [],
      cause: input.cause,
      amount,
      volume: volume === null ? null : Decimal.parse(volume.toString()),
      unit: now?.unit ?? was?.unit ?? '',
      explanation: {
        formula: `Перерасчёт за ${input.correctsPeriod} = начислено по текущим данным − выставлено ранее (с прежними перерасчётами)`,
        rules: ['RULES.md §1.4'],
        inputs: [
          {
            name: 'выставлено ранее, ₽',
            value: formatRubles(wasAmount),
            source: (was?.ids ?? []).map((id) => `charge #${id}`).join(', ') || 'нет',
          },
          { name: 'по текущим данным, ₽', value: formatRubles(nowAmount), source: 'расчёт' },
          { name: 'причина', value: input.cause, source: input.cause },
        ],
        pieces: [],
      },
    });
  }
  return out;
}

function compareKeys(a: string, b: string): number {
  const pa = a.split('|');
  const pb = b.split('|');
  for (let i = 0; i < 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return pa[3]!.localeCompare(pb[3]!);
}
