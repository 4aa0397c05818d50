/** Issued heating amounts of a year, for the annual correction (docs/billing.md "Loader"), for a batch of houses. */
import type { Queryable } from '../client.js';

export type YearChargedRow = { houseId: number; accountId: number; amountKop: number };

/**
 * Per house and account, what was charged for the services in the periods `from`…`to`: the current original
 * charge lines of those periods plus every recalculation of kind `charge` that corrects one of them (wherever
 * posted). Reductions, absences and earlier corrections are not the charge for the volume and are left out.
 */
export async function selectChargedInPeriods(
  db: Queryable,
  houseIds: readonly number[],
  serviceIds: readonly number[],
  from: string,
  to: string,
): Promise<YearChargedRow[]> {
  const rows = await db.query<{ houseId: number; accountId: number; amountKop: string }>(
    `select house_id as "houseId", account_id as "accountId", sum(amount_kop)::text as "amountKop"
       from charge_lines
      where house_id = any($1::bigint[]) and service_id = any($2::bigint[]) and superseded_at is null
        and line_kind = 'charge'
        and ((origin = 'original' and period between $3 and $4) or corrects_period between $3 and $4)
      group by house_id, account_id
      order by house_id, account_id`,
    [[...houseIds], [...serviceIds], from, to],
  );
  return rows.map((r) => ({ houseId: r.houseId, accountId: r.accountId, amountKop: Number(r.amountKop) }));
}
