/**
 * The demo town: a settlement centre, the 3 managers and 6 suppliers it serves, a payment agent, one
 * user per role (all with the demo password), 3 districts and a town of about 40 houses and 3,000
 * accounts (generated deterministically, seed 1). Loading twice changes nothing.
 */
import type { Db } from '../db/client.js';
import { insertOrganisation, type NewOrganisation } from '../db/organisations.js';
import { insertDistrict } from '../db/registry/houses.js';
import { insertUser } from '../db/users.js';
import { demoHouseServicePlan, demoRegion, seedDemoPrices } from './demo/demo-prices.js';
import { loadDemoResidents } from './demo/demo-residents.js';
import { loadDemoMeters } from './demo/demo-meters.js';
import { loadDemoBilling } from './demo/demo-billing.js';
import { loadDemoRequisites } from './demo/demo-requisites.js';
import { loadDemoFinance } from './demo/demo-finance.js';
import { loadTown } from './demo/load-town.js';
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
    key: 'north',
    kind: 'manager',
    name: 'УК Северная',
    shortName: 'Северная',
    inn: '7708000071',
    kpp: '770801001',
    ogrn: '1027700000074',
  },
  {
    key: 'power',
    kind: 'supplier',
    name: 'Горэлектросбыт Демо-города',
    shortName: 'Горэлектросбыт',
    inn: '7709000081',
    kpp: '770901001',
    ogrn: '1027700000085',
  },
  {
    key: 'gas',
    kind: 'supplier',
    name: 'Газ Демо-города',
    shortName: 'Горгаз',
    inn: '7710000093',
    kpp: '771001001',
    ogrn: '1027700000096',
  },
  {
    key: 'waste',
    kind: 'supplier',
    name: 'Экотранс (региональный оператор ТКО)',
    shortName: 'Экотранс',
    inn: '7711000106',
    kpp: '771101001',
    ogrn: '1027700000107',
  },
  {
    key: 'fund',
    kind: 'supplier',
    name: 'Фонд капитального ремонта Демо-области',
    shortName: 'Фонд капремонта',
    inn: '7712000116',
    kpp: '771201001',
    ogrn: '1027700000118',
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

const demoDistricts = [
  ['C', 'Центральный'],
  ['N', 'Северный'],
  ['Z', 'Заречный'],
] as const;

/** The size of the demo town: about 40 houses. */
export const demoTownAccounts = 3000;

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
  /** `finance: false` leaves out the demo's contracts, debts and payments (the test template: see demo-finance.ts). */
  options: { finance?: boolean } = {},
): Promise<boolean> {
  const total = organisations.length + demoUsers.length + 10; // the town counts as ten steps
  const hash = await hashPassword(password); // one hash for all demo users: they share the password
  const centreId = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7340156)');
    if (
      (await tx.maybeOne('select 1 from organisations where inn = $1', [organisations[0]!.inn])) !== undefined
    ) {
      return undefined;
    }
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
    await seedDemoPrices(tx);
    for (const [code, name] of demoDistricts) {
      await insertDistrict(tx, { code, name, settlementCentreId: ids.get('eirc')! }, null);
    }
    return ids.get('eirc')!;
  });
  if (centreId === undefined) return false;
  const services = await demoHouseServicePlan(db);
  await loadTown(
    db,
    centreId,
    { accounts: demoTownAccounts, seed: 1, region: demoRegion, services },
    (done, all, label) => progress(total - 10 + Math.round((done / all) * 10), total, label),
  );
  await loadDemoResidents(db, centreId);
  await loadDemoMeters(db, centreId, 'Демо-город'); // the town's default city
  await loadDemoBilling(db, centreId);
  await loadDemoRequisites(db, centreId);
  if (options.finance !== false) await loadDemoFinance(db, centreId, clock);
  return true;
}
