-- Foundation: organisations, users and their access, sessions, API tokens, login throttling, audit log.
-- Conventions (docs/architecture.md): plural snake_case tables; ids are identity bigints; money columns
-- are bigint *_kop; quantities numeric; every business table has created_at/created_by.

create table organisations (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('settlement_centre', 'manager', 'supplier', 'contractor', 'payment_agent')),
  name text not null check (length(btrim(name)) > 0),
  short_name text,
  inn text not null check (inn ~ '^\d{10}(\d{2})?$'),
  kpp text check (kpp ~ '^\d{4}[\dA-Z]{2}\d{3}$'),
  ogrn text check (ogrn ~ '^\d{13}(\d{2})?$'),
  -- the settlement centre that serves this organisation; its staff see this organisation's data
  settlement_centre_id bigint references organisations (id),
  created_at timestamptz not null default now(),
  created_by bigint,
  updated_at timestamptz not null default now(),
  check (kind <> 'settlement_centre' or settlement_centre_id is null)
);
create index organisations_settlement_centre_idx on organisations (settlement_centre_id);

create table users (
  id bigint generated always as identity primary key,
  login text not null check (login ~ '^[a-zA-Z0-9._@-]{2,64}$'),
  full_name text not null check (length(btrim(full_name)) > 0),
  email text,
  password_hash text,
  organisation_id bigint not null references organisations (id),
  roles text[] not null check (
    cardinality(roles) > 0 and roles <@ array['administrator', 'billing_accountant', 'cashier',
      'registration_officer', 'dispatcher', 'analyst', 'payment_agent', 'citizen']::text[]),
  is_active boolean not null default true,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now()
);
create unique index users_login_key on users (lower(login));
create index users_organisation_idx on users (organisation_id);
alter table organisations add foreign key (created_by) references users (id);

-- A web session: the cookie carries a random token; only its sha256 is stored.
create table sessions (
  id text primary key,
  user_id bigint not null references users (id),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

-- A machine client's bearer token: shown once, stored as sha256.
create table api_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id),
  name text not null check (length(btrim(name)) > 0),
  token_hash text not null unique,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index api_tokens_user_idx on api_tokens (user_id);

-- Failed logins, for throttling by login name and by client address.
create table login_failures (
  id bigint generated always as identity primary key,
  login text not null,
  ip text,
  at timestamptz not null
);
create index login_failures_login_idx on login_failures (lower(login), at);
create index login_failures_ip_idx on login_failures (ip, at);

-- Every change to business data, written in the same transaction as the change.
create table audit_records (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_user_id bigint references users (id),
  actor_organisation_id bigint references organisations (id),
  request_id text,
  action text not null check (action in ('create', 'update', 'delete', 'read', 'login', 'logout', 'import', 'run')),
  object_type text not null,
  object_id text not null,
  -- the organisation whose data it is: scopes who may read the record
  organisation_id bigint references organisations (id),
  before jsonb,
  after jsonb
);
create index audit_records_object_idx on audit_records (object_type, object_id, id desc);
create index audit_records_organisation_idx on audit_records (organisation_id, id desc);
create index audit_records_actor_idx on audit_records (actor_user_id, id desc);
