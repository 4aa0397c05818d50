/** The actor of a command run by the server's operator: an administrator of every organisation. */
import type { Queryable } from '../db/client.js';
import type { Actor } from '../domain/access.js';

export async function systemActor(db: Queryable): Promise<Actor> {
  const orgs = await db.query<{ id: number }>('select id from organisations order by id');
  const centre = await db.maybeOne<{ id: number }>(
    `select id from organisations where kind = 'settlement_centre' order by id limit 1`,
  );
  return {
    userId: null,
    login: 'system',
    organisationId: centre?.id ?? 0,
    organisationKind: 'settlement_centre',
    roles: ['administrator'],
    scope: orgs.map((o) => o.id),
  };
}
