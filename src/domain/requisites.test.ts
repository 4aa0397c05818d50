import { describe, expect, it } from 'vitest';
import {
  isValidBankAccount,
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  requisiteProblems,
} from './requisites.js';

describe('isValidInn', () => {
  // 7707083893 (ПАО Сбербанк): 7·2+7·4+0·10+7·3+0·5+8·9+3·4+8·6+9·8 = 14+28+0+21+0+72+12+48+72 = 267;
  // 267 mod 11 = 3, so the check digit is 3. ✓
  // 500100732259 (a published sample of a person's ИНН): digit 11 = 5, digit 12 = 9 by the same rule.
  it.each([
    ['7707083893', true],
    ['7707083894', false],
    ['7701000019', true], // demo: 7·2+7·4+0+1·3+0+0+0+0+1·8 = 53; 53 mod 11 = 9 ✓
    ['500100732259', true],
    ['500100732258', false],
    ['770708389', false],
    ['77070838931', false],
    ['77070838a3', false],
  ])('%s → %s', (inn, valid) => expect(isValidInn(inn)).toBe(valid));
});

describe('isValidKpp', () => {
  // 773601001: the published КПП of ПАО Сбербанк. Positions 5–6 may be capital Latin letters (ФНС, since 2013).
  it.each([
    ['773601001', true],
    ['7736AB001', true],
    ['77360A001', true],
    ['7736ab001', false], // lower case
    ['7736АБ001', false], // Cyrillic А, Б
    ['A73601001', false], // a letter outside positions 5–6
    ['77360100A', false],
    ['77360100', false], // 8 characters
    ['7736010011', false], // 10 characters
    ['', false],
  ])('%j → %s', (kpp, valid) => expect(isValidKpp(kpp)).toBe(valid));
});

describe('isValidOgrn', () => {
  // ОГРН 1027700132195 (ПАО Сбербанк). 102770013219 mod 11, digit by digit (r = (10·r + d) mod 11):
  //   1, 10, 102→3, 37→4, 47→3, 30→8, 80→3, 31→9, 93→5, 52→8, 81→4, 49→5. 5 mod 10 = 5 = the 13th digit ✓
  // 1000000000000: 10^11 ≡ (−1)^11 ≡ 10 (mod 11); 10 mod 10 = 0 — the "mod 10" step is what makes it 0.
  // ОГРНИП 315745200001358 (published by an entrepreneur). 31574520000135 mod 13 (r = (10·r + d) mod 13):
  //   3, 31→5, 55→3, 37→11, 114→10, 105→1, 12, 120→3, 30→4, 40→1, 10, 101→10, 103→12, 125→8. 8 ✓
  // ОГРНИП 319237500065543 (published likewise): 3, 5, 7, 7, 8, 9, 4, 1, 10, 9, 5, 3, 9, 94→3. 3 ✓
  // 300000000000060: 10^6 ≡ 1 (mod 13), so 3·10^13 ≡ 3·10 = 30 ≡ 4; + 6 → 10; 10 mod 10 = 0 ✓
  it.each([
    ['1027700132195', true],
    ['1027700132194', false], // wrong check digit
    ['1027700132196', false],
    ['1000000000000', true],
    ['1000000000001', false],
    ['315745200001358', true],
    ['315745200001357', false],
    ['319237500065543', true],
    ['300000000000060', true],
    ['300000000000061', false],
    ['102770013219', false], // 12 digits
    ['10277001321955', false], // 14 digits
    ['3157452000013580', false], // 16 digits
    ['102770013219O', false], // a letter O
    ['', false],
  ])('%j → %s', (ogrn, valid) => expect(isValidOgrn(ogrn)).toBe(valid));
});

describe('isValidBik', () => {
  it.each([
    ['044525225', true], // ПАО Сбербанк
    ['044030790', true], // ПАО «Банк «Санкт-Петербург»
    ['044525823', true], // Банк ГПБ (АО)
    ['144525225', false], // not the country code 04
    ['004525988', true], // БИК ТОФК: УФК по г. Москве
    ['014030106', true], // БИК ТОФК: УФК по г. Санкт-Петербургу
    ['024525988', false], // neither 04 nor a ТОФК's 00/01
    ['04452522', false], // 8 digits
    ['0445252250', false], // 10 digits
    ['04452522a', false],
    [' 044525225', false],
  ])('%j → %s', (bik, valid) => expect(isValidBik(bik)).toBe(valid));
});

