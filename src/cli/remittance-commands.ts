/**
 * `zhkh remittance --date D [--out file.xlsx|file.csv]` (issue 7, part 3; docs/finance.md "Remittance"): the
 * day's remittance per supplier, its payment orders and due date (ПП № 253 п.6); with --out, the register
 * written as XLSX or CSV by the file's extension. Run as the settlement centre. Registered in commands.ts.
 */
import fs from 'node:fs';
import type { Db } from '../db/client.js';
import { validationFailed } from '../domain/errors.js';
import { formatRubles, kop } from '../domain/money.js';
import { dayRegister } from '../services/finance/remittance.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK } from './exit-codes.js';

const rub = (k: number) => formatRubles(kop(k)).padStart(14);

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
  ];
}
