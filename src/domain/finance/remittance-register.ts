/**
 * The remittance register of a day and its payment orders (RULES.md §7.1, ПП № 253 п.6; docs/finance.md
 * "Remittance"). Pure: it takes the per-supplier figures of `remittance()` and the contract parties, and gives
 * the register's rows, the register as CSV, one payment order per supplier with money to transfer, and the
 * ПП 253 state of each transfer (due the working day after receipt; late or overdue flagged).
 */
import { rubles, type Kopecks } from '../money.js';
import { compareDates, type IsoDate } from '../period.js';
import { xlsxWorkbook, type XlsxCell } from '../xlsx.js';
import { daysLate, type SupplierRemittance } from './remittance.js';

/** The supplier's side of the contract, as the register and the payment order name it. */
export type RemittanceParty = {
  supplierId: number;
  name: string;
  inn: string;
  kpp: string | null;
  bankAccount: string;
  bik: string;
  bankName: string;
  contractNumber: string;
  contractDate: IsoDate;
};

/** ПП № 253 п.6 state of a transfer: `overdue` — not transferred and the due day has passed. */
export type TransferState =
  | { state: 'pending'; daysLate: null }
  | { state: 'on_time'; daysLate: 0 }
  | { state: 'late'; daysLate: number }
  | { state: 'overdue'; daysLate: null };

export function transferState(due: IsoDate, transferredOn: IsoDate | null, today: IsoDate): TransferState {
  if (transferredOn === null) {
    return compareDates(today, due) > 0
      ? { state: 'overdue', daysLate: null }
      : { state: 'pending', daysLate: null };
  }
  const late = daysLate(due, transferredOn)!;
  return late > 0 ? { state: 'late', daysLate: late } : { state: 'on_time', daysLate: 0 };
}

export type RegisterRow = {
  supplierId: number;
  supplierName: string;
  inn: string;
  contract: string;
  service: string;
  collected: Kopecks;
  agentFee: Kopecks;
  centreFee: Kopecks;
  toTransfer: Kopecks;
};

/** dd.mm.yyyy, as Russian documents write a date. */
export function ruDate(d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${day}.${m}.${y}`;
}

function partyOf(parties: ReadonlyMap<number, RemittanceParty>, supplierId: number): RemittanceParty {
  const p = parties.get(supplierId);
  if (!p)
    throw new RangeError(
      `Нет договора с поставщиком ${supplierId}: реквизиты для перечисления не определены`,
    );
  return p;
}

/** One row per supplier × service, in the order of `remittance()` (supplier id, then service). */
export function registerRows(
  suppliers: readonly SupplierRemittance[],
  parties: ReadonlyMap<number, RemittanceParty>,
): RegisterRow[] {
  return suppliers.flatMap((s) => {
    const p = partyOf(parties, s.supplierId);
    return s.lines.map((l) => ({
      supplierId: s.supplierId,
      supplierName: p.name,
      inn: p.inn,
      contract: `№ ${p.contractNumber} от ${ruDate(p.contractDate)}`,
      service: l.service,
      collected: l.collected,
      agentFee: l.agentFee,
      centreFee: l.centreFee,
      toTransfer: l.toTransfer,
    }));
  });
}

/** Rubles for a spreadsheet: '1234,56' — decimal comma, no group separator, so Excel reads a number. */
function csvRubles(k: Kopecks): string {
  return rubles(k).toFixed(2).replace('.', ',');
}

function csvCell(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export const REGISTER_HEADER = [
  'Поставщик',
  'ИНН',
  'Договор',
  'Услуга',
  'Собрано',
  'Вознаграждение агентов',
  'Вознаграждение ЕРЦ',
  'К перечислению',
] as const;

/** The register as a table: the header, a row per supplier × service, and a total row that sums exactly. */
export function registerTable(
  rows: readonly RegisterRow[],
  serviceName: (code: string) => string,
): XlsxCell[][] {
  const amount = (k: Kopecks): XlsxCell => ({ number: rubles(k).toFixed(2) });
  const sum = (k: 'collected' | 'agentFee' | 'centreFee' | 'toTransfer') =>
    amount(rows.reduce((t, r) => t + r[k], 0) as Kopecks);
  return [
    [...REGISTER_HEADER],
    ...rows.map((r) => [
      r.supplierName,
      r.inn,
      r.contract,
      serviceName(r.service),
      amount(r.collected),
      amount(r.agentFee),
      amount(r.centreFee),
      amount(r.toTransfer),
    ]),
    ['Итого', '', '', '', sum('collected'), sum('agentFee'), sum('centreFee'), sum('toTransfer')],
  ];
}

/**
 * The register as CSV: `;`-separated, CRLF, UTF-8 with a byte-order mark (Excel in a Russian locale opens it
 * as a table with Cyrillic intact), amounts in rubles with a decimal comma, and a total row that sums exactly.
 */
export function registerCsv(rows: readonly RegisterRow[], serviceName: (code: string) => string): string {
  const lines = registerTable(rows, serviceName).map((row) =>
    row.map((c) => (typeof c === 'string' ? csvCell(c) : c.number.replace('.', ','))).join(';'),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The register as XLSX: the same table, amounts as numbers in rubles. */
export function registerXlsx(
  rows: readonly RegisterRow[],
  serviceName: (code: string) => string,
): Uint8Array {
  return xlsxWorkbook('Реестр перечислений', registerTable(rows, serviceName));
}

export type PaymentOrder = {
  supplierId: number;
  payee: string;
  inn: string;
  kpp: string | null;
  bankAccount: string;
  bik: string;
  bankName: string;
  amount: Kopecks;
  /** The payment's purpose (назначение платежа): the day's receipts and the contract. */
  purpose: string;
  due: IsoDate;
};

export type PaymentOrders = {
  orders: PaymentOrder[];
  /** Suppliers with nothing to transfer (reversals outweigh receipts, or fees eat it), each named. */
  skipped: { supplierId: number; toTransfer: Kopecks; reason: string }[];
};

/**
 * One payment order per supplier whose day's total to transfer is positive; due the working day after the
 * receipt day (ПП № 253 п.6, `due` from `transferDue`). A supplier with zero or less is listed, not ordered.
 */
export function paymentOrders(
  receivedOn: IsoDate,
  due: IsoDate,
  suppliers: readonly SupplierRemittance[],
  parties: ReadonlyMap<number, RemittanceParty>,
): PaymentOrders {
  const out: PaymentOrders = { orders: [], skipped: [] };
  for (const s of suppliers) {
    const p = partyOf(parties, s.supplierId);
    if (s.toTransfer <= 0) {
      out.skipped.push({
        supplierId: s.supplierId,
        toTransfer: s.toTransfer,
        reason: `${p.name}: к перечислению ${csvRubles(s.toTransfer)} руб. — платёжное поручение не формируется`,
      });
      continue;
    }
    out.orders.push({
      supplierId: s.supplierId,
      payee: p.name,
      inn: p.inn,
      kpp: p.kpp,
      bankAccount: p.bankAccount,
      bik: p.bik,
      bankName: p.bankName,
      amount: s.toTransfer,
      purpose:
        `Перечисление денежных средств, принятых от плательщиков за ЖКУ ${ruDate(receivedOn)}, ` +
        `по договору № ${p.contractNumber} от ${ruDate(p.contractDate)}; ` +
        `собрано ${csvRubles(s.collected)}, вознаграждение агентов ${csvRubles(s.agentFee)}, ` +
        `вознаграждение ЕРЦ ${csvRubles(s.centreFee)}`,
      due,
    });
  }
  return out;
}