// The key (Положение Банка России 579-П): 23 digits = 3-digit prefix + the 20-digit account,
// weights 7 1 3 7 1 3 7 1 3 7 1 3 7 1 3 7 1 3 7 1 3 7 1; Σ(digit·weight) must be ≡ 0 (mod 10).
describe('isValidCorrespondentAccount: prefix "0" + digits 5–6 of the БИК', () => {
  // ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225 (its published requisites). Prefix "0"+"25":
  //   digits   0 2 5 3 0 1 0 1 8 1 0 4 0 0 0 0 0 0 0 0 2 2 5
  //   products 0 2 15 21 0 3 0 1 24 7 0 12 0 0 0 0 0 0 0 0 6 14 5 → Σ = 110 ≡ 0 ✓
  // ПАО «Банк «Санкт-Петербург», БИК 044030790, к/с 30101810900000000790 (published by a client). Prefix "030":
  //   digits   0 3 0 3 0 1 0 1 8 1 0 9 0 0 0 0 0 0 0 0 7 9 0
  //   products 0 3 0 21 0 3 0 1 24 7 0 27 0 … 0 21 63 0 → Σ = 170 ≡ 0 ✓
  // Банк ГПБ (АО), БИК 044525823, к/с 30101810200000000823 (a clearing house's payment memo). Prefix "025":
  //   products 0 2 15 21 0 3 0 1 24 7 0 6 0 … 0 24 14 3 → Σ = 120 ≡ 0 ✓
  // НКО АО НРД, БИК 044583505, к/с 30105810100000000505 (same memo). Prefix "083":
  //   products 0 8 9 21 0 3 0 5 24 7 0 3 0 … 0 15 0 5 → Σ = 100 ≡ 0 ✓
  // Sberbank's к/с against the БИК 044030790 (prefix "030"): Σ = 3+21+3+1+24+7+12+6+14+5 = 96 ✗
  // A settlement account 40703810890480000101 checked as a к/с with prefix "030": Σ = 245 ✗
  it.each([
    ['30101810400000000225', '044525225', true],
    ['30101810900000000790', '044030790', true],
    ['30101810200000000823', '044525823', true],
    ['30105810100000000505', '044583505', true],
    ['30101810400000000226', '044525225', false], // last digit +1: Σ = 111
    ['30101810400000000252', '044525225', false], // two last digits swapped
    ['30101810400000000225', '044030790', false], // another bank's БИК: Σ = 96
    ['40703810890480000101', '044030790', false], // a settlement account: Σ = 245
    ['3010181040000000022', '044525225', false], // 19 digits
    ['301018104000000002250', '044525225', false], // 21 digits
    ['3010181040000000022O', '044525225', false], // a letter O
    ['30101810400000000225', '04452522', false], // a bad БИК
    // ЕКС of УФК по г. Москве, БИК 004525988 (its published requisites). Prefix "0" + digits 5–6 "25" = "025":
    //   digits   0 2 5 4 0 1 0 2 8 1 0 5 4 5 3 7 0 0 0 0 0 0 3
    //   products 0 2 15 28 0 3 0 2 24 7 0 15 28 5 9 49 0 0 0 0 0 0 3 → Σ = 190 ≡ 0 ✓ (…04: Σ = 191 ✗)
    ['40102810545370000003', '004525988', true],
    ['40102810545370000004', '004525988', false], // last digit +1
  ])('%s with БИК %s → %s', (corr, bik, valid) => expect(isValidCorrespondentAccount(corr, bik)).toBe(valid));
});

describe('isValidBankAccount: prefix = the last 3 digits of the БИК', () => {
  // АНО «КДДГ» (its published donation requisites): р/с 40703810890480000101, БИК 044030790. Prefix "790":
  //   digits   7 9 0 4 0 7 0 3 8 1 0 8 9 0 4 8 0 0 0 0 1 0 1
  //   products 49 9 0 28 0 21 0 3 24 7 0 24 63 0 12 56 0 0 0 0 3 0 1 → Σ = 300 ≡ 0 ✓
  // РДК (ЗАО) (a published payment memo for clearing members): р/с 30414810600020015929 in ПАО Сбербанк,
  // БИК 044525225. Prefix "225":
  //   digits   2 2 5 3 0 4 1 4 8 1 0 6 0 0 0 2 0 0 1 5 9 2 9
  //   products 14 2 15 21 0 12 7 4 24 7 0 18 0 0 0 14 0 0 7 5 27 14 9 → Σ = 200 ≡ 0 ✓
  // The same memo: р/с 40701810400000010443 in Банк ГПБ (АО), БИК 044525823. Prefix "823":
  //   products 56 2 9 28 0 21 0 1 24 7 0 12 0 0 0 0 0 0 7 0 12 28 3 → Σ = 210 ≡ 0 ✓
  // ПАО Сбербанк's own published account 30301810800006003800 (prefix "225"):
  //   products 14 2 15 21 0 9 0 1 24 7 0 24 0 0 0 0 6 0 0 3 24 0 0 → Σ = 150 ≡ 0 ✓
  // The КДДГ account against Sberbank's БИК (prefix "225"): 14+2+15+28+0+21+0+3+24+7+0+24+63+0+12+56+3+0+1 = 273 ✗
  it.each([
    ['40703810890480000101', '044030790', true],
    ['30414810600020015929', '044525225', true],
    ['40701810400000010443', '044525823', true],
    ['30301810800006003800', '044525225', true],
    ['40703810890480000102', '044030790', false], // last digit +1: Σ = 301
    ['40703810890480001101', '044030790', false], // one digit changed
    ['40703810890480000101', '044525225', false], // another bank's БИК: Σ = 273
    ['30101810400000000225', '044525225', false], // Sberbank's к/с is not a settlement account of Sberbank
    ['4070381089048000010', '044030790', false], // 19 digits
    ['407038108904800001011', '044030790', false], // 21 digits
    ['4070381089048000010I', '044030790', false], // a letter
    ['40703810890480000101', '', false], // no БИК
    // a treasury account in a ТОФК: the shape only (03…), see isValidBankAccount
    ['03100643000000017300', '004525988', true], // УФК по г. Москве, its published requisites
    ['40703810890480000101', '004525988', false], // not a treasury account
  ])('%s with БИК %j → %s', (account, bik, valid) => expect(isValidBankAccount(account, bik)).toBe(valid));
});

