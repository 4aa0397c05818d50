/**
 * ЕПД issued from the database (issue 8 part 2; docs/epd.md "Issuing"), on the demo town through the real
 * services: October 2026 charged for the first house by a billing run and closed; its first account's bill
 * is issued, read back with pdftotext and its QR code decoded with zbarimg; a payment, a debt bill and an
 * advance bill; then the maintenance tariff is raised from 1 October, the recalculation runs, and the stored
 * October bill reprints byte for byte while November's bill shows the recalculation with its reason.
 *
 * Expected figures: the maintenance line by hand from the registry (premise area × the house's tariff), the
 * tariff change's recalculation by hand (area × the rate difference); the other lines' sum from the charge
 * lines table by SQL (the billing core's own tests check them against RULES.md), independent of the ЕПД code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectSnapshot } from '../../src/db/epd/documents.js';
import type { Actor } from '../../src/domain/access.js';
import { DomainError } from '../../src/domain/errors.js';
import { closePeriod, processRequests, startRun, workRun } from '../../src/services/billing/runs.js';
import type { Ctx } from '../../src/services/context.js';
import { reprintDocument } from '../../src/services/epd/documents.js';
import { issueDocument } from '../../src/services/epd/issue.js';
import { recordPayment } from '../../src/services/finance/payments.js';
import { settlementCentreActor } from '../../src/services/import/import-actor.js';
import { createTariff } from '../../src/services/registry/tariffs.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let ctx: Ctx;
let dir: string;
let houseId: number;
let account: {
  id: number;
  number: string;
  payer_name: string;
  street: string;
  house_number: string;
  flat: string;
  area: string;
};
let maintenance: { serviceId: number; supplierId: number; rate: string };
/** Σ of the account's October lines and of its own charges (no reductions), from the table by SQL. */
let octoberTotal: number;
let octoberCharges: number;
let octoberPdf: Buffer;
let octoberId: number;

/** pdftotext of PDF bytes, NBSP and runs of spaces as one space. */
function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return out.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
}

/** The QR code read back from a 300 dpi image of the page, decoded by its encoding flag (RULES.md §8.2). */
function decodeQr(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, prefix]);
  const raw = execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', `${prefix}.png`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const bytes = raw.subarray(0, raw.at(-1) === 0x0a ? -1 : undefined);
  return String.fromCharCode(bytes[6]!) === '1' ? iconv.decode(bytes, 'win1251') : bytes.toString('utf8');
}

/** 123456 kop → «1 234,56» as printed (a space between thousands). */
const rub = (kop: number) => {
  const sign = kop < 0 ? '-' : '';
  const a = Math.abs(kop);
  return `${sign}${String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+$)/g, ' ')},${String(a % 100).padStart(2, '0')}`;
};

async function sumLines(where: string, period: string): Promise<number> {
  const row = await t.db.maybeOne<{ kop: number }>(
    `select coalesce(sum(amount_kop), 0)::bigint as kop from charge_lines
      where account_id = $1 and period = $2 and superseded_at is null and ${where}`,
    [account.id, period],
  );
  return Number(row!.kop);
}

async function runHouse(period: string) {
  const run = await startRun(ctx, { period, scope: { kind: 'house', id: houseId } });
  const done = await workRun(t.db, { clock: t.clock, userId: null }, run.id, 'epd-test');
  expect([done.status, done.housesFailed]).toEqual(['done', 0]);
}

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epd-issue-'));
  const actor: Actor = await settlementCentreActor(t.db);
  ctx = { db: t.db, clock: t.clock, actor };
  houseId = (await t.db.maybeOne<{ id: number }>('select id from houses order by id limit 1'))!.id;
  account = (await t.db.maybeOne<typeof account>(
    `select a.id, a.number, a.payer_name, h.street, h.house_number, p.number as flat,
            trim_scale(pa.total_area * a.area_share)::text as area
       from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
       join premise_areas pa on pa.premise_id = p.id and pa.valid_to is null
      where h.id = $1 and p.kind = 'flat' and a.payer_kind = 'person' and a.closed_on is null
      order by a.id limit 1`,
    [houseId],
  ))!;
  maintenance = (await t.db.maybeOne<typeof maintenance>(
    `select hs.service_id as "serviceId", hs.supplier_id as "supplierId", trim_scale(t.rate)::text as rate
       from house_services hs join services s on s.id = hs.service_id and s.code = 'maintenance'
       join tariffs t on t.service_id = hs.service_id and t.supplier_id = hs.supplier_id
        and t.valid_from <= '2026-10-01' and (t.valid_to is null or t.valid_to >= '2026-10-31')
      where hs.house_id = $1 and hs.valid_to is null
      order by (select count(*) from tariff_houses th where th.tariff_id = t.id) desc, t.valid_from desc limit 1`,
    [houseId],
  ))!;
  await runHouse('2026-10');
  await closePeriod(ctx, '2026-10');
  octoberTotal = await sumLines('true', '2026-10');
  octoberCharges = await sumLines(`origin = 'original' and line_kind = 'charge'`, '2026-10');
}, 180_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.dispose();
});

