/**
 * The ЕПД snapshot: everything printed on one payment document (bill), as plain JSON-friendly data.
 *
 * A bill is rendered only from its snapshot, so a reprint after a tariff change prints the same figures
 * (issue 8: "a reprint is the same document"). The shape follows the model form of Приказ Минстроя
 * № 43/пр, its sections named by title, not number (RULES-ADDENDUM §5), and the mandatory content of
 * Rules 354 п.69 (RULES.md §8.1). Money is integer kopecks; volumes, tariffs, areas and coefficients are
 * exact decimal text (never a float). docs/epd.md maps each field to the form and to ГИС ЖКХ.
 */
import type { ErrorDetail } from '../errors.js';
import { validationFailed } from '../errors.js';
import type { Kopecks } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import { isValidBankAccount, isValidBik, isValidInn, isValidKpp } from '../requisites.js';

/** Monthly bill; debt bill (the debt as of a date); advance bill (N months ahead). Glossary: ЕПД. */
export const epdKinds = ['monthly', 'debt', 'advance'] as const;
export type EpdKind = (typeof epdKinds)[number];

/** Where the money goes: a settlement account in a bank. */
export type EpdBankDetails = {
  bankName: string;
  /** БИК, 9 digits. */
  bik: string;
  /** Settlement account (расчётный счёт), 20 digits. */
  account: string;
  /** Correspondent account, 20 digits; null for a Treasury account without one. */
  correspondentAccount: string | null;
};

/** The manager, a supplier or the payment recipient: Раздел «Сведения об исполнителе» (п.69 «б»). */
export type EpdOrganisation = {
  /** A short key lines refer to (`EpdServiceLine.provider`). */
  code: string;
  name: string;
  inn: string;
  kpp: string | null;
  address: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  workingHours: string | null;
  bank: EpdBankDetails;
};

/** The groups of the charge table of 43/пр, in print order; КР на СОИ lines sit in `housing` (RULES-ADDENDUM §5). */
export const epdLineGroups = ['housing', 'utilities', 'capital_repair', 'other'] as const;
export type EpdLineGroup = (typeof epdLineGroups)[number];

/** The increasing coefficient where applied (п.69 «к(1)»): its size and the excess it added to the charge. */
export type EpdIncreasingCoefficient = { coefficient: string; excessKop: Kopecks };

/** One row of «Расчет размера платы»: a service, or its КР на СОИ as its own line (RULES-ADDENDUM §5). */
export type EpdServiceLine = {
  group: EpdLineGroup;
  /** Service name as printed: «Холодное водоснабжение», «ХВС на СОИ». */
  service: string;
  /** True for a КР на СОИ (common-needs) line: its volume prints in the common-needs column. */
  commonNeeds: boolean;
  /** Organisation code of the provider (the manager or a supplier). */
  provider: string;
  /** Unit of measure: «м³», «кВт·ч», «Гкал», «м²». */
  unit: string;
  /** Volume as decimal text, null when the charge has no volume. */
  volume: string | null;
  /** How the volume was found, short: «ИПУ», «норматив», «среднее», «ОДПУ». */
  method: string;
  /** Tariff, rubles per unit as decimal text (up to 4 decimals), or the rate per m². */
  tariff: string;
  /** «Всего начислено за расчетный период» (без перерасчетов и льгот). */
  chargedKop: Kopecks;
  increasingCoefficient: EpdIncreasingCoefficient | null;
  /** «Перерасчеты всего»: + added, − taken back. */
  recalculationKop: Kopecks;
  /** «Льготы, субсидии», reductions for quality (App.1): a non-negative amount subtracted. */
  reductionKop: Kopecks;
  /** «Итого к оплате за расчетный период» = charged + recalculation − reduction. */
  totalKop: Kopecks;
};

/** «Сведения о перерасчетах (доначисления +, уменьшения −)»: reason and amount (п.69 «к»). */
export type EpdRecalculation = { service: string; reason: string; amountKop: Kopecks };

/** A meter for the readings section; `lastReading` is the reading billed, decimal text. */
export type EpdMeter = {
  service: string;
  serialNumber: string;
  /** Tariff zone (day/night) for multi-zone electricity, else null (RULES.md §10.2). */
  zone: string | null;
  lastReading: string;
  lastReadingDate: IsoDate;
  /** The date the verification interval ends (RULES.md §10.1). */
  verificationDue: IsoDate;
};

