/**
 * The payments journal (docs/finance.md "Payments journal"): payments filtered by the dates paid and received,
 * agent, account, house, amount, state, registry file; newest first, a page of them with the count and the sum
 * of the whole filtered set. Read-only.
 */
import type { Queryable } from '../client.js';

export const journalStates = ['active', 'reversed', 'reversal', 'corrected', 'suspense'] as const;
export type JournalState = (typeof journalStates)[number];

export type JournalFilter = {
  settlementCentreIds: readonly number[] | null;
  paidFrom?: string | undefined;
  paidTo?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  agentId?: number | undefined;
  accountId?: number | undefined;
  /** The account's number or the number as the payer gave it (exact). */
  accountNumber?: string | undefined;
  houseId?: number | undefined;
  amountFromKop?: number | undefined;
  amountToKop?: number | undefined;
  state?: JournalState | undefined;
  registryFileId?: number | undefined;
};

export type JournalRow = {
  id: number;
  paidOn: string;
  receivedOn: string;
  agentId: number;
  agentName: string;
  agentPaymentId: string | null;
  accountId: number | null;
  accountNumber: string | null;
  accountGiven: string;
  houseId: number | null;
  payerName: string | null;
  period: string | null;
  amountKop: number;
  feeKop: number;
  registryFileId: number | null;
  registryLine: number | null;
  reversesPaymentId: number | null;
  correctedFromPaymentId: number | null;
  reversedBy: number | null;
  note: string | null;
};

const STATE_SQL: Record<JournalState, string> = {
  // neither reversed nor a reversal, and on an account
  active:
    'p.account_id is not null and p.reverses_payment_id is null and not exists (select 1 from payments r where r.reverses_payment_id = p.id)',
  reversed: 'exists (select 1 from payments r where r.reverses_payment_id = p.id)',
  reversal: 'p.reverses_payment_id is not null',
  corrected: 'p.corrected_from_payment_id is not null',
  // waiting to be matched: not a reversal and not reversed
  suspense:
    'p.account_id is null and p.reverses_payment_id is null and not exists (select 1 from payments r where r.reverses_payment_id = p.id)',
};

export async function selectJournal(
  q: Queryable,
  f: JournalFilter,
  page: { limit: number; offset: number },
): Promise<{ items: JournalRow[]; total: number; amountKop: number; feeKop: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    if (v === undefined || v === '') return;
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.settlementCentreIds) add('p.settlement_centre_id = any(?::bigint[])', f.settlementCentreIds);
  add('p.paid_on >= ?::date', f.paidFrom);
  add('p.paid_on <= ?::date', f.paidTo);
  add('p.received_on >= ?::date', f.receivedFrom);
  add('p.received_on <= ?::date', f.receivedTo);
  add('p.agent_id = ?', f.agentId);
  add('p.account_id = ?', f.accountId);
  if (f.accountNumber) {
    // the account resolved first, so both sides are index lookups (payments_account_idx, and
    // payments_account_given_idx of 0016) joined by a bitmap OR, not a scan of every payment
    const account = await q.maybeOne<{ id: number }>('select id from accounts where number = $1', [
      f.accountNumber,
    ]);
    if (account) add(`(p.account_id = ${Number(account.id)} or p.account_given = ?)`, f.accountNumber);
    else add('p.account_given = ?', f.accountNumber);
  }
  add('pr.house_id = ?', f.houseId);
  add('p.amount_kop >= ?', f.amountFromKop);
  add('p.amount_kop <= ?', f.amountToKop);
  add('p.registry_file_id = ?', f.registryFileId);
  if (f.state) where.push(STATE_SQL[f.state]);
  const from = `from payments p join organisations ag on ag.id = p.agent_id
    left join accounts a on a.id = p.account_id left join premises pr on pr.id = a.premise_id ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const totals = (await q.maybeOne<{ total: number; amountKop: number; feeKop: number }>(
    `select count(*)::int as total, coalesce(sum(p.amount_kop), 0)::bigint as "amountKop",
        coalesce(sum(p.fee_kop), 0)::bigint as "feeKop" ${from}`,
    params,
  ))!;
  const items = await q.query<JournalRow>(
    `select p.id, p.paid_on::text as "paidOn", p.received_on::text as "receivedOn", p.agent_id as "agentId",
        ag.name as "agentName", p.agent_payment_id as "agentPaymentId", p.account_id as "accountId",
        a.number as "accountNumber", p.account_given as "accountGiven",
        pr.house_id as "houseId",
        p.payer_name as "payerName", p.period, p.amount_kop as "amountKop", p.fee_kop as "feeKop",
        p.registry_file_id as "registryFileId", p.registry_line as "registryLine",
        p.reverses_payment_id as "reversesPaymentId", p.corrected_from_payment_id as "correctedFromPaymentId",
        (select r.id from payments r where r.reverses_payment_id = p.id) as "reversedBy", p.note
      ${from}
      order by p.id desc limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { items, total: totals.total, amountKop: Number(totals.amountKop), feeKop: Number(totals.feeKop) };
}
