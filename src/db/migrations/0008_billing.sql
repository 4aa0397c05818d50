-- Billing (issue 6, part 2; docs/billing.md "Tables"): billing periods per settlement centre, runs and their
-- per-house work shared by worker processes, persisted charge lines (originals and recalculations), and
-- undersupply records (interruptions and quality deviations) that feed the core's reductions.

-- A billing period of a settlement centre. The open period is the one after the last closed; closing is for
-- good (a closed row never changes back). A centre with no row starts at the month before its first use.
create table billing_periods (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  status text not null check (status in ('open', 'closed')),
  closed_at timestamptz,
  closed_by bigint references users (id),
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (settlement_centre_id, period),
  check ((status = 'closed') = (closed_at is not null))
);
-- at most one open period per centre
create unique index billing_periods_open_key on billing_periods (settlement_centre_id) where status = 'open';

-- A run of a period over a scope: every house of the centre, a manager's houses, or one house.
create table billing_runs (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  scope_kind text not null check (scope_kind in ('all', 'manager', 'house')),
  scope_id bigint,
  dry_run boolean not null default false,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  houses_total int not null default 0,
  houses_done int not null default 0,
  houses_failed int not null default 0,
  lines_written int not null default 0,
  amount_kop bigint not null default 0,
  started_at timestamptz not null,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check ((scope_kind = 'all') = (scope_id is null))
);
create index billing_runs_period_idx on billing_runs (settlement_centre_id, period, id);

-- The unit of work of a run: one house. Workers claim pending rows with FOR UPDATE SKIP LOCKED; a row left
-- 'working' by a crashed worker is claimed again after a while. A house's lines and its 'done' mark are
-- written in one transaction.
create table billing_run_houses (
  id bigint generated always as identity primary key,
  run_id bigint not null references billing_runs (id),
  house_id bigint not null references houses (id),
  status text not null default 'pending' check (status in ('pending', 'working', 'done', 'failed')),
  worker text,
  claimed_at timestamptz,
  finished_at timestamptz,
  accounts int,
  lines int,
  lines_written int,
  amount_kop bigint,
  -- what the house could not be charged for yet (a service without the data it needs), and the error
  gaps jsonb not null default '[]',
  error text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (run_id, house_id)
);
create index billing_run_houses_claim_idx on billing_run_houses (run_id, id) where status in ('pending', 'working');

-- One charge line. kind 'original': the period's own charge (period = the period charged); the open period's
-- originals are replaced when a house is computed again (the old rows stay, marked superseded_at); a closed
-- period's never change. kind 'recalculation': the difference for a closed period (corrects_period), posted in
-- the open period (period), linked to the lines it corrects and to its cause (a request or a run).
create table charge_lines (
  id bigint generated always as identity primary key,
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  house_id bigint not null,
  account_id bigint not null,
  service_id bigint not null,
  supplier_id bigint not null,
  line_kind text not null check (line_kind in ('charge', 'absence', 'reduction', 'heating_correction')),
  method text not null,
  origin text not null check (origin in ('original', 'recalculation')),
  corrects_period text check (corrects_period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  corrects_line_ids bigint[] not null default '{}',
  recalculation_request_id bigint,
  run_id bigint,
  volume numeric,
  unit text not null,
  tariff_id bigint,
  zone text,
  tariff numeric,
  amount_kop bigint not null,
  explanation jsonb not null,
  superseded_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check ((origin = 'recalculation') = (corrects_period is not null))
);
create index charge_lines_account_idx on charge_lines (account_id, period) where superseded_at is null;
create index charge_lines_house_idx on charge_lines (house_id, period) where superseded_at is null;
create index charge_lines_corrects_idx on charge_lines (house_id, corrects_period) where superseded_at is null;

-- An undersupply: an interruption or a quality deviation of one service for a house, an entrance or some
-- accounts, from start to end (local time), with the measured parameter (RULES.md §5).
create table undersupplies (
  id bigint generated always as identity primary key,
  house_id bigint not null references houses (id),
  service_id bigint not null references services (id),
  scope_kind text not null check (scope_kind in ('house', 'entrance', 'accounts')),
  entrance text,
  account_ids bigint[] not null default '{}',
  starts_at timestamp not null,
  ends_at timestamp not null,
  kind text not null check (kind in ('interruption', 'hot_water_temperature', 'room_temperature')),
  measured numeric(6, 2),
  norm numeric(6, 2),
  night boolean not null default false,
  room_temperature numeric(6, 2),
  power_sources int check (power_sources in (1, 2)),
  dead_end_accident boolean not null default false,
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (ends_at > starts_at),
  check ((scope_kind = 'entrance') = (entrance is not null)),
  check ((scope_kind = 'accounts') = (cardinality(account_ids) > 0)),
  check (kind = 'interruption' or measured is not null),
  check (kind <> 'room_temperature' or norm is not null)
);
create index undersupplies_house_idx on undersupplies (house_id, starts_at);

-- A claim of a recalculation request by a worker (several may run): claimed_at marks it taken.
alter table recalculation_requests add column claimed_at timestamptz;
