-- Remittance to suppliers (issue 7, part 3; docs/finance.md "Remittance"): the settlement centre's contracts
-- with suppliers, managers (for their own services) and contractors — the party, the centre's fee rule (a
-- percent of what was collected), the bank account money is transferred to, and the dates the contract is in
-- force (inclusive; null = open).
-- A changed contract is a new row: the old one is closed (valid_to), never rewritten.
create table remittance_contracts (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  party_id bigint not null references organisations (id),
  kind text not null check (kind in ('supplier', 'manager', 'contractor')),
  number text not null check (length(trim(number)) > 0),
  signed_on date not null,
  centre_fee_percent numeric(7, 4) not null check (centre_fee_percent >= 0 and centre_fee_percent < 100),
  bank_account_id bigint not null references bank_accounts (id),
  valid_from date not null,
  valid_to date,
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index remittance_contracts_party_idx on remittance_contracts (settlement_centre_id, party_id, valid_from);
