/** The columns of a houses file and the houses table they fill (kinds/houses.ts plans and writes them). */
import type { Rec, TableSpec } from '../../../db/import/bulk.js';
import { commonMeterResources, houseEquipment } from '../../../db/registry/houses.js';
import { Decimal } from '../../../domain/decimal.js';
import type { IsoDate } from '../../../domain/period.js';
import type { Cells } from '../cells.js';
import { given } from '../kind.js';

export const houseSpec: TableSpec = {
  table: 'houses',
  updatedAt: true,
  fields: {
    external_id: 'text',
    district_id: 'bigint',
    fias_id: 'text',
    region: 'text',
    city: 'text',
    street: 'text',
    house_number: 'text',
    building: 'text',
    postal_code: 'text',
    kind: 'text',
    year_built: 'int',
    floors: 'int',
    entrances: 'int',
    total_area: 'numeric',
    residential_area: 'numeric',
    non_residential_area: 'numeric',
    common_area: 'numeric',
    cold_water: 'text',
    hot_water: 'text',
    heating: 'text',
    has_gas: 'bool',
    has_electric_stoves: 'bool',
    has_lift: 'bool',
    common_meters: 'text[]',
  },
};
export const insertSpec: TableSpec = {
  ...houseSpec,
  fields: { ...houseSpec.fields, settlement_centre_id: 'bigint' },
};
export const managerSpec: TableSpec = {
  table: 'house_managers',
  updatedAt: false,
  fields: { house_id: 'bigint', manager_id: 'bigint', valid_from: 'date', valid_to: 'date' },
};
export const defaults: Rec = {
  kind: 'apartment_building',
  cold_water: 'central',
  hot_water: 'central',
  heating: 'central',
  has_gas: false,
  has_electric_stoves: false,
  has_lift: false,
  common_meters: '',
};
export const addressFields = ['city', 'street', 'house_number', 'building'];

export type Row = {
  fields: Rec;
  districtCode: string | null | undefined;
  manager: { externalId?: string | null; inn?: string | null };
  managedFrom: IsoDate | null | undefined;
};

const area = (c: Cells, column: string) => c.decimal(column, { scale: 2, min: Decimal.ZERO });

export function parse(c: Cells): Row | undefined {
  const fias = c.matching(
    'fias_id',
    /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i,
    'код ФИАС/ГАР вида 8-4-4-4-12 шестнадцатеричных цифр',
  );
  const meters = c.listOf('common_meters', commonMeterResources);
  const fields = {
    region: c.text('region', { required: true, max: 100 }),
    city: c.text('city', { required: true, max: 100 }),
    street: c.text('street', { required: true, max: 200 }),
    house_number: c.text('house', { required: true, max: 20 }),
    building: c.text('building', { max: 20 }),
    postal_code: c.matching('postal_code', /^\d{6}$/, 'почтовый индекс из 6 цифр'),
    fias_id: typeof fias === 'string' ? fias.toLowerCase() : fias,
    kind: c.oneOf('kind', ['apartment_building', 'private_house']),
    year_built: c.int('year_built', 1700, 2100),
    floors: c.int('floors', 1, 200),
    entrances: c.int('entrances', 0, 100),
    total_area: area(c, 'total_area'),
    residential_area: area(c, 'residential_area'),
    non_residential_area: area(c, 'non_residential_area'),
    common_area: area(c, 'common_area'),
    cold_water: c.oneOf('cold_water', houseEquipment.coldWater),
    hot_water: c.oneOf('hot_water', houseEquipment.hotWater),
    heating: c.oneOf('heating', houseEquipment.heating),
    has_gas: c.bool('has_gas'),
    has_electric_stoves: c.bool('has_electric_stoves'),
    has_lift: c.bool('has_lift'),
    common_meters: meters === null ? '' : meters?.join(','),
  };
  for (const k of [
    'kind',
    'cold_water',
    'hot_water',
    'heating',
    'has_gas',
    'has_electric_stoves',
    'has_lift',
  ] as const)
    if (fields[k] === null) fields[k] = undefined; // empty: the default, or as it is
  const { total_area: total, residential_area: res, non_residential_area: non } = fields;
  if (total && res && non && Decimal.parse(res).add(Decimal.parse(non)).cmp(Decimal.parse(total)) > 0)
    c.bad('residential_area', 'жилая и нежилая площади вместе больше общей');
  const manager = { externalId: c.text('manager_external_id'), inn: c.requisite('manager_inn', 'inn') };
  const managedFrom = c.date('managed_from');
  const named =
    manager.externalId || manager.inn || c.failed('manager_external_id') || c.failed('manager_inn');
  if (named && !managedFrom && !c.failed('managed_from'))
    c.bad('managed_from', 'укажите, с какой даты дом в управлении');
  if (managedFrom && !named) c.bad('managed_from', 'не указана управляющая организация');
  const districtCode = c.text('district_code', { max: 50 });
  return c.problems.length > 0 ? undefined : { fields: given(fields), districtCode, manager, managedFrom };
}
