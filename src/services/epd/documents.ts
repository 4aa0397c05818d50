/**
 * Issued payment documents (ЕПД): storing a bill's snapshot when it is issued and reprinting it from the
 * stored snapshot (RULES.md §8.1; docs/epd.md "Stored documents"). A reprint never rebuilds the figures, so
 * it is byte for byte the document the payer got, even after a retroactive tariff change.
 */
import { selectAccount } from '../../db/registry/accounts.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import type { Queryable } from '../../db/client.js';
import * as db from '../../db/epd/documents.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { assertPrintable, type EpdSnapshot } from '../../domain/epd/snapshot.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { renderBill } from './render.js';

export type { StoredDocument } from '../../db/epd/documents.js';

async function requireAccountVisible(ctx: Ctx, q: Queryable, id: number) {
  const a = await selectAccount(q, id);
  if (!a || !(await isHouseVisible(q, ctx.actor, a.house.id)))
    throw new DomainError('not_found', 'Лицевой счёт не найден');
  return a;
}

/**
 * Stores the snapshot of a bill as issued, numbered, with who and when, unless the account × period × kind
 * already has a document: then the stored one is returned and nothing is written (issuing twice is one
 * issue). The snapshot must be printable (every problem named by its field) and be the account's own.
 */
export async function storeDocument(
  ctx: Ctx,
  accountId: number,
  snapshot: EpdSnapshot,
): Promise<{ document: db.StoredDocument; created: boolean }> {
  requirePermission(ctx.actor, 'documents.issue');
  const account = await requireAccountVisible(ctx, ctx.db, accountId);
  if (snapshot.accountNumber !== account.number)
    throw validationFailed([
      { field: 'accountNumber', problem: `документ другого лицевого счёта (ожидался ${account.number})` },
    ]);
  assertPrintable(snapshot);
  return ctx.db.transaction(async (tx) => {
    const { id, created } = await db.insertDocument(
      tx,
      { settlementCentreId: account.settlementCentreId, accountId, snapshot },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    const document = (await db.selectDocument(tx, id))!;
    if (created)
      await recordAudit(tx, ctx, {
        action: 'create',
        objectType: 'payment_document',
        objectId: id,
        organisationId: account.settlementCentreId,
        after: {
          accountId,
          period: document.period,
          kind: document.kind,
          documentNumber: document.documentNumber,
          totalToPayKop: document.totalToPayKop,
        },
      });
    return { document, created };
  });
}

/** The account's issued documents, newest period first. */
export async function listAccountDocuments(ctx: Ctx, accountId: number): Promise<db.StoredDocument[]> {
  requirePermission(ctx.actor, 'documents.read');
  await requireAccountVisible(ctx, ctx.db, accountId);
  return db.selectAccountDocuments(ctx.db, accountId);
}

/** The stored document's PDF, rendered from its stored snapshot only; the reading is audited. */
export async function reprintDocument(
  ctx: Ctx,
  id: number,
): Promise<{ document: db.StoredDocument; pdf: Buffer }> {
  requirePermission(ctx.actor, 'documents.read');
  const document = await db.selectDocument(ctx.db, id);
  if (!document || !ctx.actor.scope.includes(document.settlementCentreId))
    throw new DomainError('not_found', 'Документ не найден');
  await requireAccountVisible(ctx, ctx.db, document.accountId);
  const snapshot = (await db.selectSnapshot(ctx.db, id))!;
  // the bill names the payer and the address: who printed it again is recorded, as for residents' documents
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'payment_document',
      objectId: id,
      organisationId: document.settlementCentreId,
    }),
  );
  return { document, pdf: await renderBill(snapshot) };
}
