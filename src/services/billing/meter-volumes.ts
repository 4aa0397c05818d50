/**
 * Volumes from the meters module for the loader (docs/billing.md "Loader"): for each account and service
 * charged by meter, the module's consumption for the period (actual, п.59 average, or the norm past the limit,
 * with its reason and reading ids) turned into the core's volume basis; a shared flat's meter split over the
 * flat's accounts (`flatMeterBases`, docs/billing.md "Loader"); the heating ОДПУ volume of the month.
 * The module answers per premise and resource (several queries each): the slowest part of a house today.
 */
import type { Queryable } from '../../db/client.js';
import type * as q from '../../db/billing/inputs.js';
import { flatShare } from '../../domain/billing/individual.js';
import type {
  AccountInput,
  FlatMeter,
  HeatingSettings,
  LegalParameterValue,
  TariffZone,
  VolumeBasis,
} from '../../domain/billing/types.js';
import { Decimal } from '../../domain/decimal.js';
import type { ConsumptionResult } from '../../domain/meters/consumption.js';
import { meterResources, type MeterResource, type MeterZone } from '../../domain/meters/meter.js';
import { daysBetween, daysInPeriod, firstDay, type BillingPeriod } from '../../domain/period.js';
import { versionAt } from '../../domain/registry/effective.js';
import { selectHouseMeters, selectMeteringActs } from '../../db/meters/meters.js';
import { selectReadings } from '../../db/meters/readings.js';
import { consumptionFromLoaded, type LoadedMetering } from '../meters/consumption.js';
import {
  consumptionParameters,
  verificationIntervals,
  verificationSuspensions,
} from '../meters/parameters.js';

export type MeterData = {
  volumes: Map<number, VolumeBasis[]>;
  /** Services by meter the module cannot answer for, and why. */
  gaps: { serviceId: number; reason: string }[];
  heatingCommon: HeatingSettings['commonMeter'] | null;
  /** Shared flats' meters (общеквартирные ПУ) of services by meter: their accounts get no volume above. */
  flats: FlatMeterLoad[];
};

/**
 * A shared flat's meter of one service by meter, as the meters module gives it for the period: the flat
 * premise's consumption (actual, п.59 average, or the norm past the limit — `consumptionFromLoaded` over the
 * flat premise, as for an individual meter), and the accounts it is split over (its rooms' and the flat's own).
 */
export type FlatMeterLoad = {
  serviceId: number;
  flatPremiseId: number;
  /** The flat's label for gaps and explanations, e.g. 'кв. 7'. */
  flatLabel: string;
  /** The flat meters of the resource (several when one was replaced); the first in service names the line. */
  meterIds: number[];
  accountIds: number[];
  result: ConsumptionResult;
  /** No act in force on the flat says a meter cannot be installed (K on a norm). */
  installable: boolean;
};

const isMeterResource = (r: string | null): r is MeterResource =>
  r !== null && (meterResources as readonly string[]).includes(r);

const CASE = {
  p59a_meter_failed: 'failed',
  p59b_not_submitted: 'not_submitted',
  p59v_access_refused: 'access_refused',
} as const;

/** The module's answer as the core's volume basis. */
export function toBasis(serviceId: number, r: ConsumptionResult, meterInstallable: boolean): VolumeBasis {
  const zones = (r.zones ?? []).map((z) => ({
    zone: z.zone as TariffZone,
    volume: z.volume,
    readingIds: r.readingIds,
  }));
  if (r.method === 'actual')
    return {
      kind: 'readings',
      serviceId,
      zones,
      meterIds: [],
      ...(r.reconciliation
        ? {
            reconciliation: {
              averageBilled: r.reconciliation.billedByAverage,
              periods: r.reconciliation.periods,
            },
          }
        : {}),
    };
  if ((r.method === 'average' || r.reason === 'p60_after_limit') && r.caseRun) {
    const c: VolumeBasis & { kind: 'average' } = {
      kind: 'average',
      serviceId,
      case: r.reason === 'p60_after_limit' ? 'failed' : CASE[r.reason as keyof typeof CASE],
      periodInRow: r.caseRun.number,
      zones,
      meterIds: [],
      basis: r.average
        ? `${r.average.months} мес. ${r.average.fromPeriod}…${r.average.toPeriod}`
        : `с ${r.caseRun.since}`,
    };
    return c;
  }
  // no meter counts: the norm; K where a meter could be installed (no act in force says it cannot)
  return { kind: 'no_meter', serviceId, meterInstallable };
}

