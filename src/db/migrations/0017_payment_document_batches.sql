-- Batches of payment documents (ЕПД, issue 8 "Batches"; docs/epd.md "Batches"): one PDF for a house, a manager's
-- houses or a district, for a closed period. A batch issues (stores) each account's monthly document first when
-- it is not issued yet, counting its progress here so a screen can poll it; the PDF is rendered from the stored
-- snapshots of document_ids (in delivery order, dated created_at), so it is the same bytes whenever downloaded.
create table payment_document_batches (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  period text not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  scope_kind text not null check (scope_kind in ('house', 'manager', 'district')),
  scope_id bigint not null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  -- accounts in the scope, accounts handled so far, documents issued by this batch, accounts without charges
  accounts_total int not null default 0,
  accounts_done int not null default 0,
  documents_issued int not null default 0,
  accounts_skipped int not null default 0,
  document_ids bigint[] not null default '{}',
  error text,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create index payment_document_batches_centre_idx on payment_document_batches (settlement_centre_id, id);
