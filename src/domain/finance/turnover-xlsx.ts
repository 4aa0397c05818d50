/**
 * The turnover sheet (оборотно-сальдовая ведомость; docs/finance.md "Balances") as an XLSX table: a title row,
 * the header, a row per account × service × supplier (or per account, or per service × supplier) and the totals
 * row, amounts as numbers in rubles from exact decimal text (docs/decisions.md §10). Pure.
 */
import { rubles, type Kopecks } from '../money.js';
import { xlsxWorkbook, type XlsxCell } from '../xlsx.js';

export type TurnoverGroupBy = 'line' | 'account' | 'service';

export type TurnoverXlsxRow = {
  accountNumber: string | null;
  serviceCode: string | null;
  supplierName: string | null;
  openingKop: number;
  chargedKop: number;
  recalculatedKop: number;
  penaltyKop: number;
  paidKop: number;
  closingKop: number;
};

const MONEY = ['openingKop', 'chargedKop', 'recalculatedKop', 'penaltyKop', 'paidKop', 'closingKop'] as const;
const MONEY_HEADER = ['Вх. сальдо', 'Начислено', 'Перерасчёт', 'Пени', 'Оплачено', 'Исх. сальдо'];

/** The key columns of a grouping: what a row is about. */
function keysOf(groupBy: TurnoverGroupBy, serviceName: (code: string) => string) {
  const account = { header: 'Лицевой счёт', cell: (r: TurnoverXlsxRow) => r.accountNumber ?? '' };
  const service = {
    header: 'Услуга',
    cell: (r: TurnoverXlsxRow) => (r.serviceCode === null ? 'аванс' : serviceName(r.serviceCode)),
  };
  const supplier = { header: 'Поставщик', cell: (r: TurnoverXlsxRow) => r.supplierName ?? '' };
  if (groupBy === 'account') return [account];
  if (groupBy === 'service') return [service, supplier];
  return [account, service, supplier];
}

export function turnoverTable(
  title: string,
  groupBy: TurnoverGroupBy,
  rows: readonly TurnoverXlsxRow[],
  totals: Pick<TurnoverXlsxRow, (typeof MONEY)[number]>,
  serviceName: (code: string) => string,
): XlsxCell[][] {
  const keys = keysOf(groupBy, serviceName);
  const amount = (k: number): XlsxCell => ({ number: rubles(k as Kopecks).toFixed(2) });
  return [
    [title],
    [...keys.map((k) => k.header), ...MONEY_HEADER.map((h) => `${h}, ₽`)],
    ...rows.map((r) => [...keys.map((k) => k.cell(r)), ...MONEY.map((m) => amount(r[m]))]),
    ['Итого', ...keys.slice(1).map(() => ''), ...MONEY.map((m) => amount(totals[m]))],
  ];
}

export function turnoverXlsx(...args: Parameters<typeof turnoverTable>): Uint8Array {
  return xlsxWorkbook('Оборотно-сальдовая', turnoverTable(...args));
}
