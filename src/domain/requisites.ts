/**
 * Check digits of Russian legal and bank requisites.
 *
 * ИНН, КПП, ОГРН/ОГРНИП: as the Federal Tax Service defines them. БИК and the 20-digit accounts: the
 * Bank of Russia's key algorithm (Положение Банка России 579-П, formerly 385-П, and the «Порядок расчёта
 * контрольного ключа в номере лицевого счёта» it refers to): the account is prefixed with three digits
 * taken from the БИК, the 23 digits are weighted 7, 1, 3, 7, 1, 3, …, and the sum must end in 0.
 */
import type { ErrorDetail } from './errors.js';

const innWeights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const bankKeyWeights = [7, 1, 3];

function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return (sum % 11) % 10;
}

/** ИНН: 10 digits (an organisation, one check digit) or 12 (a person, two check digits). */
export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return checkDigit(inn, innWeights10) === Number(inn[9]);
  if (/^\d{12}$/.test(inn)) {
    return (
      checkDigit(inn, innWeights11) === Number(inn[10]) && checkDigit(inn, innWeights12) === Number(inn[11])
    );
  }
  return false;
}

/**
 * КПП: 9 characters NNNNPPXXX — 4 digits (tax office code), 2 digits or capital Latin letters A–Z (reason
 * code; letters since 2013), 3 digits (serial number). КПП has no check digit, so this checks the shape only.
 */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/**
 * ОГРН (13 digits): the last digit is (the first 12 as a number mod 11) mod 10. ОГРНИП (15 digits):
 * (the first 14 mod 13) mod 10. Computed in BigInt: exact integer remainders, no floating point.
 */
export function isValidOgrn(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return (BigInt(ogrn.slice(0, 12)) % 11n) % 10n === BigInt(ogrn[12]!);
  if (/^\d{15}$/.test(ogrn)) return (BigInt(ogrn.slice(0, 14)) % 13n) % 10n === BigInt(ogrn[14]!);
  return false;
}

/**
 * БИК: 9 digits, no check digit. A bank's (and a Bank of Russia division's) begins with the country code 04;
 * since 2021 a territorial body of the Federal Treasury (ТОФК) has its own БИК beginning with 00 or 01 (e.g.
 * 004525988, УФК по г. Москве; 014030106, УФК по г. Санкт-Петербургу): suppliers that are state or municipal
 * institutions are paid through them.
 */
export function isValidBik(bik: string): boolean {
  return /^04\d{7}$/.test(bik) || isTreasuryBik(bik);
}

/** A БИК ТОФК (Federal Treasury), see isValidBik. */
export function isTreasuryBik(bik: string): boolean {
  return /^0[01]\d{7}$/.test(bik);
}

/** The Bank of Russia key: the 3-digit prefix + the 20-digit account, weights 7,1,3 repeating, sum ≡ 0 mod 10. */
function bankKeyHolds(prefix: string, account: string): boolean {
  const digits = prefix + account;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * bankKeyWeights[i % 3]!;
  return sum % 10 === 0;
}

const ACCOUNT_TEXT = /^\d{20}$/;

/**
 * A settlement account (расчётный счёт) of 20 digits opened in the credit organisation with this БИК:
 * the key is checked with the last 3 digits of the БИК in front of the account. False when the БИК is bad.
 */
export function isValidBankAccount(account: string, bik: string): boolean {
  if (!ACCOUNT_TEXT.test(account) || !isValidBik(bik)) return false;
  // A treasury account (казначейский счёт, 03…) in a ТОФК: the Bank of Russia's key order is for accounts in
  // credit institutions and its divisions, and treasury accounts in use do not satisfy it with either prefix
  // (e.g. 03100643000000017300 at БИК 004525988), so only its shape is checked.
  if (isTreasuryBik(bik)) return account.startsWith('03');
  return bankKeyHolds(bik.slice(6, 9), account);
}

/**
 * A correspondent account (корр. счёт) of 20 digits, opened for the bank in the Bank of Russia: the key is
 * checked with "0" + the 5th and 6th digits of the БИК in front. For a ТОФК it is the single treasury account
 * (единый казначейский счёт, 40102…), keyed the same way (e.g. 40102810545370000003 at БИК 004525988).
 * False when the БИК is bad.
 */
export function isValidCorrespondentAccount(corr: string, bik: string): boolean {
  return ACCOUNT_TEXT.test(corr) && isValidBik(bik) && bankKeyHolds(`0${bik.slice(4, 6)}`, corr);
}

/** The requisites of an organisation or an entrepreneur as typed; absent (undefined/null) fields are skipped. */
export type Requisites = {
  inn?: string | null;
  kpp?: string | null;
  ogrn?: string | null;
  bik?: string | null;
  account?: string | null;
  correspondentAccount?: string | null;
};

const present = (s: string | null | undefined): s is string => s !== undefined && s !== null;

/** A shape problem or a check-digit problem of one 20-digit account; the key needs a valid БИК. */
function accountProblem(
  value: string,
  bik: string | null | undefined,
  name: string,
  valid: (account: string, bik: string) => boolean,
): string | null {
  if (!ACCOUNT_TEXT.test(value)) return `${name} должен состоять из 20 цифр`;
  if (present(bik) && isValidBik(bik) && !valid(value, bik)) {
    return `неверный контрольный ключ: ${name} не соответствует БИК`;
  }
  return null;
}

/**
 * Every bad field of `o`, with a Russian problem text. The key of an account is checked only when a valid
 * БИК is given (without it only the 20 digits are checked; a bad БИК is reported on its own field).
 */
export function requisiteProblems(o: Requisites): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, problem: string | null) => {
    if (problem !== null) problems.push({ field, problem });
  };
  if (present(o.inn)) {
    add(
      'inn',
      !/^(\d{10}|\d{12})$/.test(o.inn)
        ? 'ИНН должен состоять из 10 или 12 цифр'
        : isValidInn(o.inn)
          ? null
          : 'неверная контрольная цифра ИНН',
    );
  }
  if (present(o.kpp) && !isValidKpp(o.kpp)) {
    add('kpp', 'КПП должен состоять из 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры');
  }
  if (present(o.ogrn)) {
    add(
      'ogrn',
      !/^(\d{13}|\d{15})$/.test(o.ogrn)
        ? 'ОГРН должен состоять из 13 цифр (ОГРНИП — из 15)'
        : isValidOgrn(o.ogrn)
          ? null
          : 'неверная контрольная цифра ОГРН',
    );
  }
  if (present(o.bik) && !isValidBik(o.bik))
    add(
      'bik',
      'БИК должен состоять из 9 цифр и начинаться с 04 (банк) или с 00, 01 (орган Федерального казначейства)',
    );
  if (present(o.account)) {
    const treasury = present(o.bik) && isTreasuryBik(o.bik) && ACCOUNT_TEXT.test(o.account);
    add(
      'account',
      treasury && !o.account.startsWith('03')
        ? 'в органе Федерального казначейства (БИК ТОФК) открываются казначейские счета: номер начинается с 03'
        : accountProblem(o.account, o.bik, 'расчётный счёт', isValidBankAccount),
    );
  }
  if (present(o.correspondentAccount)) {
    add(
      'correspondentAccount',
      accountProblem(o.correspondentAccount, o.bik, 'корреспондентский счёт', isValidCorrespondentAccount),
    );
  }
  return problems;
}
