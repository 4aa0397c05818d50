/** Owners of a premise with exact shares over time (sum ≤ 1 on every date), with their title records. */
import { selectOrganisation } from '../../db/organisations.js';
import * as db from '../../db/residents/registrations.js';
import { DomainError, validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { addDays, parseIsoDate } from '../../domain/period.js';
import { fraction, parseFraction } from '../../domain/residents/fraction.js';
import { ownershipShareProblems } from '../../domain/residents/ownership.js';
import { isInScope } from '../../domain/access.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requirePremise } from '../registry/premises.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import { requirePerson } from './persons.js';

export type { Ownership } from '../../db/residents/registrations.js';

export async function listOwnerships(ctx: Ctx, premiseId: number): Promise<db.Ownership[]> {
  requirePermission(ctx.actor, 'residents.read');
  await requirePremise(ctx, premiseId);
  return db.selectOwnerships(ctx.db, premiseId);
}

export type OwnershipInput = {
  ownerKind: 'person' | 'organisation';
  personId?: number | null | undefined;
  organisationId?: number | null | undefined;
  /** "1", "1/2", "2/3" */
  share: string;
  validFrom: string;
  titleRecordNumber: string;
  titleRecordDate: string;
  /** Owners whose right ends the day before `validFrom` (a sale or a transfer of their shares). */
  endOwnershipIds?: number[] | undefined;
};

export async function addOwnership(
  ctx: Ctx,
  premiseId: number,
  input: OwnershipInput,
): Promise<db.Ownership[]> {
  requirePermission(ctx.actor, 'residents.write');
  const premise = await requirePremise(ctx, premiseId);
  const problems: ErrorDetail[] = [];
  const share = parseFraction(input.share);
  if (!share) problems.push({ field: 'share', problem: 'доля — дробь вида 1/2 или 1' });
  if (input.ownerKind === 'person') {
    if (!input.personId) problems.push({ field: 'personId', problem: 'укажите собственника' });
    else await requirePerson(ctx, input.personId);
  } else if (!input.organisationId) {
    problems.push({ field: 'organisationId', problem: 'укажите организацию-собственника' });
  } else {
    const org = await selectOrganisation(ctx.db, input.organisationId);
    if (!org || !isInScope(ctx.actor, org.id))
      problems.push({ field: 'organisationId', problem: 'организация не найдена' });
  }
  const validFrom = parseIsoDate(input.validFrom);
  if (problems.length > 0 || !share) throw validationFailed(problems);
  if (share.num > 2147483647n || share.den > 2147483647n)
    throw validationFailed([{ field: 'share', problem: 'слишком большая дробь' }]);
  return ctx.db.transaction(async (tx) => {
    await db.lockPremiseForOwners(tx, premiseId);
    const existing = await db.selectOwnerships(tx, premiseId);
    const ends = (input.endOwnershipIds ?? []).map((id) => {
      const o = existing.find((x) => x.id === id);
      if (!o || (o.validTo !== null && o.validTo < validFrom) || o.validFrom >= validFrom) {
        throw validationFailed([
          { field: 'endOwnershipIds', problem: `право № ${id} нельзя закончить ${addDays(validFrom, -1)}` },
        ]);
      }
      return o;
    });
    const spans = existing.map((o) => ({
      id: o.id,
      share: fraction(o.shareNumerator, o.shareDenominator),
      validFrom: o.validFrom,
      validTo: ends.some((e) => e.id === o.id) ? addDays(validFrom, -1) : o.validTo,
    }));
    const sameOwner = spans.find((o, i) => {
      const e = existing[i]!;
      const same =
        input.ownerKind === 'person'
          ? e.personId === input.personId
          : e.organisationId === input.organisationId;
      return same && e.ownerKind === input.ownerKind && (o.validTo === null || o.validTo >= validFrom);
    });
    if (sameOwner) {
      throw new DomainError('conflict', 'У этого собственника уже есть право на помещение', [
        { field: 'validFrom', problem: `право № ${sameOwner.id} с ${sameOwner.validFrom} ещё действует` },
      ]);
    }
    const shareProblems = ownershipShareProblems([...spans, { id: 0, share, validFrom, validTo: null }]);
    if (shareProblems.length > 0) throw new DomainError('conflict', 'Сумма долей больше 1', shareProblems);
    for (const e of ends) await db.setOwnershipEnd(tx, e.id, addDays(validFrom, -1));
    const row = {
      premiseId,
      ownerKind: input.ownerKind,
      personId: input.ownerKind === 'person' ? (input.personId ?? null) : null,
      organisationId: input.ownerKind === 'organisation' ? (input.organisationId ?? null) : null,
      shareNumerator: Number(share.num),
      shareDenominator: Number(share.den),
      validFrom,
      validTo: null,
      titleRecordNumber: input.titleRecordNumber,
      titleRecordDate: parseIsoDate(input.titleRecordDate),
    };
    const id = await db.insertOwnership(tx, row, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'ownership',
      objectId: id,
      organisationId: premise.settlementCentreId,
      before: ends.length > 0 ? { ended: ends.map((e) => ({ id: e.id, validTo: e.validTo })) } : null,
      after: { ...row, ended: ends.map((e) => ({ id: e.id, validTo: addDays(validFrom, -1) })) },
    });
    await recordIfRetroactive(tx, ctx, {
      reason: `смена собственника, ${premise.label}`,
      objectType: 'ownership',
      objectId: id,
      houseId: premise.houseId,
      fromDate: validFrom,
    });
    return db.selectOwnerships(tx, premiseId);
  });
}
