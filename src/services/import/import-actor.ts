/**
 * The actor of an import run from the command line: the administrator of a settlement centre (the one given,
 * or the only one), seeing what that settlement centre sees — itself and the organisations it serves.
 */
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { scopeOf } from '../../domain/access.js';
import { validationFailed } from '../../domain/errors.js';

export async function settlementCentreActor(db: Queryable, organisationId?: number): Promise<Actor> {
  const centres = await db.query<{ id: number; name: string }>(
    `select id, name from organisations where kind = 'settlement_centre' and ($1::bigint is null or id = $1) order by id`,
    [organisationId ?? null],
  );
  if (centres.length === 0)
    throw validationFailed([{ field: '--organisation', problem: 'нет такого расчётного центра' }]);
  if (centres.length > 1)
    throw validationFailed([
      {
        field: '--organisation',
        problem: `расчётных центров несколько: укажите один из ${centres.map((c) => `${c.id} (${c.name})`).join(', ')}`,
      },
    ]);
  const centre = centres[0]!;
  const served = await db.query<{ id: number }>(
    'select id from organisations where settlement_centre_id = $1',
    [centre.id],
  );
  return {
    userId: null,
    login: 'system',
    organisationId: centre.id,
    organisationKind: 'settlement_centre',
    roles: ['administrator'],
    scope: scopeOf(
      { id: centre.id, kind: 'settlement_centre' },
      served.map((o) => o.id),
    ),
  };
}
