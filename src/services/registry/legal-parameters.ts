/**
 * Use cases of legal parameters: the values in force on a date with their sources, the history of one code,
 * a new version (checked against the catalogue's kind), and loading the catalogue into a new database.
 */
import type { Queryable } from '../../db/client.js';
import * as db from '../../db/registry/legal-parameters.js';
import { lockVersionKey } from '../../db/registry/services.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { compareDates, parseIsoDate, type IsoDate } from '../../domain/period.js';
import { versionAt } from '../../domain/registry/effective.js';
import {
  catalogueRows,
  legalParameterCatalogue,
  legalParameterDefinition,
  type LegalParameterDefinition,
} from '../../domain/registry/legal-parameter-catalogue.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { today } from './houses.js';
import { recordIfRetroactive } from './retroactive.js';
import { asVersioned, planVersion } from './services.js';

export type { LegalParameter } from '../../db/registry/legal-parameters.js';

const DECIMAL = /^\d{1,12}(\.\d{1,8})?$/;
const INTEGER = /^\d{1,9}$/;

/**
 * The value given for a parameter as the text to store, or why it is refused. A decimal must be a string
 * ("1.5", never the float 1.5); an integer a whole number; a boolean true/false; json any JSON value (one of
 * the definition's `choices` when it lists them). Every parameter of the catalogue is non-negative.
 */
export function parseLegalParameterValue(
  d: Pick<LegalParameterDefinition, 'kind' | 'choices'>,
  raw: unknown,
): { ok: true; value: string } | { ok: false; problem: string } {
  switch (d.kind) {
    case 'decimal':
      if (typeof raw !== 'string')
        return { ok: false, problem: 'десятичное число передаётся строкой: "1.5"' };
      return DECIMAL.test(raw)
        ? { ok: true, value: raw }
        : { ok: false, problem: 'ожидается число вида 1.5' };
    case 'integer': {
      const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
      return typeof text === 'string' && INTEGER.test(text)
        ? { ok: true, value: String(Number(text)) }
        : { ok: false, problem: 'ожидается целое неотрицательное число' };
    }
    case 'boolean':
      if (raw === true || raw === 'true') return { ok: true, value: 'true' };
      if (raw === false || raw === 'false') return { ok: true, value: 'false' };
      return { ok: false, problem: 'ожидается true или false' };
    case 'json': {
      if (raw === undefined) return { ok: false, problem: 'нужно значение' };
      const value = JSON.stringify(raw);
      if (d.choices && !d.choices.includes(value))
        return { ok: false, problem: `допустимые значения: ${d.choices.join(', ')}` };
      return { ok: true, value };
    }
  }
}

/**
 * Loads the catalogue's versions of every code that has none in the database (a new install, the demo, a
 * code added by a later release); codes already there are left as they are. Returns the rows added.
 */
export async function seedLegalParameters(tx: Queryable): Promise<number> {
  const present = await db.selectLegalParameterCodes(tx);
  let added = 0;
  for (const d of legalParameterCatalogue) {
    if (present.has(d.code)) continue;
    for (const row of catalogueRows(d)) {
      await db.insertLegalParameter(tx, { ...row, code: d.code, kind: d.kind, note: d.note ?? null }, null);
      added++;
    }
  }
  return added;
}

export type LegalParameterOnDate = {
  code: string;
  meaning: string;
  kind: LegalParameterDefinition['kind'];
  choices: string[] | null;
  /** The version in force, or null when the parameter has none on that date. */
  version: db.LegalParameter | null;
};

/** Every parameter of the catalogue with the version in force on the date (today by default). */
export async function listLegalParameters(
  ctx: Ctx,
  onDate?: IsoDate,
): Promise<{ onDate: IsoDate; items: LegalParameterOnDate[] }> {
  requirePermission(ctx.actor, 'registry.read');
  const date = onDate ?? today(ctx);
  const inForce = new Map((await db.selectLegalParametersOn(ctx.db, date)).map((p) => [p.code, p]));
  const items = legalParameterCatalogue.map((d) => ({
    code: d.code,
    meaning: d.meaning,
    kind: d.kind,
    choices: d.choices ? [...d.choices] : null,
    version: inForce.get(d.code) ?? null,
  }));
  return { onDate: date, items };
}

