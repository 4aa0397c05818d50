-- Meters and readings (приборы учёта и показания; docs/meters.md, RULES.md §1, §10).
-- A meter belongs to a house; an individual, flat or room meter to one premise, a group meter to several
-- (meter_premises); a common-house meter (ОДПУ) to none. Readings keep one column per zone; a reading is
-- never deleted: a bad one is stored in state not_for_billing, a suspicious one held for confirmation.

create table meters (
  id bigint generated always as identity primary key,
  external_id text unique,
  house_id bigint not null references houses (id),
  kind text not null check (kind in ('individual', 'flat', 'room', 'common_house', 'group')),
  resource text not null check (resource in ('cold_water', 'hot_water', 'heating', 'electricity', 'gas')),
  zone_count int not null default 1 check (zone_count in (1, 2, 3)),
  serial_number text not null check (length(btrim(serial_number)) > 0),
  model text,
  -- whole digits of the counter (for the rollover) and digits after the point
  digits int not null default 5 check (digits between 3 and 9),
  decimals int not null default 3 check (decimals between 0 and 4),
  installed_on date,
  commissioned_on date not null,
  seal_number text,
  last_verified_on date,
  -- from the meter's passport; null: the default of the legal parameter verification.interval_years
  verification_interval_years int check (verification_interval_years between 1 and 30),
  decommissioned_on date,
  decommission_reason text check (decommission_reason in ('replaced', 'failed', 'lost', 'verification_expired', 'removed')),
  -- the meter this one replaced
  replaces_meter_id bigint references meters (id),
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now(),
  check ((decommissioned_on is null) = (decommission_reason is null)),
  check (decommissioned_on is null or decommissioned_on >= commissioned_on)
);
create index meters_house_idx on meters (house_id, resource);
create unique index meters_serial_key on meters (house_id, resource, lower(serial_number));

create table meter_premises (
  meter_id bigint not null references meters (id),
  premise_id bigint not null references premises (id),
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  primary key (meter_id, premise_id)
);
create index meter_premises_premise_idx on meter_premises (premise_id);

create table meter_readings (
  id bigint generated always as identity primary key,
  meter_id bigint not null references meters (id),
  read_on date not null,
  -- the billing period the reading counts for (after the window day: the next one)
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  kind text not null default 'regular' check (kind in ('regular', 'initial', 'final')),
  value_single numeric(14, 4) check (value_single >= 0),
  value_day numeric(14, 4) check (value_day >= 0),
  value_night numeric(14, 4) check (value_night >= 0),
  value_peak numeric(14, 4) check (value_peak >= 0),
  value_semi_peak numeric(14, 4) check (value_semi_peak >= 0),
  -- the volume since the previous counted reading, all zones (null for the first)
  volume numeric(14, 4),
  state text not null check (state in ('accepted', 'held', 'not_for_billing')),
  -- why held or not for billing; rollover notes
  state_reason text,
  source text not null check (source in ('operator', 'citizen', 'bank_registry', 'api_client', 'automatic', 'inspection')),
  -- the submitter's id of the reading: the same client id from the same source is one reading
  client_id text check (length(client_id) between 1 and 100),
  confirmed_at timestamptz,
  confirmed_by bigint references users (id),
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index meter_readings_meter_idx on meter_readings (meter_id, read_on, id);
create unique index meter_readings_client_key on meter_readings (source, client_id) where client_id is not null;

-- Acts that change how a premise's consumption is determined: access to the meter refused (п.59 "в", from
-- act_on until ended_on, the check), or no technical possibility to install a meter (no increasing coefficient).
create table metering_acts (
  id bigint generated always as identity primary key,
  premise_id bigint not null references premises (id),
  kind text not null check (kind in ('access_refused', 'installation_impossible')),
  resource text check (resource in ('cold_water', 'hot_water', 'heating', 'electricity', 'gas')),
  act_on date not null,
  ended_on date,
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (ended_on is null or ended_on >= act_on)
);
create index metering_acts_premise_idx on metering_acts (premise_id, kind);