/**
 * The same read asked twice inside one load answered once: the meters module reads its legal parameters per
 * resource (eight queries each, most of them the same codes) and the house's meters again for the heating
 * ОДПУ. Only for reads inside one transaction with no writes in between (the loader's), so the answer cannot
 * change; the rows are shared, and their readers only map them.
 */
export function readOnce(db: Queryable): Queryable {
  const seen = new Map<string, Promise<unknown[]>>();
  let federal: Promise<{ code: string }[]> | null = null;
  const query = <R>(text: string, params?: readonly unknown[]): Promise<R[]> => {
    // the meters module reads its legal parameters one code at a time (15 round trips for a house with
    // meters): all federal versions are read at the first such query, in the same order, and filtered here;
    // read through `query`, so a view over another view (house-volumes.ts over the loader's) shares them
    if (text === FEDERAL_VERSIONS && params?.length === 1) {
      federal ??= query<{ code: string }>(ALL_FEDERAL_VERSIONS);
      return federal.then((rows) => rows.filter((r) => r.code === params[0]) as R[]);
    }
    const key = `${text}\u0000${JSON.stringify(params ?? [])}`;
    let rows = seen.get(key);
    if (!rows) {
      rows = db.query(text, params);
      seen.set(key, rows);
    }
    return rows as Promise<R[]>;
  };
  return {
    query,
    async maybeOne<R>(text: string, params?: readonly unknown[]) {
      const rows = await query<R>(text, params);
      if (rows.length > 1) throw new Error(`maybeOne: ${rows.length} rows`);
      return rows[0];
    },
  };
}

/** The registry's read of one code's federal versions (db/registry/legal-parameters.ts), and all codes' at once. */
const FEDERAL_VERSIONS =
  'select * from legal_parameters where code = $1 and region is null order by valid_from, id';
const ALL_FEDERAL_VERSIONS = 'select * from legal_parameters where region is null order by valid_from, id';

/**
 * The meters module's answers for one house. `db` should be a `readOnce` view shared by the houses read
 * together; `pre` holds what the batch reads for all its houses at once: the п.59 average lines charged
 * before, which premises have meters or acts, and the heating ОДПУ's result of the period where heating is
 * by the common meter (null otherwise).
 */
