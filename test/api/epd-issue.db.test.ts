/**
 * Issuing ЕПД and batches through the API (docs/epd.md "Issuing", "Batches"): POST a monthly bill for an
 * account of a charged and closed October and open its PDF; bad requests name the field; a house's batch
 * issues the rest of its accounts' bills with progress in its row, and its PDF has one page per document in
 * delivery order (flats ascending, as numbers).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod, startRun, workRun } from '../../src/services/billing/runs.js';
import { settlementCentreActor } from '../../src/services/import/import-actor.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let houseId: number;
let accountIds: number[];
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epd-api-'));
  accountant = await t.login('accountant');
  const ctx = { db: t.db, clock: t.clock, actor: await settlementCentreActor(t.db) };
  // the smallest house of the town, so its batch is quick
  houseId = (await t.db.maybeOne<{ id: number }>(
    `select p.house_id as id from accounts a join premises p on p.id = a.premise_id
      group by p.house_id order by count(*), p.house_id limit 1`,
  ))!.id;
  accountIds = (
    await t.db.query<{ id: number }>(
      'select a.id from accounts a join premises p on p.id = a.premise_id where p.house_id = $1 order by a.id',
      [houseId],
    )
  ).map((r) => Number(r.id));
  const run = await startRun(ctx, { period: '2026-10', scope: { kind: 'house', id: houseId } });
  await workRun(t.db, { clock: t.clock, userId: null }, run.id, 'epd-api');
  await closePeriod(ctx, '2026-10');
}, 180_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.dispose();
});

describe('POST /accounts/{id}/payment-documents', () => {
  it('issues the monthly bill (201), then returns the same one (200); its PDF opens', async () => {
    const path1 = `/api/v1/accounts/${accountIds[0]}/payment-documents`;
    const first = await t.call('POST', path1, {
      cookie: accountant,
      body: { kind: 'monthly', period: '2026-10' },
    });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({
      accountId: accountIds[0],
      period: '2026-10',
      kind: 'monthly',
      months: 1,
    });
    const again = await t.call('POST', path1, {
      cookie: accountant,
      body: { kind: 'monthly', period: '2026-10' },
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const pdf = await t.app.request(`/api/v1/payment-documents/${first.json.id}/pdf`, {
      headers: { cookie: accountant },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('names the field of a bad request; the analyst may not issue', async () => {
    const p = `/api/v1/accounts/${accountIds[0]}/payment-documents`;
    const open = await t.call('POST', p, {
      cookie: accountant,
      body: { kind: 'monthly', period: '2026-11' },
    });
    expect(open.status).toBe(400);
    expect(open.json.error.details[0].field).toBe('period');
    const months = await t.call('POST', p, { cookie: accountant, body: { kind: 'advance', months: 25 } });
    expect(months.status).toBe(400);
    expect(JSON.stringify(months.json)).toContain('months');
    // a manager's administrator sees only its own houses: another's account is not found
    const managerName = (await t.db.maybeOne<{ name: string }>(
      `select o.name from house_managers hm join organisations o on o.id = hm.manager_id
        where hm.house_id = $1 and hm.valid_to is null`,
      [houseId],
    ))!.name;
    const other = await t.login(managerName === 'ТСЖ Берёзка' ? 'uk_admin' : 'tsj_admin');
    const hidden = await t.call('POST', p, { cookie: other, body: { kind: 'monthly', period: '2026-10' } });
    expect(hidden.status).toBe(404);
    const analyst = await t.login('analyst');
    const refused = await t.call('POST', p, { cookie: analyst, body: { kind: 'debt', date: '2026-11-01' } });
    expect(refused.status).toBe(403);
  });
});

describe('POST /payment-document-batches', () => {
  it('issues a house batch with progress; its PDF has a page per account in delivery order', async () => {
    const start = await t.call('POST', '/api/v1/payment-document-batches', {
      cookie: accountant,
      body: { period: '2026-10', houseId },
    });
    expect(start.status, start.text).toBe(202);
    expect(start.json).toMatchObject({
      scopeKind: 'house',
      scopeId: houseId,
      accountsTotal: accountIds.length,
    });
    let batch = start.json;
    for (let i = 0; i < 300 && batch.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      batch = (await t.call('GET', `/api/v1/payment-document-batches/${batch.id}`, { cookie: accountant }))
        .json;
    }
    expect(batch).toMatchObject({ status: 'done', accountsDone: accountIds.length, accountsSkipped: 0 });
    // one account was issued above: the batch issued the others and took that one as it was
    expect(batch.documentsIssued).toBe(accountIds.length - 1);
    expect(batch.documentCount).toBe(accountIds.length);
    const res = await t.app.request(`/api/v1/payment-document-batches/${batch.id}/pdf`, {
      headers: { cookie: accountant },
    });
    expect(res.status).toBe(200);
    const file = path.join(dir, 'batch.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      new RegExp(`Pages:\\s+${accountIds.length}\\n`),
    );
    const flats = (
      await t.db.query<{ n: string }>(
        `select p.number as n from accounts a join premises p on p.id = a.premise_id where a.id = any($1::bigint[])`,
        [accountIds],
      )
    ).map((r) => r.n);
    const expected = [...flats].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
    const printed: string[] = [];
    for (let page = 1; page <= Math.min(3, flats.length); page++) {
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
        encoding: 'utf8',
      });
      printed.push(/кв\. ([^\s,]+)/.exec(text)![1]!);
    }
    expect(printed).toEqual(expected.slice(0, printed.length));
    const list = await t.call('GET', '/api/v1/payment-document-batches', { cookie: accountant });
    expect(list.json.items[0].id).toBe(batch.id);
  }, 120_000);

  it('needs exactly one scope and a closed period', async () => {
    const none = await t.call('POST', '/api/v1/payment-document-batches', {
      cookie: accountant,
      body: { period: '2026-10' },
    });
    expect(none.status).toBe(400);
    const open = await t.call('POST', '/api/v1/payment-document-batches', {
      cookie: accountant,
      body: { period: '2026-11', houseId },
    });
    expect(open.status).toBe(400);
    expect(open.json.error.details[0].field).toBe('period');
  });
});
