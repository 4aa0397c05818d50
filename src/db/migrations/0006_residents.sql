-- Registration office (паспортный учёт): persons and their identity documents, registrations at premises
-- (to an account), owners with shares, temporary absences, and the documents issued to people.
-- docs/residents.md; RULES.md §4 (absence).

create table persons (
  id bigint generated always as identity primary key,
  -- the settlement centre whose registration office keeps the person's card (the organisation scope)
  settlement_centre_id bigint not null references organisations (id),
  surname text not null check (length(btrim(surname)) > 0),
  name text not null check (length(btrim(name)) > 0),
  patronymic text,
  birth_date date not null,
  sex text not null check (sex in ('male', 'female')),
  birth_place text,
  -- СНИЛС: 11 digits, the check number verified by the service
  snils text check (snils ~ '^\d{11}$'),
  phone text,
  email text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  updated_at timestamptz not null default now()
);
-- the search: beginnings of the surname and name (LIKE 'x%' needs the pattern operator class)
create index persons_name_idx on persons (lower(surname) text_pattern_ops, lower(name) text_pattern_ops);
create index persons_birth_date_idx on persons (birth_date);

create table identity_documents (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons (id),
  kind text not null check (kind in ('passport', 'birth_certificate', 'foreign_passport', 'other')),
  series text not null default '',
  number text not null,
  issued_by text not null,
  issued_on date not null,
  division_code text check (division_code ~ '^\d{3}-\d{3}$'),
  -- a document replaced by a new one (a passport exchanged at 20 and 45) stays in the history
  replaced_on date,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index identity_documents_person_idx on identity_documents (person_id);

-- A registration of a person at a premise, to one of its accounts. valid_to is the last day registered
-- (included): a deregistration on day D sets valid_to = D − 1.
create table registrations (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons (id),
  account_id bigint not null references accounts (id),
  premise_id bigint not null references premises (id),
  kind text not null check (kind in ('permanent', 'temporary')),
  relation text not null,
  valid_from date not null,
  valid_to date,
  arrived_from text,
  deregistered_on date,
  deregistration_reason text,
  destination text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from - 1)
);
create index registrations_account_idx on registrations (account_id, valid_from);
create index registrations_person_idx on registrations (person_id);
create index registrations_premise_idx on registrations (premise_id);

create table ownerships (
  id bigint generated always as identity primary key,
  premise_id bigint not null references premises (id),
  owner_kind text not null check (owner_kind in ('person', 'organisation')),
  person_id bigint references persons (id),
  organisation_id bigint references organisations (id),
  share_numerator int not null check (share_numerator > 0),
  share_denominator int not null check (share_denominator >= share_numerator),
  valid_from date not null,
  valid_to date,
  -- the title: the record of the state register (ЕГРН) and its date
  title_record_number text not null,
  title_record_date date not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from),
  check ((owner_kind = 'person') = (person_id is not null) and (owner_kind = 'organisation') = (organisation_id is not null))
);
create index ownerships_premise_idx on ownerships (premise_id, valid_from);
create index ownerships_person_idx on ownerships (person_id);

-- Temporary absence of a registered person: departure and arrival days are not counted (RULES.md §4.2).
create table absences (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons (id),
  account_id bigint not null references accounts (id),
  departed_on date not null,
  returned_on date not null,
  full_days int not null check (full_days >= 0),
  document text not null,
  applied_on date not null,
  status text not null check (status in ('accepted', 'refused')),
  decision_reason text not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (returned_on >= departed_on)
);
create index absences_account_idx on absences (account_id, departed_on);
create index absences_person_idx on absences (person_id);

-- Documents issued to people, numbered per settlement centre and year. The content is the snapshot the PDF is
-- rendered from, so the same record renders the same bytes.
create table issued_documents (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  kind text not null check (kind in ('house_register_extract', 'flat_card', 'registration_certificate')),
  year int not null,
  number int not null check (number > 0),
  account_id bigint references accounts (id),
  person_id bigint references persons (id),
  issued_at timestamptz not null,
  content jsonb not null,
  -- the client's key: the same request twice issues one document
  request_key text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (settlement_centre_id, year, number),
  unique (settlement_centre_id, request_key)
);
create index issued_documents_account_idx on issued_documents (account_id);
create index issued_documents_person_idx on issued_documents (person_id);
