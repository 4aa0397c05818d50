/**
 * `zhkh` commands of payments and balances (issue 7, part 2; docs/finance.md "CLI"): import an agent's payment
 * registry file (preview with --dry-run, otherwise applied whole or not at all) and print the turnover sheet.
 * Run as the settlement centre (the only one, or --organisation). Registered in commands.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { validationFailed, type ErrorDetail } from '../domain/errors.js';
import { builtInRegistryFormats, type RegistryEncoding } from '../domain/finance/registry-formats.js';
import { formatRubles, kop } from '../domain/money.js';
import { turnoverSheet, type TurnoverGroup, type TurnoverScope } from '../services/finance/balances.js';
import { chargePenaltiesOver, type PenaltyScope } from '../services/finance/penalty-lines.js';
import { importPaymentRegistry } from '../services/finance/registry-import.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { progressBar } from './progress-bar.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const rub = (k: number) => formatRubles(kop(k));
const num = (v: Values, k: string) => (str(v, k) === undefined ? undefined : Number(str(v, k)));

async function centreCtx(db: Db, env: CliEnv, v: Values) {
  const org = num(v, 'organisation');
  return { db, clock: env.clock, actor: await settlementCentreActor(db, org) };
}

export function paymentCommands(
  withDb: <T>(env: CliEnv, fn: (db: Db) => Promise<T>) => Promise<T>,
): Command[] {
  return [
    {
      words: ['payments', 'import'],
      summary: `Загрузить реестр платежей агента (--agent: id или ИНН; формат ${builtInRegistryFormats.map((f) => f.code).join(', ')}); --dry-run — только предпросмотр`,
      options: {
        file: { type: 'string' },
        agent: { type: 'string' },
        format: { type: 'string' },
        encoding: { type: 'string' },
        organisation: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      required: ['file', 'agent'],
      positional: 'file',
      async run(v, env) {
        const file = str(v, 'file')!;
        if (!fs.existsSync(file)) throw validationFailed([{ field: '--file', problem: `нет файла ${file}` }]);
        return withDb(env, async (db) => {
          const ctx = await centreCtx(db, env, v);
          const agent = await db.maybeOne<{ id: number }>(
            `select id from organisations where kind = 'payment_agent' and (id::text = $1 or inn = $1)`,
            [str(v, 'agent')],
          );
          if (!agent) throw validationFailed([{ field: '--agent', problem: 'нет такого платёжного агента' }]);
          const r = await importPaymentRegistry(ctx, {
            agentId: agent.id,
            format: str(v, 'format') ?? null, // none: the agent's own format, else the default
            encoding: (str(v, 'encoding') ?? null) as RegistryEncoding | null,
            fileName: path.basename(file),
            bytes: new Uint8Array(fs.readFileSync(file)),
            dryRun: v['dry-run'] === true,
          });
          env.out(`Файл ${file}: формат ${r.format}, кодировка ${r.encoding}, sha256 ${r.sha256}`);
          for (const l of r.lines) {
            env.out(
              `${String(l.line).padStart(6)}  ${(l.agentPaymentId ?? '—').padEnd(24)} ${(l.account ?? '—').padEnd(12)} ${(l.amountKop === null ? '—' : rub(l.amountKop)).padStart(12)}  ${l.status}`,
            );
            for (const p of l.problems) env.out(`        ! ${p.field}: ${p.problem}`);
          }
          for (const p of r.fileProblems) env.out(`! ${p.field}: ${p.problem}`);
          env.out(
            `Итого: ${r.totals.count} платежей на ${rub(r.totals.amountKop)} ₽; новых ${r.counts.new}, на невыясненные ${r.counts.suspense}, повторных ${r.counts.duplicate}, с ошибками ${r.counts.error}`,
          );
          env.out(r.applied ? `Загружен: реестр № ${r.fileId}` : 'Предпросмотр: ничего не записано');
          return r.applied || (r.counts.error === 0 && r.fileProblems.length === 0) ? EXIT_OK : EXIT_USAGE;
        });
      },
    },
    {
      words: ['penalties', 'charge'],
      summary:
        'Начислить пени строками открытого периода (--period ГГГГ-ММ) по всем домам, --manager ID или --house ID; повтор ничего не пишет',
      options: {
        period: { type: 'string' },
        manager: { type: 'string' },
        house: { type: 'string' },
        organisation: { type: 'string' },
      },
      required: ['period'],
      async run(v, env) {
        const problems: ErrorDetail[] = [];
        const id = (key: string) => {
          const text = str(v, key);
          if (text !== undefined && !/^[1-9]\d*$/.test(text))
            problems.push({ field: `--${key}`, problem: 'номер (id)' });
          return text === undefined ? undefined : Number(text);
        };
        const [manager, house] = [id('manager'), id('house')];
        if (manager !== undefined && house !== undefined)
          problems.push({ field: '--house', problem: 'укажите либо --manager, либо --house' });
        if (problems.length > 0) throw validationFailed(problems);
        const scope: PenaltyScope =
          house !== undefined
            ? { kind: 'house', id: house }
            : manager !== undefined
              ? { kind: 'manager', id: manager }
              : { kind: 'all' };
        return withDb(env, async (db) => {
          const ctx = await centreCtx(db, env, v);
          const bar = progressBar('Пени');
          const started = performance.now();
          const r = await chargePenaltiesOver(ctx, { period: str(v, 'period')!, scope }, bar);
          bar.finish();
          env.out(
            `Пени за ${r.period}: домов ${r.houses}, счетов ${r.accounts}, записано строк ${r.linesWritten} ` +
              `на ${rub(r.amountKop)} ₽ за ${((performance.now() - started) / 1000).toFixed(1)} с`,
          );
          return EXIT_OK;
        });
      },
    },
    {
      words: ['balances'],
      summary:
        'Оборотно-сальдовая ведомость за период (--period ГГГГ-ММ): по --account, --house, --manager, --supplier или всем; --group line|account|service',
      options: {
        period: { type: 'string' },
        account: { type: 'string' },
        house: { type: 'string' },
        manager: { type: 'string' },
        supplier: { type: 'string' },
        group: { type: 'string' },
        organisation: { type: 'string' },
      },
      required: ['period'],
      async run(v, env) {
        const group = (str(v, 'group') ?? 'line') as TurnoverGroup;
        if (!['line', 'account', 'service'].includes(group))
          throw validationFailed([{ field: '--group', problem: 'line, account или service' }]);
        return withDb(env, async (db) => {
          const ctx = await centreCtx(db, env, v);
          let scope: TurnoverScope = { kind: 'all' };
          const account = str(v, 'account');
          if (account) {
            const a = await db.maybeOne<{ id: number }>('select id from accounts where number = $1', [
              account,
            ]);
            if (!a) throw validationFailed([{ field: '--account', problem: 'нет такого лицевого счёта' }]);
            scope = { kind: 'account', id: a.id };
          } else if (num(v, 'house') !== undefined) scope = { kind: 'house', id: num(v, 'house')! };
          else if (num(v, 'manager') !== undefined) scope = { kind: 'manager', id: num(v, 'manager')! };
          else if (num(v, 'supplier') !== undefined) scope = { kind: 'supplier', id: num(v, 'supplier')! };
          const r = await turnoverSheet(ctx, str(v, 'period')!, scope, group);
          const cols = (x: (typeof r)['totals']) =>
            [x.openingKop, x.chargedKop, x.recalculatedKop, x.penaltyKop, x.paidKop, x.closingKop]
              .map((k) => rub(k).padStart(14))
              .join('');
          env.out(
            `${'счёт / услуга / поставщик'.padEnd(44)}${['вх. сальдо', 'начислено', 'перерасчёт', 'пени', 'оплачено', 'исх. сальдо'].map((h) => h.padStart(14)).join('')}`,
          );
          for (const row of r.rows) {
            const label = [row.accountNumber, row.serviceCode, row.supplierName].filter((x) => x !== null);
            env.out(`${label.join(' / ').slice(0, 43).padEnd(44)}${cols(row)}`);
          }
          env.out(`${'Итого'.padEnd(44)}${cols(r.totals)}`);
          return EXIT_OK;
        });
      },
    },
  ];
}
