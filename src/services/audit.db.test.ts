import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { engineName } from '../../test/support/engines.js';
import { recordAudit } from './audit.js';
import { systemActor } from './system-actor.js';
import { createUser, updateUser } from './users.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

const auditOf = (objectType: string, objectId: number) =>
  t.db.query<{
    action: string;
    actor_user_id: number | null;
    before: unknown;
    after: unknown;
    request_id: string | null;
    at: Date;
  }>('select * from audit_records where object_type = $1 and object_id = $2 order by id', [
    objectType,
    String(objectId),
  ]);

describe(`audit on ${engineName}`, () => {
  it('records who, when, which object, before and after, with the request id', async () => {
    const admin = await t.login('admin');
    const created = await t.call('POST', '/api/v1/users', {
      cookie: admin,
      headers: { 'x-request-id': 'req-create-1' },
      body: {
        login: 'kassir2',
        fullName: 'Кассирова Вторая',
        password: 'long-enough-1',
        roles: ['cashier'],
        organisationId: await t.orgId('ЕИРЦ Демо-города'),
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    await t.call('PATCH', `/api/v1/users/${id}`, { cookie: admin, body: { roles: ['cashier', 'analyst'] } });

    const records = await auditOf('user', id);
    expect(records.map((r) => r.action)).toEqual(['create', 'update']);
    expect(records[0]).toMatchObject({
      actor_user_id: await t.userId('admin'),
      request_id: 'req-create-1',
      before: null,
      after: { login: 'kassir2', fullName: 'Кассирова Вторая', roles: ['cashier'], isActive: true },
      at: t.clock.now(),
    });
    expect(records[1]).toMatchObject({
      before: { roles: ['cashier'] },
      after: { roles: ['cashier', 'analyst'] },
    });
    // a password is never written to the audit log, only the fact of its change
    await t.call('PATCH', `/api/v1/users/${id}`, { cookie: admin, body: { password: 'another-long-1' } });
    const last = (await auditOf('user', id)).at(-1)!;
    expect(JSON.stringify(last)).not.toContain('another-long-1');
    expect(last.after).toMatchObject({ passwordChanged: true });

    // and it is readable per object through the API
    const api = await t.call('GET', `/api/v1/audit?objectType=user&objectId=${id}&sort=at`, {
      cookie: admin,
    });
    expect(api.json.items.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'update']);
    expect(api.json.items[0].actor).toMatchObject({ login: 'admin' });
  });

  it('a change that fails writes no audit record: both roll back together', async () => {
    const db = t.db;
    const ctx = { db, clock: t.clock, actor: await systemActor(db) };
    const before = (await db.maybeOne<{ n: number }>('select count(*)::int as n from audit_records'))!.n;
    const usersBefore = (await db.maybeOne<{ n: number }>('select count(*)::int as n from users'))!.n;
    // the audit insert succeeds, then a later statement of the same transaction fails
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, ctx, {
          action: 'update',
          objectType: 'user',
          objectId: 1,
          organisationId: ctx.actor.organisationId,
          after: { x: 1 },
        });
        await tx.query(
          `insert into users (login, full_name, organisation_id, roles) values ('admin', 'Дубль', $1, '{analyst}')`,
          [ctx.actor.organisationId],
        );
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.maybeOne<{ n: number }>('select count(*)::int as n from audit_records'))!.n).toBe(
      before,
    );

    // and through a use case: a user whose login is taken is refused, and no audit record is left
    await expect(
      createUser(ctx, {
        login: 'ADMIN',
        fullName: 'Дубль',
        password: 'long-enough-1',
        roles: ['analyst'],
        organisationId: ctx.actor.organisationId,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await db.maybeOne<{ n: number }>('select count(*)::int as n from audit_records'))!.n).toBe(
      before,
    );
    expect((await db.maybeOne<{ n: number }>('select count(*)::int as n from users'))!.n).toBe(usersBefore);
  });

  it('an update refused by a rule changes nothing and audits nothing', async () => {
    const ctx = { db: t.db, clock: t.clock, actor: await systemActor(t.db) };
    const id = await t.userId('cashier');
    const before = await auditOf('user', id);
    await expect(updateUser(ctx, id, { roles: ['payment_agent'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await auditOf('user', id)).toEqual(before);
    expect(
      (await t.db.maybeOne<{ roles: string[] }>('select roles from users where id = $1', [id]))!.roles,
    ).toEqual(['cashier']);
  });
});
