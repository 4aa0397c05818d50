/**
 * Which houses an actor sees, as an SQL condition on a house alias: a settlement centre's staff see the
 * houses it serves; a manager's staff the houses it manages or managed; a supplier's staff the houses it
 * supplies a service to. Anyone else sees none. The condition takes the scope as one parameter.
 */
import type { Actor } from '../../domain/access.js';

export function houseScopeCondition(
  actor: Pick<Actor, 'organisationKind'>,
  houseAlias: string,
  param: string,
): string {
  switch (actor.organisationKind) {
    case 'settlement_centre':
      return `${houseAlias}.settlement_centre_id = any(${param})`;
    case 'manager':
      return `exists (select 1 from house_managers hm where hm.house_id = ${houseAlias}.id and hm.manager_id = any(${param}))`;
    case 'supplier':
      return `exists (select 1 from house_services hs where hs.house_id = ${houseAlias}.id and hs.supplier_id = any(${param}))`;
    default:
      return 'false';
  }
}
