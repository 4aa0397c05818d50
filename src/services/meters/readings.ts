/**
 * Use cases of readings: the history of a meter, a new reading (checked by the core: rollover, hold,
 * decommissioned or unverified meter, window day — domain/meters/readings.ts), a bulk submission idempotent by
 * the submitter's client id, the confirmation of a held reading, and the house entry grid. A reading counted
 * in a period before the current one is recorded for recalculation (RULES.md §1.4).
 */
import type { Queryable } from '../../db/client.js';
import * as meters from '../../db/meters/meters.js';
import * as db from '../../db/meters/readings.js';
import { averageMonthlyVolume, readingSpans } from '../../domain/meters/consumption.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { zonesOf, type MeterZone } from '../../domain/meters/meter.js';
import {
  checkReading,
  volumeBetween,
  type ReadingKind,
  type ReadingSource,
  type ReadingState,
} from '../../domain/meters/readings.js';
import {
  compareDates,
  firstDay,
  parseIsoDate,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireHouse, today } from '../registry/houses.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import { requireMeter } from './meters.js';
import { readingCheckParameters, verificationIntervals, verificationSuspensions } from './parameters.js';
import { toBillingMeter, toMeterForCheck, toZoneValues } from './to-domain.js';

export type { Reading } from '../../db/meters/readings.js';

export type ReadingInput = {
  readOn: string;
  kind?: ReadingKind | undefined;
  values: Partial<Record<MeterZone, string>>;
  source: ReadingSource;
  clientId?: string | null | undefined;
};

export type ReadingResult = { reading: db.Reading; created: boolean; warnings: string[] };

export async function listReadings(ctx: Ctx, meterId: number): Promise<db.Reading[]> {
  requirePermission(ctx.actor, 'meters.read');
  await requireMeter(ctx, meterId);
  return db.selectReadings(ctx.db, [meterId]);
}

const sameValues = (a: db.Reading['values'], b: ReadingInput['values']) => {
  const zones = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<MeterZone>;
  return [...zones].every(
    (z) => a[z] !== undefined && b[z] !== undefined && Decimal.parse(a[z]).eq(Decimal.parse(b[z])),
  );
};

/** The same client id again: the stored reading if it is the same one, else a conflict. */
function repeated(existing: db.Reading, meterId: number, input: ReadingInput): ReadingResult {
  if (
    existing.meterId !== meterId ||
    existing.readOn !== input.readOn ||
    !sameValues(existing.values, input.values)
  ) {
    throw new DomainError('conflict', `Код ${input.clientId} уже использован для другого показания`, [
      { field: 'clientId', problem: `уже передано показание № ${existing.id} с этим кодом` },
    ]);
  }
  return { reading: existing, created: false, warnings: [] };
}

/**
 * Checks and stores one reading in the transaction (the meter's row locked by the caller or here). Throws
 * validation_failed naming the fields when the core refuses it.
 */
