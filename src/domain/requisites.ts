/** Check digits of Russian legal requisites, as the Federal Tax Service defines them. */

const innWeights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const innWeights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

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
