/**
 * Stored payment documents (issue 8 part 2, docs/epd.md "Stored documents"): a bill's snapshot is stored
 * when issued, numbered, with who and when and an audit record in the same transaction; issuing the same
 * account × period × kind again writes nothing; a reprint renders the stored snapshot only, so it is the
 * same bytes as the bill first issued. The snapshot is the hand-summed sample of src/services/epd/samples.ts
 * put on a demo account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access.js';
import type { EpdSnapshot } from '../../src/domain/epd/snapshot.js';
import { DomainError } from '../../src/domain/errors.js';
import { kop } from '../../src/domain/money.js';
import { manualClock, type Ctx } from '../../src/services/context.js';
import { listAccountDocuments, reprintDocument, storeDocument } from '../../src/services/epd/documents.js';
import { renderBill } from '../../src/services/epd/render.js';
import { sampleDebt, sampleMonthly } from '../../src/services/epd/samples.js';
import { settlementCentreActor } from '../../src/services/import/import-actor.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
let ctx: Ctx;
let account: { id: number; number: string };
let other: { id: number; number: string };

const onAccount = (s: EpdSnapshot, number: string): EpdSnapshot => ({
  ...s,
  accountNumber: number,
  documentNumber: `${s.period}/${number}/${s.kind}`,
});

async function caught(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const count = async (accountId: number) =>
  (await db.maybeOne<{ n: number }>(
    'select count(*)::int as n from payment_documents where account_id = $1',
    [accountId],
  ))!.n;

beforeAll(async () => {
  db = await createTestDb();
  const actor: Actor = await settlementCentreActor(db);
  ctx = { db, clock: manualClock('2026-11-02T09:00:00Z'), actor };
  const rows = await db.query<{ id: number; number: string }>(
    'select id, number from accounts where closed_on is null order by id limit 2',
  );
  [account, other] = [rows[0]!, rows[1]!];
});
afterAll(() => db.dispose());

describe('issuing and reprinting a stored document', () => {
  it('stores the snapshot numbered, with who and when, audited; the reprint is the same bytes', async () => {
    const snapshot = onAccount(sampleMonthly, account.number);
    const { document, created } = await storeDocument(ctx, account.id, snapshot);
    expect(created).toBe(true);
    // the sample's hand sum (samples.ts): 9 512.30 debt − 9 000.00 paid + 9 999.62 for October + 12.87
    // = 951230 − 900000 + 999962 + 1287 = 1052479 kop
    expect(document).toMatchObject({
      accountId: account.id,
      period: '2026-10',
      kind: 'monthly',
      months: 1,
      documentNumber: `2026-10/${account.number}/monthly`,
      totalToPayKop: 1_052_479,
      createdAt: new Date('2026-11-02T09:00:00Z'),
    });
    const audit = await db.query<{ action: string }>(
      `select action from audit_records where object_type = 'payment_document' and object_id = $1`,
      [String(document.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const reprint = await reprintDocument(ctx, document.id);
    expect(reprint.pdf.equals(await renderBill(snapshot))).toBe(true);
    const after = await db.query<{ action: string }>(
      `select action from audit_records where object_type = 'payment_document' and object_id = $1 order by id`,
      [String(document.id)],
    );
    expect(after.map((a) => a.action)).toEqual(['create', 'read']);
  });

  it('issuing the same account × period × kind again writes nothing and keeps the first figures', async () => {
    const before = await listAccountDocuments(ctx, account.id);
    const first = before.find((d) => d.kind === 'monthly')!;
    const changed = onAccount(
      { ...sampleMonthly, penaltyKop: kop(sampleMonthly.penaltyKop + 100) },
      account.number,
    );
    const again = await storeDocument(ctx, account.id, {
      ...changed,
      totalToPayKop: kop(changed.totalToPayKop + 100),
    });
    expect(again.created).toBe(false);
    expect(again.document.id).toBe(first.id);
    expect(again.document.totalToPayKop).toBe(1_052_479);
    expect(await count(account.id)).toBe(1);
    const reprint = await reprintDocument(ctx, first.id);
    expect(reprint.pdf.equals(await renderBill(onAccount(sampleMonthly, account.number)))).toBe(true);
  });

  it('a debt bill of the same period is a document of its own; the list shows both', async () => {
    const debt = onAccount(sampleDebt, account.number);
    const { created } = await storeDocument(ctx, account.id, debt);
    expect(created).toBe(true);
    const list = await listAccountDocuments(ctx, account.id);
    // both of period 2026-10 (the debt sample keeps the monthly sample's period): by kind
    expect(list.map((d) => [d.period, d.kind])).toEqual([
      ['2026-10', 'debt'],
      ['2026-10', 'monthly'],
    ]);
  });

  it('refuses the snapshot of another account, naming the field; nothing stored', async () => {
    const e = await caught(storeDocument(ctx, other.id, onAccount(sampleMonthly, account.number)));
    expect(e.code).toBe('validation_failed');
    expect(e.details.map((d) => d.field)).toEqual(['accountNumber']);
    expect(await count(other.id)).toBe(0);
  });

  it('refuses an unprintable snapshot with every problem named; nothing stored', async () => {
    const bad = onAccount(
      {
        ...sampleMonthly,
        recipient: { ...sampleMonthly.recipient, bank: { ...sampleMonthly.recipient.bank, bik: '12' } },
      },
      other.number,
    );
    const e = await caught(storeDocument(ctx, other.id, bad));
    expect(e.code).toBe('validation_failed');
    expect(e.details.map((d) => d.field)).toContain('recipient.bank.bik');
    expect(await count(other.id)).toBe(0);
  });

  it('an analyst may read documents but not issue them; an unknown document is not found', async () => {
    const analyst: Ctx = { ...ctx, actor: { ...ctx.actor, roles: ['analyst'] } };
    expect(
      (await caught(storeDocument(analyst, other.id, onAccount(sampleMonthly, other.number)))).code,
    ).toBe('forbidden');
    expect((await listAccountDocuments(analyst, account.id)).length).toBe(2);
    expect((await caught(reprintDocument(ctx, 999_999_999))).code).toBe('not_found');
  });
});
