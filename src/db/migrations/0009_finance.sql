-- Finance (issue 7, part 2; docs/finance.md "Tables"): payments received through agents, their allocation parts
-- and the registry files they came in. Nothing is deleted or rewritten: a correction is a new payment row
-- (a reversal with the opposite amount, linked to the payment it reverses) plus, for a move or a split, new
-- payments on the accounts the money belongs to. A payment whose account is unknown waits in suspense
-- (account_id null) until an operator matches it.

-- A payment registry file as received from an agent: the same bytes twice (sha256) are refused.
create table payment_registry_files (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  agent_id bigint not null references organisations (id),
  file_name text not null,
  format text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null,
  lines int not null,
  amount_kop bigint not null,
  fee_kop bigint not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (settlement_centre_id, sha256)
);

-- One payment. amount_kop > 0 for money received; a reversal has the opposite (negative) amount and
-- reverses_payment_id. agent_payment_id is the agent's own id: the same id from the same agent is one payment.
create table payments (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  agent_id bigint not null references organisations (id),
  agent_payment_id text,
  paid_on date not null,
  received_on date not null,
  account_id bigint references accounts (id),
  -- the account as the payer gave it (kept for suspense and the register)
  account_given text not null,
  payer_name text,
  period text check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  amount_kop bigint not null check (amount_kop <> 0),
  fee_kop bigint not null default 0,
  by_service jsonb,
  registry_file_id bigint references payment_registry_files (id),
  registry_line int,
  readings jsonb not null default '[]',
  reverses_payment_id bigint references payments (id),
  corrected_from_payment_id bigint references payments (id),
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check ((amount_kop < 0) = (reverses_payment_id is not null))
);
create unique index payments_agent_id_key on payments (agent_id, agent_payment_id) where agent_payment_id is not null;
-- a payment is reversed at most once
create unique index payments_reverses_key on payments (reverses_payment_id) where reverses_payment_id is not null;
create index payments_account_idx on payments (account_id, paid_on);
create index payments_suspense_idx on payments (settlement_centre_id, id) where account_id is null;
create index payments_received_idx on payments (settlement_centre_id, received_on);
create index payments_file_idx on payments (registry_file_id) where registry_file_id is not null;

-- Where a payment went (RULES.md §7): account × service × supplier × period, principal or penalty, or an
-- advance (service and supplier may be null when the payer did not name a service). The parts of a payment
-- sum exactly to it; a reversal's parts are the reversed payment's parts with the opposite sign.
create table payment_parts (
  id bigint generated always as identity primary key,
  payment_id bigint not null references payments (id),
  account_id bigint not null references accounts (id),
  service_id bigint references services (id),
  supplier_id bigint references organisations (id),
  period text check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  kind text not null check (kind in ('charge', 'penalty', 'advance')),
  basis text not null check (basis in ('full', 'proportional', 'advance', 'reversal')),
  amount_kop bigint not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check ((kind = 'advance') = (period is null))
);
create index payment_parts_payment_idx on payment_parts (payment_id);
create index payment_parts_account_idx on payment_parts (account_id, period);

-- Penalties charged in a billing period (RULES.md §6; docs/finance.md "Penalty lines"): per account × the debt
-- period × its service × supplier, posted in the open period (period). The period's amount is the penalty
-- accrued up to the period's last day less the penalty lines of earlier periods for the same debt period,
-- split over the debt period's services in proportion to their charges. Charging the period again supersedes
-- the lines it replaces (superseded_at) — only when they differ — never deleting them.
create table penalty_lines (
  id bigint generated always as identity primary key,
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  account_id bigint not null references accounts (id),
  service_id bigint not null references services (id),
  supplier_id bigint not null references organisations (id),
  debt_period text not null check (debt_period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  calculation_date date not null,
  amount_kop bigint not null,
  explanation jsonb not null,
  superseded_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index penalty_lines_account_idx on penalty_lines (account_id, period) where superseded_at is null;

-- Every movement of an account's balance per service × supplier, by the period it falls in (docs/finance.md
-- "Balances"): a legacy opening balance (in the period of its date), charges and recalculations (the period
-- they are posted in), penalty lines, and payments (the period of the payment date, by their parts; an advance
-- part may have no service). Balances and the turnover sheet are sums over this view — never stored, never
-- edited by hand.
create view balance_movements as
  select ob.account_id, ob.service_id, ob.supplier_id, to_char(ob.as_of, 'YYYY-MM') as period,
         'opening'::text as kind, ob.amount_kop
    from opening_balances ob
  union all
  select cl.account_id, cl.service_id, cl.supplier_id, cl.period,
         case when cl.origin = 'recalculation' then 'recalculated' else 'charged' end, cl.amount_kop
    from charge_lines cl where cl.superseded_at is null
  union all
  select pl.account_id, pl.service_id, pl.supplier_id, pl.period, 'penalty', pl.amount_kop
    from penalty_lines pl where pl.superseded_at is null
  union all
  select pp.account_id, pp.service_id, pp.supplier_id, to_char(p.paid_on, 'YYYY-MM'), 'paid', pp.amount_kop
    from payment_parts pp join payments p on p.id = pp.payment_id;