export async function addCheckedReading(
  tx: Queryable,
  ctx: Ctx,
  meter: meters.Meter,
  input: ReadingInput & { readOn: string },
): Promise<ReadingResult> {
  const readOn = parseIsoDate(input.readOn);
  const kind = input.kind ?? 'regular';
  const params = await readingCheckParameters(tx, readOn);
  const suspensions = await verificationSuspensions(tx, readOn);
  const all = await db.selectReadings(tx, [meter.id]);
  const counted = all.filter((r) => r.state === 'accepted');
  const previous = counted.filter((r) => compareDates(r.readOn, readOn) <= 0).at(-1) ?? null;
  const next = counted.find((r) => compareDates(r.readOn, readOn) > 0) ?? null;
  const billing = toBillingMeter(meter, all, suspensions);
  const values = toZoneValues(input.values);
  const problems: ErrorDetail[] = [];
  const result = checkReading({
    meter: toMeterForCheck(meter, suspensions),
    reading: { readOn, kind, values },
    previous: previous && {
      readOn: previous.readOn,
      period: previous.period as BillingPeriod,
      values: toZoneValues(previous.values),
    },
    windowDay: params.windowDay,
    averageMonthly: (() => {
      const avg = averageMonthlyVolume(
        readingSpans([billing], '9999-12' as BillingPeriod),
        params.baseMonths,
        params.minMonths,
      );
      return avg ? Decimal.sum(avg.zones.map((z) => z.volume)) : null;
    })(),
    holdMultiple: params.holdMultiple,
  });
  if (!result.ok) problems.push(...result.problems);
  else if (next) {
    // a reading entered late, between two others: the next one must still follow it
    const nextValues = toZoneValues(next.values);
    for (const [zone, v] of Object.entries(values) as [MeterZone, Decimal][]) {
      const after = nextValues[zone];
      if (after && volumeBetween(v, after, meter.digits) === null)
        problems.push({
          field: `values.${zone}`,
          problem: `больше следующего показания ${after.toString()} от ${next.readOn}`,
        });
    }
  }
  if (problems.length > 0 || !result.ok) throw validationFailed(problems, 'Показание не принято');
  const volume = previous ? Decimal.sum(result.volumes.map((v) => v.volume)).toString() : null;
  const row: db.NewReading = {
    meterId: meter.id,
    readOn,
    period: result.period,
    kind,
    values: Object.fromEntries(Object.entries(values).map(([z, v]) => [z, v.toString()])),
    volume,
    state: result.state,
    stateReason: result.warnings.length > 0 ? result.warnings.join('; ') : null,
    source: input.source,
    clientId: input.clientId ?? null,
  };
  const id = await db.insertReading(tx, row, ctx.clock.now(), ctx.actor.userId);
  await recordAudit(tx, ctx, {
    action: 'create',
    objectType: 'meter_reading',
    objectId: id,
    organisationId: meter.settlementCentreId,
    after: { ...row, serialNumber: meter.serialNumber },
  });
  if (result.state === 'accepted') await recordLate(tx, ctx, meter, id, result.period);
  return { reading: (await db.selectReading(tx, id))!, created: true, warnings: result.warnings };
}

/** A reading that counts in a past period changes what that period is billed: recorded for recalculation. */
async function recordLate(tx: Queryable, ctx: Ctx, meter: meters.Meter, readingId: number, period: string) {
  await recordIfRetroactive(tx, ctx, {
    reason: `показание прибора № ${meter.serialNumber} за ${period}`,
    objectType: 'meter_reading',
    objectId: readingId,
    houseId: meter.houseId,
    fromDate: firstDay(period as BillingPeriod),
  });
}

/**
 * Adds a reading of a meter. With a client id, the same submission again returns the reading stored the first
 * time (created: false) — also when two copies race: the unique index decides, and the loser reads the winner.
 */
export async function addReading(ctx: Ctx, meterId: number, input: ReadingInput): Promise<ReadingResult> {
  requirePermission(ctx.actor, 'readings.write');
  const meter = await requireMeter(ctx, meterId);
  if (input.clientId) {
    const existing = await db.selectReadingByClientId(ctx.db, input.source, input.clientId);
    if (existing) return repeated(existing, meterId, input);
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      await meters.lockMeter(tx, meterId);
      return addCheckedReading(tx, ctx, meter, input);
    });
  } catch (e) {
    const err = e as { code?: string; constraint?: string };
    if (err.code === '23505' && input.clientId) {
      const existing = await db.selectReadingByClientId(ctx.db, input.source, input.clientId);
      if (existing) return repeated(existing, meterId, input);
    }
    throw e;
  }
}

export type SubmissionItem = ReadingInput & { meterId: number; clientId: string };
export type SubmissionResult = {
  clientId: string;
  status: 'created' | 'duplicate' | 'rejected';
  readingId: number | null;
  state: ReadingState | null;
  period: string | null;
  warnings: string[];
  problems: ErrorDetail[];
};

