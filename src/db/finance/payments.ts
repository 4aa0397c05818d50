/**
 * Payments, their allocation parts and registry files as stored (migration 0009; docs/finance.md "Tables").
 * Rows are only inserted: a correction is a new payment (see the migration); the one update is matching a
 * suspense payment to an account (account_id from null), audited by the service.
 */
import { copyFields, copyText, type Queryable, type Tx } from '../client.js';

export type PaymentFields = {
  settlementCentreId: number;
  agentId: number;
  agentPaymentId: string | null;
  paidOn: string;
  receivedOn: string;
  accountId: number | null;
  accountGiven: string;
  payerName: string | null;
  period: string | null;
  amountKop: number;
  feeKop: number;
  byService: { service: string; amountKop: number }[] | null;
  registryFileId: number | null;
  registryLine: number | null;
  readings: { meter: string; value: string }[];
  reversesPaymentId: number | null;
  correctedFromPaymentId: number | null;
  note: string | null;
};

export type Payment = PaymentFields & { id: number; reversedBy: number | null; createdAt: Date };

export type PartFields = {
  accountId: number;
  serviceId: number | null;
  supplierId: number | null;
  period: string | null;
  kind: 'charge' | 'penalty' | 'advance';
  basis: 'full' | 'proportional' | 'advance' | 'reversal';
  amountKop: number;
};

export type PaymentPart = PartFields & {
  id: number;
  paymentId: number;
  serviceCode: string | null;
  supplierName: string | null;
};

const paymentColumns = `p.id, p.settlement_centre_id as "settlementCentreId", p.agent_id as "agentId",
  p.agent_payment_id as "agentPaymentId", p.paid_on::text as "paidOn", p.received_on::text as "receivedOn",
  p.account_id as "accountId", p.account_given as "accountGiven", p.payer_name as "payerName", p.period,
  p.amount_kop as "amountKop", p.fee_kop as "feeKop", p.by_service as "byService",
  p.registry_file_id as "registryFileId", p.registry_line as "registryLine", p.readings,
  p.reverses_payment_id as "reversesPaymentId", p.corrected_from_payment_id as "correctedFromPaymentId",
  p.note, (select r.id from payments r where r.reverses_payment_id = p.id) as "reversedBy",
  p.created_at as "createdAt"`;