describe('the monthly bill of October 2026', () => {
  it('prints the payer, the lines and the total; the maintenance line is area × tariff by hand', async () => {
    const { document, created } = await issueDocument(ctx, account.id, {
      kind: 'monthly',
      period: '2026-10',
    });
    expect(created).toBe(true);
    // nothing before October, no payments in it, no penalty: the total is the month's lines
    expect(document).toMatchObject({
      period: '2026-10',
      kind: 'monthly',
      months: 1,
      totalToPayKop: octoberTotal,
    });
    octoberId = document.id;
    octoberPdf = (await reprintDocument(ctx, document.id)).pdf;
    const text = pdfText(octoberPdf, 'october');
    expect(text).toContain('ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ');
    expect(text).toContain('за октябрь 2026 г.');
    expect(text).toContain(account.number);
    expect(text).toContain(account.payer_name);
    expect(text).toContain(`кв. ${account.flat}`);
    // the demo's maintenance is 35.50 ₽/m²: area × 35.50, rounded once, e.g. 78.5 × 35.50 = 2 786.75
    const area = Number(account.area);
    const maintenanceKop = Math.round(area * Number(maintenance.rate) * 100);
    expect(Number(maintenance.rate)).toBe(35.5);
    const line = text.split('\n').find((l) => l.includes('Содержание жилого помещения'))!;
    expect(line).toContain(rub(maintenanceKop));
    expect(line).toContain('35,5');
    expect(text).toContain(rub(octoberTotal));
    // due: the 15th of November (penalty.due_day 15 from 2026-02), a Sunday, so Monday the 16th
    // (penalty.due_date_weekend_shift, ГК ст.193; RULES-ADDENDUM §6)
    expect(text).toContain('Оплатить до 16.11.2026 включительно');
  });

  it('the QR code decodes to exactly the payment string of ГОСТ Р 56042 with the total in kopecks', async () => {
    const bank = (await t.db.maybeOne<{ account: string }>(
      `select b.account from bank_accounts b join organisations o on o.id = b.organisation_id
        where o.kind = 'settlement_centre' and b.is_primary`,
    ))!;
    const [last, first, ...middle] = account.payer_name.split(' ');
    const expected =
      'ST00011|Name=ЕИРЦ Демо-города' +
      `|PersonalAcc=${bank.account}|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225` +
      `|PayeeINN=7701000019|KPP=770101001|Sum=${octoberTotal}|Purpose=Оплата ЖКУ за 10.2026` +
      `|PersAcc=${account.number}|PaymPeriod=102026|LastName=${last}|FirstName=${first}` +
      (middle.length > 0 ? `|MiddleName=${middle.join(' ')}` : '') +
      `|PayerAddress=г. Демо-город, ${account.street}, д. ${account.house_number}, кв. ${account.flat}|TechCode=02`;
    expect(decodeQr(octoberPdf, 'october-qr')).toBe(expected);
  });

  it('issuing it again returns the stored document and writes nothing', async () => {
    const again = await issueDocument(ctx, account.id, { kind: 'monthly', period: '2026-10' });
    expect([again.created, again.document.id]).toEqual([false, octoberId]);
  });

  it('refuses the open period and a period not closed, naming the field', async () => {
    const e = await issueDocument(ctx, account.id, { kind: 'monthly', period: '2026-11' }).catch((x) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details[0]!.field).toBe('period');
  });
});

