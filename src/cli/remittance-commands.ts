/**
 * `zhkh remittance --date D [--out file.xlsx|file.csv]` (issue 7, part 3; docs/finance.md "Remittance"): the
 * day's remittance per supplier, its payment orders and due date (ПП № 253 п.6); with --out, the register
 * written as XLSX or CSV by the file's extension. `zhkh remittance transfer` records a transfer made ("mark as
 * sent"; the amount defaults to what is still due), `zhkh remittance reverse-transfer` reverses a wrong one,
 * `zhkh remittance late` lists the days transferred late or overdue. Run as the settlement centre. Registered in
 * commands.ts.
 */
import fs from 'node:fs';
import type { Db } from '../db/client.js';
import { validationFailed } from '../domain/errors.js';
import { formatRubles, kop, parseRubles } from '../domain/money.js';
import { dayRegister } from '../services/finance/remittance.js';
import {
  dayWithTransfers,
  lateRemittances,
  recordTransfer,
  reverseTransfer,
  type SupplierDayTransfers,
} from '../services/finance/remittance-transfers.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import type { Ctx } from '../services/context.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK } from './exit-codes.js';

const rub = (k: number) => formatRubles(kop(k)).padStart(14);

const STATE: Record<SupplierDayTransfers['state'], string> = {
  nothing: 'нечего перечислять',
  pending: 'ожидает перечисления',
  on_time: 'перечислено в срок',
  late: 'перечислено с опозданием',
  overdue: 'просрочено',
};

/** «просрочено» / «перечислено с опозданием на 2 дн.» */
export function stateText(s: Pick<SupplierDayTransfers, 'state' | 'daysLate'>): string {
  return s.state === 'late' ? `${STATE.late} на ${s.daysLate} дн.` : STATE[s.state];
}

/** A supplier by id or ИНН (10 or 12 digits). */
async function supplierOf(db: Db, text: string): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `select id from organisations where ${/^\d{10}(\d{2})?$/.test(text) ? 'inn = $1' : 'id::text = $1'}`,
    [text],
  );
  if (!row)
    throw validationFailed([{ field: '--supplier', problem: `нет организации ${text} (id или ИНН)` }]);
  return row.id;
}