export async function insertPayment(
  q: Queryable,
  p: PaymentFields,
  at: Date,
  by: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into payments (settlement_centre_id, agent_id, agent_payment_id, paid_on, received_on, account_id,
       account_given, payer_name, period, amount_kop, fee_kop, by_service, registry_file_id, registry_line,
       readings, reverses_payment_id, corrected_from_payment_id, note, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     returning id`,
    [
      p.settlementCentreId,
      p.agentId,
      p.agentPaymentId,
      p.paidOn,
      p.receivedOn,
      p.accountId,
      p.accountGiven,
      p.payerName,
      p.period,
      p.amountKop,
      p.feeKop,
      p.byService === null ? null : JSON.stringify(p.byService),
      p.registryFileId,
      p.registryLine,
      JSON.stringify(p.readings),
      p.reversesPaymentId,
      p.correctedFromPaymentId,
      p.note,
      at,
      by,
    ],
  );
  return row!.id;
}

export async function insertParts(
  q: Queryable,
  paymentId: number,
  parts: readonly PartFields[],
  at: Date,
  by: number | null,
): Promise<void> {
  if (parts.length === 0) return;
  await q.query(
    `insert into payment_parts (payment_id, account_id, service_id, supplier_id, period, kind, basis, amount_kop,
       created_at, created_by)
     select $1, x."accountId", x."serviceId", x."supplierId", x.period, x.kind, x.basis, x."amountKop", $3, $4
       from jsonb_to_recordset($2::jsonb) as x("accountId" bigint, "serviceId" bigint, "supplierId" bigint,
         period text, kind text, basis text, "amountKop" bigint)`,
    [paymentId, JSON.stringify(parts), at, by],
  );
}

export async function selectPayment(q: Queryable, id: number): Promise<Payment | undefined> {
  return q.maybeOne<Payment>(`select ${paymentColumns} from payments p where p.id = $1`, [id]);
}

export async function selectPaymentByAgentId(
  q: Queryable,
  agentId: number,
  agentPaymentId: string,
): Promise<Payment | undefined> {
  return q.maybeOne<Payment>(
    `select ${paymentColumns} from payments p where p.agent_id = $1 and p.agent_payment_id = $2`,
    [agentId, agentPaymentId],
  );
}

/** The agent's ids among `ids` already stored (for a registry file's preview). */
export async function selectKnownAgentIds(
  q: Queryable,
  agentId: number,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    'select agent_payment_id as id from payments where agent_id = $1 and agent_payment_id = any($2::text[])',
    [agentId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

export type PaymentFilter = {
  settlementCentreIds: readonly number[] | null;
  accountId?: number | undefined;
  suspense?: boolean | undefined;
  registryFileId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function selectPayments(q: Queryable, f: PaymentFilter, limit: number): Promise<Payment[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.settlementCentreIds) add('p.settlement_centre_id = any(?::bigint[])', f.settlementCentreIds);
  if (f.accountId !== undefined) add('p.account_id = ?', f.accountId);
  if (f.suspense) where.push('p.account_id is null');
  if (f.registryFileId !== undefined) add('p.registry_file_id = ?', f.registryFileId);
  if (f.from) add('p.paid_on >= ?::date', f.from);
  if (f.to) add('p.paid_on <= ?::date', f.to);
  params.push(limit);
  return q.query<Payment>(
    `select ${paymentColumns} from payments p ${where.length ? `where ${where.join(' and ')}` : ''}
      order by p.id desc limit $${params.length}`,
    params,
  );
}

export async function selectParts(q: Queryable, paymentId: number): Promise<PaymentPart[]> {
  return q.query<PaymentPart>(
    `select pp.id, pp.payment_id as "paymentId", pp.account_id as "accountId", pp.service_id as "serviceId",
        pp.supplier_id as "supplierId", pp.period, pp.kind, pp.basis, pp.amount_kop as "amountKop",
        s.code as "serviceCode", o.short_name as "supplierName"
       from payment_parts pp left join services s on s.id = pp.service_id
       left join organisations o on o.id = pp.supplier_id
      where pp.payment_id = $1 order by pp.id`,
    [paymentId],
  );
}

export type OutstandingRow = {
  accountId: number;
  period: string;
  kind: 'charge' | 'penalty';
  serviceId: number;
  serviceCode: string;
  supplierId: number;
  outstandingKop: number;
};

/**
 * What the account still owes per period × service × supplier, principal and penalty: its live charge lines
 * and legacy opening balances (a debt of the period of their date), its live penalty lines (in the period
 * they are posted in), less the payment parts already on them.
 */
export async function selectOutstanding(q: Queryable, accountId: number): Promise<OutstandingRow[]> {
  return sortOutstanding(await q.query<OutstandingRow>(outstandingSql('$1::bigint[]'), [[accountId]]));
}

/** The query of `selectOutstanding` over the accounts of `ids` (an SQL expression of a bigint array). */
const outstandingSql = (ids: string) => `with charged as (
       select account_id, period, kind, service_id, supplier_id, sum(amount_kop) as kop from (
         select account_id, period, 'charge' as kind, service_id, supplier_id, amount_kop from charge_lines
          where account_id = any(${ids}) and superseded_at is null
         union all
         select account_id, to_char(as_of, 'YYYY-MM'), 'charge', service_id, supplier_id, amount_kop
           from opening_balances where account_id = any(${ids})
         union all
         select account_id, period, 'penalty', service_id, supplier_id, amount_kop from penalty_lines
          where account_id = any(${ids}) and superseded_at is null) x
        group by 1, 2, 3, 4, 5),
     paid as (
       select account_id, period, kind, service_id, supplier_id, sum(amount_kop) as kop from payment_parts
        where account_id = any(${ids}) and kind <> 'advance' group by 1, 2, 3, 4, 5)
     select c.account_id as "accountId", c.period, c.kind, c.service_id as "serviceId", s.code as "serviceCode",
            c.supplier_id as "supplierId", (c.kop - coalesce(p.kop, 0))::bigint as "outstandingKop"
       from charged c join services s on s.id = c.service_id
       left join paid p on p.account_id = c.account_id and p.period = c.period and p.kind = c.kind
        and p.service_id = c.service_id and p.supplier_id = c.supplier_id`;

/**
 * `selectOutstanding` of many accounts (the registry import's set-based path). The rows behind the sums — live
 * charge lines, opening balances, live penalty lines, and the parts already paid on them — are read as COPY text
 * without grouping and summed here: the server's hash aggregate and join over the file's ~776,000 lines cost
 * ~4 s of the 100,000-payment import, streaming them out and summing by key in Node ~1.5 s (docs/performance.md
 * "Payment registries: the import"). The sums are the same as `outstandingSql`'s: a group exists when something
 * was charged; what was paid on a group with no charge is left out, as its left join leaves it. The ids are
 * numbers, inlined as an array literal (COPY takes no parameters). Grouped by account, each account's lines
 * sorted here by period, kind, service code and supplier — the order the allocation core sees the lines in (its
 * ties go to the earlier line), the same on both engines whatever their collation.
 */
export async function selectOutstandingOf(
  tx: Tx,
  accountIds: readonly number[],
): Promise<Map<number, OutstandingRow[]>> {
  const byAccount = new Map<number, OutstandingRow[]>();
  if (accountIds.length === 0) return byAccount;
  for (const id of accountIds) if (!Number.isSafeInteger(id)) throw new Error(`bad account id ${id}`);
  const ids = `'{${accountIds.join(',')}}'::bigint[]`;
  const codes = new Map(
    (await tx.query<{ id: number; code: string }>('select id, code from services')).map((r) => [
      r.id,
      r.code,
    ]),
  );
  // the sixth column: c = charged, p = paid (subtracted)
  const text = await tx.copyTo(
    `select account_id, period, 'charge', service_id, supplier_id, 'c', amount_kop from charge_lines
      where account_id = any(${ids}) and superseded_at is null
     union all
     select account_id, to_char(as_of, 'YYYY-MM'), 'charge', service_id, supplier_id, 'c', amount_kop
       from opening_balances where account_id = any(${ids})
     union all
     select account_id, period, 'penalty', service_id, supplier_id, 'c', amount_kop from penalty_lines
      where account_id = any(${ids}) and superseded_at is null
     union all
     select account_id, period, kind, service_id, supplier_id, 'p', amount_kop from payment_parts
      where account_id = any(${ids}) and kind <> 'advance'`,
  );
  const groups = new Map<string, { row: OutstandingRow; charged: boolean }>();
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    // the group's key is the line without its last two fields (flag and amount)
    const amountAt = line.lastIndexOf('\t');
    const flagAt = line.lastIndexOf('\t', amountAt - 1);
    const key = line.slice(0, flagAt);
    const kop = int8(line.slice(amountAt + 1));
    const charged = line.charCodeAt(flagAt + 1) === 99; // 'c'
    const group = groups.get(key);
    if (group) {
      group.row.outstandingKop += charged ? kop : -kop;
      group.charged ||= charged;
      continue;
    }
    const [accountId, period, kind, serviceId, supplierId] = copyFields(line);
    const service = int8(serviceId);
    const row: OutstandingRow = {
      accountId: int8(accountId),
      period: period!,
      kind: kind as OutstandingRow['kind'],
      serviceId: service,
      serviceCode: codes.get(service)!,
      supplierId: int8(supplierId),
      outstandingKop: charged ? kop : -kop,
    };
    groups.set(key, { row, charged });
  }
  for (const { row, charged } of groups.values()) {
    if (!charged) continue;
    const rows = byAccount.get(row.accountId);
    if (rows) rows.push(row);
    else byAccount.set(row.accountId, [row]);
  }
  for (const rows of byAccount.values()) sortOutstanding(rows);
  return byAccount;
}

/** A bigint column's COPY text as a number: exact up to 2^53, beyond that an error (as the row parser). */
function int8(text: string | null | undefined): number {
  const n = Number(text);
  if (text === null || text === undefined || !Number.isSafeInteger(n))
    throw new RangeError(`bigint value ${text} is not a safe integer`);
  return n;
}

function sortOutstanding(rows: OutstandingRow[]): OutstandingRow[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort(
    (a, b) =>
      a.accountId - b.accountId ||
      cmp(a.period, b.period) ||
      cmp(a.kind, b.kind) ||
      cmp(a.serviceCode, b.serviceCode) ||
      a.supplierId - b.supplierId,
  );
}

export async function setPaymentAccount(q: Queryable, id: number, accountId: number): Promise<void> {
  await q.query('update payments set account_id = $2 where id = $1 and account_id is null', [id, accountId]);
}

export type RegistryFileFields = {
  settlementCentreId: number;
  agentId: number;
  fileName: string;
  format: string;
  sha256: string;
  sizeBytes: number;
  lines: number;
  amountKop: number;
  feeKop: number;
};

export async function selectRegistryFileBySha(
  q: Queryable,
  settlementCentreId: number,
  sha256: string,
): Promise<{ id: number; fileName: string; createdAt: Date } | undefined> {
  return q.maybeOne(
    `select id, file_name as "fileName", created_at as "createdAt" from payment_registry_files
      where settlement_centre_id = $1 and sha256 = $2`,
    [settlementCentreId, sha256],
  );
}

export async function insertRegistryFile(
  q: Queryable,
  f: RegistryFileFields,
  at: Date,
  by: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into payment_registry_files (settlement_centre_id, agent_id, file_name, format, sha256, size_bytes,
       lines, amount_kop, fee_kop, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      f.settlementCentreId,
      f.agentId,
      f.fileName,
      f.format,
      f.sha256,
      f.sizeBytes,
      f.lines,
      f.amountKop,
      f.feeKop,
      at,
      by,
    ],
  );
  return row!.id;
}

// ---- the registry import's set-based writes (docs/finance.md "Registry import"; docs/performance.md) ----

/** `n` ids of a table's identity column, taken from its sequence in one call. */
export async function nextIds(
  q: Queryable,
  table: 'payments' | 'payment_parts',
  n: number,
): Promise<number[]> {
  if (n === 0) return [];
  const rows = await q.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence($1, 'id'))::bigint as id from generate_series(1, $2)`,
    [table, n],
  );
  return rows.map((r) => r.id);
}

