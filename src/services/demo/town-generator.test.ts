import { describe, expect, it } from 'vitest';
import { isValidAccountNumber } from '../../domain/registry/account-number.js';
import { generateTown, hundredths, prng, type TownPlan } from './town-generator.js';

const plan: TownPlan = {
  accounts: 500,
  seed: 42,
  city: 'Демо-город',
  region: 'Демо-область',
  settlementCentreId: 1,
  managerIds: [2, 3, 4],
  districtIds: [1, 2],
  firstIds: { house: 1, premise: 1, area: 1, account: 1, serial: 1 },
};

describe('generateTown', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect(JSON.stringify([...generateTown(plan)])).toBe(JSON.stringify([...generateTown(plan)]));
    expect(JSON.stringify([...generateTown({ ...plan, seed: 43 })])).not.toBe(
      JSON.stringify([...generateTown(plan)]),
    );
  });

  it('makes exactly the accounts asked for, with consecutive ids and valid numbers', () => {
    const accounts = [...generateTown(plan)].flatMap((r) => ('account' in r && r.account ? [r.account] : []));
    expect(accounts).toHaveLength(500);
    expect(accounts.map((a) => a.id)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(accounts.every((a) => isValidAccountNumber(a.number))).toBe(true);
    expect(new Set(accounts.map((a) => a.number)).size).toBe(500);
  });

  it("sums a house's residential area from its flats, exactly", () => {
    let house: { residentialArea: number } | undefined;
    let flats = 0;
    const check = () => house && expect(house.residentialArea).toBe(flats);
    for (const row of generateTown(plan)) {
      if ('house' in row) {
        check();
        house = row.house;
        flats = 0;
      } else if (row.premise.kind === 'flat') flats += row.area!.totalArea;
    }
    check();
  });

  it('writes hundredths of m² as numeric text', () => {
    expect(hundredths(3450)).toBe('34.50');
    expect(hundredths(7)).toBe('0.07');
    expect(hundredths(100000)).toBe('1000.00');
  });

  it('draws numbers in [0, 1) from a seeded generator', () => {
    const r = prng(1);
    const draws = Array.from({ length: 1000 }, r);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(prng(1)()).toBe(draws[0]);
  });
});
