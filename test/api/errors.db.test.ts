import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.dispose());

describe(`the one error format on ${engineName}`, () => {
  it('names every bad field of a body, with status 400 and validation_failed', async () => {
    const res = await t.call('POST', '/api/v1/users', {
      cookie: admin,
      body: {
        login: 'a b',
        fullName: '',
        email: 'not-an-email',
        password: 'x',
        roles: ['wizard'],
        organisationId: 'one',
      },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json)).toEqual(['error']);
    expect(Object.keys(res.json.error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
    expect(res.json.error.code).toBe('validation_failed');
    const fields = res.json.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['email', 'fullName', 'login', 'organisationId', 'roles.0']);
    for (const d of res.json.error.details) expect(typeof d.problem).toBe('string');
  });

  it('names a missing field', async () => {
    const res = await t.call('POST', '/api/v1/auth/login', { body: { login: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ field: 'password', problem: expect.any(String) }]);
  });

  it('names bad query parameters and an unknown sort field', async () => {
    const page = await t.call('GET', '/api/v1/users?page=0&pageSize=1000', { cookie: admin });
    expect(page.status).toBe(400);
    expect(page.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'page',
      'pageSize',
    ]);
    const sort = await t.call('GET', '/api/v1/users?sort=-password', { cookie: admin });
    expect(sort.status).toBe(400);
    expect(sort.json.error.details).toEqual([
      { field: 'sort', problem: expect.stringContaining('password') },
    ]);
  });

  it('business rule failures use the same format: a role the organisation kind does not allow, a short password', async () => {
    const res = await t.call('POST', '/api/v1/users', {
      cookie: admin,
      body: {
        login: 'agent2',
        fullName: 'Агент',
        password: 'short',
        roles: ['payment_agent'],
        organisationId: await t.orgId('ЕИРЦ Демо-города'),
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { field: 'roles', problem: 'роль payment_agent недоступна для организации вида settlement_centre' },
      { field: 'password', problem: 'не короче 8 символов' },
    ]);
  });

  it('a malformed JSON body is bad_request', async () => {
    const res = await t.call('POST', '/api/v1/users', { cookie: admin, body: '{"login": ' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
  });

  it('a body over 1 MiB is payload_too_large', async () => {
    const res = await t.call('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'x'.repeat(1_100_000) },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('the routes that take a whole file accept more than 1 MiB: bank registries and readings files', async () => {
    const file = Buffer.from('x'.repeat(1_200_000)).toString('base64');
    for (const [path, body] of [
      [
        '/api/v1/finance/payment-registries',
        { agentId: 1, format: 'zhkh-default', fileName: 'big.txt', contentBase64: file, dryRun: true },
      ],
      ['/api/v1/readings/import', { fileName: 'big.csv', contentBase64: file, dryRun: true }],
    ] as const) {
      const res = await t.call('POST', path, { cookie: admin, body });
      expect(res.status, `${path}: ${res.text.slice(0, 200)}`).not.toBe(413);
    }
  });

  it('an unknown API path is not_found in the same format', async () => {
    const res = await t.call('GET', '/api/v1/nothing-here', { cookie: admin });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('a login taken is a conflict naming the field', async () => {
    const res = await t.call('POST', '/api/v1/users', {
      cookie: admin,
      body: {
        login: 'Cashier',
        fullName: 'Двойник',
        password: 'long-enough-1',
        roles: ['cashier'],
        organisationId: await t.orgId('ЕИРЦ Демо-города'),
      },
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: 'conflict',
      details: [{ field: 'login', problem: 'уже занят' }],
    });
  });

  it('echoes a given request id in the header and the error, and makes one when none is given', async () => {
    const given = await t.call('GET', '/api/v1/users/999999', {
      cookie: admin,
      headers: { 'x-request-id': 'bank-req-42' },
    });
    expect(given.status).toBe(404);
    expect(given.headers.get('x-request-id')).toBe('bank-req-42');
    expect(given.json.error.requestId).toBe('bank-req-42');
    const made = await t.call('GET', '/api/v1/users/999999', { cookie: admin });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.json.error.requestId).toBe(made.headers.get('x-request-id'));
  });

  it('an unexpected failure is a 500 internal error that shows no SQL or stack', async () => {
    await t.db.query('alter table users rename to users_gone');
    try {
      const res = await t.call('GET', '/api/v1/users', { cookie: admin });
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe('internal');
      expect(res.text).not.toMatch(/users_gone|relation|select|at \w+ \(/i);
    } finally {
      await t.db.query('alter table users_gone rename to users');
    }
  });
});

describe('lists', () => {
  it('page, pageSize, sort and total follow one convention', async () => {
    const first = await t.call('GET', '/api/v1/users?page=1&pageSize=4&sort=-login', { cookie: admin });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, pageSize: 4 });
    expect(first.json.items).toHaveLength(4);
    const all = await t.call('GET', '/api/v1/users?pageSize=500&sort=-login', { cookie: admin });
    expect(first.json.total).toBe(all.json.items.length);
    const logins = all.json.items.map((u: { login: string }) => u.login);
    expect(logins).toEqual([...logins].sort().reverse());
    expect(first.json.items.map((u: { login: string }) => u.login)).toEqual(logins.slice(0, 4));
    const last = await t.call('GET', `/api/v1/users?page=99&pageSize=4`, { cookie: admin });
    expect(last.json).toMatchObject({ items: [], total: all.json.total });
  });

  it('filters by role, organisation and text', async () => {
    const uk = await t.orgId('УК Уютный дом');
    const res = await t.call('GET', `/api/v1/users?organisationId=${uk}&role=administrator`, {
      cookie: admin,
    });
    expect(res.json.items.map((u: { login: string }) => u.login)).toEqual(['uk_admin']);
    const text = await t.call('GET', `/api/v1/users?q=${encodeURIComponent('кассир')}`, { cookie: admin });
    expect(text.json.items.map((u: { login: string }) => u.login)).toEqual(['cashier']);
  });
});
