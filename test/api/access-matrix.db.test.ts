/**
 * The access matrix: role × endpoint × organisation. Expected statuses come from the role table of
 * docs/architecture.md ("Access"), written out here by hand, not read from the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

const users = [
  'admin',
  'accountant',
  'cashier',
  'passport',
  'dispatcher',
  'analyst',
  'uk_admin',
  'water_analyst',
  'sber',
] as const;
type Login = (typeof users)[number];

let t: TestApp;
const cookies = {} as Record<Login, string>;
const ids = {} as Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of users) cookies[u] = await t.login(u);
  for (const u of ['admin', 'uk_admin', 'uk_accountant', 'tsj_admin', 'sber']) ids[u] = await t.userId(u);
  ids.eirc = await t.orgId('ЕИРЦ Демо-города');
  ids.uk = await t.orgId('УК Уютный дом');
  ids.tsj = await t.orgId('ТСЖ Берёзка');
  ids.water = await t.orgId('Водоканал Демо-города');
});
afterAll(() => t.dispose());

// Each endpoint is tried on an object of the caller's own organisation where it takes one.
type Probe = { name: string; method: string; path: (u: Login) => string; body?: (u: Login) => unknown };
const ownOrg: Record<Login, string> = {
  admin: 'eirc',
  accountant: 'eirc',
  cashier: 'eirc',
  passport: 'eirc',
  dispatcher: 'eirc',
  analyst: 'eirc',
  uk_admin: 'uk',
  water_analyst: 'water',
  sber: 'eirc',
};
let serial = 0;
const probes: Probe[] = [
  { name: 'GET /users', method: 'GET', path: () => '/api/v1/users' },
  {
    name: 'GET /users/{id}',
    method: 'GET',
    path: (u) => `/api/v1/users/${u === 'uk_admin' ? ids.uk_admin : ids.admin}`,
  },
  {
    name: 'POST /users',
    method: 'POST',
    path: () => '/api/v1/users',
    body: (u) => ({
      login: `new${++serial}`,
      fullName: 'Новый Сотрудник',
      password: 'long-enough-1',
      roles: ['analyst'],
      organisationId: ids[ownOrg[u] === 'water' ? 'water' : ownOrg[u] === 'uk' ? 'uk' : 'eirc'],
    }),
  },
  {
    name: 'GET /users/{id}/tokens',
    method: 'GET',
    path: (u) => `/api/v1/users/${u === 'uk_admin' ? ids.uk_accountant : ids.sber}/tokens`,
  },
  { name: 'GET /organisations', method: 'GET', path: () => '/api/v1/organisations' },
  { name: 'GET /organisations/{id}', method: 'GET', path: (u) => `/api/v1/organisations/${ids[ownOrg[u]]}` },
  { name: 'GET /audit', method: 'GET', path: () => '/api/v1/audit' },
  { name: 'GET /roles', method: 'GET', path: () => '/api/v1/roles' },
  { name: 'GET /search', method: 'GET', path: () => '/api/v1/search?q=%D0%94%D0%B5%D0%BC%D0%BE' },
  { name: 'GET /auth/me', method: 'GET', path: () => '/api/v1/auth/me' },
];

// A = allowed (200/201), F = forbidden (403). By the role table: users.* and tokens.write are the
// administrator's; organisations.read is every staff role's; audit.read is the administrator's,
// the accountant's and the analyst's; the payment agent has none of these.
const A = 'allowed';
const F = 'forbidden';
const expected: Record<string, Record<Login, typeof A | typeof F>> = {
  'GET /users': {
    admin: A,
    accountant: F,
    cashier: F,
    passport: F,
    dispatcher: F,
    analyst: F,
    uk_admin: A,
    water_analyst: F,
    sber: F,
  },
  'GET /users/{id}': {
    admin: A,
    accountant: F,
    cashier: F,
    passport: F,
    dispatcher: F,
    analyst: F,
    uk_admin: A,
    water_analyst: F,
    sber: F,
  },
  'POST /users': {
    admin: A,
    accountant: F,
    cashier: F,
    passport: F,
    dispatcher: F,
    analyst: F,
    uk_admin: A,
    water_analyst: F,
    sber: F,
  },
  'GET /users/{id}/tokens': {
    admin: A,
    accountant: F,
    cashier: F,
    passport: F,
    dispatcher: F,
    analyst: F,
    uk_admin: A,
    water_analyst: F,
    sber: F,
  },
  'GET /organisations': {
    admin: A,
    accountant: A,
    cashier: A,
    passport: A,
    dispatcher: A,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: F,
  },
  'GET /organisations/{id}': {
    admin: A,
    accountant: A,
    cashier: A,
    passport: A,
    dispatcher: A,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: F,
  },
  'GET /audit': {
    admin: A,
    accountant: A,
    cashier: F,
    passport: F,
    dispatcher: F,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: F,
  },
  'GET /roles': {
    admin: A,
    accountant: A,
    cashier: A,
    passport: A,
    dispatcher: A,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: A,
  },
  'GET /search': {
    admin: A,
    accountant: A,
    cashier: A,
    passport: A,
    dispatcher: A,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: A,
  },
  'GET /auth/me': {
    admin: A,
    accountant: A,
    cashier: A,
    passport: A,
    dispatcher: A,
    analyst: A,
    uk_admin: A,
    water_analyst: A,
    sber: A,
  },
};

describe(`role × endpoint on ${engineName}`, () => {
  const cases = probes.flatMap((p) => users.map((u) => [p.name, u, p] as const));
  it.each(cases)('%s as %s', async (name, u, p) => {
    const res = await t.call(p.method, p.path(u), { cookie: cookies[u], body: p.body?.(u) });
    const outcome =
      res.status === 200 || res.status === 201
        ? A
        : res.status === 403 && res.json.error.code === 'forbidden'
          ? F
          : res.status;
    expect(outcome, `${name} as ${u}: ${res.status} ${res.text.slice(0, 200)}`).toBe(expected[name]![u]);
  });
});

describe(`organisation scope on ${engineName}`, () => {
  it("a manager's administrator cannot reach another organisation's user by id: 404, as if it did not exist", async () => {
    for (const other of [ids.admin, ids.tsj_admin]) {
      const res = await t.call('GET', `/api/v1/users/${other}`, { cookie: cookies.uk_admin });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      const patch = await t.call('PATCH', `/api/v1/users/${other}`, {
        cookie: cookies.uk_admin,
        body: { fullName: 'Взлом' },
      });
      expect(patch.status).toBe(404);
      expect(
        (await t.call('GET', `/api/v1/users/${other}/tokens`, { cookie: cookies.uk_admin })).status,
      ).toBe(404);
      expect(
        (
          await t.call('POST', `/api/v1/users/${other}/tokens`, {
            cookie: cookies.uk_admin,
            body: { name: 'x' },
          })
        ).status,
      ).toBe(404);
    }
    const unchanged = await t.db.maybeOne<{ full_name: string }>(
      'select full_name from users where id = $1',
      [ids.admin],
    );
    expect(unchanged!.full_name).not.toBe('Взлом');
  });

  it("a manager's administrator cannot create a user in another organisation", async () => {
    const res = await t.call('POST', '/api/v1/users', {
      cookie: cookies.uk_admin,
      body: {
        login: 'intruder',
        fullName: 'Чужой',
        password: 'long-enough-1',
        roles: ['analyst'],
        organisationId: ids.tsj,
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toContainEqual({
      field: 'organisationId',
      problem: 'организация не найдена',
    });
    expect(await t.db.maybeOne(`select 1 from users where login = 'intruder'`)).toBeUndefined();
  });

  it('lists show only the organisations in scope: the settlement centre sees all it serves, a manager itself', async () => {
    const all = await t.call('GET', '/api/v1/organisations?pageSize=100', { cookie: cookies.admin });
    expect(all.json.total).toBe(11); // the centre, 3 managers, 6 suppliers, a payment agent
    const uk = await t.call('GET', '/api/v1/organisations', { cookie: cookies.uk_admin });
    expect(uk.json.items.map((o: { name: string }) => o.name)).toEqual(['УК Уютный дом']);
    const water = await t.call('GET', '/api/v1/organisations', { cookie: cookies.water_analyst });
    expect(water.json.items.map((o: { name: string }) => o.name)).toEqual(['Водоканал Демо-города']);
    expect(
      (await t.call('GET', `/api/v1/organisations/${ids.tsj}`, { cookie: cookies.uk_admin })).status,
    ).toBe(404);
    const ukUsers = await t.call('GET', '/api/v1/users?pageSize=100', { cookie: cookies.uk_admin });
    expect(new Set(ukUsers.json.items.map((u: { organisationName: string }) => u.organisationName))).toEqual(
      new Set(['УК Уютный дом']),
    );
  });

  it('the global search finds only what is in scope', async () => {
    const q = encodeURIComponent('Берёзка');
    expect(
      (await t.call('GET', `/api/v1/search?q=${q}`, { cookie: cookies.admin })).json.items.length,
    ).toBeGreaterThan(0);
    expect((await t.call('GET', `/api/v1/search?q=${q}`, { cookie: cookies.uk_admin })).json.items).toEqual(
      [],
    );
  });

  it("the audit log shows a manager only his organisation's records", async () => {
    const res = await t.call('GET', '/api/v1/audit?pageSize=500', { cookie: cookies.uk_admin });
    expect(res.json.total).toBeGreaterThan(0);
    for (const r of res.json.items) expect(r.organisationId).toBe(ids.uk);
    const theirs = await t.call('GET', `/api/v1/audit?objectType=user&objectId=${ids.admin}`, {
      cookie: cookies.uk_admin,
    });
    expect(theirs.json.items).toEqual([]);
  });

  it('only a settlement centre registers organisations', async () => {
    const body = { kind: 'manager', name: 'УК Новая', inn: '7706000069' };
    const uk = await t.call('POST', '/api/v1/organisations', { cookie: cookies.uk_admin, body });
    expect(uk.status).toBe(403);
    const eirc = await t.call('POST', '/api/v1/organisations', { cookie: cookies.admin, body });
    expect(eirc.status).toBe(201);
    expect(eirc.json.settlementCentreId).toBe(ids.eirc);
  });
});
