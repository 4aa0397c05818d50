-- The registry (картотека): legal details and bank accounts of organisations, districts, houses with their
-- managers over time, premises and their areas over time, accounts (with split/merge links), the service
-- catalogue, services per house by supplier and method over time, tariffs, norms, legal parameters, and
-- the record of changes that reach into the past (for the billing engine's recalculation).
-- Effective-dated rows carry valid_from and valid_to (inclusive; null = open-ended). Overlaps of the same
-- key are refused by the services (src/domain/registry/effective.ts).
-- external_id: the id of the row in the system it was imported from; re-import updates by it.

alter table organisations
  add column external_id text unique,
  add column legal_address text,
  add column postal_address text,
  add column phone text,
  add column email text,
  add column director text;

create table bank_accounts (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations (id),
  account text not null check (account ~ '^\d{20}$'),
  bik text not null check (bik ~ '^\d{9}$'),
  bank_name text not null,
  correspondent_account text check (correspondent_account ~ '^\d{20}$'),
  is_primary boolean not null default false,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index bank_accounts_organisation_idx on bank_accounts (organisation_id);

create table districts (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  code text not null,
  name text not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (settlement_centre_id, code)
);

create table houses (
  id bigint generated always as identity primary key,
  external_id text unique,
  settlement_centre_id bigint not null references organisations (id),
  district_id bigint references districts (id),
  fias_id text check (fias_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  region text not null,
  city text not null,
  street text not null,
  house_number text not null,
  building text,
  postal_code text check (postal_code ~ '^\d{6}$'),
  kind text not null default 'apartment_building' check (kind in ('apartment_building', 'private_house')),
  year_built int check (year_built between 1700 and 2100),
  floors int check (floors > 0),
  entrances int check (entrances >= 0),
  total_area numeric(12, 2) check (total_area >= 0),
  residential_area numeric(12, 2) check (residential_area >= 0),
  non_residential_area numeric(12, 2) check (non_residential_area >= 0),
  common_area numeric(12, 2) check (common_area >= 0),
  cold_water text not null default 'central' check (cold_water in ('central', 'none', 'well')),
  hot_water text not null default 'central' check (hot_water in ('central', 'open_system', 'local_heater', 'none')),
  heating text not null default 'central' check (heating in ('central', 'individual', 'none')),
  has_gas boolean not null default false,
  has_electric_stoves boolean not null default false,
  has_lift boolean not null default false,
  -- resources measured by a common-house meter: cold_water, hot_water, heating, electricity, gas
  common_meters text[] not null default '{}',
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now()
);
create index houses_district_idx on houses (district_id);
create index houses_address_idx on houses (lower(city), lower(street), house_number);

-- Which manager manages a house, from when to when.
create table house_managers (
  id bigint generated always as identity primary key,
  house_id bigint not null references houses (id),
  manager_id bigint not null references organisations (id),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index house_managers_house_idx on house_managers (house_id, valid_from);
create index house_managers_manager_idx on house_managers (manager_id);

create table premises (
  id bigint generated always as identity primary key,
  external_id text unique,
  house_id bigint not null references houses (id),
  number text not null,
  kind text not null check (kind in ('flat', 'room', 'non_residential')),
  -- a room belongs to its shared flat
  flat_id bigint references premises (id),
  is_shared_flat boolean not null default false,
  rooms int check (rooms >= 0),
  floor int,
  entrance int,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now()
);
create unique index premises_number_key on premises (house_id, lower(number), coalesce(flat_id, 0));

-- The areas of a premise over time (a correction after a survey is a new version).
create table premise_areas (
  id bigint generated always as identity primary key,
  premise_id bigint not null references premises (id),
  total_area numeric(10, 2) not null check (total_area > 0),
  living_area numeric(10, 2) check (living_area >= 0),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index premise_areas_premise_idx on premise_areas (premise_id, valid_from);

create table accounts (
  id bigint generated always as identity primary key,
  number text not null unique check (number ~ '^\d{10}$'),
  external_id text unique,
  premise_id bigint not null references premises (id),
  payer_kind text not null check (payer_kind in ('person', 'organisation')),
  payer_name text not null check (length(btrim(payer_name)) > 0),
  payer_organisation_id bigint references organisations (id),
  -- the part of the premise's area this account pays for (a room of a shared flat, a share)
  area_share numeric(9, 6) not null default 1 check (area_share > 0 and area_share <= 1),
  opened_on date not null,
  closed_on date,
  status text not null default 'open' check (status in ('open', 'closed')),
  close_reason text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now(),
  check (closed_on is null or closed_on >= opened_on),
  check ((status = 'closed') = (closed_on is not null))
);
create index accounts_premise_idx on accounts (premise_id);
create index accounts_payer_idx on accounts (lower(payer_name));

-- Split and merge keep their history: each link says which account continued which, and when.
create table account_links (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('split', 'merge')),
  from_account_id bigint not null references accounts (id),
  to_account_id bigint not null references accounts (id),
  on_date date not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (from_account_id <> to_account_id)
);
create index account_links_from_idx on account_links (from_account_id);
create index account_links_to_idx on account_links (to_account_id);

create table services (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]*$'),
  name text not null,
  unit text not null,
  kind text not null check (kind in ('utility', 'housing')),
  resource text check (resource in ('cold_water', 'hot_water', 'heating', 'electricity', 'gas', 'wastewater', 'waste')),
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);

-- Which supplier provides which service to a house under which calculation method, from when to when.
create table house_services (
  id bigint generated always as identity primary key,
  external_id text unique,
  house_id bigint not null references houses (id),
  service_id bigint not null references services (id),
  supplier_id bigint not null references organisations (id),
  method text not null check (method in ('by_meter', 'by_norm', 'by_area', 'fixed', 'per_person', 'heating_by_norm',
    'heating_by_common_meter', 'common_needs_by_norm', 'common_needs_by_common_meter')),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index house_services_house_idx on house_services (house_id, service_id, valid_from);
create index house_services_supplier_idx on house_services (supplier_id);

-- A price per unit. It applies to a territory (region, optionally a city) or to the houses listed in
-- tariff_houses. zone: single, or day/night, or peak/semi_peak/night.
create table tariffs (
  id bigint generated always as identity primary key,
  external_id text unique,
  supplier_id bigint not null references organisations (id),
  service_id bigint not null references services (id),
  region text,
  city text,
  zone text not null default 'single' check (zone in ('single', 'day', 'night', 'peak', 'semi_peak')),
  rate numeric(14, 4) not null check (rate >= 0),
  valid_from date not null,
  valid_to date,
  source text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index tariffs_lookup_idx on tariffs (supplier_id, service_id, valid_from);

create table tariff_houses (
  tariff_id bigint not null references tariffs (id),
  house_id bigint not null references houses (id),
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  primary key (tariff_id, house_id)
);
create index tariff_houses_house_idx on tariff_houses (house_id);

-- A consumption norm: per service, region and category of house equipment; per person or per m²; per
-- month or per heating season.
create table norms (
  id bigint generated always as identity primary key,
  external_id text unique,
  service_id bigint not null references services (id),
  region text not null,
  category text not null,
  basis text not null check (basis in ('per_person', 'per_m2')),
  per text not null default 'month' check (per in ('month', 'heating_season')),
  value numeric(14, 6) not null check (value >= 0),
  unit text not null,
  valid_from date not null,
  valid_to date,
  source text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index norms_lookup_idx on norms (service_id, region, category, valid_from);

-- A parameter the law sets (the increasing coefficient, the readings window, average limits…), with its
-- legal source. value is text holding an exact decimal or a small JSON document, as `kind` says.
create table legal_parameters (
  id bigint generated always as identity primary key,
  code text not null check (code ~ '^[a-z][a-z0-9_.]*$'),
  kind text not null check (kind in ('decimal', 'integer', 'boolean', 'json')),
  value text not null,
  region text,
  valid_from date not null,
  valid_to date,
  source text not null,
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index legal_parameters_code_idx on legal_parameters (code, valid_from);

-- A change whose effective date lies in the past: which houses, from which date, and why. The billing
-- engine reads the unprocessed ones and recalculates the periods they reach.
create table recalculation_requests (
  id bigint generated always as identity primary key,
  reason text not null,
  object_type text not null,
  object_id text not null,
  -- null: every house the change can reach (a territory tariff, a legal parameter)
  house_id bigint references houses (id),
  account_id bigint references accounts (id),
  from_date date not null,
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index recalculation_requests_pending_idx on recalculation_requests (id) where processed_at is null;
