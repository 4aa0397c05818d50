/**
 * Use cases of meters: the lists (of a house, of an account, due for verification), the card, register,
 * change, decommission and replace (the old meter's final reading and the new one's initial reading in one
 * transaction). Every change is audited; one reaching before the current period is recorded for
 * recalculation (retroactive.ts).
 */
import type { Tx } from '../../db/client.js';
import type { ListQuery, Page } from '../../db/list.js';
import * as db from '../../db/meters/meters.js';
import { insertReading } from '../../db/meters/readings.js';
import { selectPremise } from '../../db/registry/premises.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import {
  meterPlacementProblem,
  zoneCountAllowed,
  zonesOf,
  type DecommissionReason,
  type MeterKind,
  type MeterResource,
  type MeterZone,
} from '../../domain/meters/meter.js';
import { addDays, compareDates, parseIsoDate, periodOf, type IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { requireHouse, today } from '../registry/houses.js';
import { requirePremise } from '../registry/premises.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import { verificationIntervals } from './parameters.js';
import { addCheckedReading } from './readings.js';

export type { Meter, MeterFields } from '../../db/meters/meters.js';

/** A meter whose house the actor sees, or not_found. */
export async function requireMeter(ctx: Ctx, id: number): Promise<db.Meter> {
  const meter = await db.selectMeter(ctx.db, id, await verificationIntervals(ctx.db, today(ctx)));
  if (!meter) throw new DomainError('not_found', 'Прибор учёта не найден');
  await requireHouse(ctx, meter.houseId).catch(() => {
    throw new DomainError('not_found', 'Прибор учёта не найден');
  });
  return meter;
}

export type MeterListFilter = {
  houseId?: number | undefined;
  accountId?: number | undefined;
  resource?: MeterResource | undefined;
  kind?: MeterKind | undefined;
  activeOnly?: boolean | undefined;
  /** Meters in service whose next verification is within N days of today (or already passed). */
  dueWithinDays?: number | undefined;
};

/** The premises whose meters serve an account: its premise, and a room's shared flat (its flat meter). */
async function accountPremiseIds(ctx: Ctx, accountId: number): Promise<number[]> {
  const account = await requireAccount(ctx, accountId);
  const premise = await requirePremise(ctx, account.premise.id);
  return premise.flatId === null ? [premise.id] : [premise.id, premise.flatId];
}

export async function listMeters(ctx: Ctx, f: MeterListFilter, q: ListQuery): Promise<Page<db.Meter>> {
  requirePermission(ctx.actor, 'meters.read');
  if (f.houseId !== undefined) await requireHouse(ctx, f.houseId);
  const premiseIds = f.accountId !== undefined ? await accountPremiseIds(ctx, f.accountId) : undefined;
  const date = today(ctx);
  return db.selectMeters(
    ctx.db,
    {
      actor: ctx.actor,
      intervals: await verificationIntervals(ctx.db, date),
      houseId: f.houseId,
      premiseIds,
      resource: f.resource,
      kind: f.kind,
      activeOnly: f.activeOnly,
      dueBy: f.dueWithinDays === undefined ? undefined : addDays(date, f.dueWithinDays),
    },
    q,
  );
}

export async function getMeter(ctx: Ctx, id: number): Promise<db.Meter> {
  requirePermission(ctx.actor, 'meters.read');
  return requireMeter(ctx, id);
}

export type MeterInput = Omit<db.MeterFields, 'installedOn' | 'commissionedOn' | 'lastVerifiedOn'> & {
  installedOn: string | null;
  commissionedOn: string;
  lastVerifiedOn: string | null;
  premiseIds: number[];
  /** The reading on commissioning (kind initial), per zone. */
  initialValues?: Partial<Record<MeterZone, string>> | undefined;
};

function dateProblems(
  m: Pick<db.MeterFields, 'installedOn' | 'commissionedOn' | 'lastVerifiedOn'>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (m.installedOn && compareDates(m.installedOn, m.commissionedOn) > 0)
    problems.push({ field: 'installedOn', problem: 'установка позже ввода в эксплуатацию' });
  return problems;
}

/** Values per zone of the meter: exactly its zones, exact decimals; problems name `prefix.zone`. */
export function zoneValueProblems(
  zoneCount: 1 | 2 | 3,
  values: Partial<Record<MeterZone, string>>,
  prefix: string,
): ErrorDetail[] {
  const zones = zonesOf(zoneCount);
  const problems: ErrorDetail[] = [];
  for (const z of zones)
    if (values[z] === undefined) problems.push({ field: `${prefix}.${z}`, problem: 'нет показания по зоне' });
  for (const z of Object.keys(values))
    if (!zones.includes(z as MeterZone))
      problems.push({ field: `${prefix}.${z}`, problem: `у прибора нет зоны ${z}` });
  return problems;
}

async function placementProblems(ctx: Ctx, houseId: number, kind: MeterKind, premiseIds: readonly number[]) {
  const problems: ErrorDetail[] = [];
  const premises = [];
  for (const [i, id] of premiseIds.entries()) {
    const p = await selectPremise(ctx.db, id, today(ctx));
    if (!p || p.houseId !== houseId)
      problems.push({ field: `premiseIds.${i}`, problem: 'помещение не найдено в этом доме' });
    else premises.push(p);
  }
  if (new Set(premiseIds).size !== premiseIds.length)
    problems.push({ field: 'premiseIds', problem: 'помещения повторяются' });
  if (problems.length === 0) {
    const problem = meterPlacementProblem(kind, premises);
    if (problem) problems.push({ field: 'premiseIds', problem });
  }
  return problems;
}

async function insertWithReading(
  tx: Tx,
  ctx: Ctx,
  houseId: number,
  fields: db.MeterFields & { replacesMeterId?: number | null },
  premiseIds: readonly number[],
  initialValues: Partial<Record<MeterZone, string>> | undefined,
): Promise<number> {
  const id = await db.insertMeter(tx, houseId, fields, premiseIds, ctx.actor.userId);
  if (initialValues) {
    await insertReading(
      tx,
      {
        meterId: id,
        readOn: fields.commissionedOn,
        period: periodOf(fields.commissionedOn),
        kind: 'initial',
        values: initialValues,
        volume: null,
        state: 'accepted',
        stateReason: null,
        source: 'operator',
        clientId: null,
      },
      ctx.clock.now(),
      ctx.actor.userId,
    );
  }
  return id;
}

function meterFields(input: MeterInput): db.MeterFields {
  const { premiseIds: _p, initialValues: _i, ...rest } = input;
  return {
    ...rest,
    serialNumber: rest.serialNumber.trim(),
    installedOn: input.installedOn ? parseIsoDate(input.installedOn) : null,
    commissionedOn: parseIsoDate(input.commissionedOn),
    lastVerifiedOn: input.lastVerifiedOn ? parseIsoDate(input.lastVerifiedOn) : null,
  };
}

async function commonProblems(
  ctx: Ctx,
  houseId: number,
  fields: db.MeterFields,
  input: MeterInput,
  exceptId?: number,
) {
  const problems = [
    ...dateProblems(fields),
    ...(await placementProblems(ctx, houseId, fields.kind, input.premiseIds)),
  ];
  if (!zoneCountAllowed(fields.resource, fields.zoneCount))
    problems.push({ field: 'zoneCount', problem: 'несколько зон суток — только у счётчиков электроэнергии' });
  if (input.initialValues)
    problems.push(...zoneValueProblems(fields.zoneCount, input.initialValues, 'initialValues'));
  const serial = { houseId, resource: fields.resource, serialNumber: fields.serialNumber, exceptId };
  if (await db.isSerialTaken(ctx.db, serial))
    problems.push({
      field: 'serialNumber',
      problem: `прибор № ${fields.serialNumber} уже учтён в этом доме`,
    });
  return problems;
}

/** Registers a meter of a house (with its premises) and, when given, its initial reading. */
export async function createMeter(ctx: Ctx, houseId: number, input: MeterInput): Promise<db.Meter> {
  requirePermission(ctx.actor, 'meters.write');
  const house = await requireHouse(ctx, houseId);
  const fields = meterFields(input);
  const problems = await commonProblems(ctx, houseId, fields, input);
  if (problems.length > 0) throw validationFailed(problems);
  const id = await ctx.db.transaction(async (tx) => {
    const id = await insertWithReading(tx, ctx, houseId, fields, input.premiseIds, input.initialValues);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'meter',
      objectId: id,
      organisationId: house.settlementCentreId,
      after: { houseId, ...fields, premiseIds: input.premiseIds, initialValues: input.initialValues ?? null },
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `прибор учёта № ${fields.serialNumber} введён задним числом`,
      objectType: 'meter',
      objectId: id,
      houseId,
      fromDate: fields.commissionedOn,
    });
    return id;
  });
  return requireMeter(ctx, id);
}

