/**
 * Consumption for billing, loaded from the database: the meters of a premise (or of a house, for its
 * common-house meters), their accepted readings, the metering acts and the legal parameters in force, handed
 * to the pure core (domain/meters/consumption.ts). The billing engine calls `meteredConsumption` and
 * `commonHouseConsumption` (no access check: the engine runs as the system); the meter card's chart calls
 * `meterConsumption`.
 */
import type { Queryable } from '../../db/client.js';
import * as meters from '../../db/meters/meters.js';
import { selectReadings } from '../../db/meters/readings.js';
import {
  commonHouseVolume,
  consumptionForPeriod,
  type BillingMeter,
  type ConsumptionInput,
  type ConsumptionResult,
  type NormInput,
} from '../../domain/meters/consumption.js';
import { type Decimal } from '../../domain/decimal.js';
import { validationFailed } from '../../domain/errors.js';
import type { MeterResource } from '../../domain/meters/meter.js';
import {
  compareDates,
  firstDay,
  lastDay,
  periodsBetween,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireMeter } from './meters.js';
import {
  commonHouseLimit,
  consumptionParameters,
  verificationIntervals,
  verificationSuspensions,
} from './parameters.js';
import { toBillingMeter } from './to-domain.js';

async function billingMeters(q: Queryable, list: readonly meters.Meter[], date: IsoDate) {
  const readings = await selectReadings(
    q,
    list.map((m) => m.id),
  );
  const suspensions = await verificationSuspensions(q, date);
  return list.map((m) => toBillingMeter(m, readings, suspensions));
}

export type MeteredConsumptionInput = {
  premiseIds: readonly number[];
  resource: MeterResource;
  period: BillingPeriod;
  residential: boolean;
  persons: number;
  area: Decimal | null;
  norm: NormInput | null;
  billedByAverage: ConsumptionInput['billedByAverage'];
};

/** The volume of a premise's resource for a period and why (for the billing engine). */
export async function meteredConsumption(
  q: Queryable,
  input: MeteredConsumptionInput,
): Promise<ConsumptionResult> {
  const start = firstDay(input.period);
  const ids = new Set<number>();
  for (const p of input.premiseIds) for (const id of await meters.selectPremiseMeterIds(q, p)) ids.add(id);
  const intervals = await verificationIntervals(q, start);
  const list = [];
  for (const id of ids) {
    const m = await meters.selectMeter(q, id, intervals);
    if (m) list.push(m);
  }
  const loaded: LoadedMetering = {
    meters: list,
    readings: await selectReadings(
      q,
      list.map((m) => m.id),
    ),
    suspensions: await verificationSuspensions(q, start),
    acts: await meters.selectMeteringActs(q, input.premiseIds),
    params: await consumptionParameters(q, input.resource, start),
  };
  return consumptionFromLoaded(input, loaded);
}

/** What `consumptionFromLoaded` needs, loaded once for many premises (the billing engine loads a house's). */
export type LoadedMetering = {
  meters: readonly meters.Meter[];
  readings: Awaited<ReturnType<typeof selectReadings>>;
  suspensions: Awaited<ReturnType<typeof verificationSuspensions>>;
  acts: readonly meters.MeteringAct[];
  params: Awaited<ReturnType<typeof consumptionParameters>>;
};

type MeterCache = {
  readings: Map<number, LoadedMetering['readings'][number][]>;
  made: Map<number, BillingMeter>;
};
const billingMeterCache = new WeakMap<LoadedMetering['readings'], MeterCache>();

/**
 * The core's meter with its accepted readings, made once per loaded house: the billing loader asks for every
 * account and resource, and filtering all the house's readings for each meter (and parsing them again) each
 * time grew with the square of the house. Keyed by the loaded rows (the same meters and suspensions go with
 * them), so a new load never sees an old answer; the core only reads the meters it is given.
 */
function billingMeterOf(loaded: LoadedMetering, m: meters.Meter): BillingMeter {
  let cache = billingMeterCache.get(loaded.readings);
  if (!cache) {
    cache = { readings: new Map(), made: new Map() };
    for (const r of loaded.readings) {
      const list = cache.readings.get(r.meterId);
      if (list) list.push(r);
      else cache.readings.set(r.meterId, [r]);
    }
    billingMeterCache.set(loaded.readings, cache);
  }
  let found = cache.made.get(m.id);
  if (!found) {
    found = toBillingMeter(m, cache.readings.get(m.id) ?? [], loaded.suspensions);
    cache.made.set(m.id, found);
  }
  return found;
}

