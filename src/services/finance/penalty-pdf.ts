/**
 * The printable penalty breakdown (расчёт пени; RULES.md §6, docs/finance.md "Penalty breakdown printable"): the
 * account's calculation at a date (`accountPenalties`) rendered to an A4 PDF — the centre, the account, the payer
 * and the address, per debt period its due date, the payments that reduced it and the day-by-day rows (from–to,
 * days, debt, key rate, share, formula, penalty) with the moratoria named, the debt's penalty and the total.
 * DejaVu Sans from assets/fonts (never system fonts). It names the payer: every print is an audited read.
 */
import PDFDocument from 'pdfkit';
import type { DebtPenalty, PenaltyResult } from '../../domain/finance/penalty.js';
import { formatRubles } from '../../domain/money.js';
import type { IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { periodTitle } from '../epd/render.js';
import { loadFonts, ru } from '../residents/pdf.js';
import { accountPenalties } from './penalties.js';

export type PenaltyPrint = {
  centre: { name: string; inn: string };
  accountNumber: string;
  payerName: string;
  address: string;
  result: PenaltyResult;
  printedAt: Date;
  printedBy: string;
};

const rub = (k: number) => formatRubles(k as never);

/** The table's columns: header, width (pt), alignment; the widths add up to the A4 text width (495). */
const COLUMNS = [
  { header: 'С', width: 52, align: 'left' },
  { header: 'По', width: 52, align: 'left' },
  { header: 'Дней', width: 30, align: 'right' },
  { header: 'Долг, ₽', width: 62, align: 'right' },
  { header: 'Ставка', width: 38, align: 'right' },
  { header: 'Доля', width: 34, align: 'center' },
  { header: 'Расчёт', width: 167, align: 'left' },
  { header: 'Пени, ₽', width: 60, align: 'right' },
] as const;

function rowCells(r: DebtPenalty['rows'][number]): string[] {
  return [
    ru(r.from),
    ru(r.to),
    String(r.days),
    rub(r.debt),
    r.rate ? `${r.rate.replace('.', ',')} %` : '—',
    r.divisor ? `1/${r.divisor}` : '—',
    r.kind === 'moratorium' ? `мораторий: ${r.act ?? ''}` : r.formula,
    rub(r.amount),
  ];
}

export function renderPenaltyPdf(c: PenaltyPrint): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `Расчёт пени, лицевой счёт ${c.accountNumber}, на ${ru(c.result.calculationDate)}`,
      Author: c.centre.name,
      Creator: 'zhkh-billing',
      Producer: 'zhkh-billing',
      CreationDate: c.printedAt,
      ModDate: c.printedAt,
    },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font('bold').fontSize(10).text(c.centre.name);
  doc.font('regular').fontSize(8).text(`ИНН ${c.centre.inn}`);
  doc.moveDown(1.5);
  doc.font('bold').fontSize(14).text('РАСЧЁТ ПЕНИ', { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(`по состоянию на ${ru(c.result.calculationDate)}`, { align: 'center' });
  doc.moveDown();
  doc.text(`Лицевой счёт: ${c.accountNumber}`);
  doc.text(`Плательщик: ${c.payerName}`);
  doc.text(`Адрес: ${c.address}`);
  doc
    .fontSize(8)
    .text(
      'Основание: ЖК РФ ст. 155 ч. 14 — 1/300 ключевой ставки Банка России за каждый день просрочки с 31-го по 90-й ' +
        'день, 1/130 с 91-го дня; ставка — на день оплаты каждой части долга, для неоплаченного остатка — на дату ' +
        'расчёта; особые ставки и моратории — по актам Правительства РФ, указанным в строках.',
    );
  doc.moveDown();

  const table = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(7.5);
    const height =
      Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: COLUMNS[i]!.width - 4 }))) + 3;
    if (doc.y + height > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((t, i) => {
      const col = COLUMNS[i]!;
      doc.text(t, x + 2, y, { width: col.width - 4, align: col.align });
      x += col.width;
    });
    doc.x = left;
    doc.y = y + height;
  };

  for (const d of c.result.debts) {
    if (doc.y + 80 > bottom()) doc.addPage();
    doc
      .font('bold')
      .fontSize(10)
      .text(
        `Долг за ${periodTitle(d.period)} (${d.period}): ${rub(d.amount)} ₽, срок оплаты ${ru(d.dueDate)}`,
        left,
      );
    doc.font('regular').fontSize(9);
    const paid = d.reductions.map((x) => `${ru(x.date)} — ${rub(x.amount)} ₽${x.ref ? ` (${x.ref})` : ''}`);
    doc.text(paid.length > 0 ? `Оплаты: ${paid.join('; ')}` : 'Оплат не было');
    doc.text(`Не оплачено на ${ru(c.result.calculationDate)}: ${rub(d.unpaid)} ₽`);
    doc.moveDown(0.3);
    table(
      COLUMNS.map((col) => col.header),
      'bold',
    );
    for (const r of d.rows) table(rowCells(r), 'regular');
    if (d.rows.length === 0)
      doc.font('regular').fontSize(8).text('Просрочки более 30 дней не было — пени нет.');
    doc
      .font('bold')
      .fontSize(9)
      .text(`Пени за ${d.period}: ${rub(d.penalty)} ₽`, left);
    doc.moveDown();
  }
  if (c.result.debts.length === 0) doc.font('regular').fontSize(10).text('Долгов нет.');
  doc
    .font('bold')
    .fontSize(11)
    .text(`Итого пени: ${rub(c.result.total)} ₽`, left);
  doc.moveDown(2);
  doc
    .font('regular')
    .fontSize(9)
    .text(`Расчёт составил(а): ${c.printedBy}   ____________________`)
    .text(`Дата составления: ${ru(c.printedAt.toISOString().slice(0, 10))}`);
  doc.end();
  return done;
}

/** The account's breakdown at the date as a PDF; the print (it names the payer) is audited. */
export async function accountPenaltyPdf(
  ctx: Ctx,
  accountId: number,
  date: IsoDate,
): Promise<{ pdf: Buffer; fileName: string }> {
  const result = await accountPenalties(ctx, accountId, date);
  const account = await requireAccount(ctx, accountId);
  const centre = (await ctx.db.maybeOne<{ name: string; inn: string }>(
    'select name, inn from organisations where id = $1',
    [account.settlementCentreId],
  ))!;
  const by = ctx.actor.userId
    ? await ctx.db.maybeOne<{ name: string }>('select full_name as name from users where id = $1', [
        ctx.actor.userId,
      ])
    : undefined;
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'penalty_breakdown',
      objectId: accountId,
      organisationId: account.settlementCentreId,
      after: { date, totalKop: result.total },
    }),
  );
  const pdf = await renderPenaltyPdf({
    centre,
    accountNumber: account.number,
    payerName: account.payerName,
    address: `${account.house.address}, ${account.premise.label}`,
    result,
    printedAt: ctx.clock.now(),
    printedBy: by?.name ?? ctx.actor.login,
  });
  return { pdf, fileName: `penalty-${account.number}-${date}.pdf` };
}
