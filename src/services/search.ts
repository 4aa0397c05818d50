/**
 * The global search box: one query over every kind of object the actor may see. Each provider
 * checks its own permission; later modules (accounts, houses, persons) add theirs to the list.
 */
import { selectOrganisations } from '../db/organisations.js';
import { findAccounts } from '../db/registry/account-search.js';
import { selectUsers } from '../db/users.js';
import { hasPermission, type Permission } from '../domain/access.js';
import type { Ctx } from './context.js';

export type SearchHit = { kind: string; id: number; title: string; subtitle: string; href: string };

type Provider = { permission: Permission; find(ctx: Ctx, q: string, limit: number): Promise<SearchHit[]> };

const kindNames: Record<string, string> = {
  settlement_centre: 'Расчётный центр',
  manager: 'Управляющая организация',
  supplier: 'Поставщик',
  contractor: 'Подрядчик',
  payment_agent: 'Платёжный агент',
};

const providers: Provider[] = [
  {
    permission: 'registry.read',
    async find(ctx, q, limit) {
      return (await findAccounts(ctx.db, ctx.actor, q, limit)).map((a) => ({
        kind: 'account',
        id: a.id,
        title: `${a.number} · ${a.payerName}`,
        subtitle: `${a.house.address}, ${a.premise.label}${a.status === 'closed' ? ' · закрыт' : ''}`,
        href: `/registry/accounts/${a.id}`,
      }));
    },
  },
  {
    permission: 'organisations.read',
    async find(ctx, q, limit) {
      const page = await selectOrganisations(
        ctx.db,
        { scope: ctx.actor.scope, q },
        { page: 1, pageSize: limit, sort: [] },
      );
      return page.items.map((o) => ({
        kind: 'organisation',
        id: o.id,
        title: o.name,
        subtitle: `${kindNames[o.kind] ?? o.kind} · ИНН ${o.inn}`,
        href: `/registry/organisations/${o.id}`,
      }));
    },
  },
  {
    permission: 'users.read',
    async find(ctx, q, limit) {
      const page = await selectUsers(
        ctx.db,
        { scope: ctx.actor.scope, q },
        { page: 1, pageSize: limit, sort: [] },
      );
      return page.items.map((u) => ({
        kind: 'user',
        id: u.id,
        title: u.fullName,
        subtitle: `Пользователь ${u.login} · ${u.organisationName}`,
        href: `/admin/users/${u.id}`,
      }));
    },
  },
];

export async function globalSearch(ctx: Ctx, q: string, limitPerKind = 10): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (const p of providers)
    if (hasPermission(ctx.actor, p.permission)) hits.push(...(await p.find(ctx, q, limitPerKind)));
  return hits;
}
