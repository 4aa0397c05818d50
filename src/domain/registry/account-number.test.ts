import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  accountNumberCheckDigit,
  accountNumberProblem,
  isValidAccountNumber,
  luhnCheckDigit,
  makeAccountNumber,
} from './account-number.js';

describe('luhnCheckDigit: the classic example', () => {
  it('79927398713: the check digit of 7992739871 is 3', () => {
    // By hand, from the right: 1 7 8 9 3 7 2 9 9 7; double the 1st, 3rd, 5th, …: 1→2, 8→16→7, 3→6, 2→4,
    // 9→18→9 (sum 28); the others 7+9+7+9+7 = 39; 28 + 39 = 67; 67 + 3 = 70, a multiple of 10 → 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });
  it.each(['', '12a', ' 1'])('refuses %j', (payload) =>
    expect(() => luhnCheckDigit(payload)).toThrow(RangeError),
  );
});

describe('accountNumberCheckDigit', () => {
  it.each([
    // The classic without its leading 7: from the right 1 7 8 9 3 7 2 9 9; doubled 1→2, 8→7, 3→6, 2→4, 9→9
    // (28), others 7+9+7+9 = 32; 60 → 0. (The dropped 7 was an undoubled digit: 67 − 7 = 60.)
    ['992739871', 0],
    // From the right 9 8 7 6 5 4 3 2 1: doubled 9→9, 7→5, 5→1, 3→6, 1→2 (23), others 8+6+4+2 = 20; 43 → 7.
    ['123456789', 7],
    ['000000001', 8], // 1 doubled = 2 → 8
    ['000000042', 2], // 2 doubled = 4, plus 4 = 8 → 2
    ['000000005', 9], // 5 doubled = 10 → 1 → 9
    ['999999999', 9], // five 9s doubled → 9 each = 45, four 9s = 36; 81 → 9
  ])('%s → %i', (serial, digit) => expect(accountNumberCheckDigit(serial)).toBe(digit));

  it.each(['12345678', '1234567890', '12345678a', ''])('refuses %j', (serial) =>
    expect(() => accountNumberCheckDigit(serial)).toThrow(RangeError),
  );
});

describe('makeAccountNumber', () => {
  it.each([
    [1, '0000000018'],
    [42, '0000000422'],
    [992739871, '9927398710'],
    [123456789, '1234567897'],
    [999999999, '9999999999'],
  ])('%i → %s', (serial, number) => expect(makeAccountNumber(serial)).toBe(number));

  it.each([0, -1, 1_000_000_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (serial) =>
    expect(() => makeAccountNumber(serial)).toThrow(RangeError),
  );
});

describe('isValidAccountNumber and accountNumberProblem', () => {
  const wrongLength = 'номер лицевого счёта должен состоять из 10 цифр';
  const wrongCheck = 'неверная контрольная цифра номера лицевого счёта: проверьте, не ошиблись ли в цифре';
  it.each([
    ['1234567897', null],
    ['9927398710', null],
    ['0000000018', null],
    ['1234567896', wrongCheck], // the check digit typed wrong
    ['1234567597', wrongCheck], // one digit typed wrong
    ['2134567897', wrongCheck], // the first two digits swapped
    ['123456789', wrongLength],
    ['12345678970', wrongLength],
    ['123456789a', wrongLength],
    [' 1234567897', wrongLength],
    ['', wrongLength],
    ['0000000000', 'номер лицевого счёта 0000000000 не выдаётся'], // Luhn-valid, but serial 0 is never issued
  ])('%j → %j', (s, problem) => {
    expect(accountNumberProblem(s)).toBe(problem);
    expect(isValidAccountNumber(s)).toBe(problem === null);
  });

  it("Luhn's known blind spot: 09 ↔ 90 keeps the number valid", () => {
    // 090000000: the 9 is 8th from the right (not doubled) → sum 9 → check 1.
    // 900000000: the 9 is 9th from the right (doubled: 18 → 9) → sum 9 → check 1.
    expect(isValidAccountNumber('0900000001')).toBe(true);
    expect(isValidAccountNumber('9000000001')).toBe(true);
  });
});

describe('account number properties', () => {
  const serial = fc.integer({ min: 1, max: 999_999_999 });

  it('every issued number is valid and 10 digits long', () => {
    fc.assert(
      fc.property(serial, (n) => {
        const number = makeAccountNumber(n);
        expect(number).toMatch(/^\d{10}$/);
        expect(isValidAccountNumber(number)).toBe(true);
      }),
    );
  });

  it('every single-digit change of a valid number is invalid', () => {
    fc.assert(
      fc.property(serial, (n) => {
        const number = makeAccountNumber(n);
        for (let i = 0; i < 10; i++) {
          for (const d of '0123456789') {
            if (d === number[i]) continue;
            const typo = number.slice(0, i) + d + number.slice(i + 1);
            expect(isValidAccountNumber(typo), typo).toBe(false);
          }
        }
      }),
    );
  });

  it('every adjacent transposition of distinct digits except 09/90 is invalid', () => {
    fc.assert(
      fc.property(serial, (n) => {
        const number = makeAccountNumber(n);
        for (let i = 0; i < 9; i++) {
          const a = number[i]!;
          const b = number[i + 1]!;
          if (a === b || a + b === '09' || a + b === '90') continue;
          const swapped = number.slice(0, i) + b + a + number.slice(i + 2);
          expect(isValidAccountNumber(swapped), swapped).toBe(false);
        }
      }),
    );
  });
});
