/**
 * The account number (номер лицевого счёта): the documented scheme of this system.
 *
 * 10 digits = a 9-digit serial (zero-padded, 000000001–999999999) + 1 check digit by the Luhn algorithm
 * (ISO/IEC 7812-1, Annex B). Why Luhn: an operator typing a number from a paper bill, and a payment agent's
 * registry, make two kinds of mistakes — one wrong digit, and two neighbouring digits swapped. Luhn catches
 * every single-digit error and every adjacent transposition except 09 ↔ 90; it is the check of bank card
 * numbers, so every bank, terminal and payment agent already has it. (Verhoeff or Damm would also catch
 * 09 ↔ 90 and some twin errors, but few partners implement them.) What Luhn misses: 09 ↔ 90, twin errors
 * 22 ↔ 55, 33 ↔ 66, 44 ↔ 77, and most jump transpositions (abc ↔ cba).
 */

const SERIAL_TEXT = /^\d{9}$/;
const NUMBER_TEXT = /^\d{10}$/;
const MAX_SERIAL = 999_999_999;

/**
 * The Luhn check digit of a string of digits: from the rightmost digit leftwards, every second digit
 * starting with the rightmost is doubled (9 subtracted when the result exceeds 9); the check digit tops
 * the sum up to a multiple of 10.
 */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload))
    throw new RangeError(`Luhn payload must be digits, got ${JSON.stringify(payload)}`);
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    const d = Number(payload[i]);
    sum += double ? (d > 4 ? 2 * d - 9 : 2 * d) : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The check digit of a 9-digit serial; throws RangeError unless `serial9` is exactly 9 digits. */
export function accountNumberCheckDigit(serial9: string): number {
  if (!SERIAL_TEXT.test(serial9)) {
    throw new RangeError(`Account serial must be 9 digits, got ${JSON.stringify(serial9)}`);
  }
  return luhnCheckDigit(serial9);
}

/** The account number of serial 1–999 999 999: 42 → '0000000422'. Throws RangeError outside that range. */
export function makeAccountNumber(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
    throw new RangeError(`Account serial must be an integer 1–${MAX_SERIAL}, got ${serial}`);
  }
  const serial9 = String(serial).padStart(9, '0');
  return `${serial9}${accountNumberCheckDigit(serial9)}`;
}

/** Why `s` is not an account number (Russian text for the operator), or null when it is one. */
export function accountNumberProblem(s: string): string | null {
  if (!NUMBER_TEXT.test(s)) return 'номер лицевого счёта должен состоять из 10 цифр';
  if (s === '0000000000') return 'номер лицевого счёта 0000000000 не выдаётся';
  if (luhnCheckDigit(s.slice(0, 9)) !== Number(s[9])) {
    return 'неверная контрольная цифра номера лицевого счёта: проверьте, не ошиблись ли в цифре';
  }
  return null;
}

/** True when `s` is 10 digits, not all zeros, and its last digit is the Luhn check digit of the first 9. */
export function isValidAccountNumber(s: string): boolean {
  return accountNumberProblem(s) === null;
}