/**
 * Several readings at once (partners, citizens' apps, the entry grid): each item on its own, so one bad item
 * does not block the others; every item carries a client id, and sending the batch again changes nothing.
 */
export async function submitReadings(
  ctx: Ctx,
  items: readonly SubmissionItem[],
): Promise<SubmissionResult[]> {
  requirePermission(ctx.actor, 'readings.write');
  const results: SubmissionResult[] = [];
  for (const item of items) {
    try {
      const r = await addReading(ctx, item.meterId, item);
      results.push({
        clientId: item.clientId,
        status: r.created ? 'created' : 'duplicate',
        readingId: r.reading.id,
        state: r.reading.state,
        period: r.reading.period,
        warnings: r.warnings,
        problems: [],
      });
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'internal') throw e;
      results.push({
        clientId: item.clientId,
        status: 'rejected',
        readingId: null,
        state: null,
        period: null,
        warnings: [],
        problems: e.details.length > 0 ? [...e.details] : [{ field: 'meterId', problem: e.message }],
      });
    }
  }
  return results;
}

/** An operator confirms a held reading: it becomes accepted (and counts, maybe in a past period). */
export async function confirmReading(ctx: Ctx, readingId: number): Promise<db.Reading> {
  requirePermission(ctx.actor, 'meters.write');
  const reading = await db.selectReading(ctx.db, readingId);
  if (!reading) throw new DomainError('not_found', 'Показание не найдено');
  const meter = await requireMeter(ctx, reading.meterId).catch(() => {
    throw new DomainError('not_found', 'Показание не найдено');
  });
  if (reading.state !== 'held')
    throw new DomainError('conflict', 'Подтверждать нужно только задержанное показание', [
      { field: 'state', problem: `показание в состоянии ${reading.state}` },
    ]);
  return ctx.db.transaction(async (tx) => {
    await db.confirmReading(tx, readingId, ctx.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'meter_reading',
      objectId: readingId,
      organisationId: meter.settlementCentreId,
      before: { state: 'held' },
      after: { state: 'accepted' },
    });
    await recordLate(tx, ctx, meter, readingId, reading.period);
    return (await db.selectReading(tx, readingId))!;
  });
}

export type GridRow = {
  meterId: number;
  premiseLabel: string;
  premiseIds: number[];
  resource: meters.Meter['resource'];
  kind: meters.Meter['kind'];
  serialNumber: string;
  zones: MeterZone[];
  digits: number;
  decimals: number;
  nextVerificationOn: IsoDate | null;
  lastReading: meters.Meter['lastReading'];
};

/** The meters in service of a house in the order of its premises, with their last readings (the entry grid). */
export async function houseEntryGrid(ctx: Ctx, houseId: number): Promise<GridRow[]> {
  requirePermission(ctx.actor, 'meters.read');
  await requireHouse(ctx, houseId);
  const list = await meters.selectHouseMeters(
    ctx.db,
    houseId,
    await verificationIntervals(ctx.db, today(ctx)),
  );
  const key = (m: meters.Meter) => {
    const label = m.premises[0]?.label ?? '';
    const n = /\d+/.exec(label)?.[0] ?? '';
    return `${m.premises.length === 0 ? '0' : '1'}${n.padStart(8, '0')}${label}`;
  };
  return list
    .filter((m) => m.decommissionedOn === null)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id))
    .map((m) => ({
      meterId: m.id,
      premiseLabel: m.premises.map((p) => p.label).join(', ') || 'дом (ОДПУ)',
      premiseIds: m.premises.map((p) => p.id),
      resource: m.resource,
      kind: m.kind,
      serialNumber: m.serialNumber,
      zones: [...zonesOf(m.zoneCount)],
      digits: m.digits,
      decimals: m.decimals,
      nextVerificationOn: m.nextVerificationOn,
      lastReading: m.lastReading,
    }));
}
