import { describe, expect, it } from 'vitest';
import type { HouseFields } from '../../db/registry/houses.js';
import { normCategories, normCategoryOf, normGroupOf } from './norms.js';
import { standardServices } from './services.js';

const house: Pick<
  HouseFields,
  'coldWater' | 'hotWater' | 'heating' | 'hasGas' | 'hasElectricStoves' | 'hasLift'
> = {
  coldWater: 'central',
  hotWater: 'central',
  heating: 'central',
  hasGas: false,
  hasElectricStoves: false,
  hasLift: false,
};
const service = (code: string) => standardServices.find((s) => s.code === code)!;

describe('norm categories', () => {
  it.each([
    ['cold_water', {}, 'water_cold_hot'],
    ['hot_water', { hotWater: 'open_system' }, 'water_cold_hot'],
    ['cold_water', { hotWater: 'local_heater' }, 'water_cold_local_heater'],
    ['wastewater', { hotWater: 'none' }, 'water_cold_only'],
    ['cold_water', { coldWater: 'well' }, null],
    ['electricity', {}, 'electricity_gas_stove'],
    ['electricity', { hasElectricStoves: true }, 'electricity_electric_stove'],
    ['gas', {}, null],
    ['gas', { hasGas: true }, 'gas_stove'],
    ['gas', { hasGas: true, hotWater: 'local_heater' }, 'gas_stove_water_heater'],
    ['heating', {}, 'heating_central'],
    ['heating', { heating: 'individual' }, null],
    ['electricity_common', { hasLift: true }, 'common_with_lift'],
    ['cold_water_common', {}, 'common_without_lift'],
    ['waste', {}, 'any'],
    ['maintenance', {}, 'any'],
  ] as const)('%s in a house with %o → %s', (code, equipment, expected) => {
    expect(normCategoryOf({ ...house, ...equipment }, service(code))).toBe(expected);
  });

  it('every category derived belongs to the service’s group', () => {
    for (const s of standardServices) {
      const category = normCategoryOf(house, s);
      if (category) expect(normCategories.find((c) => c.code === category)!.group).toBe(normGroupOf(s));
    }
  });
});
