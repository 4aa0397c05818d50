/**
 * The stored ЕПД through the API (docs/epd.md "Stored documents"): the account's list and the reprint PDF,
 * which is byte for byte the bill as issued; permissions documents.read, scope by organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDocument } from '../../src/services/epd/documents.js';
import { renderBill } from '../../src/services/epd/render.js';
import { sampleMonthly } from '../../src/services/epd/samples.js';
import { settlementCentreActor } from '../../src/services/import/import-actor.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let account: { id: number; number: string };
let documentId: number;
const snapshot = () => ({
  ...sampleMonthly,
  accountNumber: account.number,
  documentNumber: `2026-10/${account.number}`,
});

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  account = (await t.db.maybeOne<{ id: number; number: string }>(
    'select id, number from accounts where closed_on is null order by id limit 1',
  ))!;
  const ctx = { db: t.db, clock: t.clock, actor: await settlementCentreActor(t.db) };
  documentId = (await storeDocument(ctx, account.id, snapshot())).document.id;
});
afterAll(() => t.dispose());

describe('GET /accounts/{id}/payment-documents and /payment-documents/{id}/pdf', () => {
  it('lists the issued bill with its number and total', async () => {
    const res = await t.call('GET', `/api/v1/accounts/${account.id}/payment-documents`, {
      cookie: accountant,
    });
    expect(res.status, res.text).toBe(200);
    // total of the sample by hand (samples.ts): 951230 − 900000 + 999962 + 1287 = 1052479 kop
    expect(res.json.items).toEqual([
      {
        id: documentId,
        accountId: account.id,
        period: '2026-10',
        kind: 'monthly',
        months: 1,
        documentNumber: `2026-10/${account.number}`,
        totalToPayKop: 1_052_479,
        createdAt: '2026-11-02T09:00:00.000Z',
        createdBy: null,
      },
    ]);
  });

  it('reprints the stored bill: the same bytes as the bill issued', async () => {
    const res = await t.app.request(`/api/v1/payment-documents/${documentId}/pdf`, {
      headers: { cookie: accountant },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(await renderBill(snapshot()))).toBe(true);
  });

  it('refuses a user without documents.read (403) and an unknown document (404)', async () => {
    const passport = await t.login('passport');
    const denied = await t.call('GET', `/api/v1/payment-documents/${documentId}/pdf`, {
      cookie: passport,
    });
    expect(denied.status).toBe(403);
    const missing = await t.call('GET', '/api/v1/payment-documents/999999999/pdf', {
      cookie: accountant,
    });
    expect(missing.status).toBe(404);
  });
});
