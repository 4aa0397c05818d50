-- Legacy import (docs/formats/legacy-import.md): the opening balances carried over from the system being
-- replaced, and the files imported, so that the same file is not applied twice.

-- An opening balance (сальдо входящее) of an account for one service and supplier on a date, in kopecks:
-- positive = debt, negative = overpayment. external_id is the row's id in the legacy system.
create table opening_balances (
  id bigint generated always as identity primary key,
  external_id text not null unique,
  account_id bigint not null references accounts (id),
  service_id bigint not null references services (id),
  supplier_id bigint not null references organisations (id),
  as_of date not null,
  amount_kop bigint not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now(),
  unique (account_id, service_id, supplier_id, as_of)
);
create index opening_balances_supplier_idx on opening_balances (supplier_id);

-- A file applied by the import: its sha256 (of the bytes as sent), its kind and name, and what it did.
-- A file whose sha256 and kind are here is refused, unless importing it again would change nothing.
create table import_files (
  id bigint generated always as identity primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  kind text not null check (kind in ('organisations', 'houses', 'premises', 'accounts', 'house_services',
    'tariffs', 'norms', 'opening_balances')),
  name text,
  organisation_id bigint not null references organisations (id),
  rows int not null check (rows >= 0),
  inserted int not null default 0,
  updated int not null default 0,
  unchanged int not null default 0,
  skipped int not null default 0,
  applied_at timestamptz not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index import_files_sha256_idx on import_files (sha256, kind);
