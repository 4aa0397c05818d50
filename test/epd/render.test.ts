/**
 * The rendered ЕПД checked from the outside with Debian's poppler-utils (pdftotext, pdftoppm, pdfinfo,
 * pdffonts) and zbar-tools (zbarimg), as issue 8's "done when" asks. Expected figures are the hand sums
 * written in src/services/epd/samples.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortForDelivery } from '../../src/domain/epd/delivery.js';
import type { EpdSnapshot } from '../../src/domain/epd/snapshot.js';
import type { Kopecks } from '../../src/domain/money.js';
import { renderBatchToFile, renderBatch, renderBill } from '../../src/services/epd/render.js';
import {
  sampleAdvance,
  sampleDebt,
  sampleMonthly,
  sampleTownSnapshots,
} from '../../src/services/epd/samples.js';

let dir: string;
const texts = new Map<string, string>();

/** pdftotext of a file (or one page of it), NBSP as a plain space, runs of spaces as one. */
function pdfText(file: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const out = execFileSync('pdftotext', [...pages, '-layout', file, '-'], { encoding: 'utf8' });
  return out.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
}

async function rendered(s: EpdSnapshot): Promise<{ file: string; text: string }> {
  const file = path.join(dir, `${s.kind}.pdf`);
  if (!texts.has(file)) {
    fs.writeFileSync(file, await renderBill(s));
    texts.set(file, pdfText(file));
  }
  return { file, text: texts.get(file)! };
}