export async function loadMeterData(
  db: Queryable,
  houseId: number,
  period: BillingPeriod,
  accounts: readonly q.BillingAccountRow[],
  byMeter: readonly { serviceId: number; resource: string | null }[],
  pre: {
    averages: readonly q.AverageLineRow[];
    metering: readonly q.PremiseMeteringRow[];
    heating: ConsumptionResult | null;
  },
): Promise<MeterData> {
  const volumes = new Map<number, VolumeBasis[]>();
  const gaps: MeterData['gaps'] = [];
  const averages = pre.averages;
  const metering = new Map(pre.metering.map((m) => [m.premiseId, m]));
  // the meters module's rows of the house, read once: its meters, their readings, the acts, the parameters
  const start = firstDay(period);
  let base: Omit<LoadedMetering, 'params'> | null = null;
  const params = new Map<MeterResource, LoadedMetering['params']>();
  const loaded = async (resource: MeterResource): Promise<LoadedMetering> => {
    if (!base) {
      const list = await selectHouseMeters(db, houseId, await verificationIntervals(db, start));
      base = {
        meters: list,
        readings: await selectReadings(
          db,
          list.map((m) => m.id),
        ),
        suspensions: await verificationSuspensions(db, start),
        acts: await selectMeteringActs(
          db,
          accounts.map((a) => a.premiseId),
        ),
      };
    }
    if (!params.has(resource)) params.set(resource, await consumptionParameters(db, resource, start));
    return { ...base, params: params.get(resource)! };
  };
  const flats: FlatMeterLoad[] = [];
  // a room's shared flat, or the premise itself (an account on the shared flat's own premise)
  const flatOf = (a: q.BillingAccountRow) => a.flatId ?? a.premiseId;
  for (const s of byMeter) {
    if (!isMeterResource(s.resource)) {
      gaps.push({
        serviceId: s.serviceId,
        reason: 'объём по ИПУ для этой услуги не собирается (нет такого ресурса у ИПУ)',
      });
      continue;
    }
    const resource = s.resource;
    // shared flats' meters: only premises with a meter bound (one set-based query said which) are looked at
    const byFlatMeter = new Set<number>();
    for (const flatId of new Set(accounts.filter((a) => a.flatId !== null).map((a) => a.flatId!))) {
      if (!metering.get(flatId)?.hasMeter) continue;
      const all = (await loaded(resource)).meters;
      const flatMeters = all.filter(
        (m) => m.kind === 'flat' && m.resource === resource && m.premises.some((p) => p.id === flatId),
      );
      if (flatMeters.length === 0) continue;
      const members = accounts.filter((a) => flatOf(a) === flatId);
      const label = flatMeters[0]!.premises.find((p) => p.id === flatId)?.label ?? `помещение #${flatId}`;
      // a room with its own meter of the resource as well: the flat volume less the rooms' is not done
      const own = members.filter(
        (a) =>
          a.premiseId !== flatId &&
          all.some(
            (m) =>
              m.resource === resource &&
              m.kind !== 'flat' &&
              m.kind !== 'common_house' &&
              m.premises.some((p) => p.id === a.premiseId) &&
              (m.decommissionedOn === null || m.decommissionedOn >= start),
          ),
      );
      if (own.length > 0) {
        gaps.push({
          serviceId: s.serviceId,
          reason: `${label}: есть и общеквартирный ПУ, и комнатные ПУ (счета ${own.map((a) => a.number).join(', ')}) — раздел объёма между ними не реализован`,
        });
        continue;
      }
      const m = metering.get(flatId);
      const memberIds = new Set(members.map((a) => a.id));
      const result = consumptionFromLoaded(
        {
          premiseIds: [flatId],
          resource,
          period,
          residential: true,
          persons: 0,
          area: null,
          norm: null,
          // §1.4 for the flat meter: the averages its accounts were charged (their shares add up to its average)
          billedByAverage: averages
            .filter((l) => memberIds.has(l.accountId) && l.serviceId === s.serviceId)
            .map((l) => ({
              period: l.period as BillingPeriod,
              zone: (l.zone ?? 'single') as MeterZone,
              volume: Decimal.parse(l.volume),
            })),
        },
        await loaded(resource),
      );
      const inService = flatMeters.filter((x) => x.decommissionedOn === null || x.decommissionedOn >= start);
      flats.push({
        serviceId: s.serviceId,
        flatPremiseId: flatId,
        flatLabel: label,
        meterIds: (inService.length > 0 ? inService : flatMeters).map((x) => x.id),
        accountIds: members.map((a) => a.id),
        result,
        installable: !(m?.impossible.includes(resource) || m?.impossible.includes('*')),
      });
      for (const a of members) byFlatMeter.add(a.id);
    }
    for (const a of accounts) {
      if (byFlatMeter.has(a.id)) continue;
      const m = metering.get(a.premiseId);
      const installable = !(m?.impossible.includes(s.resource) || m?.impossible.includes('*'));
      if (!m?.hasMeter && installable) {
        // nothing the module could read: no meter, no act — the norm, with K where the law applies it
        volumes.set(a.id, [
          ...(volumes.get(a.id) ?? []),
          { kind: 'no_meter', serviceId: s.serviceId, meterInstallable: true },
        ]);
        continue;
      }
      const result = consumptionFromLoaded(
        {
          premiseIds: [a.premiseId],
          resource: s.resource,
          period,
          residential: a.premiseKind !== 'non_residential',
          persons: 0,
          area: null,
          norm: null,
          billedByAverage: averages
            .filter((l) => l.accountId === a.id && l.serviceId === s.serviceId)
            .map((l) => ({
              period: l.period as BillingPeriod,
              zone: (l.zone ?? 'single') as MeterZone,
              volume: Decimal.parse(l.volume),
            })),
        },
        await loaded(s.resource),
      );
      volumes.set(a.id, [...(volumes.get(a.id) ?? []), toBasis(s.serviceId, result, installable)]);
    }
  }
  const r = pre.heating;
  const heatingCommon = r && r.volume !== null ? { volume: r.volume, readingIds: r.readingIds } : null;
  return { volumes, gaps, heatingCommon, flats };
}

