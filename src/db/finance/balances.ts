/**
 * Balances and the turnover sheet (оборотно-сальдовая ведомость; docs/finance.md "Balances"): sums over the
 * view balance_movements for one period — opening (every movement before the period, and a legacy opening
 * balance dated in it), charged, recalculated, penalty, paid — per account × service × supplier, or summed by
 * account or by service × supplier. Closing is opening + charged + recalculated + penalty − paid.
 */
import type { Actor } from '../../domain/access.js';
import type { Queryable } from '../client.js';
import { houseScopeCondition } from '../registry/scope.js';

export type TurnoverScope =
  | { kind: 'account'; id: number }
  | { kind: 'house'; id: number }
  | { kind: 'manager'; id: number }
  | { kind: 'supplier'; id: number }
  | { kind: 'all' };

export type TurnoverGroup = 'line' | 'account' | 'service';

export type TurnoverRow = {
  accountId: number | null;
  accountNumber: string | null;
  serviceId: number | null;
  serviceCode: string | null;
  supplierId: number | null;
  supplierName: string | null;
  openingKop: number;
  chargedKop: number;
  recalculatedKop: number;
  penaltyKop: number;
  paidKop: number;
  closingKop: number;
};

export async function selectTurnover(
  q: Queryable,
  actor: Pick<Actor, 'organisationKind' | 'scope'>,
  period: string,
  scope: TurnoverScope,
  group: TurnoverGroup,
): Promise<TurnoverRow[]> {
  const params: unknown[] = [period, [...actor.scope]];
  const where = [houseScopeCondition(actor, 'h', '$2'), 'bm.period <= $1'];
  if (scope.kind !== 'all') params.push(scope.id);
  if (scope.kind === 'account') where.push('bm.account_id = $3');
  if (scope.kind === 'house') where.push('h.id = $3');
  if (scope.kind === 'supplier') where.push('bm.supplier_id = $3');
  if (scope.kind === 'manager')
    where.push(`exists (select 1 from house_managers hm where hm.house_id = h.id and hm.manager_id = $3
      and hm.valid_from <= (($1 || '-01')::date + interval '1 month' - interval '1 day')::date
      and (hm.valid_to is null or hm.valid_to >= ($1 || '-01')::date))`);
  const keys = {
    line: ['bm.account_id', 'bm.service_id', 'bm.supplier_id'],
    account: ['bm.account_id'],
    service: ['bm.service_id', 'bm.supplier_id'],
  }[group];
  const has = (k: string) => keys.includes(k);
  const rows = await q.query<Omit<TurnoverRow, 'closingKop'>>(
    `with t as (
       select ${keys.join(', ')},
         sum(case when bm.period < $1 then (case when bm.kind = 'paid' then -bm.amount_kop else bm.amount_kop end)
                  when bm.kind = 'opening' then bm.amount_kop else 0 end)::bigint as opening,
         sum(case when bm.period = $1 and bm.kind = 'charged' then bm.amount_kop else 0 end)::bigint as charged,
         sum(case when bm.period = $1 and bm.kind = 'recalculated' then bm.amount_kop else 0 end)::bigint as recalculated,
         sum(case when bm.period = $1 and bm.kind = 'penalty' then bm.amount_kop else 0 end)::bigint as penalty,
         sum(case when bm.period = $1 and bm.kind = 'paid' then bm.amount_kop else 0 end)::bigint as paid
       from balance_movements bm
       join accounts a on a.id = bm.account_id join premises p on p.id = a.premise_id join houses h on h.id = p.house_id
      where ${where.join(' and ')}
      group by ${keys.join(', ')})
     select ${has('bm.account_id') ? 't.account_id' : 'null::bigint'} as "accountId",
            ${has('bm.account_id') ? '(select number from accounts where id = t.account_id)' : 'null::text'} as "accountNumber",
            ${has('bm.service_id') ? 't.service_id' : 'null::bigint'} as "serviceId",
            ${has('bm.service_id') ? '(select code from services where id = t.service_id)' : 'null::text'} as "serviceCode",
            ${has('bm.supplier_id') ? 't.supplier_id' : 'null::bigint'} as "supplierId",
            ${has('bm.supplier_id') ? '(select short_name from organisations where id = t.supplier_id)' : 'null::text'} as "supplierName",
            t.opening as "openingKop", t.charged as "chargedKop", t.recalculated as "recalculatedKop",
            t.penalty as "penaltyKop", t.paid as "paidKop"
       from t order by 2 nulls first, 4 nulls first, 5 nulls first`,
    params,
  );
  return rows.map((r) => {
    const n = {
      openingKop: Number(r.openingKop),
      chargedKop: Number(r.chargedKop),
      recalculatedKop: Number(r.recalculatedKop),
      penaltyKop: Number(r.penaltyKop),
      paidKop: Number(r.paidKop),
    };
    return {
      ...r,
      ...n,
      closingKop: n.openingKop + n.chargedKop + n.recalculatedKop + n.penaltyKop - n.paidKop,
    };
  });
}