export type MeterChanges = Partial<
  Pick<db.MeterFields, 'serialNumber' | 'model' | 'sealNumber' | 'verificationIntervalYears'> & {
    installedOn: IsoDate | null;
    lastVerifiedOn: IsoDate | null;
  }
>;

/**
 * Changes a meter's passport data. A new verification date or interval moves the day the meter fails
 * (RULES.md §10.1): when the earlier of the old and new next-verification days is before the current
 * period, the house is recorded for recalculation from it.
 */
export async function updateMeter(ctx: Ctx, id: number, changes: MeterChanges): Promise<db.Meter> {
  requirePermission(ctx.actor, 'meters.write');
  const before = await requireMeter(ctx, id);
  const after = { ...before, ...changes };
  const problems = dateProblems(after);
  if (changes.serialNumber !== undefined) {
    after.serialNumber = changes.serialNumber.trim();
    const serial = {
      houseId: before.houseId,
      resource: before.resource,
      serialNumber: after.serialNumber,
      exceptId: id,
    };
    if (await db.isSerialTaken(ctx.db, serial))
      problems.push({
        field: 'serialNumber',
        problem: `прибор № ${after.serialNumber} уже учтён в этом доме`,
      });
  }
  if (problems.length > 0) throw validationFailed(problems);
  await ctx.db.transaction(async (tx) => {
    await db.updateMeter(
      tx,
      id,
      { ...changes, ...(changes.serialNumber ? { serialNumber: after.serialNumber } : {}) },
      ctx.clock.now(),
    );
    const changed = Object.keys(changes) as (keyof MeterChanges)[];
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'meter',
      objectId: id,
      organisationId: before.settlementCentreId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    const updated = (await db.selectMeter(tx, id, await verificationIntervals(tx, today(ctx))))!;
    const moved = [before.nextVerificationOn, updated.nextVerificationOn]
      .filter((d): d is IsoDate => d !== null)
      .sort();
    if (before.nextVerificationOn !== updated.nextVerificationOn && moved.length > 0) {
      await recordIfRetroactive(tx, ctx, {
        reason: `поверка прибора № ${updated.serialNumber}: срок ${before.nextVerificationOn ?? '—'} → ${updated.nextVerificationOn ?? '—'}`,
        objectType: 'meter',
        objectId: id,
        houseId: before.houseId,
        fromDate: moved[0]!,
      });
    }
  });
  return requireMeter(ctx, id);
}

