/**
 * What a start does before serving: open the database, apply migrations, and on an empty database
 * load the demo (unless production). A production install starts with `zhkh setup`, which creates
 * the settlement centre and its first administrator.
 */
import type { Config } from '../config.js';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { insertOrganisation, type Organisation } from '../db/organisations.js';
import { insertUser } from '../db/users.js';
import { DomainError, validationFailed, type ErrorDetail } from '../domain/errors.js';
import { isValidInn } from '../domain/requisites.js';
import type { Logger } from '../logger.js';
import { recordAudit } from './audit.js';
import type { Clock } from './context.js';
import { loadDemo } from './demo.js';
import { seedLegalParameters } from './registry/legal-parameters.js';
import { seedServices } from './registry/services.js';
import { hashPassword, passwordProblems } from './passwords.js';

export async function openConfiguredDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export async function hasUsers(db: Db): Promise<boolean> {
  return (await db.maybeOne('select 1 from users limit 1')) !== undefined;
}

/** Migrates; on a database without users, loads the demo when the configuration allows it. */
export async function prepareDatabase(db: Db, config: Config, clock: Clock, logger: Logger): Promise<void> {
  const applied = await migrate(db);
  if (applied.length > 0) logger.info('migrations applied', { applied });
  await seedReferenceData(db);
  if (await hasUsers(db)) return;
  if (config.demo.enabled && config.demo.password) {
    await loadDemo(db, clock, config.demo.password);
    logger.info('demo loaded', {
      login: 'admin',
      password: config.env === 'production' ? '(ZHKH_DEMO_PASSWORD)' : config.demo.password,
    });
  } else {
    logger.warn(
      'the database has no users: run `zhkh setup` to create the settlement centre and its administrator',
    );
  }
}

/**
 * Reference data every install needs, added where missing: the standard service catalogue and the
 * legal parameters with their sources (src/domain/registry/legal-parameter-catalogue.ts).
 */
export async function seedReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await seedServices(tx);
    await seedLegalParameters(tx);
  });
}

export type SetupInput = { name: string; inn: string; login: string; fullName: string; password: string };

/** A new install: the settlement centre and its first administrator. Refused once users exist. */
export async function setupSettlementCentre(db: Db, clock: Clock, input: SetupInput): Promise<Organisation> {
  const problems: ErrorDetail[] = [];
  if (input.name.trim() === '') problems.push({ field: 'name', problem: 'обязательно' });
  if (!isValidInn(input.inn) || input.inn.length !== 10)
    problems.push({ field: 'inn', problem: 'не ИНН организации (10 цифр с верной контрольной цифрой)' });
  for (const p of passwordProblems(input.password, input.login))
    problems.push({ field: 'password', problem: p });
  if (problems.length > 0) throw validationFailed(problems);
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if ((await tx.maybeOne('select 1 from users limit 1')) !== undefined) {
      throw new DomainError('conflict', 'Система уже настроена: пользователи есть');
    }
    const org = await insertOrganisation(
      tx,
      {
        kind: 'settlement_centre',
        name: input.name.trim(),
        shortName: null,
        inn: input.inn,
        kpp: null,
        ogrn: null,
        settlementCentreId: null,
      },
      null,
    );
    const id = await insertUser(
      tx,
      {
        login: input.login,
        fullName: input.fullName,
        email: null,
        passwordHash: hash,
        organisationId: org.id,
        roles: ['administrator'],
      },
      null,
    );
    await recordAudit(
      tx,
      { clock, actor: null },
      { action: 'create', objectType: 'organisation', objectId: org.id, organisationId: org.id, after: org },
    );
    await recordAudit(
      tx,
      { clock, actor: null },
      {
        action: 'create',
        objectType: 'user',
        objectId: id,
        organisationId: org.id,
        after: { login: input.login, roles: ['administrator'] },
      },
    );
    return org;
  });
}