// ── Shared flats' meters: the weights and the accounts' bases (pure) ─────────────────────────

const WEIGHT_BASES = ['residents', 'area'] as const;
type WeightBasis = (typeof WEIGHT_BASES)[number];

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The weights of a flat's accounts (Rules 354 п.50, the setting `flat_meter.weight_basis`, UNCONFIRMED):
 * - `residents`: the account's person-days in the period (residents by day range, day-weighted as every
 *   per-person charge is, so a resident registered on the 16th weighs half a month), divided by their common
 *   divisor with the period's days — the persons themselves when nobody came or left during the month;
 * - `area`: the area of the account's room on the period's first day (or its first version in the period) × its
 *   area share (already in `AccountInput.areas`).
 * All zero under `residents` (nobody lives in the flat): by area; still all zero: null (a gap).
 */
export function flatWeights(
  basis: WeightBasis,
  members: readonly AccountInput[],
  period: BillingPeriod,
): { basis: WeightBasis; weights: Decimal[] } | null {
  if (basis === 'residents') {
    const personDays = members.map((a) =>
      a.residents.reduce((sum, r) => sum + r.count * (daysBetween(r.from, r.to) + 1), 0),
    );
    if (personDays.some((d) => d > 0)) {
      const divisor = personDays.reduce(gcd, daysInPeriod(period));
      return { basis, weights: personDays.map((d) => Decimal.fromInt(d / divisor)) };
    }
  }
  const areas = members.map(
    (a) => (versionAt(a.areas, firstDay(period)) ?? a.areas[0])?.area ?? Decimal.ZERO,
  );
  if (areas.every((x) => x.isZero())) return null;
  return { basis: 'area', weights: areas };
}

/**
 * The core's input for the shared flats' meters (pure): for a flat meter with readings this period, a
 * `FlatMeter` with its zones, reading ids and the accounts' weights, and the accounts' `flat_meter` basis (the
 * line `by_flat_meter`); with the п.59 average, each account's share of the average as its `average` basis
 * (the line `by_average`, the core applies the п.59 limit, and a late reading later nets these shares out,
 * §1.4); past the limit or with no meter in service, the same basis an individual meter gets (`toBasis`: the
 * core's norm per account). A flat meter without a volume, a setting missing or weights all zero: a gap naming
 * the service and the flat.
 */