export type StoredPayment = { id: number; fields: PaymentFields; parts: PartFields[] };

const paymentCopyColumns = [
  'id',
  'settlement_centre_id',
  'agent_id',
  'agent_payment_id',
  'paid_on',
  'received_on',
  'account_id',
  'account_given',
  'payer_name',
  'period',
  'amount_kop',
  'fee_kop',
  'by_service',
  'registry_file_id',
  'registry_line',
  'readings',
  'reverses_payment_id',
  'corrected_from_payment_id',
  'note',
  'created_at',
  'created_by',
] as const;

const partCopyColumns = [
  'payment_id',
  'account_id',
  'service_id',
  'supplier_id',
  'period',
  'kind',
  'basis',
  'amount_kop',
  'created_at',
  'created_by',
] as const;

/**
 * Payments with their parts by COPY inside the transaction (the payments' ids given: `nextIds`; the parts'
 * from their identity). Two COPY streams, each row written as its text line directly. `payments` may be a
 * lazy sequence (the import allocates each payment as its row is written, so Node's allocation overlaps the
 * server's inserting the rows before it); returns them as written.
 */
export async function copyPayments(
  tx: Tx,
  payments: Iterable<StoredPayment>,
  at: Date,
  by: number | null,
): Promise<StoredPayment[]> {
  const when = at.toISOString();
  const who = copyText(by);
  const written: StoredPayment[] = [];
  await tx.copyFrom('payments', paymentCopyColumns, paymentLines(payments, written, when, who));
  await tx.copyFrom('payment_parts', partCopyColumns, partLines(written, when, who));
  return written;
}

