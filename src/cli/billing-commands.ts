/**
 * `zhkh billing run | worker | close` (docs/billing.md "CLI"): the same services as the API, as the
 * administrator of a settlement centre. A run started here is worked on by this process with a progress bar;
 * any `zhkh billing worker` (on this machine or another, on the same PostgreSQL) and the server's loop join it.
 */
import os from 'node:os';
import type { Db } from '../db/client.js';
import { validationFailed, type ErrorDetail } from '../domain/errors.js';
import { formatRubles, type Kopecks } from '../domain/money.js';
import { closePeriod, startRun, workerPass, workRun, type RunScope } from '../services/billing/runs.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import { openConfiguredDb } from '../services/setup.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_FAILED, EXIT_OK } from './exit-codes.js';
import { progressBar } from './progress-bar.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

/** The name a worker claims houses under: host and process. */
export const workerName = () => `${os.hostname()}:${process.pid}`;

async function withDb<T>(env: CliEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openConfiguredDb(env.config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function idOption(v: Values, key: string, problems: ErrorDetail[]): number | undefined {
  const text = str(v, key);
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) problems.push({ field: `--${key}`, problem: 'номер (id)' });
  return Number(text);
}

export const billingCommands: Command[] = [
  {
    words: ['billing', 'run'],
    summary: 'Расчёт открытого периода: --period ГГГГ-ММ [--manager ID | --house ID] [--dry-run]',
    options: {
      period: { type: 'string' },
      manager: { type: 'string' },
      house: { type: 'string' },
      'dry-run': { type: 'boolean' },
      organisation: { type: 'string' },
    },
    required: ['period'],
    async run(v, env) {
      const problems: ErrorDetail[] = [];
      const [manager, house, org] = [
        idOption(v, 'manager', problems),
        idOption(v, 'house', problems),
        idOption(v, 'organisation', problems),
      ];
      if (manager !== undefined && house !== undefined)
        problems.push({ field: '--house', problem: 'укажите либо --manager, либо --house' });
      if (problems.length > 0) throw validationFailed(problems);
      const scope: RunScope =
        house !== undefined
          ? { kind: 'house', id: house }
          : manager !== undefined
            ? { kind: 'manager', id: manager }
            : { kind: 'all' };
      return withDb(env, async (db) => {
        const ctx = { db, clock: env.clock, actor: await settlementCentreActor(db, org) };
        const run = await startRun(ctx, { period: str(v, 'period')!, scope, dryRun: v['dry-run'] === true });
        env.out(
          `Расчёт #${run.id}: период ${run.period}, домов ${run.housesTotal}${run.dryRun ? ' (без записи)' : ''}`,
        );
        const bar = progressBar('Расчёт');
        const started = performance.now();
        const done = await workRun(db, { clock: env.clock, userId: null }, run.id, workerName(), bar);
        bar.finish();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        env.out(
          `${done.status === 'running' ? 'Дома ещё у других обработчиков' : 'Готово'} за ${seconds} с: домов ${done.housesDone}, ` +
            `с ошибкой ${done.housesFailed}, записано строк ${done.linesWritten}, сумма ${formatRubles(done.amountKop as Kopecks)} ₽`,
        );
        return done.housesFailed > 0 ? EXIT_FAILED : EXIT_OK;
      });
    },
  },
  {
    words: ['billing', 'worker'],
    summary: 'Фоновый обработчик: расчёты, перерасчёты и обновление открытого периода; --once — один проход',
    options: { once: { type: 'boolean' }, 'interval-ms': { type: 'string' } },
    async run(v, env) {
      const interval = Number(str(v, 'interval-ms') ?? '3000');
      if (!Number.isInteger(interval) || interval < 100)
        throw validationFailed([
          { field: '--interval-ms', problem: 'целое число миллисекунд, не меньше 100' },
        ]);
      return withDb(env, async (db) => {
        const who = { clock: env.clock, userId: null };
        const name = workerName();
        let stop = false;
        const onSignal = () => void (stop = true);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        env.out(
          `Обработчик ${name}: работает${v.once ? ' один проход' : `, проход каждые ${interval} мс; Ctrl+C — остановка`}`,
        );
        try {
          do {
            if (
              await workerPass(db, who, name, undefined, (requestId, err) =>
                env.logger.error('recalculation request failed', { requestId, error: String(err) }),
              )
            )
              env.logger.info('billing worker pass', { worker: name });
            if (v.once) break;
            await new Promise((resolve) => setTimeout(resolve, interval));
          } while (!stop);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        return EXIT_OK;
      });
    },
  },
  {
    words: ['billing', 'close'],
    summary: 'Закрыть открытый период навсегда и открыть следующий: --period ГГГГ-ММ',
    options: { period: { type: 'string' }, organisation: { type: 'string' } },
    required: ['period'],
    async run(v, env) {
      const problems: ErrorDetail[] = [];
      const org = idOption(v, 'organisation', problems);
      if (problems.length > 0) throw validationFailed(problems);
      return withDb(env, async (db) => {
        const ctx = { db, clock: env.clock, actor: await settlementCentreActor(db, org) };
        const r = await closePeriod(ctx, str(v, 'period')!);
        env.out(`Период ${r.closed} закрыт; открыт ${r.open}`);
        return EXIT_OK;
      });
    },
  },
];
