-- The account search keys become whole words; a dictionary of the words turns a typed beginning into them;
-- and the accounts table keeps fewer, cheaper indexes.
--
-- Until now accounts.search_tokens held every prefix of every word (about 38 keys an account): keeping that
-- GIN index up to date capped bulk loads at about 10,000 accounts a second on PostgreSQL (docs/performance.md).
-- Whole words are about 8 keys an account. The search (src/db/registry/account-search.ts) looks a typed
-- beginning up in search_words (an index range: "лен" → ленина, ленинградская, …) and finds the accounts by
-- those exact words through the same GIN index.

-- Derived data, like an index: every word any account was ever found by. A word no account has any more only
-- costs a lookup that finds nothing, so the dictionary is only ever added to. "C" collation: a byte-order range
-- [prefix, prefix || U+10FFFF) is exactly the words that begin with the prefix.
create table search_words (
  word text collate "C" primary key
);

-- Kept by a statement trigger, so that every writer (the account service, the import, the bulk demo load by
-- COPY) adds its words with one insert per statement.
create function add_account_search_words() returns trigger language plpgsql as $$
begin
  insert into search_words (word)
    select distinct w from new_accounts, unnest(new_accounts.search_tokens) as w
  on conflict do nothing;
  return null;
end
$$;
create trigger accounts_search_words_insert after insert on accounts
  referencing new table as new_accounts for each statement execute function add_account_search_words();
create trigger accounts_search_words_update after update on accounts
  referencing new table as new_accounts for each statement execute function add_account_search_words();

-- Two indexes fewer to keep, and cheaper ones (a bulk load builds them again; docs/performance.md):
-- account numbers are ten digits, so byte order ("C") is their order, and a "C" btree serves LIKE '0012%' as
-- well — the separate text_pattern_ops index is not needed.
alter table accounts alter column number type text collate "C";
drop index accounts_number_prefix_idx;
-- No index for the list's order by payer: building it cost 1.5 s of a million-account load, and it only
-- served that order over a whole region (within a house or a search the few matches are sorted). The order
-- itself compares lowercase with ё as е byte by byte (Russian а–я are in alphabet order in Unicode), which
-- sorts several times faster than through the locale.
drop index accounts_payer_idx;

-- The ids of a legacy system (external_id) are only set on imported rows: a partial unique index holds the
-- same rule (NULLs never conflicted) without an index entry for every generated or hand-entered row.
alter table houses drop constraint houses_external_id_key;
create unique index houses_external_id_key on houses (external_id) where external_id is not null;
alter table house_services drop constraint house_services_external_id_key;
create unique index house_services_external_id_key on house_services (external_id) where external_id is not null;
alter table premises drop constraint premises_external_id_key;
create unique index premises_external_id_key on premises (external_id) where external_id is not null;
alter table accounts drop constraint accounts_external_id_key;
create unique index accounts_external_id_key on accounts (external_id) where external_id is not null;

-- The words of the accounts written before: the same words as searchWords() in account-search.ts (lowercase,
-- ё as е, runs of Russian and Latin letters and digits, without the address abbreviations, letters from two
-- characters) over the payer, the city, the street, the house number and building, the flat and the room.
create function pg_temp.account_words(t text) returns text[] language sql immutable as $$
  select coalesce(array_agg(distinct w order by w), '{}')
    from regexp_split_to_table(
           translate(t, 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZёabcdefghijklmnopqrstuvwxyz',
                        'абвгдеежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyzеabcdefghijklmnopqrstuvwxyz'),
           '[^a-zа-я0-9]+') as w
   where w <> ''
     and w <> all (array['г','д','кв','корп','стр','ул','пер','пр','просп','т','ш','пл','наб','бул','мкр','пом','комн'])
     and (length(w) > 1 or w ~ '[0-9]')
$$;

update accounts a
   set search_tokens = pg_temp.account_words(
         concat_ws(' ', a.payer_name, h.city, h.street, h.house_number, h.building, f.number, p.number))
  from premises p
  join houses h on h.id = p.house_id
  left join premises f on f.id = p.flat_id
 where p.id = a.premise_id;
