/**
 * The payment QR code's payload per ГОСТ Р 56042-2014 (RULES.md §8.2).
 *
 * Header `ST` + version `0001` + the encoding flag (`1` Windows-1251, `2` UTF-8), then `Key=Value` pairs
 * joined by the separator. The five required fields come first in their order (Name, PersonalAcc,
 * BankName, BIC, CorrespAcc; the Sberbank app needs it), then the optional ones as in the RULES.md §8.2
 * ЖКУ example. The encoding: Windows-1251 when every character has a byte there, otherwise UTF-8
 * (RULES.md §8.2 "Encoding choice"). The separator is `|`; a value containing `|` would split the
 * payload, so then the first of `#`, `;`, `^`, `~` that no value contains is used instead (the header
 * names the separator by being the character after the flag). Line breaks in values become spaces.
 */
import { formatRubles, type Kopecks } from '../money.js';
import type { BillingPeriod } from '../period.js';
import type { EpdSnapshot, QrPaymPeriodFormat } from './snapshot.js';

export type QrField = { key: string; value: string };
export type QrEncoding = 'windows-1251' | 'utf-8';
export type QrPayload = {
  /** The payload as text (what a UTF-8 decoder shows, or the cp1251 bytes decoded). */
  text: string;
  encoding: QrEncoding;
  /** The bytes to put into the QR code's byte segment. */
  bytes: Uint8Array;
};

/** Windows-1251 bytes 0x80–0xBF as Unicode code points (0x98 is unassigned); 0xC0–0xFF are А–я. */
const CP1251_HIGH = [
  0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x0409, 0x2039, 0x040a,
  0x040c, 0x040b, 0x040f, 0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, -1, 0x2122, 0x0459,
  0x203a, 0x045a, 0x045c, 0x045b, 0x045f, 0x00a0, 0x040e, 0x045e, 0x0408, 0x00a4, 0x0490, 0x00a6, 0x00a7,
  0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407, 0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491,
  0x00b5, 0x00b6, 0x00b7, 0x0451, 0x2116, 0x0454, 0x00bb, 0x0458, 0x0405, 0x0455, 0x0457,
];
const TO_CP1251 = new Map<number, number>(CP1251_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** The Windows-1251 bytes of `text`, or null when some character has no byte there. */
export function encodeCp1251(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    let b: number | undefined;
    if (cp < 0x80) b = cp;
    else if (cp >= 0x0410 && cp <= 0x044f) b = cp - 0x0410 + 0xc0;
    else b = TO_CP1251.get(cp);
    if (b === undefined) return null; // also a lone surrogate half: never in cp1251
    out[i] = b;
  }
  return out;
}

const SEPARATORS = ['|', '#', ';', '^', '~'];

function clean(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Joins the fields into the payload, choosing the separator and the encoding. */
export function encodeQrPayload(fields: readonly QrField[]): QrPayload {
  const pairs = fields.map((f) => ({ key: f.key, value: clean(f.value) }));
  const separator = SEPARATORS.find((s) => pairs.every((p) => !p.value.includes(s)));
  if (separator === undefined)
    throw new RangeError('QR: значения содержат все допустимые разделители | # ; ^ ~');
  const body = pairs.map((p) => `${separator}${p.key}=${p.value}`).join('');
  const cp1251 = encodeCp1251(`ST00011${body}`);
  if (cp1251 !== null) return { text: `ST00011${body}`, encoding: 'windows-1251', bytes: cp1251 };
  const text = `ST00012${body}`;
  return { text, encoding: 'utf-8', bytes: new TextEncoder().encode(text) };
}

/** `PaymPeriod` of a billing period: `MMYYYY` (RULES.md §8.2, UNCONFIRMED) or `MM.YYYY`. */
export function qrPaymPeriod(period: BillingPeriod, format: QrPaymPeriodFormat): string {
  const [year, month] = period.split('-') as [string, string];
  return format === 'MMYYYY' ? `${month}${year}` : `${month}.${year}`;
}

function purpose(s: EpdSnapshot): string {
  const [year, month] = s.period.split('-') as [string, string];
  if (s.kind === 'debt') return `Оплата задолженности за ЖКУ, ЛС ${s.accountNumber}`;
  if (s.kind === 'advance') return `Оплата ЖКУ вперёд на ${s.months} мес. с ${month}.${year}`;
  return `Оплата ЖКУ за ${month}.${year}`;
}

/**
 * The QR fields of a bill: the recipient's requisites, the sum when there is something to pay (kopecks,
 * digits only), the account (`PersAcc`), the period, the payer and `TechCode=02` (ЖКУ).
 */
export function epdQrFields(s: EpdSnapshot): QrField[] {
  const r = s.recipient;
  const f: QrField[] = [
    { key: 'Name', value: r.name },
    { key: 'PersonalAcc', value: r.bank.account },
    { key: 'BankName', value: r.bank.bankName },
    { key: 'BIC', value: r.bank.bik },
    { key: 'CorrespAcc', value: r.bank.correspondentAccount ?? '0' },
    { key: 'PayeeINN', value: r.inn },
  ];
  if (r.kpp !== null) f.push({ key: 'KPP', value: r.kpp });
  if (s.totalToPayKop > 0) f.push({ key: 'Sum', value: String(s.totalToPayKop) });
  f.push({ key: 'Purpose', value: purpose(s) });
  f.push({ key: 'PersAcc', value: s.accountNumber });
  f.push({ key: 'PaymPeriod', value: qrPaymPeriod(s.period, s.qrPaymPeriodFormat) });
  f.push({ key: 'LastName', value: s.payer.lastName });
  if (s.payer.firstName !== null) f.push({ key: 'FirstName', value: s.payer.firstName });
  if (s.payer.middleName !== null) f.push({ key: 'MiddleName', value: s.payer.middleName });
  f.push({ key: 'PayerAddress', value: s.address.text });
  f.push({ key: 'TechCode', value: '02' });
  return f;
}

export function epdQrPayload(s: EpdSnapshot): QrPayload {
  return encodeQrPayload(epdQrFields(s));
}

/** The amount as printed next to the code: «1 234,56 ₽». */
export function qrCaption(sum: Kopecks): string {
  return `${formatRubles(sum)} ₽`;
}
