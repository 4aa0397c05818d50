/**
 * The `zhkh` commands, declared as data: words, options, and a handler that calls the same services
 * as the API. Each handler returns an exit code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import { configKeys } from '../config.js';
import type { Db } from '../db/client.js';
import { migrate, migrationStatus } from '../db/migrate.js';
import { roleCodes, type RoleCode } from '../domain/access.js';
import { validationFailed } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { startServer } from '../server.js';
import type { Clock } from '../services/context.js';
import { isDemoLoaded, loadDemo } from '../services/demo.js';
import { demoHouseServicePlan } from '../services/demo/demo-prices.js';
import { writeSampleBills } from '../services/epd/samples.js';
import { loadTown } from '../services/demo/load-town.js';
import { openConfiguredDb, seedReferenceData, setupSettlementCentre } from '../services/setup.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import { reportLines } from '../services/import/report-text.js';
import {
  importEncodings,
  importFile,
  importKinds,
  type ImportEncoding,
  type ImportKind,
} from '../services/import/run-import.js';
import { systemActor } from '../services/system-actor.js';
import { createUser, listUsers } from '../services/users.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { meterCommands } from './meter-commands.js';
import { financeCommands } from './finance-commands.js';
import { paymentCommands } from './payment-commands.js';
import { remittanceCommands } from './remittance-commands.js';
import { progressBar } from './progress-bar.js';
import { billingCommands } from './billing-commands.js';
import { epdCommands } from './epd-commands.js';
import { residentCommands } from './residents-commands.js';

export type CliEnv = { config: Config; clock: Clock; logger: Logger; out: (line: string) => void };
type Values = Record<string, string | boolean | undefined>;

export type Command = {
  words: string[];
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Options that must be given. */
  required?: string[];
  /** The option a single positional argument stands for (`zhkh readings import <file>`). */
  positional?: string;
  run(values: Values, env: CliEnv): Promise<number>;
};