function* paymentLines(
  payments: Iterable<StoredPayment>,
  written: StoredPayment[],
  when: string,
  who: string,
): Generator<string> {
  for (const stored of payments) {
    written.push(stored);
    const { id, fields: p } = stored;
    yield [
      id,
      p.settlementCentreId,
      p.agentId,
      copyText(p.agentPaymentId),
      p.paidOn,
      p.receivedOn,
      copyText(p.accountId),
      copyText(p.accountGiven),
      copyText(p.payerName),
      copyText(p.period),
      p.amountKop,
      p.feeKop,
      copyText(p.byService === null ? null : JSON.stringify(p.byService)),
      copyText(p.registryFileId),
      copyText(p.registryLine),
      copyText(JSON.stringify(p.readings)),
      copyText(p.reversesPaymentId),
      copyText(p.correctedFromPaymentId),
      copyText(p.note),
      when,
      who,
    ].join('\t');
  }
}

function* partLines(payments: readonly StoredPayment[], when: string, who: string): Generator<string> {
  for (const { id, parts } of payments)
    for (const x of parts)
      yield [
        id,
        x.accountId,
        copyText(x.serviceId),
        copyText(x.supplierId),
        copyText(x.period),
        x.kind,
        x.basis,
        x.amountKop,
        when,
        who,
      ].join('\t');
}
