-- Payment documents (ЕПД, issue 8 part 2; docs/epd.md "Stored documents"): every bill issued is stored with
-- its whole snapshot, so a reprint renders exactly what the payer got the first time, whatever changed in
-- the registry or the charges since (RULES.md §8.1). A document is never updated or deleted; issuing the
-- same account × period × kind again returns the stored one (the same request twice never applies twice).
create table payment_documents (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  account_id bigint not null references accounts (id),
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  kind text not null check (kind in ('monthly', 'debt', 'advance')),
  -- months the period total is due for: 1 monthly, 0 debt bill, N ≥ 1 advance bill
  months int not null check (months >= 0),
  document_number text not null,
  total_to_pay_kop bigint not null,
  snapshot jsonb not null,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  unique (account_id, period, kind),
  unique (settlement_centre_id, document_number)
);

create index payment_documents_period on payment_documents (settlement_centre_id, period);
