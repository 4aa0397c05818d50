/** `zhkh meters verification-due` and `zhkh readings import` (docs/meters.md), as the settlement centre. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { validationFailed } from '../domain/errors.js';
import { readingSources, type ReadingSource } from '../domain/meters/readings.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import { importEncodings, type ImportEncoding } from '../services/import/read-table.js';
import { importReadings } from '../services/meters/import-readings.js';
import { listMeters } from '../services/meters/meters.js';
import { openConfiguredDb } from '../services/setup.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

async function asCentre<T>(
  env: CliEnv,
  org: string | undefined,
  fn: (ctx: {
    db: Db;
    clock: CliEnv['clock'];
    actor: Awaited<ReturnType<typeof settlementCentreActor>>;
  }) => Promise<T>,
) {
  if (org && !/^[1-9]\d*$/.test(org))
    throw validationFailed([{ field: '--organisation', problem: 'номер (id) расчётного центра' }]);
  const db = await openConfiguredDb(env.config);
  try {
    await migrate(db);
    return await fn({
      db,
      clock: env.clock,
      actor: await settlementCentreActor(db, org ? Number(org) : undefined),
    });
  } finally {
    await db.close();
  }
}

const resourceNames: Record<string, string> = {
  cold_water: 'ХВС',
  hot_water: 'ГВС',
  heating: 'отопление',
  electricity: 'электроэнергия',
  gas: 'газ',
};

export const meterCommands: Command[] = [
  {
    words: ['meters', 'verification-due'],
    summary:
      'Приборы учёта, у которых срок поверки истекает в ближайшие N дней или уже истёк (для уведомлений)',
    options: { days: { type: 'string' }, organisation: { type: 'string' } },
    required: ['days'],
    async run(v, env) {
      const days = str(v, 'days')!;
      if (!/^\d{1,4}$/.test(days))
        throw validationFailed([{ field: '--days', problem: 'целое число дней, от 0' }]);
      return asCentre(env, str(v, 'organisation'), async (ctx) => {
        let page = 1;
        let total = 0;
        for (;;) {
          const result = await listMeters(
            ctx,
            { dueWithinDays: Number(days) },
            { page, pageSize: 500, sort: [{ field: 'nextVerificationOn', desc: false }] },
          );
          for (const m of result.items) {
            const where = m.premises.map((p) => p.label).join(', ') || 'ОДПУ';
            env.out(
              [
                m.nextVerificationOn ?? '—',
                m.address,
                where,
                resourceNames[m.resource] ?? m.resource,
                `№ ${m.serialNumber}`,
              ].join('\t'),
            );
          }
          total = result.total;
          if (page * 500 >= total) break;
          page++;
        }
        env.out(`Всего приборов: ${total}`);
        return EXIT_OK;
      });
    },
  },
  {
    words: ['readings', 'import'],
    summary:
      'Загрузить показания из файла: zhkh readings import <файл> (CSV «;» или XLSX; docs/meters.md); --dry-run — только проверить',
    options: {
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
      source: { type: 'string' },
      encoding: { type: 'string' },
      organisation: { type: 'string' },
    },
    required: ['file'],
    positional: 'file',
    async run(v, env) {
      const [file, source, encoding] = [str(v, 'file')!, str(v, 'source') ?? 'operator', str(v, 'encoding')];
      const problems = [];
      if (!fs.existsSync(file)) problems.push({ field: '--file', problem: `нет файла ${file}` });
      if (!(readingSources as readonly string[]).includes(source))
        problems.push({ field: '--source', problem: `один из: ${readingSources.join(', ')}` });
      if (encoding && !(importEncodings as readonly string[]).includes(encoding))
        problems.push({ field: '--encoding', problem: `одна из: ${importEncodings.join(', ')}` });
      if (problems.length > 0) throw validationFailed(problems);
      return asCentre(env, str(v, 'organisation'), async (ctx) => {
        const report = await importReadings(ctx, {
          data: fs.readFileSync(file),
          fileName: path.basename(file),
          encoding: encoding as ImportEncoding | undefined,
          dryRun: v['dry-run'] === true,
          source: source as ReadingSource,
        });
        const a = report.applied;
        env.out(
          `${path.basename(file)}: строк ${report.rows}; ${report.dryRun ? 'было бы записано' : 'записано'} ${a.inserted} ` +
            `(задержано до подтверждения ${a.held}, не для расчёта ${a.notForBilling}), уже были ${a.unchanged}`,
        );
        for (const b of report.badRows)
          env.out(`  строка ${b.line}${b.column ? `, ${b.column}` : ''}: ${b.problem}`);
        return report.badRows.length > 0 ? EXIT_USAGE : EXIT_OK;
      });
    },
  },
];