export type DecommissionInput = {
  on: string;
  reason: DecommissionReason;
  /** The last reading, per zone (kind final), when it could be taken. */
  finalValues?: Partial<Record<MeterZone, string>> | undefined;
};

function decommissionProblems(meter: db.Meter, on: IsoDate, finalValues: DecommissionInput['finalValues']) {
  const problems: ErrorDetail[] = [];
  if (meter.decommissionedOn !== null)
    problems.push({ field: 'on', problem: `прибор уже выведен из эксплуатации ${meter.decommissionedOn}` });
  if (compareDates(on, meter.commissionedOn) < 0)
    problems.push({ field: 'on', problem: `раньше ввода в эксплуатацию (${meter.commissionedOn})` });
  if (meter.lastReading && compareDates(on, meter.lastReading.readOn) < 0)
    problems.push({ field: 'on', problem: `раньше последнего показания (${meter.lastReading.readOn})` });
  if (finalValues) problems.push(...zoneValueProblems(meter.zoneCount, finalValues, 'finalValues'));
  return problems;
}

async function writeDecommission(tx: Tx, ctx: Ctx, meter: db.Meter, on: IsoDate, input: DecommissionInput) {
  if (input.finalValues) {
    await addCheckedReading(tx, ctx, meter, {
      readOn: on,
      kind: 'final',
      values: input.finalValues,
      source: 'inspection',
      clientId: null,
    });
  }
  await db.decommissionMeter(tx, meter.id, on, input.reason, ctx.clock.now());
  await recordAudit(tx, ctx, {
    action: 'update',
    objectType: 'meter',
    objectId: meter.id,
    organisationId: meter.settlementCentreId,
    before: { decommissionedOn: null, decommissionReason: null },
    after: { decommissionedOn: on, decommissionReason: input.reason, finalValues: input.finalValues ?? null },
  });
  await recordIfRetroactive(tx, ctx, {
    reason: `прибор учёта № ${meter.serialNumber} выведен из эксплуатации задним числом`,
    objectType: 'meter',
    objectId: meter.id,
    houseId: meter.houseId,
    fromDate: on,
  });
}

