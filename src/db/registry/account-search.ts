/**
 * Finding accounts: the list with its filters, the global search box, and the words accounts are found by:
 * the words of the payer's name and of the address, kept in accounts.search_tokens under a GIN index, and a
 * dictionary of all such words (search_words, kept by a trigger) that turns a typed beginning of a word into
 * the words it begins (migrations 0003_account_search.sql, 0007_search_words.sql; docs/registry.md).
 */
import type { Actor } from '../../domain/access.js';
import type { Queryable } from '../client.js';
import { orderAndPage, Where, type ListQuery, type Page } from '../list.js';
import { accountSelect, toAccount, type Account, type AccountRow, type AccountStatus } from './accounts.js';
import { houseScopeCondition } from './scope.js';

/** Address abbreviations that every address has: not worth finding by. */
const stopWords = new Set([
  'г',
  'д',
  'кв',
  'корп',
  'стр',
  'ул',
  'пер',
  'пр',
  'просп',
  'т',
  'ш',
  'пл',
  'наб',
  'бул',
  'мкр',
  'пом',
  'комн',
]);

/**
 * The words of a text as they are searched: lowercase, ё as е, runs of Russian and Latin letters and digits
 * (anything else separates words), without the address abbreviations. Migration 0007 computes the same words
 * in SQL for the accounts written before it.
 */
export function searchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^a-zа-я0-9]+/);
  return [...new Set(words.filter((w) => w !== '' && !stopWords.has(w)))];
}

/** Words that can be looked up: a single letter is too common to be (a single digit is a house number). */
const searchable = (w: string) => w.length > 1 || /\d/.test(w);

/** The index keys of an account's text: its searchable words (the trigger adds them to the dictionary). */
export function accountSearchTokens(text: string): string[] {
  return searchWords(text).filter(searchable);
}

/** The text an account is found by: the payer, the address, the premise. */
export const accountSearchText = (a: { payerName: string; address: string; premiseLabel: string }) =>
  `${a.payerName} ${a.address} ${a.premiseLabel}`;

const addressOrder = (x: string) =>
  `lower(${x}.city || ' ' || ${x}.street) || lpad(${x}.house_number, 8, '0') || coalesce(${x}.building, '') || ` +
  `lpad(coalesce(${x}.flat_number, ${x}.premise_number), 10, '0') || lpad(case when ${x}.flat_number is null then '' else ${x}.premise_number end, 10, '0')`;

/** Sort fields over the subquery `x` of selectAccounts. */
export const accountSortFields = Object.freeze({
  number: 'x.number',
  address: addressOrder('x'),
  payerName: `translate(lower(x.payer_name), 'ё', 'е') collate "C"`, // see migration 0007
  openedOn: 'x.opened_on',
  closedOn: 'x.closed_on',
  status: 'x.status',
});

export type AccountFilter = {
  actor: Pick<Actor, 'organisationKind' | 'scope'>;
  q?: string | undefined;
  houseId?: number | undefined;
  premiseId?: number | undefined;
  status?: AccountStatus | undefined;
};

/**
 * A typed beginning that begins more dictionary words than this is checked against each candidate account's
 * words instead of through the index (one or two letters or digits; the other words of the text narrow it).
 */
const maxExpansion = 1000;

/** A condition with `$?` placeholders and their values, in order. */
type Bound = { sql: string; values: unknown[] };

/** Numbers the `$?` of a condition after the parameters already there, adding its values to them. */
function bind(b: Bound, params: unknown[]): string {
  let i = 0;
  return b.sql.replaceAll('$?', () => {
    params.push(b.values[i++]);
    return `$${params.length}`;
  });
}

/**
 * The condition of a search text: every searchable word is the beginning of a word of the payer's name or
 * the address, or — the whole text being digits — the beginning of the account number. Each typed beginning
 * is first turned into the dictionary words it begins (an index range over search_words), so the accounts are
 * then found by exact words through the GIN index, with the planner seeing the real words.
 * null when the text has nothing to search by.
 */
async function searchCondition(db: Queryable, q: string): Promise<Bound | null> {
  const words = searchWords(q).filter(searchable);
  const digits = q.replace(/\s+/g, '');
  const byNumber = /^\d{1,10}$/.test(digits) ? ` or a.number like '${digits}%'` : ''; // digits only: safe inline
  if (words.length === 0 && !byNumber) return null;
  const expanded = await db.query<{ prefix: string; words: string[] }>(
    `select p.prefix, array(select w.word from search_words w
                            where w.word >= p.prefix and w.word < p.prefix || chr(1114111)
                            order by w.word limit ${maxExpansion + 1}) as words
       from unnest($1::text[]) as p(prefix)`,
    [words],
  );
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const { prefix, words: found } of expanded) {
    if (found.length === 0) parts.push('false');
    else if (found.length > maxExpansion) {
      parts.push(`exists (select from unnest(a.search_tokens) t where t like $?)`);
      values.push(`${prefix}%`); // letters and digits only: nothing to escape
    } else {
      parts.push('a.search_tokens && $?::text[]');
      values.push(found);
    }
  }
  const all = parts.length > 0 ? parts.join(' and ') : 'false';
  return { sql: `((${all})${byNumber})`, values };
}