describe('debt and advance bills', () => {
  it('a payment of 5 000 ₽ on 1 November: the debt as of 2 November is October less it', async () => {
    const agent = await t.orgId('Сбербанк (демо)');
    await recordPayment(ctx, {
      agentId: agent,
      agentPaymentId: 'epd-test-1',
      paidOn: '2026-11-01' as never,
      accountId: account.id,
      amountKop: 500_000,
    });
    const { document } = await issueDocument(ctx, account.id, { kind: 'debt', date: '2026-11-02' });
    // by hand: October's lines (all before November) − 5 000.00 paid in November up to the 2nd
    expect(document).toMatchObject({ kind: 'debt', period: '2026-11', months: 0 });
    expect(document.totalToPayKop).toBe(octoberTotal - 500_000);
    const text = pdfText((await reprintDocument(ctx, document.id)).pdf, 'debt');
    expect(text).toContain('Счёт на оплату задолженности по состоянию на 02.11.2026');
    expect(text).toContain(rub(octoberTotal - 500_000));
  });

  it('three months ahead: the balance less the payment plus 3 × October’s own charges', async () => {
    const { document } = await issueDocument(ctx, account.id, { kind: 'advance', months: 3 });
    expect(document).toMatchObject({ kind: 'advance', period: '2026-11', months: 3 });
    // by hand: opening of November (October's lines) − 5 000.00 + 3 × October's charges without reductions
    expect(document.totalToPayKop).toBe(octoberTotal - 500_000 + 3 * octoberCharges);
    const snapshot = (await selectSnapshot(t.db, document.id))!;
    expect(snapshot.lines.every((l) => l.recalculationKop === 0 && l.reductionKop === 0)).toBe(true);
  });

  it('refuses 0 months and a date in the future by field', async () => {
    for (const [r, field] of [
      [{ kind: 'advance', months: 0 }, 'months'],
      [{ kind: 'debt', date: '2026-12-01' }, 'date'],
    ] as const) {
      const e = await issueDocument(ctx, account.id, r).catch((x) => x);
      expect((e as DomainError).details[0]!.field).toBe(field);
    }
  });
});

describe('a retroactive tariff change', () => {
  it('the October bill reprints byte for byte; November shows the recalculation with its reason', async () => {
    // the house's maintenance tariff raised to 40.00 ₽/m² from 1 October
    await createTariff(ctx, {
      supplierId: maintenance.supplierId,
      serviceId: maintenance.serviceId,
      zone: 'single',
      rate: '40',
      validFrom: '2026-10-01',
      houseIds: [houseId],
    });
    const outcomes = await processRequests(t.db, { clock: t.clock, userId: null });
    expect(outcomes.length).toBeGreaterThan(0);
    const reprint = await reprintDocument(ctx, octoberId);
    expect(reprint.pdf.equals(octoberPdf)).toBe(true);

    await runHouse('2026-11');
    await closePeriod(ctx, '2026-11');
    const { document } = await issueDocument(ctx, account.id, { kind: 'monthly', period: '2026-11' });
    const snapshot = (await selectSnapshot(t.db, document.id))!;
    // by hand: area × (40.00 − 35.50), the October charge redone at the new rate less the old one
    const area = Number(account.area);
    const recalcKop = Math.round(area * 40 * 100) - Math.round(area * 35.5 * 100);
    const line = snapshot.lines.find((l) => l.service === 'Содержание жилого помещения')!;
    expect(line.recalculationKop).toBe(recalcKop);
    expect(line.tariff).toBe('40');
    expect(snapshot.recalculations).toContainEqual({
      service: 'Содержание жилого помещения',
      reason: 'изменение тарифа (за 10.2026)',
      amountKop: recalcKop,
    });
    const text = pdfText((await reprintDocument(ctx, document.id)).pdf, 'november');
    expect(text).toContain('изменение тарифа (за 10.2026)');
    expect(text).toContain(rub(recalcKop));
  }, 180_000);
});