export type EpdPayer = {
  /** Surname, or the organisation name of a non-residential payer. */
  lastName: string;
  firstName: string | null;
  middleName: string | null;
};

/** The premise address; the parts sort bills for delivery (street, house, flat). */
export type EpdAddress = { text: string; street: string; house: string; flat: string | null };

export type EpdSnapshot = {
  kind: EpdKind;
  /** The document's own number, unique per issue. */
  documentNumber: string;
  /** The moment it was issued, ISO 8601 UTC (`2026-11-02T09:00:00Z`): the PDF's dates come from it. */
  issuedAt: string;
  /** The billed month (monthly), the month of the debt's date (debt) or the first month ahead (advance). */
  period: BillingPeriod;
  /** Months the period total is due for: 1 monthly, 0 debt bill, N ≥ 1 advance bill. */
  months: number;
  accountNumber: string;
  payer: EpdPayer;
  address: EpdAddress;
  /** Total area of the premise, m², decimal text. */
  area: string;
  registeredResidents: number;
  temporaryResidents: number;
  manager: EpdOrganisation;
  suppliers: EpdOrganisation[];
  /** Who receives the payment (the QR code's payee): the settlement centre or the manager. */
  recipient: EpdOrganisation;
  lines: EpdServiceLine[];
  recalculations: EpdRecalculation[];
  /** «Задолженность за предыдущие периоды» (> 0) or «Аванс на начало расчетного периода» (< 0). */
  openingBalanceKop: Kopecks;
  /** «Учтены платежи, поступившие до … включительно»: the sum and the date. */
  paymentsKop: Kopecks;
  paymentsUpTo: IsoDate;
  lastPaymentDate: IsoDate | null;
  /** «Неустойка (штраф, пеня)» (RULES.md §6). */
  penaltyKop: Kopecks;
  /** «ИТОГО К ОПЛАТЕ» = opening − payments + months × Σ line totals + penalty; ≤ 0 prints as an advance. */
  totalToPayKop: Kopecks;
  /** Pay by this date (RULES-ADDENDUM §6; `epdDueDate` in due-date.ts). */
  dueDate: IsoDate;
  meters: EpdMeter[];
  /** Readings are accepted up to this date (the readings section's deadline). */
  readingsDeadline: IsoDate | null;
  notices: string[];
  /** The `PaymPeriod` format of the QR code, read from legal parameters when issued (RULES.md §8.2 UNCONFIRMED). */
  qrPaymPeriodFormat: QrPaymPeriodFormat;
};

export const qrPaymPeriodFormats = ['MMYYYY', 'MM.YYYY'] as const;
export type QrPaymPeriodFormat = (typeof qrPaymPeriodFormats)[number];

/** «Сумма к оплате за расчетный период»: the lines' totals for one month. */
export function periodTotal(s: Pick<EpdSnapshot, 'lines'>): number {
  return s.lines.reduce((sum, l) => sum + l.totalKop, 0);
}

/** The total to pay by the snapshot's own figures (see `totalToPayKop`). */
export function expectedTotalToPay(s: EpdSnapshot): number {
  return s.openingBalanceKop - s.paymentsKop + s.months * periodTotal(s) + s.penaltyKop;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

class Problems {
  readonly list: ErrorDetail[] = [];
  add(field: string, problem: string): void {
    this.list.push({ field, problem });
  }
  text(field: string, value: unknown, maxLength = 500): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(field, 'обязательное поле');
    else if (value.length > maxLength) this.add(field, `не длиннее ${maxLength} символов`);
  }
  optionalText(field: string, value: unknown): void {
    if (value !== null && typeof value !== 'string') this.add(field, 'строка или null');
  }
  match(field: string, value: unknown, re: RegExp, problem: string): void {
    if (typeof value !== 'string' || !re.test(value)) this.add(field, problem);
  }
  kopecks(field: string, value: unknown, nonNegative = false): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      this.add(field, 'сумма в копейках, целое число');
    else if (nonNegative && value < 0) this.add(field, 'не может быть отрицательной');
  }
}

