/**
 * The ЕПД as PDF: one A4 page per snapshot in the layout of the model form (Приказ Минстроя № 43/пр,
 * sections by title: RULES-ADDENDUM §5), DejaVu Sans embedded (subset) so the Cyrillic text is selectable,
 * the QR code (ГОСТ Р 56042-2014, RULES.md §8.2) drawn as vector rectangles.
 *
 * Reproducible bytes: the document's dates come from the snapshot (`issuedAt`) or the batch's `createdAt`,
 * pdfkit derives the file /ID from them, the font subset tag from the font's id, and nothing else varies,
 * so a reprint of a stored snapshot is byte-for-byte the original. No clock, no environment.
 *
 * Batches: many snapshots into one PDF (the font embedded once), in delivery order, streamed to a
 * writable with a progress callback. docs/epd.md describes the layout; docs/performance.md the speed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { sortForDelivery } from '../../domain/epd/delivery.js';
import { epdQrPayload } from '../../domain/epd/qr.js';
import { ruDate } from '../../domain/epd/notices.js';
import {
  assertPrintable,
  epdLineGroups,
  periodTotal,
  type EpdLineGroup,
  type EpdOrganisation,
  type EpdServiceLine,
  type EpdSnapshot,
} from '../../domain/epd/snapshot.js';
import { formatRubles, type Kopecks } from '../../domain/money.js';

const fontsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');
let fontCache: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= {
    regular: fs.readFileSync(path.join(fontsDir, 'DejaVuSans.ttf')),
    bold: fs.readFileSync(path.join(fontsDir, 'DejaVuSans-Bold.ttf')),
  };
  return fontCache;
}

type Doc = PDFKit.PDFDocument;

const PAGE_W = 595.28;
const M = 24; // margin
const W = PAGE_W - 2 * M;
const GREY = '#e6e6e6';

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** «октябрь 2026 г.» */
export function periodTitle(period: string): string {
  return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)} г.`;
}

function monthFrom(period: string): string {
  return `${MONTHS_GENITIVE[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)} г.`;
}

/** The title under «ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ» for each kind. */
export function kindTitle(s: EpdSnapshot): string {
  if (s.kind === 'debt') return `Счёт на оплату задолженности по состоянию на ${ruDate(s.paymentsUpTo)}`;
  if (s.kind === 'advance')
    return `Счёт на оплату вперёд на ${s.months} мес. начиная с ${monthFrom(s.period)}`;
  return `за ${periodTitle(s.period)}`;
}

const money = (k: Kopecks | number) => formatRubles(k as Kopecks);
/** Decimal text with a comma: '54.30' → '54,30'. */
const dec = (s: string | null) => (s === null ? '' : s.replace('.', ','));

/**
 * pdfkit's font object, the part used here: `encode` adds the glyphs to the document's subset (and to its
 * ToUnicode map, so the text stays extractable) and gives their hex codes with the kerning positions.
 */
type PdfFont = {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(
    text: string,
  ): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  widthOfString(text: string, size: number): number;
};
type DocFonts = { R: PdfFont; B: PdfFont; shown: Map<string, string | null> };
const docFonts = new WeakMap<Doc, DocFonts>();
function fontsOf(doc: Doc): DocFonts {
  let f = docFonts.get(doc);
  if (f === undefined) {
    const current = (d: Doc) => (d as unknown as { _font: PdfFont })._font;
    const R = current(doc.font('R'));
    const B = current(doc.font('B'));
    f = { R, B, shown: new Map() };
    docFonts.set(doc, f);
  }
  return f;
}

/** A number in a content stream: at most 3 decimals, no exponent (coordinates are within the page). */
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/**
 * The show-text operator of a string in a font of this document (`<hex> Tj`, or `[… ] TJ` with the
 * kerning adjustments), made once per document and string: the labels and many figures repeat on every
 * page. Null when a glyph is positioned off its baseline (not in DejaVu's Latin/Cyrillic; pdfkit then draws it).
 */
function shownText(f: DocFonts, font: PdfFont, s: string): string | null {
  const key = `${font.id}\u0000${s}`;
  let op = f.shown.get(key);
  if (op !== undefined) return op;
  const [hex, positions] = font.encode(s);
  const parts: string[] = [];
  let last = 0;
  op = null;
  let offset = false;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p.xOffset || p.yOffset) offset = true;
    const adjust = p.xAdvance - p.advanceWidth;
    if (adjust !== 0) {
      parts.push(`<${hex.slice(last, i + 1).join('')}> ${num(-adjust)}`);
      last = i + 1;
    }
  }
  if (!offset) {
    if (last < hex.length) parts.push(`<${hex.slice(last).join('')}>`);
    op = parts.length === 1 && last === 0 ? `${parts[0]} Tj` : `[${parts.join(' ')}] TJ`;
  }
  f.shown.set(key, op);
  return op;
}

/**
 * A line of text with its top at (x, y), written straight into the page's content stream: one text object
 * with the font, a text matrix that flips pdfkit's top-down page space back upright, and the cached
 * show-text operator. pdfkit's `text` does the same with a save/transform/restore and its layout work on
 * every call, which was a third of a page's time (docs/performance.md).
 */
function text(doc: Doc, s: string, x: number, y: number, size = 7, bold = false): void {
  if (s === '') return;
  const f = fontsOf(doc);
  const font = bold ? f.B : f.R;
  const op = shownText(f, font, s);
  if (op === null) {
    doc
      .font(bold ? 'B' : 'R')
      .fontSize(size)
      .text(s, x, y, { lineBreak: false });
    return;
  }
  const page = doc.page as unknown as { fonts: Record<string, unknown> };
  page.fonts[font.id] ??= font.ref();
  doc.addContent(
    `BT /${font.id} ${num(size)} Tf 1 0 0 -1 ${num(x)} ${num(y + (font.ascender / 1000) * size)} Tm ${op} ET`,
  );
}

/**
 * Text widths by font, size and string, kept across pages and documents: the labels, names and many
 * figures repeat on every bill. The widths depend on the embedded fonts only. Bounded in size.
 */
const widths = new Map<string, number>();
function widthOf(doc: Doc, s: string, size: number, bold: boolean): number {
  const key = `${bold ? 'B' : 'R'}${size}\u0000${s}`;
  let w = widths.get(key);
  if (w === undefined) {
    const f = fontsOf(doc);
    w = (bold ? f.B : f.R).widthOfString(s, size);
    if (widths.size >= 100_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/** Right-aligned at `right` (a cell never wraps). */
function textRight(doc: Doc, s: string, right: number, y: number, size = 7, bold = false): void {
  if (s === '') return;
  text(doc, s, right - widthOf(doc, s, size, bold), y, size, bold);
}

/** Text cut to fit `width` (a long name must not run into the next column). */
function fit(doc: Doc, s: string, width: number, size = 7, bold = false): string {
  if (widthOf(doc, s, size, bold) <= width) return s;
  let cut = s;
  while (cut.length > 1 && widthOf(doc, `${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Wrapped text in a box; returns the height used. */
function para(doc: Doc, s: string, x: number, y: number, width: number, size = 7, bold = false): number {
  const w = widthOf(doc, s, size, bold);
  doc.font(bold ? 'B' : 'R').fontSize(size);
  if (w <= width) {
    // one line: skip pdfkit's line wrapper, the slowest path of a page
    text(doc, s, x, y, size, bold);
    return doc.currentLineHeight(true);
  }
  doc.text(s, x, y, { width, lineGap: 0 });
  return doc.y - y;
}

function sectionTitle(doc: Doc, title: string, y: number): number {
  doc.rect(M, y, W, 11).fill(GREY).fillColor('black');
  text(doc, title, M + 3, y + 2, 7.5, true);
  return y + 13;
}

function rule(doc: Doc, y: number, x1 = M, x2 = M + W): void {
  doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.4).stroke();
}

