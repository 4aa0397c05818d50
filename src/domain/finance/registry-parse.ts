/**
 * Parsing a payment registry file by its format (RULES.md §9; formats in registry-formats.ts). It never
 * throws on bad data: every payment line comes back with what could be read and its problems (line number,
 * field), the file's own problems (a missing or mismatching totals line, text after it) separately, and the
 * totals check. Amounts are read exactly to kopecks (`parseRubles`). The import (part 2) previews this and
 * applies the file whole or not at all.
 */
import iconv from 'iconv-lite';
import { Decimal } from '../decimal.js';
import { kop, parseRubles, type Kopecks } from '../money.js';
import { parseIsoDate, parsePeriod, type BillingPeriod, type IsoDate } from '../period.js';
import type { RegistryField, RegistryFormat } from './registry-formats.js';

export type RegistryProblem = { line: number; field: string; problem: string };

export type RegistryReading = { meter: string; value: string };

export type RegistryLine = {
  line: number;
  text: string;
  /** The agent's id of the payment (the format's `agentIdFields` joined by '/'); null when a part is missing. */
  agentPaymentId: string | null;
  paidOn: IsoDate | null;
  account: string | null;
  period: BillingPeriod | null;
  amount: Kopecks | null;
  fee: Kopecks | null;
  payerName: string | null;
  address: string | null;
  documentNo: string | null;
  method: string | null;
  readings: RegistryReading[];
  problems: RegistryProblem[];
};

export type RegistryTotals = { count: number; amount: Kopecks; fee: Kopecks };

export type ParsedRegistry = {
  format: string;
  encoding: string;
  lines: RegistryLine[];
  /** Problems of the file as a whole (totals, structure). */
  fileProblems: RegistryProblem[];
  totals: { declared: RegistryTotals | null; computed: RegistryTotals; matches: boolean };
  /** No problem anywhere. */
  ok: boolean;
};

const DATE_PATTERNS: Record<RegistryFormat['dateFormat'], RegExp> = {
  'dd/mm/yyyy': /^(\d{2})\/(\d{2})\/(\d{4})$/,
  'dd.mm.yyyy': /^(\d{2})\.(\d{2})\.(\d{4})$/,
  'yyyy-mm-dd': /^(\d{4})-(\d{2})-(\d{2})$/,
};
const PERIOD_PATTERNS: Record<RegistryFormat['periodFormat'], RegExp> = {
  mmyyyy: /^(\d{2})(\d{4})$/,
  'mm.yyyy': /^(\d{2})\.(\d{4})$/,
  'yyyy-mm': /^(\d{4})-(\d{2})$/,
};

