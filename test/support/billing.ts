/**
 * Builders for the billing core's tests: a small house whose inputs a test overrides, the legal parameters
 * as the catalogue seeds them, and short constructors for tariffs, norms and volumes.
 */
import { Decimal } from '../../src/domain/decimal.js';
import type { IsoDate, BillingPeriod } from '../../src/domain/period.js';
import {
  catalogueRows,
  legalParameterCatalogue,
} from '../../src/domain/registry/legal-parameter-catalogue.js';
import type {
  AccountInput,
  CalculationMethod,
  HouseInput,
  HouseServiceVersion,
  LegalParameterValue,
  NormVersion,
  ServiceInfo,
  TariffVersion,
  TariffZone,
  VolumeBasis,
  ZoneVolume,
} from '../../src/domain/billing/types.js';

export const d = (s: string): Decimal => Decimal.parse(s);
export const date = (s: string): IsoDate => s as IsoDate;
export const period = (s: string): BillingPeriod => s as BillingPeriod;

export const SERVICES = {
  coldWater: {
    id: 1,
    code: 'cold_water',
    name: 'Холодное водоснабжение',
    unit: 'м³',
    resource: 'cold_water',
  },
  hotWater: { id: 2, code: 'hot_water', name: 'Горячее водоснабжение', unit: 'м³', resource: 'hot_water' },
  wastewater: { id: 3, code: 'wastewater', name: 'Водоотведение', unit: 'м³', resource: 'wastewater' },
  electricity: {
    id: 4,
    code: 'electricity',
    name: 'Электроснабжение',
    unit: 'кВт·ч',
    resource: 'electricity',
  },
  heating: { id: 5, code: 'heating', name: 'Отопление', unit: 'Гкал', resource: 'heating' },
  maintenance: {
    id: 6,
    code: 'maintenance',
    name: 'Содержание жилого помещения',
    unit: 'м²',
    resource: null,
  },
  capitalRepair: { id: 7, code: 'capital_repair', name: 'Взнос на капремонт', unit: 'м²', resource: null },
  waste: { id: 8, code: 'waste', name: 'Обращение с ТКО', unit: 'чел.', resource: 'waste' },
  electricityCommon: {
    id: 9,
    code: 'electricity_common',
    name: 'Электроэнергия на СОИ',
    unit: 'кВт·ч',
    resource: 'electricity',
  },
  gas: { id: 10, code: 'gas', name: 'Газоснабжение', unit: 'м³', resource: 'gas' },
  intercom: { id: 11, code: 'intercom', name: 'Домофон', unit: 'мес.', resource: null },
} as const satisfies Record<string, ServiceInfo>;

/** The catalogue's versions as stored rows, ids from 1 in catalogue order. */
export function catalogueLegal(): LegalParameterValue[] {
  let id = 0;
  return legalParameterCatalogue.flatMap((def) =>
    catalogueRows(def).map((r) => ({
      id: ++id,
      code: def.code,
      value: r.value,
      validFrom: r.validFrom,
      validTo: r.validTo,
    })),
  );
}

/** The catalogue with `code` replaced by one open-ended version of `value`. */
export function withLegal(code: string, value: string, base = catalogueLegal()): LegalParameterValue[] {
  return [
    ...base.filter((l) => l.code !== code),
    { id: 900 + base.length, code, value, validFrom: date('2000-01-01'), validTo: null },
  ];
}

let nextId = 1000;
export function tariff(
  serviceId: number,
  rate: string,
  from = '2000-01-01',
  to: string | null = null,
  extra: { supplierId?: number; zone?: TariffZone; id?: number } = {},
): TariffVersion {
  return {
    id: extra.id ?? ++nextId,
    serviceId,
    supplierId: extra.supplierId ?? 500,
    zone: extra.zone ?? 'single',
    rate: d(rate),
    validFrom: date(from),
    validTo: to === null ? null : date(to),
  };
}

export function norm(
  serviceId: number,
  value: string,
  from = '2000-01-01',
  to: string | null = null,
  id?: number,
): NormVersion {
  return {
    id: id ?? ++nextId,
    serviceId,
    category: null,
    value: d(value),
    validFrom: date(from),
    validTo: to === null ? null : date(to),
  };
}

export function houseService(
  serviceId: number,
  method: CalculationMethod,
  from = '2000-01-01',
  to: string | null = null,
  supplierId = 500,
): HouseServiceVersion {
  return {
    id: ++nextId,
    serviceId,
    supplierId,
    method,
    validFrom: date(from),
    validTo: to === null ? null : date(to),
  };
}

export const zone = (volume: string, readingIds: number[] = [], z: TariffZone = 'single'): ZoneVolume => ({
  zone: z,
  volume: d(volume),
  readingIds,
});

export const readings = (serviceId: number, ...zones: ZoneVolume[]): VolumeBasis => ({
  kind: 'readings',
  serviceId,
  zones,
  meterIds: [77],
});

/** п.59: the average volume of a meter, `periodInRow` periods in a row (1 = the first). */
export const average = (
  serviceId: number,
  c: 'failed' | 'not_submitted' | 'access_refused',
  periodInRow: number,
  volume: string,
): VolumeBasis => ({
  kind: 'average',
  serviceId,
  case: c,
  periodInRow,
  zones: [zone(volume)],
  meterIds: [77],
  basis: '6 мес.',
});

export const noMeter = (serviceId: number, meterInstallable: boolean): VolumeBasis => ({
  kind: 'no_meter',
  serviceId,
  meterInstallable,
});

export function account(id: number, over: Partial<AccountInput> = {}): AccountInput {
  return {
    id,
    number: `10000${id}`,
    residential: true,
    openFrom: null,
    closedOn: null,
    entrance: '1',
    normCategory: null,
    areas: [{ id: 3000 + id, area: d('54.3'), validFrom: date('2000-01-01'), validTo: null }],
    residents: [],
    volumes: [],
    absences: [],
    ...over,
  };
}

export const residents = (count: number, from: string, to: string): AccountInput['residents'][number] => ({
  from: date(from),
  to: date(to),
  count,
  source: `residents ${from}…${to}`,
});

export const area = (
  value: string,
  id = 1,
  from = '2000-01-01',
  to: string | null = null,
): AccountInput['areas'][number] => ({
  id,
  area: d(value),
  validFrom: date(from),
  validTo: to === null ? null : date(to),
});

export function house(over: Partial<HouseInput> & { period: BillingPeriod }): HouseInput {
  return {
    house: { id: 1, totalArea: d('6250'), commonArea: d('600') },
    services: Object.values(SERVICES),
    houseServices: [],
    tariffs: [],
    norms: [],
    legal: catalogueLegal(),
    accounts: [],
    flatMeters: [],
    commonMeters: [],
    heating: { schedule: 'twelve_months', inSeason: true },
    undersupplies: [],
    ...over,
  };
}
