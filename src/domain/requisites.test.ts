import { describe, expect, it } from 'vitest';
import { isValidInn } from './requisites.js';

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
