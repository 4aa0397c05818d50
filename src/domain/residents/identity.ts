/**
 * Identity of a person: the СНИЛС with its check number, and the series and number of an identity document
 * (the Russian passport; a birth certificate for children). Pure checks, each answering with the problem in
 * Russian (operators read it) or null.
 */

/** The 11 digits of a СНИЛС typed as "112-233-445 95", "112 233 445 95" or "11223344595"; else undefined. */
export function normalizeSnils(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : undefined;
}

/**
 * The check number of the 9-digit СНИЛС number: Σ digit × weight, weights 9..1 from the left; a sum below 100
 * is the check number; 100 and 101 give 00; a larger sum is taken modulo 101 (and 100 again gives 00).
 * (Порядок присвоения СНИЛС, Пенсионный фонд; the checksum is checked for numbers above 001-001-998.)
 */
export function snilsCheckNumber(number9: string): number {
  if (!/^\d{9}$/.test(number9)) throw new RangeError(`СНИЛС number must be 9 digits: ${number9}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(number9[i]) * (9 - i);
  const r = sum < 100 ? sum : sum % 101;
  return r === 100 ? 0 : r;
}

/** Numbers up to 001-001-998 were issued before the checksum and are not checked. */
const LAST_UNCHECKED = 1001998;

/** Null when valid; otherwise why not. */
export function snilsProblem(text: string): string | null {
  const digits = normalizeSnils(text);
  if (!digits) return 'СНИЛС — 11 цифр (например, 112-233-445 95)';
  const number = digits.slice(0, 9);
  if (Number(number) <= LAST_UNCHECKED) return null;
  const expected = snilsCheckNumber(number);
  return Number(digits.slice(9)) === expected
    ? null
    : `контрольное число СНИЛС не сходится: ожидается ${String(expected).padStart(2, '0')}`;
}

/** "112-233-445 95" */
export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

export const identityDocumentKinds = ['passport', 'birth_certificate', 'foreign_passport', 'other'] as const;
export type IdentityDocumentKind = (typeof identityDocumentKinds)[number];

/** Series and number as stored: the passport series "4506" (4 digits) and number "123456" (6 digits). */
export type DocumentSeriesNumber = { series: string; number: string };

/**
 * Normalises and checks a document's series and number. Passport of a citizen of the Russian Federation:
 * series of 4 digits (region 2 + year 2, written "45 06"), number of 6 digits. Birth certificate (Russian
 * form): series of Roman numerals, a hyphen and two Cyrillic capitals ("IV-МЮ"), number of 6 digits.
 * Other documents: any non-empty text. Returns the normalised pair or the problems by field.
 */
export function checkDocumentNumber(
  kind: IdentityDocumentKind,
  series: string,
  number: string,
): { ok: true; value: DocumentSeriesNumber } | { ok: false; problems: { field: string; problem: string }[] } {
  const problems: { field: string; problem: string }[] = [];
  const num = number.replace(/\s/g, '');
  let ser = series.trim();
  if (kind === 'passport') {
    ser = ser.replace(/\s/g, '');
    if (!/^\d{4}$/.test(ser)) problems.push({ field: 'series', problem: 'серия паспорта — 4 цифры (45 06)' });
    if (!/^\d{6}$/.test(num)) problems.push({ field: 'number', problem: 'номер паспорта — 6 цифр' });
  } else if (kind === 'birth_certificate') {
    ser = ser.replace(/\s/g, '').toUpperCase();
    if (!/^[IVXLC]{1,6}-[А-ЯЁ]{2}$/.test(ser)) {
      problems.push({
        field: 'series',
        problem: 'серия свидетельства — римские цифры, дефис, две буквы (IV-МЮ)',
      });
    }
    if (!/^\d{6}$/.test(num)) problems.push({ field: 'number', problem: 'номер свидетельства — 6 цифр' });
  } else {
    if (num.length === 0 || num.length > 30)
      problems.push({ field: 'number', problem: 'укажите номер документа' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { series: ser, number: num } };
}

/** "45 06 № 123456" for a passport; "IV-МЮ № 654321" otherwise. */
export function formatDocumentNumber(kind: IdentityDocumentKind, d: DocumentSeriesNumber): string {
  const series =
    kind === 'passport' && d.series.length === 4 ? `${d.series.slice(0, 2)} ${d.series.slice(2)}` : d.series;
  return series ? `${series} № ${d.number}` : `№ ${d.number}`;
}

/** Masks personal data for a reader without `personal_data.read`: only the last 2 characters stay. */
export function maskTail(text: string | null, keep = 2): string | null {
  if (text === null || text === '') return text;
  const kept = keep > 0 ? text.slice(-keep) : '';
  return '•'.repeat(text.length - kept.length) + kept;
}