function orgLines(o: EpdOrganisation): string[] {
  const contacts = [o.phone && `тел. ${o.phone}`, o.email, o.website].filter(Boolean).join(', ');
  return [
    `ИНН ${o.inn}${o.kpp ? `, КПП ${o.kpp}` : ''}. ${o.address}`,
    ...(contacts ? [contacts] : []),
    ...(o.workingHours ? [`Режим работы: ${o.workingHours}`] : []),
  ];
}

function bankLine(o: EpdOrganisation): string {
  const b = o.bank;
  return `р/с ${b.account} в ${b.bankName}, БИК ${b.bik}${b.correspondentAccount ? `, к/с ${b.correspondentAccount}` : ''}`;
}

/**
 * The QR code as filled rectangles, one per run of dark modules in a row. The rectangles are drawn in
 * module units under a scaling transform, so each is a few integers in the content stream (a third of the
 * bytes of page coordinates, and less to compress). The mask is fixed (pattern 0): ISO/IEC 18004 lets the
 * encoder pick any of the eight and every reader takes it from the format bits; choosing the best one by
 * the penalty score cost 15 % of a page's rendering time (docs/performance.md).
 */
function drawQr(doc: Doc, s: EpdSnapshot, x: number, y: number, side: number): void {
  const payload = epdQrPayload(s);
  const qr = QRCode.create([{ data: payload.bytes, mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 0,
  });
  const n = qr.modules.size;
  const quiet = 4; // the quiet zone, in modules
  const cell = side / (n + 2 * quiet);
  const data = qr.modules.data;
  doc.save();
  doc.translate(x + quiet * cell, y + quiet * cell).scale(cell);
  const rects = qrRectangles(data, n);
  let ops = '';
  for (let i = 0; i < rects.length; i++) {
    const q = rects[i]!;
    ops += `${q[0]} ${q[1]} ${q[2]} ${q[3]} re\n`;
  }
  doc.addContent(ops.slice(0, -1));
  doc.fill('black');
  doc.restore();
}

/**
 * The dark modules of an n × n matrix (row-major) as rectangles [column, row, width, height]: each run of
 * dark modules in a row, merged with the same run (same start and width) of the rows above it. A third
 * fewer rectangles than one per run, so less to write and to deflate; they cover exactly the dark modules.
 */
export function qrRectangles(
  data: ArrayLike<number | boolean>,
  n: number,
): [number, number, number, number][] {
  const rects: [number, number, number, number][] = [];
  // by run (start × width): the row it was last seen in and its rectangle
  const lastRow = new Int32Array((n + 1) * (n + 1)).fill(-2);
  const rectOf = new Int32Array((n + 1) * (n + 1));
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!data[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && data[r * n + c]) c++;
      const key = start * (n + 1) + (c - start);
      if (lastRow[key] === r - 1) rects[rectOf[key]!]![3]++;
      else {
        rectOf[key] = rects.length;
        rects.push([start, r, c - start, 1]);
      }
      lastRow[key] = r;
    }
  }
  return rects;
}

