/**
 * The demo organisation: a settlement centre, the managers and suppliers it serves, a payment agent,
 * and one user per role, all with the demo password. Loading twice changes nothing.
 * (The registry issue adds the demo town: houses, premises, accounts.)
 */
import type { Db } from '../db/client.js';
import { insertOrganisation, type NewOrganisation } from '../db/organisations.js';
import { insertUser } from '../db/users.js';
import type { RoleCode } from '../domain/access.js';
import { recordAudit } from './audit.js';
import type { Clock } from './context.js';
import { hashPassword } from './passwords.js';
import { noProgress, type Progress } from './progress.js';

type DemoOrg = Omit<NewOrganisation, 'settlementCentreId'> & { key: string };

const organisations: DemoOrg[] = [
  {
    key: 'eirc',
    kind: 'settlement_centre',
    name: 'ЕИРЦ Демо-города',
    shortName: 'ЕИРЦ',
    inn: '7701000019',
    kpp: '770101001',
    ogrn: '1027700000019',
  },
  {
    key: 'uk',
    kind: 'manager',
    name: 'УК Уютный дом',
    shortName: 'Уютный дом',
    inn: '7702000029',
    kpp: '770201001',
    ogrn: '1027700000020',
  },
  {
    key: 'tsj',
    kind: 'manager',
    name: 'ТСЖ Берёзка',
    shortName: 'Берёзка',
    inn: '7703000039',
    kpp: '770301001',
    ogrn: '1027700000030',
  },
  {
    key: 'water',
    kind: 'supplier',
    name: 'Водоканал Демо-города',
    shortName: 'Водоканал',
    inn: '7704000049',
    kpp: '770401001',
    ogrn: '1027700000041',
  },
  {
    key: 'heat',
    kind: 'supplier',
    name: 'Теплосеть Демо-города',
    shortName: 'Теплосеть',
    inn: '7705000059',
    kpp: '770501001',
    ogrn: '1027700000052',
  },
  {
    key: 'bank',
    kind: 'payment_agent',
    name: 'Сбербанк (демо)',
    shortName: 'Сбербанк',
    inn: '7707000833',
    kpp: '773601001',
    ogrn: '1027700000063',
  },
];

type DemoUser = { login: string; fullName: string; org: string; roles: RoleCode[] };

export const demoUsers: readonly DemoUser[] = [
  { login: 'admin', fullName: 'Администратов Андрей Петрович', org: 'eirc', roles: ['administrator'] },
  { login: 'accountant', fullName: 'Счётова Бэлла Ивановна', org: 'eirc', roles: ['billing_accountant'] },
  { login: 'cashier', fullName: 'Кассирова Вера Сергеевна', org: 'eirc', roles: ['cashier'] },
  { login: 'passport', fullName: 'Паспортова Галина Олеговна', org: 'eirc', roles: ['registration_officer'] },
  { login: 'dispatcher', fullName: 'Диспетчеров Дмитрий Юрьевич', org: 'eirc', roles: ['dispatcher'] },
  { login: 'analyst', fullName: 'Аналитикова Елена Викторовна', org: 'eirc', roles: ['analyst'] },
  { login: 'uk_admin', fullName: 'Управдомов Женя Маркович', org: 'uk', roles: ['administrator'] },
  { login: 'uk_accountant', fullName: 'Уютова Зоя Павловна', org: 'uk', roles: ['billing_accountant'] },
  { login: 'tsj_admin', fullName: 'Берёзкин Игорь Ильич', org: 'tsj', roles: ['administrator'] },
  { login: 'water_analyst', fullName: 'Водянова Ксения Романовна', org: 'water', roles: ['analyst'] },
  { login: 'sber', fullName: 'Шлюз Сбербанка (демо)', org: 'bank', roles: ['payment_agent'] },
];

export async function isDemoLoaded(db: Db): Promise<boolean> {
  return (
    (await db.maybeOne('select 1 from organisations where inn = $1', [organisations[0]!.inn])) !== undefined
  );
}

/** Loads the demo organisation; returns false (and changes nothing) when it is already there. */
export async function loadDemo(
  db: Db,
  clock: Clock,
  password: string,
  progress: Progress = noProgress,
): Promise<boolean> {
  const total = organisations.length + demoUsers.length;
  const hash = await hashPassword(password); // one hash for all demo users: they share the password
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7340156)');
    if (
      (await tx.maybeOne('select 1 from organisations where inn = $1', [organisations[0]!.inn])) !== undefined
    )
      return false;
    const ids = new Map<string, number>();
    let done = 0;
    for (const { key, ...o } of organisations) {
      const org = await insertOrganisation(
        tx,
        { ...o, settlementCentreId: key === 'eirc' ? null : ids.get('eirc')! },
        null,
      );
      ids.set(key, org.id);
      await recordAudit(
        tx,
        { clock, actor: null },
        {
          action: 'create',
          objectType: 'organisation',
          objectId: org.id,
          organisationId: org.id,
          after: org,
        },
      );
      progress(++done, total, org.name);
    }
    for (const u of demoUsers) {
      const organisationId = ids.get(u.org)!;
      const id = await insertUser(
        tx,
        {
          login: u.login,
          fullName: u.fullName,
          email: null,
          passwordHash: hash,
          organisationId,
          roles: u.roles,
        },
        null,
      );
      await recordAudit(
        tx,
        { clock, actor: null },
        {
          action: 'create',
          objectType: 'user',
          objectId: id,
          organisationId,
          after: { login: u.login, fullName: u.fullName, roles: u.roles, organisationId },
        },
      );
      progress(++done, total, u.login);
    }
    return true;
  });
}
