/**
 * Volumes from the meters module for the loader (docs/billing.md "Loader"): for each account and service
 * charged by meter, the module's consumption for the period (actual, п.59 average, or the norm past the limit,
 * with its reason and reading ids) turned into the core's volume basis; the heating ОДПУ volume of the month.
 * The module answers per premise and resource (several queries each): the slowest part of a house today.
 */
import type { Queryable } from '../../db/client.js';
import type * as q from '../../db/billing/inputs.js';
import type { HeatingSettings, TariffZone, VolumeBasis } from '../../domain/billing/types.js';
import { Decimal } from '../../domain/decimal.js';
import type { ConsumptionResult } from '../../domain/meters/consumption.js';
import { meterResources, type MeterResource, type MeterZone } from '../../domain/meters/meter.js';
import { firstDay, type BillingPeriod } from '../../domain/period.js';
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
  for (const s of byMeter) {
    if (!isMeterResource(s.resource)) {
      gaps.push({
        serviceId: s.serviceId,
        reason: 'объём по ИПУ для этой услуги не собирается (нет такого ресурса у ИПУ)',
      });
      continue;
    }
    for (const a of accounts) {
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
  return { volumes, gaps, heatingCommon };
}
