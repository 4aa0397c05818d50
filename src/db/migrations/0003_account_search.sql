-- Account numbers and the account search of the global search box.

-- The serial of a new account number: 9 digits + a Luhn check digit (src/domain/registry/account-number.ts).
-- The service moves it past the highest number in use when a bulk load wrote numbers itself
-- (src/db/registry/accounts.ts#nextAccountSerial).
create sequence account_serials;

-- Every prefix of every word of the payer's name and of the address with the flat (lowercase, ё as е,
-- without "ул.", "д.", "кв." …; a word of letters from 2 characters, of digits from 1), written by the service
-- (src/db/registry/account-search.ts#accountSearchTokens). "Ленина 5" finds the accounts whose tokens contain
-- both 'ленина' and '5'. A plain GIN index on exact keys works on both engines (no pg_trgm) and gives the
-- planner real statistics; on 1,000,000 accounts (PostgreSQL 15) the search box answers in 1–12 ms, the
-- index takes 61 MB. (An expression index over the prefixes, or tsvector prefix queries, were tried: their
-- rechecks and estimates gave plans of 0.5–1 s for some texts.)
alter table accounts add column search_tokens text[] not null default '{}';
create index accounts_search_idx on accounts using gin (search_tokens);

-- Number prefixes (LIKE '000001%'): the default operator class can not serve LIKE unless the collation is C.
create index accounts_number_prefix_idx on accounts (number text_pattern_ops);