/** The consumption of the input's premises from rows already loaded (pure; `params` of the input's resource). */
export function consumptionFromLoaded(
  input: MeteredConsumptionInput,
  loaded: LoadedMetering,
): ConsumptionResult {
  const start = firstDay(input.period);
  const end = lastDay(input.period);
  const premiseIds = new Set(input.premiseIds);
  const list = loaded.meters.filter(
    (m) =>
      m.resource === input.resource &&
      m.kind !== 'common_house' &&
      m.premises.some((p) => premiseIds.has(p.id)),
  );
  const acts = loaded.acts.filter(
    (a) => premiseIds.has(a.premiseId) && (a.resource === null || a.resource === input.resource),
  );
  const inForce = (a: meters.MeteringAct) =>
    compareDates(a.actOn, end) <= 0 && (a.endedOn === null || compareDates(a.endedOn, start) >= 0);
  const refusal = acts.filter((a) => a.kind === 'access_refused' && inForce(a)).at(-1);
  return consumptionForPeriod({
    period: input.period,
    residential: input.residential,
    meters: list.map((m) => billingMeterOf(loaded, m)),
    meterInstallable: !acts.some((a) => a.kind === 'installation_impossible' && inForce(a)),
    accessRefused: refusal ? { actOn: refusal.actOn, checkedOn: refusal.endedOn } : null,
    norm: input.norm,
    persons: input.persons,
    area: input.area,
    billedByAverage: input.billedByAverage,
    params: loaded.params,
  });
}

/** The volume of a house's common-house meters of a resource for a period (heating, common needs). */
export async function commonHouseConsumption(
  q: Queryable,
  houseId: number,
  resource: MeterResource,
  period: BillingPeriod,
): Promise<ConsumptionResult> {
  return (await commonHouseConsumptions(q, [houseId], resource, period)).get(houseId)!;
}

/**
 * `commonHouseConsumption` of several houses (a batch of the billing loader), in the same few queries as for
 * one: asked house by house, the heating ОДПУ was a meters query for each house of a run.
 */
export async function commonHouseConsumptions(
  q: Queryable,
  houseIds: readonly number[],
  resource: MeterResource,
  period: BillingPeriod,
): Promise<Map<number, ConsumptionResult>> {
  const start = firstDay(period);
  const list = (
    await meters.selectCommonHouseMeters(q, houseIds, await verificationIntervals(q, start))
  ).filter((m) => m.resource === resource);
  const params = await consumptionParameters(q, resource, start);
  const limitMonths = await commonHouseLimit(q, resource, start);
  const all = await billingMeters(q, list, start);
  const out = new Map<number, ConsumptionResult>();
  for (const houseId of houseIds)
    out.set(
      houseId,
      commonHouseVolume({
        period,
        meters: all.filter((_, i) => list[i]!.houseId === houseId),
        baseMonths: params.baseMonths,
        minMonths: params.minMonths,
        limitMonths,
      }),
    );
  return out;
}

export type MeterConsumptionPoint = {
  period: BillingPeriod;
  method: ConsumptionResult['method'];
  reason: ConsumptionResult['reason'];
  volume: string | null;
  zones: { zone: string; volume: string }[] | null;
  explanation: string;
};

/**
 * A meter's consumption month by month, as the meter alone determines it (the card's chart): actual, or the
 * average while п.59 allows, each later actual month reconciled against the averages before it (§1.4). The
 * norm months show no volume: persons and norms are the account's, not the meter's.
 */
export async function meterConsumption(
  ctx: Ctx,
  meterId: number,
  from: BillingPeriod,
  to: BillingPeriod,
): Promise<MeterConsumptionPoint[]> {
  requirePermission(ctx.actor, 'meters.read');
  const periods = periodsBetween(from, to);
  if (periods.length === 0 || periods.length > 60)
    throw validationFailed([{ field: 'from', problem: 'от 1 до 60 месяцев, from не позже to' }]);
  const meter = await requireMeter(ctx, meterId);
  const [billing] = await billingMeters(ctx.db, [meter], firstDay(to));
  const billed: ConsumptionInput['billedByAverage'][number][] = [];
  const points: MeterConsumptionPoint[] = [];
  for (const period of periods) {
    const params = await consumptionParameters(ctx.db, meter.resource, firstDay(period));
    const r = consumptionForPeriod({
      period,
      residential: true,
      meters: [billing!],
      meterInstallable: true,
      accessRefused: null,
      norm: null,
      persons: 0,
      area: null,
      billedByAverage: billed,
      params,
    });
    if (r.method === 'average')
      for (const z of r.zones ?? []) billed.push({ period, zone: z.zone, volume: z.volume });
    points.push({
      period,
      method: r.method,
      reason: r.reason,
      volume: r.volume?.toString() ?? null,
      zones: r.zones?.map((z) => ({ zone: z.zone, volume: z.volume.toString() })) ?? null,
      explanation: r.explanation,
    });
  }
  return points;
}