export function flatMeterBases(
  loads: readonly FlatMeterLoad[],
  accounts: readonly AccountInput[],
  legal: readonly LegalParameterValue[],
  period: BillingPeriod,
): {
  flatMeters: FlatMeter[];
  volumes: Map<number, VolumeBasis[]>;
  gaps: { serviceId: number; reason: string }[];
} {
  const flatMeters: FlatMeter[] = [];
  const volumes = new Map<number, VolumeBasis[]>();
  const gaps: { serviceId: number; reason: string }[] = [];
  const add = (accountId: number, b: VolumeBasis) =>
    volumes.set(accountId, [...(volumes.get(accountId) ?? []), b]);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const load of loads) {
    const { serviceId, result } = load;
    const meterId = load.meterIds[0]!;
    const members = load.accountIds.map((id) => byId.get(id)).filter((a) => a !== undefined);
    if (result.method !== 'actual' && result.method !== 'average') {
      // past the п.59 limit, no average to be had, or no meter in service: each account as without a meter
      for (const a of members) add(a.id, toBasis(serviceId, result, load.installable));
      continue;
    }
    if (result.method === 'actual' && result.readingIds.length === 0) {
      gaps.push({
        serviceId,
        reason: `${load.flatLabel}: у общеквартирного ПУ meter #${meterId} нет объёма за ${period} (нет предыдущего показания)`,
      });
      continue;
    }
    const setting = versionAt(
      legal.filter((l) => l.code === 'flat_meter.weight_basis'),
      firstDay(period),
    );
    const wanted = setting ? (JSON.parse(setting.value) as WeightBasis) : null;
    if (!wanted || !WEIGHT_BASES.includes(wanted)) {
      gaps.push({
        serviceId,
        reason: setting
          ? `параметр flat_meter.weight_basis: неизвестное значение ${setting.value}`
          : `нет параметра flat_meter.weight_basis на ${firstDay(period)}: объём общеквартирного ПУ не разделить`,
      });
      continue;
    }
    const w = flatWeights(wanted, members, period);
    if (!w) {
      gaps.push({
        serviceId,
        reason: `${load.flatLabel}: у счетов нет ни проживающих, ни площади — объём общеквартирного ПУ meter #${meterId} не разделить`,
      });
      continue;
    }
    const basis = toBasis(serviceId, result, load.installable);
    const fm: FlatMeter = {
      id: meterId,
      serviceId,
      zones: basis.kind === 'readings' || basis.kind === 'average' ? basis.zones : [],
      weightBasis: w.basis,
      accounts: members.map((a, i) => ({ accountId: a.id, weight: w.weights[i]! })),
    };
    if (basis.kind === 'readings') {
      flatMeters.push(fm);
      for (const a of members) add(a.id, { kind: 'flat_meter', serviceId });
      continue;
    }
    if (basis.kind !== 'average') continue; // not reached: an average result is an `average` basis
    for (const a of members) {
      const share = flatShare(fm, a.id);
      add(a.id, {
        ...basis,
        zones: share.zones,
        meterIds: load.meterIds,
        basis: `${basis.basis}; доля ${share.weight.toString()} из ${share.total.toString()} (${WEIGHT_NAMES[w.basis]}) общеквартирного ПУ meter #${meterId}, ${load.flatLabel}`,
      });
    }
  }
  return { flatMeters, volumes, gaps };
}

const WEIGHT_NAMES: Record<FlatMeter['weightBasis'], string> = {
  residents: 'по числу проживающих',
  area: 'по площади',
  shares: 'по долям',
};

/** The share of a flat meter's volume as a wastewater part (`readings`, the share named in its note). */
export function flatWaterPart(fm: FlatMeter, accountId: number): VolumeBasis & { kind: 'readings' } {
  const share = flatShare(fm, accountId);
  return {
    kind: 'readings',
    serviceId: fm.serviceId,
    zones: share.zones,
    meterIds: [fm.id],
    note: `доля ${share.weight.toString()} из ${share.total.toString()} (${WEIGHT_NAMES[fm.weightBasis]}) общеквартирного ПУ meter #${fm.id}`,
  };
}
