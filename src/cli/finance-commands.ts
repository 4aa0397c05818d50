/**
 * `zhkh` commands of the finance core (issue 7, part 1): check a payment registry file against its format,
 * and print the penalty calculation (расчёт пени) for given debts and payments. Registered in commands.ts.
 */
import fs from 'node:fs';
import type { Db } from '../db/client.js';
import { validationFailed, type ErrorDetail } from '../domain/errors.js';
import {
  builtInRegistryFormats,
  registryEncodings,
  registryFormat,
  withOverrides,
  type RegistryEncoding,
} from '../domain/finance/registry-formats.js';
import { formatRubles, kop, parseRubles, type Kopecks } from '../domain/money.js';
import { parseIsoDate, parsePeriod, type BillingPeriod, type IsoDate } from '../domain/period.js';
import { calculatePenalties } from '../services/finance/penalties.js';
import { readPaymentRegistry } from '../services/finance/payment-registry.js';
import { systemActor } from '../services/system-actor.js';
import { seedReferenceData } from '../services/setup.js';
import { migrate } from '../db/migrate.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const rub = (k: number) => formatRubles(kop(k));

/** Splits 'a:b,c:d' into items, each parsed by `parse`; a bad item is a problem naming the option. */
function list<T>(
  text: string | undefined,
  option: string,
  problems: ErrorDetail[],
  parse: (parts: string[]) => T,
): T[] {
  if (!text) return [];
  return text.split(',').flatMap((item, i) => {
    try {
      return [parse(item.trim().split(':'))];
    } catch (e) {
      problems.push({
        field: `${option}.${i + 1}`,
        problem: `${JSON.stringify(item)}: ${(e as Error).message}`,
      });
      return [];
    }
  });
}

export function financeCommands(
  withDb: <T>(env: CliEnv, fn: (db: Db) => Promise<T>) => Promise<T>,
): Command[] {
  return [
    {
      words: ['payments', 'check-registry'],
      summary: `Проверить файл реестра платежей: формат ${builtInRegistryFormats.map((f) => f.code).join(', ')}; docs/formats/payment-registries.md`,
      options: { file: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string' } },
      required: ['file'],
      async run(v, env) {
        const problems: ErrorDetail[] = [];
        const format = registryFormat(str(v, 'format') ?? 'zhkh-default');
        if (!format)
          problems.push({
            field: '--format',
            problem: `один из: ${builtInRegistryFormats.map((f) => f.code).join(', ')}`,
          });
        const encoding = str(v, 'encoding');
        if (encoding && !(registryEncodings as readonly string[]).includes(encoding))
          problems.push({ field: '--encoding', problem: `одна из: ${registryEncodings.join(', ')}` });
        const file = str(v, 'file')!;
        if (!fs.existsSync(file)) problems.push({ field: '--file', problem: `нет файла ${file}` });
        if (problems.length > 0) throw validationFailed(problems);
        const f = encoding ? withOverrides(format!, { encoding: encoding as RegistryEncoding }) : format!;
        const r = readPaymentRegistry(new Uint8Array(fs.readFileSync(file)), f);
        env.out(
          `Файл: ${file} (${r.size} байт), формат ${r.format}, кодировка ${r.encoding}, sha256 ${r.fingerprint}`,
        );
        for (const l of r.lines) {
          env.out(
            `${String(l.line).padStart(6)}  ${(l.agentPaymentId ?? '—').padEnd(24)} ${l.paidOn ?? '—'.padEnd(10)}  ${(l.account ?? '—').padEnd(12)} ${(l.period ?? '').padEnd(7)} ${(l.amount === null ? '—' : rub(l.amount)).padStart(12)}${l.readings.length ? `  показания: ${l.readings.map((x) => `${x.meter}=${x.value}`).join(', ')}` : ''}`,
          );
          for (const p of l.problems) env.out(`        ! ${p.field}: ${p.problem}`);
        }
        for (const p of r.fileProblems) env.out(`строка ${p.line}: ! ${p.field}: ${p.problem}`);
        const c = r.totals.computed;
        env.out(
          `Итого по строкам: ${c.count} платежей, ${rub(c.amount)} ₽, комиссия ${rub(c.fee)} ₽; ${r.totals.matches ? 'итоговая строка совпадает' : 'итоговая строка НЕ совпадает'}`,
        );
        env.out(
          r.ok
            ? 'Ошибок нет'
            : `Ошибок: ${r.lines.reduce((s, l) => s + l.problems.length, 0) + r.fileProblems.length}`,
        );
        return r.ok ? EXIT_OK : EXIT_USAGE;
      },
    },
    {
      words: ['penalty'],
      summary: 'Расчёт пени (ЖК ст.155 ч.14) по долгам и оплатам, по параметрам законодательства из базы',
      options: { debts: { type: 'string' }, payments: { type: 'string' }, date: { type: 'string' } },
      required: ['debts', 'date'],
      async run(v, env) {
        const problems: ErrorDetail[] = [];
        const debts = list(str(v, 'debts'), '--debts', problems, ([period, amount]) => ({
          period: parsePeriod(period ?? ''),
          amount: parseRubles(amount ?? ''),
        }));
        const payments = list(str(v, 'payments'), '--payments', problems, ([date, amount, period]) => ({
          paidOn: parseIsoDate(date ?? ''),
          amount: parseRubles(amount ?? ''),
          period: period ? parsePeriod(period) : null,
        }));
        let date: IsoDate | null = null;
        try {
          date = parseIsoDate(str(v, 'date')!);
        } catch (e) {
          problems.push({ field: '--date', problem: (e as Error).message });
        }
        if (problems.length > 0) throw validationFailed(problems);
        return withDb(env, async (db) => {
          await migrate(db);
          await seedReferenceData(db); // a database from before these codes gets them here
          const ctx = { db, clock: env.clock, actor: await systemActor(db) };
          const r = await calculatePenalties(ctx, {
            calculationDate: date!,
            debts: debts as { period: BillingPeriod; amount: Kopecks }[],
            payments,
          });
          env.out(`Расчёт пени на ${r.calculationDate}`);
          for (const d of r.debts) {
            env.out(
              `Долг за ${d.period}: ${rub(d.amount)} ₽, срок оплаты ${d.dueDate}, не оплачено ${rub(d.unpaid)} ₽, пени ${rub(d.penalty)} ₽`,
            );
            for (const x of d.reductions)
              env.out(`  оплата ${x.date}: ${rub(x.amount)} ₽${x.ref ? ` (${x.ref})` : ''}`);
            for (const row of d.rows) {
              env.out(
                `  ${row.from} – ${row.to} ${String(row.days).padStart(4)} дн. (дни ${row.delayFrom}–${row.delayTo})  ${row.formula.padEnd(44)} = ${row.exact.padStart(12)}  ${rub(row.amount).padStart(10)}`,
              );
            }
          }
          env.out(`Итого пени: ${rub(r.total)} ₽${r.advance > 0 ? `; аванс ${rub(r.advance)} ₽` : ''}`);
          return EXIT_OK;
        });
      },
    },
  ];
}
