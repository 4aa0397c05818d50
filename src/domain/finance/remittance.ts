/**
 * Remittance to suppliers (RULES.md §7.1, ПП № 253 п.6; docs/finance.md "Remittance"): what was collected for a
 * supplier on a day, per service, less the agents' fees and the settlement centre's fee under the contract, and
 * when it must be transferred. Pure and exact: the centre's fee is rounded once per supplier (half-up, percent
 * of the supplier's collected total) and split over the services by `allocate` (largest remainder), so the lines
 * sum exactly to the supplier's figures.
 */
import { Decimal } from '../decimal.js';
import { allocate, kop, rubles, toKopecks, type Kopecks } from '../money.js';
import { addDays, compareDates, daysBetween, type IsoDate } from '../period.js';
import type { WorkingCalendar } from './calendar.js';

/** 1/100 — multiplying by it is exact, so the fee is rounded once. */
const HUNDREDTH = Decimal.parse('0.01');

/** Money collected for one supplier's service (payment parts), with the agents' fees charged on it. */
export type Collected = { supplierId: number; service: string; amount: Kopecks; agentFee: Kopecks };

/** The centre's fee under the contract with the supplier: a percent of what was collected (e.g. '1.5'). */
export type CentreFeeRule = { percent: string };

export type RemittanceLine = {
  supplierId: number;
  service: string;
  collected: Kopecks;
  agentFee: Kopecks;
  centreFee: Kopecks;
  toTransfer: Kopecks;
};

export type SupplierRemittance = Omit<RemittanceLine, 'service'> & {
  lines: RemittanceLine[];
  /** The fee's formula, for the register. */
  centreFeeFormula: string;
};

/**
 * Sums the collected amounts per supplier × service and applies the fees. A supplier with no contract rule
 * is an error naming it (money is not remitted without a contract).
 */
export function remittance(
  collected: readonly Collected[],
  rules: ReadonlyMap<number, CentreFeeRule>,
): SupplierRemittance[] {
  const bySupplier = new Map<number, Map<string, { amount: number; agentFee: number }>>();
  for (const c of collected) {
    const services = bySupplier.get(c.supplierId) ?? new Map<string, { amount: number; agentFee: number }>();
    const s = services.get(c.service) ?? { amount: 0, agentFee: 0 };
    s.amount += c.amount;
    s.agentFee += c.agentFee;
    services.set(c.service, s);
    bySupplier.set(c.supplierId, services);
  }
  const out: SupplierRemittance[] = [];
  for (const [supplierId, services] of [...bySupplier].sort((a, b) => a[0] - b[0])) {
    const rule = rules.get(supplierId);
    if (!rule) throw new RangeError(`Нет договора с поставщиком ${supplierId}: комиссия ЕРЦ не определена`);
    const entries = [...services].sort((a, b) => a[0].localeCompare(b[0]));
    const total = entries.reduce((t, [, s]) => t + s.amount, 0);
    const percent = Decimal.parse(rule.percent);
    const fee = total > 0 ? toKopecks(rubles(kop(total)).mul(percent).mul(HUNDREDTH)) : kop(0);
    const feeShares =
      total > 0
        ? allocate(
            fee,
            entries.map(([, s]) => kop(Math.max(s.amount, 0))),
          )
        : entries.map(() => kop(0));
    const lines = entries.map(([service, s], i) => ({
      supplierId,
      service,
      collected: kop(s.amount),
      agentFee: kop(s.agentFee),
      centreFee: feeShares[i]!,
      toTransfer: kop(s.amount - s.agentFee - feeShares[i]!),
    }));
    const sum = (k: 'collected' | 'agentFee' | 'centreFee' | 'toTransfer') =>
      kop(lines.reduce((t, l) => t + l[k], 0));
    out.push({
      supplierId,
      collected: sum('collected'),
      agentFee: sum('agentFee'),
      centreFee: sum('centreFee'),
      toTransfer: sum('toTransfer'),
      lines,
      centreFeeFormula: `${rubles(kop(total)).toFixed(2)} × ${rule.percent} % = ${rubles(fee).toFixed(2)}`,
    });
  }
  return out;
}

/** ПП № 253 п.6: no later than the working day after the day the payment was received. */
export function transferDue(receivedOn: IsoDate, calendar: WorkingCalendar): IsoDate {
  return calendar.nextWorkingDay(addDays(receivedOn, 1));
}

/** Days late of a transfer (0 when on time); null while not transferred. */
export function daysLate(due: IsoDate, transferredOn: IsoDate | null): number | null {
  if (transferredOn === null) return null;
  return compareDates(transferredOn, due) > 0 ? daysBetween(due, transferredOn) : 0;
}