/** Decodes the bytes (a UTF-8 byte-order mark is dropped) and splits the lines. */
export function decodeRegistry(bytes: Uint8Array, encoding: RegistryFormat['encoding']): string[] {
  let text = iconv.decode(bytes as Buffer, encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function parseRegistry(bytes: Uint8Array, format: RegistryFormat): ParsedRegistry {
  const texts = decodeRegistry(bytes, format.encoding);
  const lines: RegistryLine[] = [];
  const fileProblems: RegistryProblem[] = [];
  let declared: RegistryTotals | null = null;
  let totalsLine = 0;
  const seenIds = new Map<string, number>();

  texts.forEach((text, i) => {
    const no = i + 1;
    if (i < format.headerLines) return;
    if (text.trim() === '') return;
    if (totalsLine > 0) {
      fileProblems.push({ line: no, field: 'file', problem: `строка после итоговой (строка ${totalsLine})` });
      return;
    }
    if (format.totals && text.startsWith(format.totals.marker)) {
      totalsLine = no;
      declared = parseTotals(text, no, format, fileProblems);
      return;
    }
    const line = parseLine(text, no, format);
    if (line.agentPaymentId !== null) {
      const first = seenIds.get(line.agentPaymentId);
      if (first !== undefined) {
        line.problems.push({
          line: no,
          field: 'agentPaymentId',
          problem: `платёж ${line.agentPaymentId} уже есть в строке ${first}`,
        });
      } else seenIds.set(line.agentPaymentId, no);
    }
    lines.push(line);
  });

  const computed: RegistryTotals = {
    count: lines.length,
    amount: kop(lines.reduce((s, l) => s + (l.amount ?? 0), 0)),
    fee: kop(lines.reduce((s, l) => s + (l.fee ?? 0), 0)),
  };
  const d = declared as RegistryTotals | null;
  let matches = true;
  if (format.totals) {
    if (!d) {
      if (totalsLine === 0)
        fileProblems.push({ line: texts.length, field: 'totals', problem: 'нет итоговой строки' });
      matches = false;
    } else {
      const at = totalsLine;
      if (d.count !== computed.count) {
        fileProblems.push({
          line: at,
          field: 'totals.count',
          problem: `в итоге ${d.count} платежей, в файле ${computed.count}`,
        });
        matches = false;
      }
      if (d.amount !== computed.amount) {
        fileProblems.push({
          line: at,
          field: 'totals.amount',
          problem: `в итоге ${rub(d.amount)}, по строкам ${rub(computed.amount)}`,
        });
        matches = false;
      }
      if (format.totals.fee !== null && d.fee !== computed.fee) {
        fileProblems.push({
          line: at,
          field: 'totals.fee',
          problem: `комиссия в итоге ${rub(d.fee)}, по строкам ${rub(computed.fee)}`,
        });
        matches = false;
      }
    }
  }
  const ok = matches && fileProblems.length === 0 && lines.every((l) => l.problems.length === 0);
  return {
    format: format.code,
    encoding: format.encoding,
    lines,
    fileProblems,
    totals: { declared: d, computed, matches },
    ok,
  };
}

const rub = (k: number) => (k / 100).toFixed(2);

function parseTotals(
  text: string,
  no: number,
  format: RegistryFormat,
  problems: RegistryProblem[],
): RegistryTotals | null {
  const t = format.totals!;
  const cells = text
    .slice(t.marker.length)
    .split(format.separator)
    .map((c) => c.trim());
  const count = Number(cells[t.count - 1]);
  const amount = money(cells[t.amount - 1], no, 'totals.amount', problems);
  const fee = t.fee === null ? kop(0) : money(cells[t.fee - 1] ?? '0', no, 'totals.fee', problems);
  if (!Number.isSafeInteger(count) || count < 0 || !/^\d+$/.test(cells[t.count - 1] ?? '')) {
    problems.push({
      line: no,
      field: 'totals.count',
      problem: `не число платежей: ${JSON.stringify(cells[t.count - 1] ?? '')}`,
    });
    return null;
  }
  if (amount === null || fee === null) return null;
  return { count, amount, fee };
}

function money(
  text: string | undefined,
  no: number,
  field: string,
  problems: RegistryProblem[],
): Kopecks | null {
  try {
    return parseRubles((text ?? '').trim());
  } catch {
    problems.push({
      line: no,
      field,
      problem: `не сумма в рублях с копейками: ${JSON.stringify(text ?? '')}`,
    });
    return null;
  }
}

function parseLine(text: string, no: number, format: RegistryFormat): RegistryLine {
  const cells = text.split(format.separator).map((c) => c.trim());
  const problems: RegistryProblem[] = [];
  const raw = new Map<RegistryField, string>();
  for (const [field, column] of Object.entries(format.columns) as [RegistryField, number][]) {
    const value = cells[column - 1];
    if (value !== undefined && value !== '') raw.set(field, value);
  }
  const readings: RegistryReading[] = [];
  const tagFields = new Map(Object.entries(format.tags).map(([f, tag]) => [tag, f as RegistryField]));
  for (const cell of cells) {
    const colon = cell.indexOf(':');
    if (colon <= 0) continue;
    const tag = cell.slice(0, colon);
    const value = cell.slice(colon + 1).trim();
    const field = tagFields.get(tag);
    if (field) {
      if (raw.has(field)) problems.push({ line: no, field, problem: `поле ${tag} повторяется` });
      else if (value !== '') raw.set(field, value);
    } else if (format.readings?.kind === 'tags' && tag.startsWith(format.readings.prefix)) {
      readings.push({ meter: tag.slice(format.readings.prefix.length), value });
    }
  }
  if (format.readings?.kind === 'column') {
    const cell = cells[format.readings.column - 1] ?? '';
    for (const item of cell.split(format.readings.itemSeparator).filter((x) => x.trim() !== '')) {
      const eq = item.indexOf('=');
      readings.push(
        eq > 0
          ? { meter: item.slice(0, eq).trim(), value: item.slice(eq + 1).trim() }
          : { meter: '', value: item.trim() },
      );
    }
  }
  readings.forEach((r, i) => {
    if (r.meter === '')
      problems.push({
        line: no,
        field: `readings.${i}`,
        problem: `показание без прибора: ${JSON.stringify(r.value)}`,
      });
    else if (!/^\d+(\.\d+)?$/.test(r.value.replace(',', '.'))) {
      problems.push({
        line: no,
        field: `readings.${i}`,
        problem: `показание прибора ${r.meter} — не число: ${JSON.stringify(r.value)}`,
      });
    } else r.value = Decimal.parse(r.value.replace(',', '.')).toString();
  });

  for (const f of format.required) {
    if (!raw.has(f)) problems.push({ line: no, field: f, problem: 'обязательное поле пусто' });
  }
  const amountText = raw.get('amount');
  let amount = amountText === undefined ? null : money(amountText, no, 'amount', problems);
  if (amount !== null && amount <= 0) {
    problems.push({ line: no, field: 'amount', problem: 'сумма платежа должна быть больше 0' });
    amount = null;
  }
  const feeText = raw.get('fee');
  let fee = feeText === undefined ? kop(0) : money(feeText, no, 'fee', problems);
  if (fee !== null && fee < 0) {
    problems.push({ line: no, field: 'fee', problem: 'комиссия не может быть отрицательной' });
    fee = null;
  }
  const paidOnText = raw.get('paidOn');
  const paidOn = paidOnText === undefined ? null : date(paidOnText, format, no, problems);
  const periodText = raw.get('period');
  const period = periodText === undefined ? null : billingPeriod(periodText, format, no, problems);
  const idParts = format.agentIdFields.map((f) => (f === 'paidOn' ? paidOn : (raw.get(f) ?? null)));
  const agentPaymentId = idParts.every((x) => x !== null) ? idParts.join('/') : null;

  return {
    line: no,
    text,
    agentPaymentId,
    paidOn,
    account: raw.get('account') ?? null,
    period,
    amount,
    fee,
    payerName: raw.get('payerName') ?? null,
    address: raw.get('address') ?? null,
    documentNo: raw.get('documentNo') ?? null,
    method: raw.get('method') ?? null,
    readings,
    problems,
  };
}

function date(text: string, format: RegistryFormat, no: number, problems: RegistryProblem[]): IsoDate | null {
  const m = DATE_PATTERNS[format.dateFormat].exec(text);
  try {
    if (!m) throw new RangeError();
    const iso = format.dateFormat === 'yyyy-mm-dd' ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}-${m[2]}-${m[1]}`;
    return parseIsoDate(iso);
  } catch {
    problems.push({
      line: no,
      field: 'paidOn',
      problem: `не дата ${format.dateFormat}: ${JSON.stringify(text)}`,
    });
    return null;
  }
}

function billingPeriod(
  text: string,
  format: RegistryFormat,
  no: number,
  problems: RegistryProblem[],
): BillingPeriod | null {
  const m = PERIOD_PATTERNS[format.periodFormat].exec(text);
  try {
    if (!m) throw new RangeError();
    return parsePeriod(format.periodFormat === 'yyyy-mm' ? `${m[1]}-${m[2]}` : `${m[2]}-${m[1]}`);
  } catch {
    problems.push({
      line: no,
      field: 'period',
      problem: `не период ${format.periodFormat}: ${JSON.stringify(text)}`,
    });
    return null;
  }
}