/** Takes a meter out of service from a date, with its final reading when given. */
export async function decommissionMeter(ctx: Ctx, id: number, input: DecommissionInput): Promise<db.Meter> {
  requirePermission(ctx.actor, 'meters.write');
  const meter = await requireMeter(ctx, id);
  const on = parseIsoDate(input.on);
  const problems = decommissionProblems(meter, on, input.finalValues);
  if (problems.length > 0) throw validationFailed(problems);
  await ctx.db.transaction(async (tx) => {
    await db.lockMeter(tx, id);
    await writeDecommission(tx, ctx, meter, on, input);
  });
  return requireMeter(ctx, id);
}

export type ReplaceInput = {
  on: string;
  finalValues: Partial<Record<MeterZone, string>>;
  meter: Omit<MeterInput, 'premiseIds' | 'kind' | 'resource' | 'commissionedOn' | 'initialValues'>;
  initialValues: Partial<Record<MeterZone, string>>;
};

/**
 * Replaces a meter on a date: the old one's final reading and decommissioning (reason `replaced`), the new
 * one — same kind, resource and premises — commissioned the same day with its initial reading. The period's
 * volume is then the sum over both meters (domain/meters/consumption.ts).
 */
export async function replaceMeter(ctx: Ctx, id: number, input: ReplaceInput): Promise<db.Meter> {
  requirePermission(ctx.actor, 'meters.write');
  const old = await requireMeter(ctx, id);
  const on = parseIsoDate(input.on);
  const newInput: MeterInput = {
    ...input.meter,
    kind: old.kind,
    resource: old.resource,
    commissionedOn: on,
    premiseIds: old.premises.map((p) => p.id),
    initialValues: input.initialValues,
  };
  const fields = meterFields(newInput);
  const problems = [
    ...decommissionProblems(old, on, input.finalValues),
    ...(await commonProblems(ctx, old.houseId, fields, newInput)).map((p) => ({
      ...p,
      field: `meter.${p.field}`,
    })),
  ];
  if (problems.length > 0) throw validationFailed(problems);
  const newId = await ctx.db.transaction(async (tx) => {
    await db.lockMeter(tx, id);
    await writeDecommission(tx, ctx, old, on, { on, reason: 'replaced', finalValues: input.finalValues });
    const newId = await insertWithReading(
      tx,
      ctx,
      old.houseId,
      { ...fields, replacesMeterId: id },
      newInput.premiseIds,
      input.initialValues,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'meter',
      objectId: newId,
      organisationId: old.settlementCentreId,
      after: {
        houseId: old.houseId,
        ...fields,
        replacesMeterId: id,
        premiseIds: newInput.premiseIds,
        initialValues: input.initialValues,
      },
    });
    return newId;
  });
  return requireMeter(ctx, newId);
}

export type MeteringActInput = {
  kind: db.MeteringActKind;
  resource: MeterResource | null;
  actOn: string;
  endedOn: string | null;
  note: string | null;
};

export async function listMeteringActs(ctx: Ctx, premiseId: number): Promise<db.MeteringAct[]> {
  requirePermission(ctx.actor, 'meters.read');
  await requirePremise(ctx, premiseId);
  return db.selectMeteringActs(ctx.db, [premiseId]);
}

/** An act of refused access (п.59 "в") or of no technical possibility to install a meter (no K). */
export async function addMeteringAct(
  ctx: Ctx,
  premiseId: number,
  input: MeteringActInput,
): Promise<db.MeteringAct> {
  requirePermission(ctx.actor, 'meters.write');
  const premise = await requirePremise(ctx, premiseId);
  const actOn = parseIsoDate(input.actOn);
  const endedOn = input.endedOn ? parseIsoDate(input.endedOn) : null;
  if (endedOn && compareDates(endedOn, actOn) < 0)
    throw validationFailed([{ field: 'endedOn', problem: 'раньше даты акта' }]);
  const act = {
    premiseId,
    kind: input.kind,
    resource: input.resource,
    actOn,
    endedOn,
    note: input.note?.trim() || null,
  };
  const newId = await ctx.db.transaction(async (tx) => {
    const actId = await db.insertMeteringAct(tx, act, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'metering_act',
      objectId: actId,
      organisationId: premise.settlementCentreId,
      after: act,
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `акт ${input.kind === 'access_refused' ? 'о недопуске' : 'о невозможности установки прибора'} (${premise.label})`,
      objectType: 'metering_act',
      objectId: actId,
      houseId: premise.houseId,
      fromDate: actOn,
    });
    return actId;
  });
  return (await db.selectMeteringActs(ctx.db, [premiseId])).find((a) => a.id === newId)!;
}
