/**
 * Meters of the demo town, so that a newcomer sees the module alive: most flats have cold- and hot-water
 * meters, some a two-zone electricity meter, some none at all; houses of five floors and more have
 * common-house meters of cold water and heat. Each meter, commissioned between November 2025 and April 2026,
 * has its initial reading and monthly readings up to 2026-10, read on the 20th; one meter in ten stops being
 * read after August (п.59 "б" in action),
 * and a few verifications run out around the end of 2026 (the verification-due list). Deterministic: the
 * same premises and seed give the same rows (mulberry32, as the town).
 */
import type { Db } from '../../db/client.js';
import { prng } from './town-generator.js';

export type DemoPremise = { id: number; houseId: number; isSharedFlat: boolean };
export type DemoHouse = { id: number; commonMeters: readonly string[] };

export type DemoMeterRow = {
  id: number;
  houseId: number;
  kind: 'individual' | 'flat' | 'common_house';
  resource: 'cold_water' | 'hot_water' | 'electricity' | 'heating';
  zoneCount: 1 | 2;
  serialNumber: string;
  model: string;
  digits: number;
  decimals: number;
  commissionedOn: string;
  lastVerifiedOn: string;
  premiseId: number | null;
};
export type DemoReadingRow = {
  meterId: number;
  readOn: string;
  period: string;
  kind: 'initial' | 'regular';
  /** Zone → value with 3 decimals (text, exact). */
  values: Record<string, string>;
  volume: string | null;
};

const months = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
];
const models: Record<DemoMeterRow['resource'], string> = {
  cold_water: 'СГВ-15 (ХВ)',
  hot_water: 'СГВ-15 (ГВ)',
  electricity: 'Меркурий 201.8 (2 зоны)',
  heating: 'ВКТ-7 (тепло)',
};
/** Monthly consumption in thousandths of a unit: from, to. */
const perMonth: Record<string, [number, number]> = {
  cold_water: [3000, 7000],
  hot_water: [2000, 4500],
  day: [150000, 260000],
  night: [50000, 110000],
  odpu_cold_water: [300000, 700000],
  heating: [20000, 90000],
};
const text = (thousandths: number) => (thousandths / 1000).toFixed(3);
const pad = (n: number) => String(n).padStart(2, '0');

/** The demo meters and readings of the given premises and houses, with ids from `firstMeterId`. */
export function generateDemoMeters(
  premises: readonly DemoPremise[],
  houses: readonly DemoHouse[],
  firstMeterId: number,
  seed = 4,
): { meters: DemoMeterRow[]; readings: DemoReadingRow[] } {
  const r = prng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const meters: DemoMeterRow[] = [];
  const readings: DemoReadingRow[] = [];
  let id = firstMeterId;
  const add = (
    m: Omit<
      DemoMeterRow,
      'id' | 'model' | 'serialNumber' | 'digits' | 'decimals' | 'commissionedOn' | 'lastVerifiedOn'
    >,
  ) => {
    // commissioned between November 2025 and April 2026, read every month since: an average can be taken
    const start = between(0, 5);
    const commissioned = `${start < 2 ? 2025 : 2026}-${pad(start < 2 ? 11 + start : start - 1)}-${pad(between(1, 28))}`;
    // verification (cold water 6 years, hot water and heat 4; electricity has no default): about one
    // meter in sixteen falls due in November–December 2026, after every demo reading; the others later
    const due = r() < 0.06;
    const year =
      m.resource === 'cold_water' ? (due ? 2020 : between(2021, 2025)) : due ? 2022 : between(2023, 2025);
    const verified = `${year}-${pad(due ? between(11, 12) : between(1, 12))}-${pad(between(1, 28))}`;
    const row: DemoMeterRow = {
      ...m,
      id: id++,
      model: models[m.resource],
      serialNumber: `${m.resource === 'electricity' ? 'Э' : m.resource === 'heating' ? 'Т' : 'В'}${between(100000, 999999)}-${id}`,
      digits: m.kind === 'common_house' ? 7 : m.resource === 'electricity' ? 6 : 5,
      decimals: 3,
      commissionedOn: commissioned,
      lastVerifiedOn: m.resource === 'electricity' ? commissioned : verified,
    };
    meters.push(row);
    const zones = m.zoneCount === 2 ? ['day', 'night'] : ['single'];
    const rates = zones.map(
      (z) =>
        perMonth[
          z === 'single'
            ? m.kind === 'common_house' && m.resource === 'cold_water'
              ? 'odpu_cold_water'
              : m.resource
            : z
        ]!,
    );
    let values = zones.map(() => between(0, 40_000) * 10);
    readings.push({
      meterId: row.id,
      readOn: row.commissionedOn,
      period: row.commissionedOn.slice(0, 7),
      kind: 'initial',
      values: Object.fromEntries(zones.map((z, i) => [z, text(values[i]!)])),
      volume: null,
    });
    const stops = r() < 0.1;
    for (const month of months) {
      if (stops && month > '2026-08') break;
      const used = rates.map(([lo, hi]) => between(lo, hi));
      if (month <= row.commissionedOn.slice(0, 7)) continue;
      values = values.map((v, i) => v + used[i]!);
      readings.push({
        meterId: row.id,
        readOn: `${month}-20`,
        period: month,
        kind: 'regular',
        values: Object.fromEntries(zones.map((z, i) => [z, text(values[i]!)])),
        volume: null,
      });
    }
  };
  for (const p of premises) {
    const roll = r();
    if (roll < 0.1) continue; // about one flat in ten has no meters (billed by the norm)
    const kind = p.isSharedFlat ? 'flat' : 'individual';
    add({ houseId: p.houseId, kind, resource: 'cold_water', zoneCount: 1, premiseId: p.id });
    add({ houseId: p.houseId, kind, resource: 'hot_water', zoneCount: 1, premiseId: p.id });
    if (roll > 0.75)
      add({ houseId: p.houseId, kind, resource: 'electricity', zoneCount: 2, premiseId: p.id });
  }
  for (const h of houses)
    for (const resource of h.commonMeters)
      if (resource === 'cold_water' || resource === 'heating')
        add({ houseId: h.id, kind: 'common_house', resource, zoneCount: 1, premiseId: null });
  // the volumes between consecutive readings of a meter, as the readings service stores them
  const last = new Map<number, Record<string, string>>();
  for (const reading of readings) {
    const before = last.get(reading.meterId);
    if (before) {
      const total = Object.entries(reading.values).reduce(
        (sum, [z, v]) => sum + Math.round(Number(v) * 1000) - Math.round(Number(before[z]) * 1000),
        0,
      );
      reading.volume = text(total);
    }
    last.set(reading.meterId, reading.values);
  }
  return { meters, readings };
}