async function withDb<T>(env: CliEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openConfiguredDb(env.config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

export const commands: Command[] = [
  {
    words: ['serve'],
    summary: 'Запустить сервер (миграции и демо-данные при первом запуске)',
    options: {},
    async run(_v, env) {
      const server = await startServer(env.config, env.clock, env.logger);
      env.out(`ЖКХ-Биллинг работает: ${server.url}  (API: ${server.url}/api/docs)`);
      if (env.config.demo.enabled && env.config.env !== 'production') {
        env.out(`Вход: admin / ${env.config.demo.password} (и другие демо-пользователи, см. README)`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      return EXIT_OK;
    },
  },
  {
    words: ['db', 'migrate'],
    summary: 'Применить новые миграции',
    options: {},
    async run(_v, env) {
      return withDb(env, async (db) => {
        const bar = progressBar('Миграции');
        const applied = await migrate(db, { onApplied: (name, i, n) => bar(i, n, name) });
        bar.finish();
        env.out(applied.length > 0 ? `Применено: ${applied.join(', ')}` : 'Схема уже актуальна');
        return EXIT_OK;
      });
    },
  },
  {
    words: ['db', 'status'],
    summary: 'Состояние миграций',
    options: {},
    async run(_v, env) {
      return withDb(env, async (db) => {
        const status = await migrationStatus(db);
        for (const m of status)
          env.out(`${m.state.padEnd(8)} ${m.name}${m.appliedAt ? `  ${m.appliedAt.toISOString()}` : ''}`);
        return status.some((m) => m.state === 'changed') ? EXIT_FAILED : EXIT_OK;
      });
    },
  },
  {
    words: ['demo', 'load'],
    summary:
      'Загрузить демонстрационную организацию и пользователей; --finance — с договорами, долгами и платежами месяца (как при первом запуске сервера)',
    options: { password: { type: 'string' }, finance: { type: 'boolean' } },
    async run(v, env) {
      const password = str(v, 'password') ?? env.config.demo.password;
      if (!password) throw validationFailed([{ field: '--password', problem: 'обязателен в production' }]);
      return withDb(env, async (db) => {
        await migrate(db);
        await seedReferenceData(db);
        if (await isDemoLoaded(db)) {
          env.out('Демо-данные уже загружены');
          return EXIT_OK;
        }
        const bar = progressBar('Демо-данные');
        await loadDemo(db, env.clock, password, bar, { finance: v['finance'] === true });
        bar.finish();
        env.out(`Демо-данные загружены. Вход: admin / ${password}`);
        return EXIT_OK;
      });
    },
  },
  {
    words: ['demo', 'generate'],
    summary:
      'Сгенерировать детерминированный регион: дома, помещения, лицевые счета (для нагрузочных тестов)',
    options: { accounts: { type: 'string' }, seed: { type: 'string' }, city: { type: 'string' } },
    required: ['accounts'],
    async run(v, env) {
      const accounts = Number(str(v, 'accounts'));
      const seed = Number(str(v, 'seed') ?? '1');
      const problems = [];
      if (!Number.isInteger(accounts) || accounts <= 0 || accounts > 50_000_000)
        problems.push({ field: '--accounts', problem: 'целое число от 1 до 50 000 000' });
      if (!Number.isInteger(seed) || seed < 0)
        problems.push({ field: '--seed', problem: 'целое неотрицательное число' });
      if (problems.length > 0) throw validationFailed(problems);
      return withDb(env, async (db) => {
        await migrate(db);
        await seedReferenceData(db);
        const centre = await db.maybeOne<{ id: number }>(
          `select id from organisations where kind = 'settlement_centre' order by id limit 1`,
        );
        if (!centre)
          throw validationFailed([
            { field: 'database', problem: 'нет расчётного центра: сначала zhkh demo load или zhkh setup' },
          ]);
        const bar = progressBar('Регион');
        const started = performance.now();
        const services = await demoHouseServicePlan(db);
        const counts = await loadTown(db, centre.id, { accounts, seed, city: str(v, 'city'), services }, bar);
        bar.finish();
        const seconds = (performance.now() - started) / 1000;
        env.out(
          `Записано: ${counts.houses} домов, ${counts.premises} помещений, ${counts.accounts} лицевых счетов за ${seconds.toFixed(1)} с (${Math.round(counts.accounts / seconds)} счетов/с)`,
        );
        return EXIT_OK;
      });
    },
  },
  {
    words: ['setup'],
    summary: 'Новая установка: расчётный центр и его первый администратор',
    options: {
      name: { type: 'string' },
      inn: { type: 'string' },
      login: { type: 'string' },
      'full-name': { type: 'string' },
      password: { type: 'string' },
    },
    required: ['name', 'inn', 'login', 'password'],
    async run(v, env) {
      return withDb(env, async (db) => {
        await migrate(db);
        await seedReferenceData(db);
        const org = await setupSettlementCentre(db, env.clock, {
          name: str(v, 'name')!,
          inn: str(v, 'inn')!,
          login: str(v, 'login')!,
          fullName: str(v, 'full-name') ?? 'Администратор',
          password: str(v, 'password')!,
        });
        env.out(`Создан расчётный центр «${org.name}» (id ${org.id}) и администратор ${str(v, 'login')}`);
        return EXIT_OK;
      });
    },
  },
  {
    words: ['users', 'create'],
    summary: 'Создать пользователя',
    options: {
      login: { type: 'string' },
      'full-name': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      organisation: { type: 'string' },
      role: { type: 'string', multiple: true },
    },
    required: ['login', 'full-name', 'password', 'organisation', 'role'],
    async run(v, env) {
      const roles = ([] as string[])
        .concat((v.role as unknown as string[]) ?? [])
        .flatMap((r) => r.split(','));
      const bad = roles.filter((r) => !(roleCodes as readonly string[]).includes(r));
      if (bad.length > 0)
        throw validationFailed(
          bad.map((r) => ({ field: '--role', problem: `нет роли ${r}; есть: ${roleCodes.join(', ')}` })),
        );
      const organisationId = Number(str(v, 'organisation'));
      if (!Number.isInteger(organisationId) || organisationId <= 0) {
        throw validationFailed([{ field: '--organisation', problem: 'номер (id) организации' }]);
      }
      return withDb(env, async (db) => {
        const ctx = { db, clock: env.clock, actor: await systemActor(db) };
        const user = await createUser(ctx, {
          login: str(v, 'login')!,
          fullName: str(v, 'full-name')!,
          email: str(v, 'email') ?? null,
          password: str(v, 'password')!,
          roles: roles as RoleCode[],
          organisationId,
        });
        env.out(`Создан пользователь ${user.login} (id ${user.id}), ${user.organisationName}`);
        return EXIT_OK;
      });
    },
  },
  {
    words: ['users', 'list'],
    summary: 'Список пользователей',
    options: { organisation: { type: 'string' } },
    async run(v, env) {
      return withDb(env, async (db) => {
        const ctx = { db, clock: env.clock, actor: await systemActor(db) };
        const org = str(v, 'organisation');
        const page = await listUsers(
          ctx,
          { organisationId: org ? Number(org) : undefined },
          { page: 1, pageSize: 500, sort: [] },
        );
        for (const u of page.items) {
          env.out(
            `${String(u.id).padStart(5)}  ${u.login.padEnd(16)} ${u.roles.join(',').padEnd(24)} ${u.isActive ? '' : '(отключён) '}${u.organisationName}`,
          );
        }
        return EXIT_OK;
      });
    },
  },
  {
    words: ['import'],
    summary: `Загрузить файл из прежней системы (CSV или XLSX), вид: ${importKinds.join(', ')}; docs/formats/legacy-import.md`,
    options: {
      kind: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      encoding: { type: 'string' },
      organisation: { type: 'string' },
    },
    required: ['kind', 'file'],
    async run(v, env) {
      const [kind, encoding, org] = [str(v, 'kind')!, str(v, 'encoding'), str(v, 'organisation')];
      const problems = [];
      if (!(importKinds as readonly string[]).includes(kind))
        problems.push({ field: '--kind', problem: `один из: ${importKinds.join(', ')}` });
      if (encoding && !(importEncodings as readonly string[]).includes(encoding))
        problems.push({ field: '--encoding', problem: `одна из: ${importEncodings.join(', ')}` });
      if (org && !/^[1-9]\d*$/.test(org))
        problems.push({ field: '--organisation', problem: 'номер (id) расчётного центра' });
      const file = str(v, 'file')!;
      if (!fs.existsSync(file)) problems.push({ field: '--file', problem: `нет файла ${file}` });
      if (problems.length > 0) throw validationFailed(problems);
      return withDb(env, async (db) => {
        await migrate(db);
        const ctx = {
          db,
          clock: env.clock,
          actor: await settlementCentreActor(db, org ? Number(org) : undefined),
        };
        const bar = progressBar('Загрузка');
        const report = await importFile(
          ctx,
          {
            kind: kind as ImportKind,
            data: fs.readFileSync(file),
            fileName: path.basename(file),
            encoding: encoding as ImportEncoding | undefined,
            dryRun: v['dry-run'] === true,
            skipBadRows: v['skip-bad-rows'] === true,
          },
          bar,
        );
        bar.finish();
        for (const line of reportLines(report, path.basename(file))) env.out(line);
        const written = report.applied.inserted + report.applied.updated;
        return report.badRows.length > 0 && (report.dryRun || written === 0) ? EXIT_USAGE : EXIT_OK;
      });
    },
  },
  {
    words: ['epd', 'sample'],
    summary: 'Образцы ЕПД в PDF: ежемесячный, на долг, на аванс и N счетов демо-города (--count)',
    options: { out: { type: 'string' }, count: { type: 'string' } },
    required: ['out'],
    async run(v, env) {
      const count = Number(str(v, 'count') ?? '0');
      if (!Number.isInteger(count) || count < 0 || count > 100_000)
        throw validationFailed([{ field: '--count', problem: 'целое число от 0 до 100 000' }]);
      const file = str(v, 'out')!;
      const bar = progressBar('ЕПД');
      const started = performance.now();
      const pages = await writeSampleBills(file, count, (done, total) => bar(done, total, ''));
      bar.finish();
      const seconds = (performance.now() - started) / 1000;
      env.out(`${file}: ${pages} стр. за ${seconds.toFixed(1)} с`);
      return EXIT_OK;
    },
  },
  {
    words: ['config'],
    summary: 'Показать настройки (переменные окружения)',
    options: {},
    async run(_v, env) {
      for (const { key, description } of configKeys) env.out(`${key.padEnd(22)} ${description ?? ''}`);
      env.out('');
      env.out(
        `Сейчас: база ${env.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `встроенная, ${env.config.dataDir}`}, порт ${env.config.port}, режим ${env.config.env}`,
      );
      return EXIT_OK;
    },
  },
  ...billingCommands,
  ...epdCommands(withDb),
  ...residentCommands,
  ...meterCommands,
  ...financeCommands(withDb),
  ...paymentCommands(withDb),
  ...remittanceCommands(withDb),
];