/** The QR code read back from a 300 dpi image of the page, decoded by its encoding flag (RULES.md §8.2). */
function decodeQr(file: string): string {
  const prefix = path.join(dir, path.basename(file, '.pdf'));
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, prefix]);
  const raw = execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', `${prefix}.png`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const bytes = raw.subarray(0, raw.at(-1) === 0x0a ? -1 : undefined); // zbarimg ends with a newline
  const flag = String.fromCharCode(bytes[6]!);
  return flag === '1' ? iconv.decode(bytes, 'win1251') : bytes.toString('utf8');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epd-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a rendered monthly bill (pdftotext)', () => {
  it('title, period and the total to pay with its due date', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ');
    expect(text).toContain('коммунальных услуг за октябрь 2026 г.');
    // 951230 − 900000 + 999962 + 1287 = 1052479 kop
    expect(text).toMatch(/ИТОГО К ОПЛАТЕ \(с учётом задолженности\/аванса и пени\), ₽ 10 524,79/);
    expect(text).toContain('Оплатить до 16.11.2026 включительно');
  });

  it('payer: name, address, account, period, area, residents (п.69 «а»)', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('Плательщик: Фёдорова Анна Сергеевна');
    expect(text).toContain('Адрес: Демо-город, ул. Садовая, д. 14, кв. 27');
    expect(text).toContain('Лицевой счёт: 1000123');
    expect(text).toContain('Расчётный период: октябрь 2026 г.');
    expect(text).toContain('Площадь: 54,30 м²');
    expect(text).toContain('Зарегистрировано: 2 чел.');
  });

  it('the manager and each supplier with bank requisites and contacts (п.69 «б»)', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('ООО «Управляющая компания „Уютный дом“»');
    expect(text).toContain('Режим работы: пн–пт 9:00–18:00');
    expect(text).toContain('МУП «Водоканал Демо-города» — Холодное водоснабжение, Водоотведение');
    expect(text).toContain(
      'р/с 40702810300000077712 в АО «АЛЬФА-БАНК», БИК 044525593, к/с 30101810200000000593',
    );
    expect(text).toContain('АО «Теплосеть» — Горячее водоснабжение, Отопление');
    expect(text).toContain('АО «Энергосбыт» — Электроснабжение');
    expect(text).toContain('Получатель платежа: ООО «Расчётный центр Демо-города»');
  });

  it('per service: unit, volume, tariff, charged, coefficient, recalculation, reduction, total (п.69 «г»–«к(1)»)', async () => {
    const { text } = await rendered(sampleMonthly);
    // 54.30 × 32.50 = 1764.75
    expect(text).toContain('Содержание жилого помещения м² 54,30 32,50 1 764,75 1 764,75 площадь');
    // КР на СОИ as its own line, its volume in the common-needs column: 0.310 × 48.72 = 15.10
    expect(text).toContain('ХВС на СОИ м³ 0,310 48,72 15,10 15,10 ОДПУ');
    // 7 × 48.72 = 341.04, recalculation −48.72, total 292.32
    expect(text).toContain('Холодное водоснабжение м³ 7,000 48,72 341,04 -48,72 292,32 ИПУ');
    // 6 × 245.31 × 1.5 = 2207.79, excess 735.93
    expect(text).toContain('Горячее водоснабжение м³ 6,000 245,31 2 207,79 1,5 (735,93) 2 207,79 норматив');
    // 1.1946 × 2874.56 = 3433.95, reduction 25.75, total 3408.20
    expect(text).toContain('Отопление Гкал 1,1946 2874,56 3 433,95 25,75 3 408,20 ОДПУ');
    expect(text).toContain('Взнос на капитальный ремонт м² 54,30 15,50 841,65 841,65 площадь');
    // Σ charged 10 074,09 = 9 999,62 + 48,72 + 25,75; Σ totals 9 999,62
    expect(text).toContain('Итого за расчётный период 10 074,09 -48,72 25,75 9 999,62');
  });

  it('recalculations with their reasons (п.69 «к»)', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('Сведения о перерасчётах (доначисления +, уменьшения −)');
    expect(text).toContain('Холодное водоснабжение Показания ИПУ за 09.2026 переданы позже (п.61) -48,72');
  });

  it('debt from before, payments counted up to a date, penalty, period sum (Раздел 2)', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('Сумма к оплате за расчётный период 9 999,62');
    expect(text).toContain('Задолженность за предыдущие периоды 9 512,30');
    expect(text).toContain('Учтены платежи, поступившие до 31.10.2026 включительно 9 000,00');
    expect(text).toContain('Неустойка (штраф, пеня) 12,87');
    expect(text).toContain('Дата последней поступившей оплаты: 14.10.2026');
  });

  it('the meter readings section with its deadline, and the notices (verification ends soon)', async () => {
    const { text } = await rendered(sampleMonthly);
    expect(text).toContain('Показания индивидуальных приборов учёта (передать до 25.11.2026 включительно)');
    expect(text).toContain('Холодное водоснабжение ХВ-204711 — 312,000 (23.10.2026) 10.12.2026');
    expect(text).toContain('Электроснабжение 0119843 ночь 4311 (23.10.2026) 01.05.2031');
    expect(text).toContain('срок поверки истекает 10.12.2026');
  });

  it('the QR code decodes (zbarimg) to exactly the expected Windows-1251 payload', async () => {
    const { file } = await rendered(sampleMonthly);
    expect(decodeQr(file)).toBe(
      'ST00011|Name=ООО «Расчётный центр Демо-города»|PersonalAcc=40702810200000012345|BankName=ПАО СБЕРБАНК' +
        '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7705554441|KPP=770501001|Sum=1052479' +
        '|Purpose=Оплата ЖКУ за 10.2026|PersAcc=1000123|PaymPeriod=102026|LastName=Фёдорова|FirstName=Анна' +
        '|MiddleName=Сергеевна|PayerAddress=Демо-город, ул. Садовая, д. 14, кв. 27|TechCode=02',
    );
  });

  it('fonts are embedded (selectable text comes from an embedded TrueType subset)', async () => {
    const { file } = await rendered(sampleMonthly);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(2);
    for (const f of fonts) expect(f).toMatch(/DejaVuSans.*\s+yes\s+yes\s+yes/); // emb sub uni
  });
});