function checkOrganisation(p: Problems, field: string, o: EpdOrganisation): void {
  p.text(`${field}.code`, o.code, 40);
  p.text(`${field}.name`, o.name, 160); // ГОСТ Р 56042 Name ≤ 160 (RULES.md §8.2)
  if (!isValidInn(o.inn)) p.add(`${field}.inn`, 'ИНН с неверной контрольной суммой');
  if (o.kpp !== null && !isValidKpp(o.kpp)) p.add(`${field}.kpp`, 'КПП: 9 символов NNNNPPXXX');
  p.text(`${field}.address`, o.address);
  for (const k of ['phone', 'email', 'website', 'workingHours'] as const)
    p.optionalText(`${field}.${k}`, o[k]);
  p.text(`${field}.bank.bankName`, o.bank.bankName, 45); // BankName ≤ 45
  if (!isValidBik(o.bank.bik)) p.add(`${field}.bank.bik`, 'БИК: 9 цифр');
  else if (!isValidBankAccount(o.bank.account, o.bank.bik))
    p.add(`${field}.bank.account`, 'расчётный счёт не сходится с БИК (контрольный ключ)');
  if (o.bank.correspondentAccount !== null && !/^\d{20}$/.test(o.bank.correspondentAccount))
    p.add(`${field}.bank.correspondentAccount`, 'корреспондентский счёт: 20 цифр или null');
}

