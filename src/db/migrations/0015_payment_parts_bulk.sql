-- Payment parts written set-based (docs/finance.md "Registry import"; docs/performance.md "Payment registries:
-- the import"): a registry file of 100,000 payments has some 450,000 parts, and PostgreSQL checks a foreign key
-- row by row — five keys a part were 2.3 million lookups, about three quarters of the file's write time. Like
-- charge_lines (migration 0008), the line table keeps no foreign keys: its rows are only inserted, by the finance
-- service, from the payment written in the same transaction and the account × service × supplier lines it read
-- in that transaction (accounts, services and organisations are never deleted). The indexes stay.
alter table payment_parts
  drop constraint payment_parts_payment_id_fkey,
  drop constraint payment_parts_account_id_fkey,
  drop constraint payment_parts_service_id_fkey,
  drop constraint payment_parts_supplier_id_fkey,
  drop constraint payment_parts_created_by_fkey;
