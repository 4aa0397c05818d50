/**
 * `zhkh epd batch` (docs/epd.md "Batches"): the monthly bills of a closed period for a house, a manager's
 * houses or a district, issued (stored) where not issued yet, then written into one PDF in delivery order
 * (street, house, flat) — a progress bar for each step. Acts as the administrator of the settlement centre.
 */
import fs from 'node:fs';
import type { Db } from '../db/client.js';
import { validationFailed, type ErrorDetail } from '../domain/errors.js';
import { workBatch, startBatch, writeBatchPdf, type BatchScope } from '../services/epd/batches.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_FAILED, EXIT_OK } from './exit-codes.js';
import { progressBar } from './progress-bar.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

/** Exactly one of --house, --manager, --district, as a number. */
function scopeOf(v: Values): BatchScope {
  const problems: ErrorDetail[] = [];
  const given = (['house', 'manager', 'district'] as const).flatMap((kind) => {
    const text = str(v, kind);
    if (text === undefined) return [];
    if (!/^[1-9]\d*$/.test(text)) problems.push({ field: `--${kind}`, problem: 'номер (id)' });
    return [{ kind, id: Number(text) }];
  });
  if (given.length !== 1)
    problems.push({ field: '--house', problem: 'укажите ровно одно: --house, --manager или --district' });
  if (problems.length > 0) throw validationFailed(problems);
  return given[0]!;
}

export const epdCommands = (
  withDb: <T>(env: CliEnv, fn: (db: Db) => Promise<T>) => Promise<T>,
): Command[] => [
  {
    words: ['epd', 'batch'],
    summary: 'Пакет ЕПД за закрытый период: --period ГГГГ-ММ --house|--manager|--district ID --out файл.pdf',
    options: Object.fromEntries(
      ['period', 'house', 'manager', 'district', 'out', 'organisation'].map((k) => [k, { type: 'string' }]),
    ),
    required: ['period', 'out'],
    async run(v, env) {
      const scope = scopeOf(v);
      const org = str(v, 'organisation');
      if (org !== undefined && !/^[1-9]\d*$/.test(org))
        throw validationFailed([{ field: '--organisation', problem: 'номер (id)' }]);
      const file = str(v, 'out')!;
      return withDb(env, async (db) => {
        const ctx = {
          db,
          clock: env.clock,
          actor: await settlementCentreActor(db, org === undefined ? undefined : Number(org)),
        };
        const batch = await startBatch(ctx, { period: str(v, 'period')!, scope });
        env.out(`Пакет ЕПД #${batch.id}: период ${batch.period}, лицевых счетов ${batch.accountsTotal}`);
        const started = performance.now();
        const issueBar = progressBar('Выпуск');
        const done = await workBatch(ctx, batch.id, issueBar);
        issueBar.finish();
        if (done.status !== 'done') {
          env.out(`Пакет #${done.id} не выпущен: ${done.error ?? done.status}`);
          return EXIT_FAILED;
        }
        env.out(
          `Выпущено новых ${done.documentsIssued}, уже выпущенных ${done.documentCount - done.documentsIssued}, ` +
            `без начислений ${done.accountsSkipped}`,
        );
        const printBar = progressBar('Печать');
        const out = fs.createWriteStream(file);
        await writeBatchPdf(ctx, batch.id, out, printBar);
        printBar.finish();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        env.out(`${file}: ${done.documentCount} стр. за ${seconds} с`);
        return EXIT_OK;
      });
    },
  },
];
