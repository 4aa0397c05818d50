-- Transfers actually made to suppliers (issue 7 "Remittance"; ПП № 253 п.6; docs/finance.md "Recorded
-- transfers"): per supplier and day of collection covered, the amount, the payment order's number, the day it
-- was made and who recorded it. Rows are never edited or deleted: a wrong transfer is reversed by a new row
-- with the opposite amount (reverses_transfer_id; at most one reversal per transfer).
create table remittance_transfers (
  id bigint generated always as identity primary key,
  settlement_centre_id bigint not null references organisations (id),
  supplier_id bigint not null references organisations (id),
  collected_on date not null,
  amount_kop bigint not null check (amount_kop <> 0),
  order_number text not null check (length(trim(order_number)) > 0),
  transferred_on date not null,
  reverses_transfer_id bigint unique references remittance_transfers (id),
  note text,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  check (transferred_on >= collected_on),
  check ((reverses_transfer_id is null) = (amount_kop > 0))
);
create index remittance_transfers_day_idx on remittance_transfers (settlement_centre_id, collected_on, supplier_id);
-- The same payment order recorded twice for the same day of collection is one transfer (idempotency).
create unique index remittance_transfers_order_idx on remittance_transfers
  (settlement_centre_id, supplier_id, collected_on, order_number, transferred_on) where reverses_transfer_id is null;

-- The payments journal finds a payment by the account number as the payer gave it (docs/finance.md "Payments
-- journal"): indexed, so the filter is not a scan of every payment.
create index payments_account_given_idx on payments (account_given);