/** The accounts list counts its matches up to this many (Page.totalCapped beyond). */
export const ACCOUNT_COUNT_LIMIT = 10_000;

/**
 * A page of accounts, and how many there are (counted up to ACCOUNT_COUNT_LIMIT: an exact count of a million
 * accounts costs seconds and tells the operator nothing more than "narrow it down").
 *
 * The count comes first and chooses the plan of the page. Few matches of a search text: they are found on their
 * own through the GIN index (a materialised CTE) and only they are sorted. Many: the page walks the sort order
 * (the number index by default) and keeps the first matching rows — a common word is met at once, whereas
 * walking the whole table for a rare one is what the CTE prevents. Within a house the house narrows it first.
 */
export async function selectAccounts(
  db: Queryable,
  f: AccountFilter,
  q: ListQuery,
  countLimit = ACCOUNT_COUNT_LIMIT,
): Promise<Page<Account>> {
  const search = f.q === undefined ? undefined : await searchCondition(db, f.q);
  const build = (materialise: boolean) => {
    const where = new Where();
    let matches = '';
    if (search === null) where.add('false');
    else if (search && materialise) {
      // the parameters of the CTE come first
      matches = `with matches as materialized (select a.id from accounts a where ${bind(search, where.params)}) `;
    } else if (search) where.add(bind(search, where.params));
    where.add(houseScopeCondition(f.actor, 'h', '$?'), [...f.actor.scope]);
    where.add('h.id = $?', f.houseId).add('a.premise_id = $?', f.premiseId).add('a.status = $?', f.status);
    return {
      matches,
      from: `${accountSelect}${matches ? ' join matches m on m.id = a.id' : ''}${where}`,
      where,
    };
  };
  const all = build(false);
  const counted = await db.maybeOne<{ n: number }>(
    `select count(*)::int as n from (select 1 from (${all.from}) x limit ${Math.trunc(countLimit) + 1}) c`,
    all.where.params,
  );
  const capped = counted!.n > countLimit;
  const inHouse = f.houseId !== undefined || f.premiseId !== undefined;
  const page = search && !capped && !inHouse ? build(true) : all;
  const rows = await db.query<AccountRow>(
    `${page.matches}select * from (${page.from}) x` +
      orderAndPage(q, accountSortFields, accountSortFields.number, 'x.id'),
    page.where.params,
  );
  return {
    items: rows.map(toAccount),
    page: q.page,
    pageSize: q.pageSize,
    total: capped ? countLimit : counted!.n,
    ...(capped ? { totalCapped: true } : {}),
  };
}

/**
 * The accounts the global search box shows for a text, open ones first, in address order: among the first
 * 200 matches, so that a common word costs no more than a rare one (a longer text narrows it down).
 */
export async function findAccounts(
  db: Queryable,
  actor: Pick<Actor, 'organisationKind' | 'scope'>,
  text: string,
  limit: number,
): Promise<Account[]> {
  const search = await searchCondition(db, text);
  if (!search) return [];
  const where = new Where().add(houseScopeCondition(actor, 'h', '$?'), [...actor.scope]);
  where.add(bind(search, where.params));
  const rows = await db.query<AccountRow>(
    `select * from (${accountSelect}${where} limit 200) x
      order by x.status desc, ${addressOrder('x')}, x.number limit ${Math.trunc(limit)}`,
    where.params,
  );
  return rows.map(toAccount);
}

/**
 * Rewrites the search keys of the accounts of a house or of premises, after their address or number changed
 * (the house service calls it when a house's address is corrected).
 */
export async function refreshAccountSearchTokens(
  db: Queryable,
  of: { houseId: number } | { premiseIds: readonly number[] },
): Promise<void> {
  const rows = await db.query<AccountRow>(
    'houseId' in of
      ? `${accountSelect} where h.id = $1`
      : `${accountSelect} where a.premise_id = any($1) or p.flat_id = any($1)`,
    ['houseId' in of ? of.houseId : [...of.premiseIds]],
  );
  if (rows.length === 0) return;
  const accounts = rows.map(toAccount);
  const tokens = accounts.map((a) =>
    accountSearchTokens(
      accountSearchText({ payerName: a.payerName, address: a.house.address, premiseLabel: a.premise.label }),
    ).join(' '),
  );
  await db.query(
    `update accounts a set search_tokens = string_to_array(u.tokens, ' ')
       from unnest($1::bigint[], $2::text[]) as u(id, tokens) where a.id = u.id`,
    [accounts.map((a) => a.id), tokens],
  );
}
