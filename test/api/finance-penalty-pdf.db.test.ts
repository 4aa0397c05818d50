/**
 * The printable penalty breakdown (docs/finance.md "Penalty breakdown printable"): RULES.md example 6.3 stored as
 * the account's own charge line and payment, printed as a PDF and read back with pdftotext (poppler-utils).
 * Expected rows from RULES.md §6 example 6.3 (8,000.00 for January 2022, due 10.02.2022, paid 15.11.2022, rate
 * min(9.5, 7.5) = 7.5 %): 13.03–31.03.2022, 19 days, 1/300 → 38.00; 01.04–01.10.2022 ПП 497 moratorium → 0;
 * 02.10–15.11.2022, 45 days, 1/130 → 207.692308; total 245.69.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { chargeLine } from '../support/finance.js';

let t: TestApp;
let accountant: string;
let account: { id: number; number: string; payer: string };

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  account = (await t.db.maybeOne<{ id: number; number: string; payer: string }>(
    `select a.id, a.number, a.payer_name as payer from accounts a join premises p on p.id = a.premise_id
      where a.status = 'open' order by a.id offset 10 limit 1`,
  ))!;
  const svc = (await t.db.maybeOne<{ service: number; supplier: number }>(
    `select hs.service_id as service, hs.supplier_id as supplier from house_services hs
       join services s on s.id = hs.service_id join premises p on p.house_id = hs.house_id
       join accounts a on a.premise_id = p.id where a.id = $1 and s.code = 'maintenance'`,
    [account.id],
  ))!;
  await chargeLine(t.db, account.id, svc.service, svc.supplier, 800_000, '2022-01');
  const paid = await t.call('POST', '/api/v1/finance/payments', {
    cookie: accountant,
    body: {
      agentId: await t.orgId('Сбербанк (демо)'),
      agentPaymentId: 'PDF-1',
      paidOn: '2022-11-15',
      accountId: account.id,
      amountKop: 800_000,
    },
  });
  expect(paid.status, JSON.stringify(paid.json)).toBe(201);
});
afterAll(() => t.dispose());

/** pdftotext -layout, NBSP as a space and runs of spaces as one. */
function textOf(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhkh-penalty-pdf-')), 'p.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

describe('the penalty breakdown as a PDF', () => {
  it('RULES.md example 6.3 from stored data: the payer, the rows, the moratorium, 245,69; the print is audited', async () => {
    const res = await t.app.request(`/api/v1/finance/accounts/${account.id}/penalties/pdf?date=2022-11-15`, {
      headers: { cookie: accountant },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`penalty-${account.number}-2022-11-15.pdf`);
    const text = textOf(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('РАСЧЁТ ПЕНИ');
    expect(text).toContain('по состоянию на 15.11.2022');
    expect(text).toContain(`Лицевой счёт: ${account.number}`);
    expect(text).toContain(`Плательщик: ${account.payer}`);
    expect(text).toContain('Долг за январь 2022 г. (2022-01): 8 000,00 ₽, срок оплаты 10.02.2022');
    expect(text).toMatch(/Оплаты: 15\.11\.2022 — 8 000,00 ₽ \(платёж № \d+\)/);
    expect(text).toMatch(/13\.03\.2022 31\.03\.2022 19 8 000,00 7,5 % 1\/300 .* 38,00/);
    expect(text).toMatch(/01\.04\.2022 01\.10\.2022 .*мораторий: ПП РФ от 28\.03\.2022 № 497.* 0,00/);
    expect(text).toMatch(/02\.10\.2022 15\.11\.2022 45 8 000,00 7,5 % 1\/130 .* 207,69/);
    expect(text).toContain('Пени за 2022-01: 245,69 ₽');
    expect(text).toContain('Итого пени: 245,69 ₽');
    const audit = await t.db.query<{ actor: number; after: { date: string; totalKop: number } }>(
      `select actor_user_id as actor, after from audit_records
        where object_type = 'penalty_breakdown' and object_id = $1 and action = 'read'`,
      [String(account.id)],
    );
    expect(audit).toEqual([
      { actor: await t.userId('accountant'), after: { date: '2022-11-15', totalKop: 24_569 } },
    ]);
  });

  it('an account not visible or a bad date is refused before anything is printed or audited', async () => {
    const bad = await t.call('GET', `/api/v1/finance/accounts/${account.id}/penalties/pdf?date=2022-13-01`, {
      cookie: accountant,
    });
    expect(bad.status).toBe(400);
    const none = await t.call('GET', '/api/v1/finance/accounts/999999/penalties/pdf?date=2022-11-15', {
      cookie: accountant,
    });
    expect(none.status).toBe(404);
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_records where object_type = 'penalty_breakdown'`,
    );
    expect(audit[0]!.n).toBe(1);
  });
});
