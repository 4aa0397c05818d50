/**
 * Prices of the demo town: which supplier provides which service to a house and how it is charged,
 * the tariffs (indexed on 1 January and 1 October 2026, as regional tariffs were that year) and the
 * norms of the demo region. Believable values, not any real region's.
 */
import type { Queryable } from '../../db/client.js';
import { insertNorm } from '../../db/registry/norms.js';
import { insertTariff } from '../../db/registry/tariffs.js';
import type { CalculationMethod } from '../../db/registry/services.js';
import { addDays, parseIsoDate } from '../../domain/period.js';
import { seedServices } from '../registry/services.js';
import type { HouseRow } from './town-generator.js';

export const demoRegion = 'Демо-область';

/** Who supplies each service (by the supplier's ИНН, or the house's manager) and the method for a house. */
const plan: readonly {
  service: string;
  supplierInn: string | 'manager';
  method: (h: HouseRow) => CalculationMethod | null;
}[] = [
  { service: 'cold_water', supplierInn: '7704000049', method: () => 'by_meter' },
  { service: 'wastewater', supplierInn: '7704000049', method: () => 'by_meter' },
  { service: 'hot_water', supplierInn: '7705000059', method: () => 'by_meter' },
  {
    service: 'heating',
    supplierInn: '7705000059',
    method: (h) => (h.floors >= 5 ? 'heating_by_common_meter' : 'heating_by_norm'),
  },
  { service: 'electricity', supplierInn: '7709000081', method: () => 'by_meter' },
  { service: 'gas', supplierInn: '7710000093', method: (h) => (h.hasGas ? 'by_norm' : null) },
  { service: 'waste', supplierInn: '7711000106', method: () => 'per_person' },
  { service: 'maintenance', supplierInn: 'manager', method: () => 'by_area' },
  { service: 'capital_repair', supplierInn: '7712000116', method: () => 'by_area' },
  {
    service: 'cold_water_common',
    supplierInn: 'manager',
    method: (h) => (h.floors >= 5 ? 'common_needs_by_common_meter' : 'common_needs_by_norm'),
  },
  { service: 'electricity_common', supplierInn: 'manager', method: () => 'common_needs_by_norm' },
];

export type HouseServicePlan = {
  serviceId: number;
  supplierId: number | 'manager';
  method: (h: HouseRow) => CalculationMethod | null;
}[];

/** The plan with the ids of this database; empty when the demo suppliers or services are not there. */
export async function demoHouseServicePlan(db: Queryable): Promise<HouseServicePlan> {
  const services = new Map(
    (await db.query<{ id: number; code: string }>('select id, code from services')).map((s) => [
      s.code,
      s.id,
    ]),
  );
  const suppliers = new Map(
    (await db.query<{ id: number; inn: string }>('select id, inn from organisations')).map((o) => [
      o.inn,
      o.id,
    ]),
  );
  const out: HouseServicePlan = [];
  for (const p of plan) {
    const serviceId = services.get(p.service);
    const supplierId = p.supplierInn === 'manager' ? 'manager' : suppliers.get(p.supplierInn);
    if (serviceId === undefined || supplierId === undefined) return [];
    out.push({ serviceId, supplierId, method: p.method });
  }
  return out;
}

// rates from 2025-07-01, 2026-01-01 and 2026-10-01
const tariffTable: readonly [
  service: string,
  supplierInn: string,
  zone: 'single' | 'day' | 'night',
  rates: [string, string, string],
][] = [
  ['cold_water', '7704000049', 'single', ['48.21', '49.03', '53.88']],
  ['wastewater', '7704000049', 'single', ['39.76', '40.44', '44.44']],
  ['hot_water', '7705000059', 'single', ['245.65', '249.83', '274.56']],
  ['heating', '7705000059', 'single', ['2870.46', '2919.26', '3208.27']],
  ['electricity', '7709000081', 'single', ['6.43', '6.54', '7.19']],
  ['electricity', '7709000081', 'day', ['7.40', '7.53', '8.27']],
  ['electricity', '7709000081', 'night', ['3.55', '3.61', '3.97']],
  ['gas', '7710000093', 'single', ['8.24', '8.38', '9.21']],
  ['waste', '7711000106', 'single', ['160.66', '163.39', '179.56']],
  ['capital_repair', '7712000116', 'single', ['16.57', '17.85', '17.85']],
];
const indexations = ['2025-07-01', '2026-01-01', '2026-10-01'] as const;

