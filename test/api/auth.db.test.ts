import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { engineName } from '../support/engines.js';

const MINUTE = 60_000;

describe(`login and sessions on ${engineName}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // small limits so the tests read plainly: 3 failures lock for 10 minutes; 30 idle minutes end a session
    t = await createTestApp({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '10',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '8',
    });
  });
  afterAll(() => t.dispose());

  it('logs in with the right password: an httpOnly SameSite=Strict cookie and the user with his permissions', async () => {
    const res = await t.call('POST', '/api/v1/auth/login', { body: { login: 'admin', password: 'demo' } });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({
      login: 'admin',
      roles: ['administrator'],
      organisation: { name: 'ЕИРЦ Демо-города', kind: 'settlement_centre' },
    });
    expect(res.json.user.permissions).toContain('users.write');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^zhkh_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await t.call('GET', '/api/v1/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(me.json.user.login).toBe('admin');
  });

  it('login names are case-insensitive', async () => {
    expect(
      (await t.call('POST', '/api/v1/auth/login', { body: { login: 'ADMIN', password: 'demo' } })).status,
    ).toBe(200);
  });

  it('refuses a wrong password and an unknown login with the same answer, and sets no cookie', async () => {
    const wrong = await t.call('POST', '/api/v1/auth/login', {
      body: { login: 'cashier', password: 'wrong' },
    });
    const unknown = await t.call('POST', '/api/v1/auth/login', {
      body: { login: 'nobody', password: 'wrong' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({
        code: 'invalid_credentials',
        message: 'Неверный логин или пароль',
        details: [],
      });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('throttles: after 3 failures the 4th attempt is refused even with the right password, until the window passes', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.call('POST', '/api/v1/auth/login', { body: { login: 'dispatcher', password: 'bad' + i } }))
          .status,
      ).toBe(401);
    }
    const locked = await t.call('POST', '/api/v1/auth/login', {
      body: { login: 'dispatcher', password: 'demo' },
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBe(600); // 10 minutes from the first failure
    t.clock.advance(10 * MINUTE);
    expect(
      (await t.call('POST', '/api/v1/auth/login', { body: { login: 'dispatcher', password: 'demo' } }))
        .status,
    ).toBe(200);
  });

  it('a success clears the failures: two failures, a success, two failures more are not a lock', async () => {
    const attempt = (password: string) =>
      t.call('POST', '/api/v1/auth/login', { body: { login: 'passport', password } });
    await attempt('x');
    await attempt('y');
    expect((await attempt('demo')).status).toBe(200);
    await attempt('x');
    await attempt('y');
    expect((await attempt('demo')).status).toBe(200);
  });

  it('ends a session after the idle time with session_expired; activity within it keeps the session', async () => {
    const cookie = await t.login('accountant');
    t.clock.advance(29 * MINUTE);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(29 * MINUTE); // 58 minutes after login, 29 after the last request
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    const expired = await t.call('GET', '/api/v1/auth/me', { cookie });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('session_expired');
    // and it stays ended
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).json.error.code).toBe('unauthenticated');
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const cookie = await t.login('analyst');
    for (let i = 0; i < 16; i++) {
      t.clock.advance(29 * MINUTE); // 16 × 29 min = 7 h 44 min: still within 8 hours
      expect((await t.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
    }
    t.clock.advance(17 * MINUTE); // 8 h 1 min after login
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).json.error.code).toBe('session_expired');
  });

  it('logout ends the session and clears the cookie', async () => {
    const cookie = await t.login('cashier');
    const out = await t.call('POST', '/api/v1/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/zhkh_session=;/);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie })).json.error.code).toBe('unauthenticated');
  });

  it('answers 401 unauthenticated without a cookie, and with a forged one', async () => {
    expect((await t.call('GET', '/api/v1/users')).json.error.code).toBe('unauthenticated');
    expect((await t.call('GET', '/api/v1/users', { cookie: 'zhkh_session=forged' })).status).toBe(401);
  });

  it('a deactivated user cannot log in, and his open sessions end', async () => {
    const admin = await t.login('admin');
    const victim = await t.login('uk_accountant');
    const id = await t.userId('uk_accountant');
    expect(
      (await t.call('PATCH', `/api/v1/users/${id}`, { cookie: admin, body: { isActive: false } })).status,
    ).toBe(200);
    expect((await t.call('GET', '/api/v1/auth/me', { cookie: victim })).status).toBe(401);
    expect(
      (await t.call('POST', '/api/v1/auth/login', { body: { login: 'uk_accountant', password: 'demo' } }))
        .status,
    ).toBe(401);
  });

  it('stores sessions and passwords only as hashes', async () => {
    const cookie = await t.login('admin');
    const secret = cookie.split('=')[1]!;
    expect(await t.db.maybeOne('select 1 from sessions where id = $1', [secret])).toBeUndefined();
    const { password_hash } = (await t.db.maybeOne<{ password_hash: string }>(
      `select password_hash from users where login = 'admin'`,
    ))!;
    expect(password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(password_hash).not.toContain('demo');
  });
});

describe(`API tokens on ${engineName}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.dispose());

  it('a machine client authenticates by a bearer token until it is revoked or expires', async () => {
    const admin = await t.login('admin');
    const sber = await t.userId('sber');
    const created = await t.call('POST', `/api/v1/users/${sber}/tokens`, {
      cookie: admin,
      body: { name: 'шлюз', expiresAt: '2026-12-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.json.secret}` };
    const me = await t.call('GET', '/api/v1/auth/me', { headers: bearer });
    expect(me.json.user).toMatchObject({ login: 'sber', roles: ['payment_agent'], permissions: [] });
    // the payment agent has no right to the user list
    expect((await t.call('GET', '/api/v1/users', { headers: bearer })).status).toBe(403);
    // the secret is not stored
    expect(
      await t.db.maybeOne('select 1 from api_tokens where token_hash = $1', [created.json.secret]),
    ).toBeUndefined();

    t.clock.set('2026-12-01T00:00:00Z');
    expect((await t.call('GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(401);
    t.clock.set('2026-11-02T10:00:00Z');
    expect((await t.call('GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(200);
    const admin2 = await t.login('admin');
    expect(
      (await t.call('DELETE', `/api/v1/users/${sber}/tokens/${created.json.token.id}`, { cookie: admin2 }))
        .status,
    ).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(401);
  });
});