export function remittanceCommands(
  withDb: <T>(env: CliEnv, fn: (db: Db) => Promise<T>) => Promise<T>,
): Command[] {
  return [
    {
      words: ['remittance'],
      summary:
        'Перечисления поставщикам за день приёма платежей (--date ГГГГ-ММ-ДД): к перечислению, платёжные поручения, срок; --out реестр.xlsx или .csv',
      options: { date: { type: 'string' }, out: { type: 'string' }, organisation: { type: 'string' } },
      required: ['date'],
      async run(v, env) {
        const out = typeof v.out === 'string' ? v.out : undefined;
        const format = out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
        if (out !== undefined && !/\.(csv|xlsx)$/i.test(out))
          throw validationFailed([{ field: '--out', problem: 'файл .xlsx или .csv' }]);
        return withDb(env, async (db) => {
          const org = typeof v.organisation === 'string' ? Number(v.organisation) : undefined;
          const ctx = { db, clock: env.clock, actor: await settlementCentreActor(db, org) };
          const { remittance: r, bytes } = await dayRegister(ctx, v.date as string, format);
          env.out(`Платежи, принятые ${r.day}; перечислить не позднее ${r.due} (ПП № 253 п.6)`);
          env.out(
            `${'поставщик'.padEnd(40)}${['собрано', 'агентам', 'ЕРЦ', 'к перечислению'].map((h) => h.padStart(14)).join('')}`,
          );
          for (const s of r.suppliers)
            env.out(
              `${s.supplierName.slice(0, 39).padEnd(40)}${rub(s.collected)}${rub(s.agentFee)}${rub(s.centreFee)}${rub(s.toTransfer)}`,
            );
          for (const o of r.orders.orders)
            env.out(
              `П/п: ${o.payee}, р/с ${o.bankAccount}, БИК ${o.bik}, ${rub(o.amount).trim()} ₽ — ${o.purpose}`,
            );
          for (const s of r.orders.skipped) env.out(`! ${s.reason}`);
          if (r.unassignedKop !== 0)
            env.out(`Без услуги (авансы, остаются в ЕРЦ): ${rub(r.unassignedKop).trim()} ₽`);
          if (out !== undefined) {
            fs.writeFileSync(out, bytes);
            env.out(`Реестр записан: ${out}`);
          }
          return EXIT_OK;
        });
      },
    },
    {
      words: ['remittance', 'transfer'],
      summary:
        'Записать сделанное перечисление поставщику: --supplier id|ИНН --date день приёма --order № п/п --on день перечисления [--amount рубли: по умолчанию остаток]',
      options: {
        supplier: { type: 'string' },
        date: { type: 'string' },
        order: { type: 'string' },
        on: { type: 'string' },
        amount: { type: 'string' },
        note: { type: 'string' },
        organisation: { type: 'string' },
      },
      required: ['supplier', 'date', 'order', 'on'],
      run: (v, env) =>
        withCentre(env, v, async (ctx) => {
          const supplierId = await supplierOf(ctx.db, v.supplier as string);
          let amountKop: number;
          if (typeof v.amount === 'string') {
            try {
              amountKop = parseRubles(v.amount.replace(',', '.'));
            } catch {
              throw validationFailed([{ field: '--amount', problem: 'сумма в рублях: 294.00' }]);
            }
          } else {
            const day = await dayWithTransfers(ctx, v.date as string);
            amountKop = day.transfers.find((s) => s.supplierId === supplierId)?.remainingKop ?? 0;
          }
          const r = await recordTransfer(ctx, {
            supplierId,
            collectedOn: v.date as string,
            amountKop,
            orderNumber: v.order as string,
            transferredOn: v.on as string,
            note: typeof v.note === 'string' ? v.note : null,
          });
          const t = r.transfer;
          env.out(
            `${r.duplicate ? 'Уже записано' : 'Записано'}: перечисление № ${t.id}, ${t.supplierName}, за ${t.collectedOn}, ` +
              `п/п № ${t.orderNumber} от ${t.transferredOn}, ${rub(t.amountKop).trim()} ₽`,
          );
          const after = (await dayWithTransfers(ctx, t.collectedOn)).transfers.find(
            (s) => s.supplierId === supplierId,
          )!;
          env.out(`Состояние (ПП № 253 п.6, срок ${after.due}): ${stateText(after)}`);
        }),
    },
    {
      words: ['remittance', 'reverse-transfer'],
      summary: 'Сторно ошибочного перечисления новой записью: --id № --reason причина',
      options: { id: { type: 'string' }, reason: { type: 'string' }, organisation: { type: 'string' } },
      required: ['id', 'reason'],
      run: (v, env) =>
        withCentre(env, v, async (ctx) => {
          if (!/^\d+$/.test(v.id as string))
            throw validationFailed([{ field: '--id', problem: 'номер перечисления' }]);
          const t = await reverseTransfer(ctx, Number(v.id), v.reason as string);
          env.out(`Сторно № ${t.id} перечисления № ${t.reversesTransferId}: ${rub(t.amountKop).trim()} ₽`);
        }),
    },
    {
      words: ['remittance', 'late'],
      summary:
        'Просроченные перечисления (ПП № 253 п.6) за дни приёма --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД: с опозданием и не перечисленные после срока',
      options: { from: { type: 'string' }, to: { type: 'string' }, organisation: { type: 'string' } },
      required: ['from', 'to'],
      run: (v, env) =>
        withCentre(env, v, async (ctx) => {
          const items = await lateRemittances(ctx, v.from as string, v.to as string);
          if (items.length === 0) env.out('Просроченных перечислений нет');
          for (const s of items)
            env.out(
              `${s.day} срок ${s.due} ${s.supplierName.slice(0, 39).padEnd(40)}${rub(s.toTransferKop)}${rub(s.transferredKop)}  ${stateText(s)}`,
            );
        }),
    },
  ];

  async function withCentre(env: CliEnv, v: Record<string, unknown>, fn: (ctx: Ctx) => Promise<void>) {
    return withDb(env, async (db) => {
      const org = typeof v.organisation === 'string' ? Number(v.organisation) : undefined;
      await fn({ db, clock: env.clock, actor: await settlementCentreActor(db, org) });
      return EXIT_OK;
    });
  }
}