// the managers' own maintenance price per m², set by the owners' meetings
const maintenance: readonly [managerInn: string, rate: string][] = [
  ['7702000029', '35.50'],
  ['7703000039', '32.10'],
  ['7708000071', '38.00'],
];

const norms: readonly [
  service: string,
  category: string,
  basis: 'per_person' | 'per_m2',
  value: string,
  unit: string,
][] = [
  ['cold_water', 'water_cold_hot', 'per_person', '4.95', 'м³'],
  ['hot_water', 'water_cold_hot', 'per_person', '3.6', 'м³'],
  ['wastewater', 'water_cold_hot', 'per_person', '8.55', 'м³'],
  ['electricity', 'electricity_gas_stove', 'per_person', '98', 'кВт·ч'],
  ['electricity', 'electricity_electric_stove', 'per_person', '132', 'кВт·ч'],
  ['gas', 'gas_stove', 'per_person', '10.2', 'м³'],
  ['heating', 'heating_central', 'per_m2', '0.0206', 'Гкал'],
  ['cold_water_common', 'common_with_lift', 'per_m2', '0.0263', 'м³'],
  ['cold_water_common', 'common_without_lift', 'per_m2', '0.0318', 'м³'],
  ['electricity_common', 'common_with_lift', 'per_m2', '1.02', 'кВт·ч'],
  ['electricity_common', 'common_without_lift', 'per_m2', '0.43', 'кВт·ч'],
];

/** Services, tariffs and norms of the demo region (call once, in the demo's transaction). */
export async function seedDemoPrices(tx: Queryable): Promise<void> {
  await seedServices(tx);
  const services = new Map(
    (await tx.query<{ id: number; code: string }>('select id, code from services')).map((s) => [
      s.code,
      s.id,
    ]),
  );
  const orgs = new Map(
    (await tx.query<{ id: number; inn: string }>('select id, inn from organisations')).map((o) => [
      o.inn,
      o.id,
    ]),
  );
  const base = {
    region: demoRegion,
    city: null,
    houseIds: [],
    source: 'Приказ регионального органа тарифного регулирования (демо)',
  };
  const indexed = async (
    service: string,
    supplierId: number,
    zone: 'single' | 'day' | 'night',
    rates: readonly string[],
  ) => {
    for (const [i, rate] of rates.entries()) {
      if (i > 0 && rate === rates[i - 1]) continue;
      const next = rates.findIndex((r, j) => j > i && r !== rate);
      const validTo = next === -1 ? null : dayBefore(indexations[next]!);
      await insertTariff(
        tx,
        {
          ...base,
          supplierId,
          serviceId: services.get(service)!,
          zone,
          rate,
          validFrom: indexations[i]!,
          validTo,
        },
        null,
      );
    }
  };
  for (const [service, inn, zone, rates] of tariffTable) await indexed(service, orgs.get(inn)!, zone, rates);
  // the resources for common needs (КР на СОИ) are charged by the manager at the resource's tariff (RULES.md §2)
  for (const [inn] of maintenance) {
    for (const [common, resource] of [
      ['cold_water_common', 'cold_water'],
      ['electricity_common', 'electricity'],
    ] as const) {
      const row = tariffTable.find(([s, , zone]) => s === resource && zone === 'single')!;
      await indexed(common, orgs.get(inn)!, 'single', row[3]);
    }
  }
  for (const [inn, rate] of maintenance) {
    await insertTariff(
      tx,
      {
        ...base,
        supplierId: orgs.get(inn)!,
        serviceId: services.get('maintenance')!,
        zone: 'single',
        rate,
        validFrom: '2025-07-01',
        validTo: null,
        source: 'Решение общего собрания собственников (демо)',
      },
      null,
    );
  }
  for (const [service, category, basis, value, unit] of norms) {
    await insertNorm(
      tx,
      {
        serviceId: services.get(service)!,
        region: demoRegion,
        category,
        basis,
        per: 'month',
        value,
        unit,
        validFrom: '2017-01-01',
        validTo: null,
        source: 'Постановление регионального правительства о нормативах (демо)',
      },
      null,
    );
  }
}

const dayBefore = (iso: string): string => addDays(parseIsoDate(iso), -1);