function header(doc: Doc, s: EpdSnapshot): number {
  let y = M;
  text(doc, 'ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ', M, y, 11, true);
  textRight(doc, `№ ${s.documentNumber}`, M + W, y + 2, 8);
  y += 14;
  if (s.kind === 'monthly') {
    text(
      doc,
      `для внесения платы за содержание и ремонт жилого помещения и предоставление коммунальных услуг ${kindTitle(s)}`,
      M,
      y,
      7.5,
    );
  } else {
    text(doc, kindTitle(s), M, y, 9, true);
  }
  return y + 12;
}

/** «Сведения о плательщике и исполнителе услуг». */
function payerAndManager(doc: Doc, s: EpdSnapshot, y0: number): number {
  let y = sectionTitle(doc, 'Сведения о плательщике и исполнителе услуг', y0);
  const half = W / 2 - 6;
  const p = s.payer;
  const left: [string, string][] = [
    ['Плательщик', [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ')],
    ['Адрес', s.address.text],
    ['Лицевой счёт', s.accountNumber],
    ['Расчётный период', periodTitle(s.period)],
    ['Площадь', `${dec(s.area)} м²`],
    [
      'Зарегистрировано',
      `${s.registeredResidents} чел.${s.temporaryResidents > 0 ? `, временно проживает ${s.temporaryResidents} чел.` : ''}`,
    ],
  ];
  let ly = y;
  for (const [label, value] of left) {
    text(doc, `${label}:`, M, ly, 7);
    text(doc, fit(doc, value, half - 76, 7, true), M + 76, ly, 7, true);
    ly += 9;
  }
  const rx = M + W / 2 + 6;
  text(doc, 'Исполнитель услуг (управляющая организация):', rx, y, 7);
  let ry = y + 9;
  ry += para(doc, s.manager.name, rx, ry, half, 7, true);
  for (const l of orgLines(s.manager)) ry += para(doc, l, rx, ry, half, 6.5);
  y = Math.max(ly, ry) + 3;
  return y;
}

/** «Информация для внесения платы получателю платежа (получателям платежей)», with the QR code. */
function paymentBlock(doc: Doc, s: EpdSnapshot, y0: number): number {
  let y = sectionTitle(doc, 'Информация для внесения платы получателю платежа', y0);
  const qrSide = 118;
  const width = W - qrSide - 10;
  const r = s.recipient;
  y += para(doc, `Получатель платежа: ${r.name}`, M, y, width, 7, true);
  y += para(doc, `ИНН ${r.inn}${r.kpp ? `, КПП ${r.kpp}` : ''}; ${bankLine(r)}`, M, y, width, 6.5);
  y += 3;
  const rows: [string, number, boolean][] = [];
  if (s.kind !== 'debt')
    rows.push([
      s.kind === 'advance' ? `Сумма к оплате за ${s.months} мес.` : 'Сумма к оплате за расчётный период',
      s.months * periodTotal(s),
      false,
    ]);
  rows.push(
    s.openingBalanceKop >= 0
      ? ['Задолженность за предыдущие периоды', s.openingBalanceKop, false]
      : ['Аванс на начало расчётного периода', -s.openingBalanceKop, false],
  );
  rows.push([`Учтены платежи, поступившие до ${ruDate(s.paymentsUpTo)} включительно`, s.paymentsKop, false]);
  rows.push(['Неустойка (штраф, пеня)', s.penaltyKop, false]);
  const amountRight = M + width;
  for (const [label, amount] of rows) {
    text(doc, label, M, y, 7);
    textRight(doc, money(amount), amountRight, y, 7);
    y += 9;
  }
  if (s.lastPaymentDate) {
    text(doc, `Дата последней поступившей оплаты: ${ruDate(s.lastPaymentDate)}`, M, y, 6.5);
    y += 9;
  }
  rule(doc, y, M, amountRight);
  y += 2;
  const toPay = Math.max(s.totalToPayKop, 0);
  text(doc, 'ИТОГО К ОПЛАТЕ (с учётом задолженности/аванса и пени), ₽', M, y, 8, true);
  textRight(doc, money(toPay), amountRight, y, 9, true);
  y += 12;
  if (s.totalToPayKop < 0) {
    text(doc, `Переплата на дату документа: ${money(-s.totalToPayKop)} ₽`, M, y, 7);
    y += 9;
  }
  text(doc, `Оплатить до ${ruDate(s.dueDate)} включительно`, M, y, 8, true);
  y += 11;
  const qrY = y0 + 13;
  drawQr(doc, s, M + W - qrSide, qrY, qrSide);
  textRight(doc, 'Оплата по QR-коду', M + W - 30, qrY + qrSide, 6.5);
  return Math.max(y, qrY + qrSide + 9) + 2;
}

const GROUP_TITLES: Record<EpdLineGroup, string> = {
  housing:
    'Плата за содержание жилого помещения (в т.ч. коммунальные ресурсы на содержание общего имущества)',
  utilities: 'Коммунальные услуги',
  capital_repair: 'Взнос на капитальный ремонт',
  other: 'Прочие услуги',
};

/** Column right edges (x) and titles of «Расчет размера платы…». */
const COLS = {
  service: M + 2,
  unit: M + 150,
  volumeInd: M + 200,
  volumeCommon: M + 240,
  tariff: M + 282,
  charged: M + 328,
  coefficient: M + 376,
  recalc: M + 420,
  reduction: M + 462,
  total: M + 510,
  method: M + 514,
};

function chargeTable(doc: Doc, s: EpdSnapshot, y0: number): number {
  let y = sectionTitle(doc, 'Расчёт размера платы за содержание жилого помещения и коммунальные услуги', y0);
  const heads: [string, string, number][] = [
    ['Ед.', 'изм.', COLS.unit],
    ['Объём', 'индивид.', COLS.volumeInd],
    ['Объём', 'на СОИ', COLS.volumeCommon],
    ['Тариф,', '₽/ед.', COLS.tariff],
    ['Начислено', 'за период', COLS.charged],
    ['Повыш.', 'коэф. (₽)', COLS.coefficient],
    ['Пере-', 'расчёты', COLS.recalc],
    ['Льготы,', 'снижение', COLS.reduction],
    ['Итого к', 'оплате, ₽', COLS.total],
  ];
  text(doc, 'Вид услуг', COLS.service, y + 3, 6.5, true);
  for (const [a, b, right] of heads) {
    textRight(doc, a, right, y, 6, true);
    textRight(doc, b, right, y + 7, 6, true);
  }
  text(doc, 'Порядок', COLS.method, y, 6, true);
  text(doc, 'расчёта', COLS.method, y + 7, 6, true);
  y += 15;
  rule(doc, y - 1);
  for (const group of epdLineGroups) {
    const lines = s.lines.filter((l) => l.group === group);
    if (lines.length === 0) continue;
    text(doc, GROUP_TITLES[group], COLS.service, y, 6.5, true);
    y += 8.5;
    for (const l of lines) {
      chargeRow(doc, l, y);
      y += 8.5;
    }
  }
  rule(doc, y);
  y += 2;
  const sum = (f: (l: EpdServiceLine) => number) => s.lines.reduce((a, l) => a + f(l), 0);
  text(doc, 'Итого за расчётный период', COLS.service, y, 7, true);
  textRight(doc, money(sum((l) => l.chargedKop)), COLS.charged, y, 6.5, true);
  textRight(doc, money(sum((l) => l.recalculationKop)), COLS.recalc, y, 6.5, true);
  textRight(doc, money(sum((l) => l.reductionKop)), COLS.reduction, y, 6.5, true);
  textRight(doc, money(periodTotal(s)), COLS.total, y, 6.5, true);
  return y + 11;
}

function chargeRow(doc: Doc, l: EpdServiceLine, y: number): void {
  const size = 6.5;
  text(doc, fit(doc, l.service, COLS.unit - 22 - COLS.service, size), COLS.service + 4, y, size);
  textRight(doc, l.unit, COLS.unit, y, size);
  textRight(doc, l.commonNeeds ? '' : dec(l.volume), COLS.volumeInd, y, size);
  textRight(doc, l.commonNeeds ? dec(l.volume) : '', COLS.volumeCommon, y, size);
  textRight(doc, dec(l.tariff), COLS.tariff, y, size);
  textRight(doc, money(l.chargedKop), COLS.charged, y, size);
  const c = l.increasingCoefficient;
  textRight(doc, c ? `${dec(c.coefficient)} (${money(c.excessKop)})` : '', COLS.coefficient, y, size);
  textRight(doc, l.recalculationKop !== 0 ? money(l.recalculationKop) : '', COLS.recalc, y, size);
  textRight(doc, l.reductionKop !== 0 ? money(l.reductionKop) : '', COLS.reduction, y, size);
  textRight(doc, money(l.totalKop), COLS.total, y, size, true);
  text(doc, fit(doc, l.method, M + W - COLS.method, 6), COLS.method, y + 0.5, 6);
}

/** «Сведения о перерасчетах (доначисления +, уменьшения −)». */
function recalculations(doc: Doc, s: EpdSnapshot, y0: number): number {
  if (s.recalculations.length === 0) return y0;
  let y = sectionTitle(doc, 'Сведения о перерасчётах (доначисления +, уменьшения −)', y0);
  for (const r of s.recalculations) {
    text(doc, fit(doc, r.service, 120, 6.5), M + 2, y, 6.5);
    text(doc, fit(doc, r.reason, W - 200, 6.5), M + 126, y, 6.5);
    textRight(doc, `${r.amountKop > 0 ? '+' : ''}${money(r.amountKop)}`, M + W - 2, y, 6.5, true);
    y += 8.5;
  }
  return y + 2;
}

/** Each supplier (and the manager) with bank requisites (п.69 «б»). */
function providers(doc: Doc, s: EpdSnapshot, y0: number): number {
  let y = sectionTitle(doc, 'Исполнители и поставщики услуг, реквизиты для расчётов', y0);
  for (const o of [s.manager, ...s.suppliers]) {
    const services = s.lines.filter((l) => l.provider === o.code).map((l) => l.service);
    const title = `${o.name}${services.length > 0 ? ` — ${services.join(', ')}` : ''}`;
    y += para(doc, title, M + 2, y, W - 4, 6.5, true);
    y += para(doc, `${orgLines(o).join('. ')}`, M + 6, y, W - 8, 6);
    y += para(doc, bankLine(o), M + 6, y, W - 8, 6) + 1.5;
  }
  return y;
}

/** «Показания индивидуальных приборов учёта» with the deadline, and room to write the new reading. */
function metersBlock(doc: Doc, s: EpdSnapshot, y0: number): number {
  if (s.meters.length === 0) return y0;
  const deadline = s.readingsDeadline ? ` (передать до ${ruDate(s.readingsDeadline)} включительно)` : '';
  let y = sectionTitle(doc, `Показания индивидуальных приборов учёта${deadline}`, y0);
  const cols: [string, number][] = [
    ['Услуга', M + 2],
    ['№ прибора', M + 140],
    ['Зона', M + 215],
    ['Предыдущее показание (дата)', M + 255],
    ['Поверка до', M + 375],
    ['Текущее показание', M + 440],
  ];
  for (const [h, x] of cols) text(doc, h, x, y, 6, true);
  y += 8;
  for (const m of s.meters) {
    text(doc, fit(doc, m.service, 135, 6.5), M + 2, y, 6.5);
    text(doc, m.serialNumber, M + 140, y, 6.5);
    text(doc, m.zone ?? '—', M + 215, y, 6.5);
    text(doc, `${dec(m.lastReading)} (${ruDate(m.lastReadingDate)})`, M + 255, y, 6.5);
    text(doc, ruDate(m.verificationDue), M + 375, y, 6.5);
    doc
      .rect(M + 440, y - 1, 80, 8)
      .lineWidth(0.4)
      .stroke();
    y += 10;
  }
  return y + 1;
}

function notices(doc: Doc, s: EpdSnapshot, y0: number): number {
  if (s.notices.length === 0) return y0;
  let y = sectionTitle(doc, 'Объявления и справочная информация', y0);
  for (const n of s.notices) y += para(doc, `• ${n}`, M + 2, y, W - 4, 6.5) + 1;
  return y;
}

/**
 * Deflate level of the pages' content streams: zlib's default, as pdfkit used. Deflating is now about a
 * quarter of a page's time; level 1 renders about a quarter faster but makes the file about a quarter
 * larger (1,000 sample pages: 9.2 MB → 11.6 MB; docs/performance.md), so the default is kept.
 */
const CONTENT_DEFLATE_LEVEL = 6;

/**
 * Collects the document's content operators as text instead of pdfkit turning each one into its own byte
 * array (a JS loop per operator, then a concatenation): `endPage` writes the page's stream once, deflated.
 * Every operator still goes through `addContent` in drawing order, pdfkit's own (rectangles, colours,
 * wrapped text) and this file's, so the stream is the same text as pdfkit would write.
 */
function collectContent(doc: Doc): string[] {
  const parts: string[] = [];
  (doc as unknown as { addContent(data: string): Doc }).addContent = (data: string) => {
    parts.push(data);
    return doc;
  };
  return parts;
}

function endPage(doc: Doc, parts: string[]): void {
  const content = (
    doc.page as unknown as {
      content: { compress: boolean; data: { Filter?: string }; write(chunk: Uint8Array): void };
    }
  ).content;
  parts.push('');
  const raw = Buffer.from(parts.join('\n'), 'latin1');
  parts.length = 0;
  content.compress = false;
  content.data.Filter = 'FlateDecode';
  content.write(zlib.deflateSync(raw, { level: CONTENT_DEFLATE_LEVEL }));
}

function page(doc: Doc, s: EpdSnapshot): void {
  let y = header(doc, s);
  y = payerAndManager(doc, s, y);
  y = paymentBlock(doc, s, y);
  if (s.lines.length > 0) y = chargeTable(doc, s, y);
  y = recalculations(doc, s, y);
  y = metersBlock(doc, s, y);
  y = providers(doc, s, y);
  notices(doc, s, y);
}

export type RenderOptions = {
  /** The batch's date for the PDF's info; a single bill uses its own `issuedAt`. */
  createdAt: string;
  title: string;
  /** Called after each page with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
};

function newDocument(o: { createdAt: string; title: string }): Doc {
  const date = new Date(o.createdAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`createdAt is not a date: ${o.createdAt}`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: o.title,
      Author: 'zhkh-billing',
      Creator: 'zhkh-billing',
      Producer: 'zhkh-billing',
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.registerFont('R', fonts().regular);
  doc.registerFont('B', fonts().bold);
  return doc;
}

/**
 * Renders snapshots into one PDF on `out`, one page each, in delivery order (street, house, flat). Every
 * snapshot is checked first: nothing is written when one is not printable (the error names it and its field).
 * Resolves when `out` has finished.
 */
export async function renderBatch(
  snapshots: readonly EpdSnapshot[],
  out: Writable,
  options: RenderOptions,
): Promise<void> {
  for (const s of snapshots) assertPrintable(s);
  const sorted = sortForDelivery(snapshots);
  const doc = newDocument(options);
  const parts = collectContent(doc);
  const finished = once(out, 'finish');
  doc.pipe(out);
  for (let i = 0; i < sorted.length; i++) {
    doc.addPage();
    page(doc, sorted[i]!);
    endPage(doc, parts);
    options.onProgress?.(i + 1, sorted.length);
    // let the output drain now and then instead of holding the whole batch in memory
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
  await finished;
}

/** One bill as PDF bytes; the same snapshot gives the same bytes (a reprint). */
export async function renderBill(s: EpdSnapshot): Promise<Buffer> {
  assertPrintable(s);
  const doc = newDocument({ createdAt: s.issuedAt, title: `ЕПД № ${s.documentNumber}` });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(doc, 'end');
  const parts = collectContent(doc);
  doc.addPage();
  page(doc, s);
  endPage(doc, parts);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Renders a batch to a file (the CLI's path). */
export async function renderBatchToFile(
  snapshots: readonly EpdSnapshot[],
  file: string,
  options: RenderOptions,
): Promise<void> {
  await renderBatch(snapshots, fs.createWriteStream(file), options);
}