/** Loads the demo meters of the demo town (city `city` of the settlement centre) by COPY. */
export async function loadDemoMeters(db: Db, settlementCentreId: number, city: string): Promise<number> {
  const premises = await db.query<{ id: number; house_id: number; is_shared_flat: boolean }>(
    `select p.id, p.house_id, p.is_shared_flat from premises p join houses h on h.id = p.house_id
      where h.settlement_centre_id = $1 and h.city = $2 and p.kind = 'flat' order by p.id`,
    [settlementCentreId, city],
  );
  const houses = await db.query<{ id: number; common_meters: string[] }>(
    `select id, common_meters from houses where settlement_centre_id = $1 and city = $2 order by id`,
    [settlementCentreId, city],
  );
  const first = (await db.maybeOne<{ n: number }>(
    'select coalesce(max(id), 0)::bigint + 1 as n from meters',
  ))!.n;
  const { meters, readings } = generateDemoMeters(
    premises.map((p) => ({ id: p.id, houseId: p.house_id, isSharedFlat: p.is_shared_flat })),
    houses.map((h) => ({ id: h.id, commonMeters: h.common_meters })),
    first,
  );
  await db.copyFrom(
    'meters',
    [
      'id',
      'house_id',
      'kind',
      'resource',
      'zone_count',
      'serial_number',
      'model',
      'digits',
      'decimals',
      'commissioned_on',
      'installed_on',
      'last_verified_on',
    ],
    meters.map((m) => [
      m.id,
      m.houseId,
      m.kind,
      m.resource,
      m.zoneCount,
      m.serialNumber,
      m.model,
      m.digits,
      m.decimals,
      m.commissionedOn,
      m.commissionedOn,
      m.lastVerifiedOn,
    ]),
  );
  await db.copyFrom(
    'meter_premises',
    ['meter_id', 'premise_id'],
    meters.filter((m) => m.premiseId !== null).map((m) => [m.id, m.premiseId]),
  );
  await db.copyFrom(
    'meter_readings',
    [
      'meter_id',
      'read_on',
      'period',
      'kind',
      'value_single',
      'value_day',
      'value_night',
      'volume',
      'state',
      'source',
    ],
    readings.map((x) => [
      x.meterId,
      x.readOn,
      x.period,
      x.kind,
      x.values.single ?? null,
      x.values.day ?? null,
      x.values.night ?? null,
      x.volume,
      'accepted',
      x.kind === 'initial' ? 'inspection' : 'citizen',
    ]),
  );
  for (const table of ['meters', 'meter_readings'])
    await db.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  return meters.length;
}
