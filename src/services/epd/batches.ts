/**
 * Batches of ЕПД (issue 8 "Batches"; docs/epd.md "Batches"): every account of a house, a manager's houses or
 * a district for a closed period gets its monthly document issued (stored) unless it already has one, house
 * by house, the progress counted in payment_document_batches so the CLI's bar and the screen can follow it.
 * The PDF is rendered from the stored snapshots in delivery order (street, house, flat), dated the batch's
 * creation, so downloading it twice gives the same bytes.
 */
import type { Writable } from 'node:stream';
import * as db from '../../db/epd/batches.js';
import { selectHouseAccountIds, selectScopeHouses } from '../../db/epd/sources.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { isInScope } from '../../domain/access.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { firstDay, lastDay } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { noProgress, type Progress } from '../progress.js';
import { storeDocument } from './documents.js';
import { buildSnapshots, prepareIssue } from './issue.js';
import { renderBatch } from './render.js';

export type { Batch, BatchScopeKind } from '../../db/epd/batches.js';
export type BatchScope = { kind: db.BatchScopeKind; id: number };

async function scopeHouses(ctx: Ctx, period: string, scope: BatchScope) {
  const houses = await selectScopeHouses(ctx.db, scope, lastDay(period as never));
  const visible = [];
  for (const h of houses) if (await isHouseVisible(ctx.db, ctx.actor, h.id)) visible.push(h);
  return visible;
}

/**
 * Creates a batch for a closed period and a scope the actor sees; `workBatch` does the work. The scope must
 * have houses; the period must be closed (the bills are history).
 */
export async function startBatch(ctx: Ctx, input: { period: string; scope: BatchScope }): Promise<db.Batch> {
  requirePermission(ctx.actor, 'documents.issue');
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Пакеты ЕПД печатает расчётный центр');
  const centreId = ctx.actor.organisationId;
  const field = `${input.scope.kind}Id`;
  if (!Number.isSafeInteger(input.scope.id) || input.scope.id < 1)
    throw validationFailed([{ field, problem: 'номер (id)' }]);
  if (input.scope.kind === 'manager' && !isInScope(ctx.actor, input.scope.id))
    throw validationFailed([{ field, problem: 'управляющая организация не найдена' }]);
  const { plan } = await prepareIssue(ctx, centreId, { kind: 'monthly', period: input.period });
  const houses = await scopeHouses(ctx, plan.period, input.scope);
  if (houses.length === 0) throw validationFailed([{ field, problem: 'в этой области нет домов' }]);
  let total = 0;
  for (const h of houses)
    total += (await selectHouseAccountIds(ctx.db, h.id, firstDay(plan.period), lastDay(plan.period))).length;
  return ctx.db.transaction(async (tx) => {
    const id = await db.insertBatch(
      tx,
      {
        settlementCentreId: centreId,
        period: plan.period,
        scopeKind: input.scope.kind,
        scopeId: input.scope.id,
        accountsTotal: total,
      },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    await recordAudit(tx, ctx, {
      action: 'run',
      objectType: 'payment_document_batch',
      objectId: id,
      organisationId: centreId,
      after: { period: plan.period, scope: input.scope, houses: houses.length, accounts: total },
    });
    return (await db.selectBatch(tx, id))!;
  });
}

/**
 * Issues the batch's documents house by house (each house's progress written when it is done) and marks the
 * batch done, or failed with the error (the documents stored so far stay: each is a bill issued).
 */
export async function workBatch(ctx: Ctx, id: number, progress: Progress = noProgress): Promise<db.Batch> {
  const batch = await getBatch(ctx, id);
  if (batch.status !== 'running') return batch;
  try {
    const { plan, shared } = await prepareIssue(ctx, batch.settlementCentreId, {
      kind: 'monthly',
      period: batch.period,
    });
    let done = 0;
    for (const house of await scopeHouses(ctx, plan.period, { kind: batch.scopeKind, id: batch.scopeId })) {
      const ids = await selectHouseAccountIds(ctx.db, house.id, firstDay(plan.period), lastDay(plan.period));
      const issued = await db.selectIssuedIds(ctx.db, ids, plan.period, 'monthly');
      const documentIds = [...issued.values()];
      const toBuild = ids.filter((a) => !issued.has(a));
      let created = 0;
      let skipped = 0;
      for (const built of await buildSnapshots(ctx, house.id, toBuild, plan, shared)) {
        if ('skipped' in built) {
          skipped++;
          continue;
        }
        const stored = await storeDocument(ctx, built.accountId, built.snapshot);
        documentIds.push(stored.document.id);
        if (stored.created) created++;
      }
      await db.addBatchProgress(ctx.db, id, { done: ids.length, issued: created, skipped, documentIds });
      done += ids.length;
      progress(done, batch.accountsTotal, `дом #${house.id}`);
    }
    await db.finishBatch(ctx.db, id, ctx.clock.now(), null);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await db.finishBatch(ctx.db, id, ctx.clock.now(), message.slice(0, 2000));
  }
  return getBatch(ctx, id);
}

export async function getBatch(ctx: Ctx, id: number): Promise<db.Batch> {
  requirePermission(ctx.actor, 'documents.read');
  const batch = await db.selectBatch(ctx.db, id);
  if (!batch || !ctx.actor.scope.includes(batch.settlementCentreId))
    throw new DomainError('not_found', 'Пакет ЕПД не найден');
  return batch;
}

export async function listBatches(ctx: Ctx): Promise<db.Batch[]> {
  requirePermission(ctx.actor, 'documents.read');
  return db.selectBatches(ctx.db, ctx.actor.scope, 50);
}

/**
 * Writes the batch's PDF to `out`: its stored documents in delivery order, one page each, the progress after
 * each page. Refused until the batch is done.
 */
export async function writeBatchPdf(
  ctx: Ctx,
  id: number,
  out: Writable,
  progress: Progress = noProgress,
): Promise<db.Batch> {
  const batch = await getBatch(ctx, id);
  if (batch.status !== 'done')
    throw new DomainError(
      'conflict',
      batch.status === 'running' ? 'Пакет ещё выпускается' : 'Пакет не выпущен',
    );
  if (batch.documentCount === 0) throw new DomainError('conflict', 'В пакете нет ни одного документа');
  const snapshots = await db.selectBatchSnapshots(ctx.db, id);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'payment_document_batch',
      objectId: id,
      organisationId: batch.settlementCentreId,
    }),
  );
  await renderBatch(snapshots, out, {
    createdAt: batch.createdAt.toISOString(),
    title: `ЕПД за ${batch.period}, пакет № ${batch.id}`,
    onProgress: (done, total) => progress(done, total, 'страница'),
  });
  return batch;
}