function requireDefinition(code: string): LegalParameterDefinition {
  const d = legalParameterDefinition(code);
  if (!d) throw new DomainError('not_found', `Параметр «${code}» не найден`);
  return d;
}

export async function legalParameterHistory(ctx: Ctx, code: string): Promise<db.LegalParameter[]> {
  requirePermission(ctx.actor, 'registry.read');
  requireDefinition(code);
  return db.selectLegalParameterVersions(ctx.db, code);
}

/** The version of a code in force on a date; for the billing engine (no access check). */
export async function legalParameterAt(
  q: Queryable,
  code: string,
  date: IsoDate,
): Promise<db.LegalParameter | undefined> {
  return versionAt((await db.selectLegalParameterVersions(q, code)).map(asVersioned), date);
}

export type LegalParameterInput = {
  code: string;
  value: unknown;
  validFrom: string;
  validTo?: string | null | undefined;
  source: string;
  note?: string | null | undefined;
};

/** A new version of a legal parameter (the settlement centre, 'tariffs.write'); a past start is recorded. */
export async function setLegalParameter(ctx: Ctx, input: LegalParameterInput): Promise<db.LegalParameter> {
  requirePermission(ctx.actor, 'tariffs.write');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Параметры законодательства ведёт расчётный центр');
  const d = legalParameterDefinition(input.code);
  if (!d) throw validationFailed([{ field: 'code', problem: 'нет такого параметра в каталоге' }]);
  const problems: ErrorDetail[] = [];
  const parsed = parseLegalParameterValue(d, input.value);
  if (!parsed.ok) problems.push({ field: 'value', problem: parsed.problem });
  const fields: db.LegalParameterFields = {
    code: d.code,
    kind: d.kind,
    value: parsed.ok ? parsed.value : '',
    validFrom: parseIsoDate(input.validFrom),
    validTo: input.validTo ? parseIsoDate(input.validTo) : null,
    source: input.source.trim(),
    note: input.note?.trim() || null,
  };
  if (fields.validTo !== null && compareDates(fields.validTo as IsoDate, fields.validFrom as IsoDate) < 0)
    problems.push({ field: 'validTo', problem: 'окончание раньше начала' });
  const draft = asVersioned({ ...fields, id: 0, createdAt: ctx.clock.now() });
  type V = typeof draft;
  const same = (a: V, b: V) => a.value === b.value;
  const load = async (q: Queryable) => (await db.selectLegalParameterVersions(q, d.code)).map(asVersioned);
  const first = planVersion(await load(ctx.db), draft, same);
  if (!first.ok) problems.push(first.error);
  if (problems.length > 0) throw validationFailed(problems);
  return ctx.db.transaction(async (tx) => {
    await lockVersionKey(tx, `legal_parameter:${d.code}`);
    const planned = planVersion(await load(tx), draft, same);
    if (!planned.ok) throw validationFailed([planned.error]);
    const { closed, fromDate } = planned.plan;
    if (closed) await db.setLegalParameterValidTo(tx, closed.id, closed.validTo!);
    const id = await db.insertLegalParameter(tx, fields, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'legal_parameter',
      objectId: id,
      organisationId: ctx.actor.organisationId,
      before: closed ? { closedVersionId: closed.id, value: closed.value, validTo: null } : null,
      after: { ...fields, closedVersionValidTo: closed?.validTo ?? null },
    });
    if (fromDate !== null) {
      await recordIfRetroactive(tx, ctx, {
        reason: `изменение параметра ${d.code}`,
        objectType: 'legal_parameter',
        objectId: id,
        houseId: null,
        fromDate,
      });
    }
    return (await db.selectLegalParameterVersions(tx, d.code)).find((p) => p.id === id)!;
  });
}