describe('the other kinds', () => {
  it('a debt bill: the title, no charge table, the UTF-8 QR code for Tatar letters', async () => {
    const { file, text } = await rendered(sampleDebt);
    expect(text).toContain('Счёт на оплату задолженности по состоянию на 01.11.2026');
    expect(text).toContain('Плательщик: Хәбибуллина Гөлнара Рәшитовна'); // ә, ө are in the embedded font
    expect(text).not.toContain('Расчёт размера платы');
    // 15 400,00 − 2 000,00 + 318,40 = 13 718,40
    expect(text).toContain('Задолженность за предыдущие периоды 15 400,00');
    expect(text).toMatch(/ИТОГО К ОПЛАТЕ .* 13 718,40/);
    const payload = decodeQr(file);
    expect(payload.startsWith('ST00012|Name=ООО «Расчётный центр Демо-города»|PersonalAcc=')).toBe(true);
    expect(payload).toContain('|Sum=1371840|');
    expect(payload).toContain('|LastName=Хәбибуллина|FirstName=Гөлнара|MiddleName=Рәшитовна|');
  });

  it('an advance bill: 3 months of 10 048,34 less the advance of 500,00 = 29 645,02', async () => {
    const { text } = await rendered(sampleAdvance);
    expect(text).toContain('Счёт на оплату вперёд на 3 мес. начиная с ноября 2026 г.');
    expect(text).toContain('Сумма к оплате за 3 мес. 30 145,02'); // 3 × 1004834 = 3014502
    expect(text).toContain('Аванс на начало расчётного периода 500,00');
    expect(text).toMatch(/ИТОГО К ОПЛАТЕ .* 29 645,02/);
  });
});

describe('an overpayment', () => {
  it('prints 0 to pay and the overpayment; the QR code has no Sum', async () => {
    // −20 000,00 − 9 000,00 + 9 999,62 + 12,87 = −2000000 − 900000 + 999962 + 1287 = −1898751 kop
    const s: EpdSnapshot = {
      ...sampleMonthly,
      openingBalanceKop: -2000000 as Kopecks,
      totalToPayKop: -1898751 as Kopecks,
    };
    const file = path.join(dir, 'overpaid.pdf');
    fs.writeFileSync(file, await renderBill(s));
    const text = pdfText(file);
    expect(text).toContain('Аванс на начало расчётного периода 20 000,00');
    expect(text).toMatch(/ИТОГО К ОПЛАТЕ .* 0,00\n/);
    expect(text).toContain('Переплата на дату документа: 18 987,51 ₽');
    expect(decodeQr(file)).not.toContain('Sum=');
  });
});

describe('reprints', () => {
  it('the same snapshot renders to the same bytes, also after a round trip through JSON (as stored)', async () => {
    const a = await renderBill(sampleMonthly);
    const stored = JSON.parse(JSON.stringify(sampleMonthly)) as EpdSnapshot;
    const b = await renderBill(stored);
    expect(b.equals(a)).toBe(true);
    // the stored snapshot, not today's tariff, is what prints: a changed tariff is a different document
    const lines = sampleMonthly.lines.map((l, i) => (i === 0 ? { ...l, tariff: '33.00' } : l));
    const changed = await renderBill({ ...sampleMonthly, lines });
    expect(changed.equals(a)).toBe(false);
  });
});

describe('batches', () => {
  it('N snapshots make N pages in delivery order, the font embedded once, with progress', async () => {
    const town = sampleTownSnapshots(6, 41);
    const file = path.join(dir, 'batch.pdf');
    const progress: string[] = [];
    await renderBatchToFile(town, file, {
      createdAt: '2026-11-02T09:00:00Z',
      title: 'Пакет ЕПД',
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(progress).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+6\n/);
    const expected = sortForDelivery(town).map((s) => s.address.text);
    expect(expected).not.toEqual(town.map((s) => s.address.text)); // the input was not already in order
    for (let i = 0; i < 6; i++) expect(pdfText(file, i + 1)).toContain(`Адрес: ${expected[i]}`);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(2);
  });

  it('nothing is written when a snapshot is not printable; the error names the field', async () => {
    let written = 0;
    const sink = new Writable({
      write(_chunk, _enc, done) {
        written++;
        done();
      },
    });
    const bad = { ...sampleMonthly, documentNumber: 'X-1', area: '' };
    await expect(
      renderBatch([sampleMonthly, bad], sink, { createdAt: '2026-11-02T09:00:00Z', title: 't' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('X-1'),
      details: [{ field: 'area', problem: expect.any(String) }],
    });
    expect(written).toBe(0);
  });
});