describe('requisiteProblems', () => {
  const sberbank = {
    inn: '7707083893',
    kpp: '773601001',
    ogrn: '1027700132195',
    bik: '044525225',
    correspondentAccount: '30101810400000000225',
    account: '30414810600020015929',
  };

  it.each([
    ['all good (ПАО Сбербанк)', sberbank, []],
    ['nothing given', {}, []],
    ['null fields are absent', { inn: null, kpp: null, bik: null, account: null }, []],
    [
      'bad check digits',
      { inn: '7707083894', ogrn: '1027700132194' },
      [
        { field: 'inn', problem: 'неверная контрольная цифра ИНН' },
        { field: 'ogrn', problem: 'неверная контрольная цифра ОГРН' },
      ],
    ],
    [
      'bad shapes',
      { inn: '77070838', kpp: '77360100', ogrn: '10277001321', bik: '14452522' },
      [
        { field: 'inn', problem: 'ИНН должен состоять из 10 или 12 цифр' },
        {
          field: 'kpp',
          problem:
            'КПП должен состоять из 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
        },
        { field: 'ogrn', problem: 'ОГРН должен состоять из 13 цифр (ОГРНИП — из 15)' },
        {
          field: 'bik',
          problem:
            'БИК должен состоять из 9 цифр и начинаться с 04 (банк) или с 00, 01 (орган Федерального казначейства)',
        },
      ],
    ],
    [
      'accounts that do not match the БИК',
      { ...sberbank, bik: '044030790' },
      [
        { field: 'account', problem: 'неверный контрольный ключ: расчётный счёт не соответствует БИК' },
        {
          field: 'correspondentAccount',
          problem: 'неверный контрольный ключ: корреспондентский счёт не соответствует БИК',
        },
      ],
    ],
    [
      'accounts of the wrong length',
      { bik: '044525225', account: '4070281000000000004', correspondentAccount: '3010181040000000022a' },
      [
        { field: 'account', problem: 'расчётный счёт должен состоять из 20 цифр' },
        { field: 'correspondentAccount', problem: 'корреспондентский счёт должен состоять из 20 цифр' },
      ],
    ],
    [
      'a bad БИК is reported once; the key is not checked without a valid БИК',
      { bik: '04452522', account: '40703810890480000102' },
      [
        {
          field: 'bik',
          problem:
            'БИК должен состоять из 9 цифр и начинаться с 04 (банк) или с 00, 01 (орган Федерального казначейства)',
        },
      ],
    ],
    ['no БИК: only the 20 digits of an account are checked', { account: '40703810890480000102' }, []],
    [
      'a state supplier paid through the Treasury (УФК по г. Москве)',
      { bik: '004525988', account: '03100643000000017300', correspondentAccount: '40102810545370000003' },
      [],
    ],
    [
      'a bank account number at a ТОФК',
      { bik: '004525988', account: '40703810890480000101', correspondentAccount: '40102810545370000004' },
      [
        {
          field: 'account',
          problem:
            'в органе Федерального казначейства (БИК ТОФК) открываются казначейские счета: номер начинается с 03',
        },
        {
          field: 'correspondentAccount',
          problem: 'неверный контрольный ключ: корреспондентский счёт не соответствует БИК',
        },
      ],
    ],
    ['an entrepreneur: 12-digit ИНН, ОГРНИП', { inn: '500100732259', ogrn: '315745200001358' }, []],
  ])('%s', (_name, requisites, problems) => expect(requisiteProblems(requisites)).toEqual(problems));
});