/** Every problem of a snapshot at once, each naming its field; empty when it can be printed. */
export function snapshotProblems(s: EpdSnapshot): ErrorDetail[] {
  const p = new Problems();
  if (!epdKinds.includes(s.kind)) p.add('kind', `одно из: ${epdKinds.join(', ')}`);
  p.text('documentNumber', s.documentNumber, 40);
  p.match('issuedAt', s.issuedAt, INSTANT, 'момент ISO 8601 UTC, например 2026-11-02T09:00:00Z');
  p.match('period', s.period, PERIOD, 'период ГГГГ-ММ');
  const monthsOk =
    Number.isSafeInteger(s.months) &&
    (s.kind === 'monthly'
      ? s.months === 1
      : s.kind === 'debt'
        ? s.months === 0
        : s.months >= 1 && s.months <= 24);
  if (!monthsOk) p.add('months', 'ежемесячный — 1, на долг — 0, на аванс — от 1 до 24');
  p.text('accountNumber', s.accountNumber, 30);
  p.text('payer.lastName', s.payer.lastName, 160);
  p.optionalText('payer.firstName', s.payer.firstName);
  p.optionalText('payer.middleName', s.payer.middleName);
  p.text('address.text', s.address.text);
  p.text('address.street', s.address.street);
  p.text('address.house', s.address.house, 20);
  p.optionalText('address.flat', s.address.flat);
  p.match('area', s.area, NON_NEGATIVE_DECIMAL, 'площадь, м², десятичное число');
  for (const k of ['registeredResidents', 'temporaryResidents'] as const) {
    if (!Number.isSafeInteger(s[k]) || s[k] < 0) p.add(k, 'целое число ≥ 0');
  }
  checkOrganisation(p, 'manager', s.manager);
  s.suppliers.forEach((o, i) => checkOrganisation(p, `suppliers.${i}`, o));
  checkOrganisation(p, 'recipient', s.recipient);
  const providers = new Set([s.manager.code, ...s.suppliers.map((o) => o.code)]);
  if (s.kind !== 'debt' && s.lines.length === 0) p.add('lines', 'нет ни одной услуги');
  s.lines.forEach((l, i) => {
    const f = `lines.${i}`;
    if (!epdLineGroups.includes(l.group)) p.add(`${f}.group`, `одно из: ${epdLineGroups.join(', ')}`);
    p.text(`${f}.service`, l.service, 120);
    if (!providers.has(l.provider)) p.add(`${f}.provider`, 'нет такой организации среди УО и поставщиков');
    p.text(`${f}.unit`, l.unit, 20);
    if (l.volume !== null) p.match(`${f}.volume`, l.volume, DECIMAL, 'объём, десятичное число или null');
    p.match(`${f}.tariff`, l.tariff, NON_NEGATIVE_DECIMAL, 'тариф, десятичное число');
    p.kopecks(`${f}.chargedKop`, l.chargedKop);
    p.kopecks(`${f}.recalculationKop`, l.recalculationKop);
    p.kopecks(`${f}.reductionKop`, l.reductionKop, true);
    p.kopecks(`${f}.totalKop`, l.totalKop);
    if (l.increasingCoefficient !== null) {
      p.match(
        `${f}.increasingCoefficient.coefficient`,
        l.increasingCoefficient.coefficient,
        NON_NEGATIVE_DECIMAL,
        'коэффициент',
      );
      p.kopecks(`${f}.increasingCoefficient.excessKop`, l.increasingCoefficient.excessKop, true);
    }
    if (l.totalKop !== l.chargedKop + l.recalculationKop - l.reductionKop)
      p.add(`${f}.totalKop`, 'итого ≠ начислено + перерасчёт − льготы и снижения');
  });
  const recalcByService = new Map<string, number>();
  s.recalculations.forEach((r, i) => {
    p.text(`recalculations.${i}.service`, r.service, 120);
    p.text(`recalculations.${i}.reason`, r.reason);
    p.kopecks(`recalculations.${i}.amountKop`, r.amountKop);
    recalcByService.set(r.service, (recalcByService.get(r.service) ?? 0) + r.amountKop);
  });
  const linesByService = new Map<string, number>();
  for (const l of s.lines)
    linesByService.set(l.service, (linesByService.get(l.service) ?? 0) + l.recalculationKop);
  for (const [service, sum] of linesByService) {
    if (sum !== (recalcByService.get(service) ?? 0))
      p.add(
        'recalculations',
        `перерасчёты по «${service}» не сходятся с графой «Перерасчеты» (причина обязательна, п.69 «к»)`,
      );
  }
  for (const service of recalcByService.keys()) {
    if (!linesByService.has(service))
      p.add('recalculations', `перерасчёт по «${service}», которой нет в расчёте`);
  }
  p.kopecks('openingBalanceKop', s.openingBalanceKop);
  p.kopecks('paymentsKop', s.paymentsKop, true);
  p.match('paymentsUpTo', s.paymentsUpTo, DATE, 'дата ГГГГ-ММ-ДД');
  if (s.lastPaymentDate !== null)
    p.match('lastPaymentDate', s.lastPaymentDate, DATE, 'дата ГГГГ-ММ-ДД или null');
  p.kopecks('penaltyKop', s.penaltyKop, true);
  p.kopecks('totalToPayKop', s.totalToPayKop);
  if (p.list.length === 0 && s.totalToPayKop !== expectedTotalToPay(s))
    p.add('totalToPayKop', 'итого ≠ долг − оплаты + месяцы × начислено за период + пени');
  p.match('dueDate', s.dueDate, DATE, 'дата ГГГГ-ММ-ДД');
  s.meters.forEach((m, i) => {
    p.text(`meters.${i}.service`, m.service, 120);
    p.text(`meters.${i}.serialNumber`, m.serialNumber, 40);
    p.optionalText(`meters.${i}.zone`, m.zone);
    p.match(`meters.${i}.lastReading`, m.lastReading, NON_NEGATIVE_DECIMAL, 'показание, десятичное число');
    p.match(`meters.${i}.lastReadingDate`, m.lastReadingDate, DATE, 'дата ГГГГ-ММ-ДД');
    p.match(`meters.${i}.verificationDue`, m.verificationDue, DATE, 'дата ГГГГ-ММ-ДД');
  });
  if (s.meters.length > 0 && s.readingsDeadline === null)
    p.add('readingsDeadline', 'срок передачи показаний обязателен, когда есть приборы');
  if (s.readingsDeadline !== null) p.match('readingsDeadline', s.readingsDeadline, DATE, 'дата ГГГГ-ММ-ДД');
  s.notices.forEach((n, i) => p.text(`notices.${i}`, n, 400));
  if (!qrPaymPeriodFormats.includes(s.qrPaymPeriodFormat))
    p.add('qrPaymPeriodFormat', `одно из: ${qrPaymPeriodFormats.join(', ')}`);
  return p.list;
}

/** Throws validation_failed with every problem when the snapshot cannot be printed. */
export function assertPrintable(s: EpdSnapshot): void {
  const problems = snapshotProblems(s);
  if (problems.length > 0)
    throw validationFailed(problems, `ЕПД ${s.documentNumber}: данные неполны или не сходятся`);
}

/** The legal parameter `payment_document.qr_paym_period_format` (JSON text) as the snapshot's format. */
export function qrPaymPeriodFormatOf(json: string): QrPaymPeriodFormat {
  const value: unknown = JSON.parse(json);
  const found = qrPaymPeriodFormats.find((f) => f === value);
  if (found === undefined) throw new RangeError(`payment_document.qr_paym_period_format: ${json}`);
  return found;
}
