/**
 * Migration 0007 rewrote the search keys of the accounts written before it in SQL. Its words must be the words
 * the service computes in TypeScript (searchWords/accountSearchTokens), or those accounts would not be found
 * the way new ones are. The migration's own statements are run again over the demo town and compared, account
 * by account, with the keys the demo load wrote through TypeScript.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSearchTokens, searchWords } from '../../src/db/registry/account-search.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.dispose());

const migration = fs.readFileSync(
  new URL('../../src/db/migrations/0007_search_words.sql', import.meta.url),
  'utf8',
);
const wordsFunction = migration.slice(migration.indexOf('create function pg_temp.account_words'));

/** Runs fn in a transaction that is then rolled back, so the database stays as the template made it. */
async function rolledBack<T>(fn: (tx: Parameters<Parameters<TestDb['transaction']>[0]>[0]) => Promise<T>) {
  const undo = new Error('roll back');
  let result: T | undefined;
  await db
    .transaction(async (tx) => {
      result = await fn(tx);
      throw undo;
    })
    .catch((err: unknown) => {
      if (err !== undo) throw err;
    });
  return result as T;
}

describe('migration 0007: the words of the accounts written before it', () => {
  it('are the same words as the service computes, on every demo account', async () => {
    const written = await db.query<{ id: number; search_tokens: string[] }>(
      'select id, search_tokens from accounts order by id',
    );
    expect(written.length).toBeGreaterThan(2000);
    const recomputed = await rolledBack(async (tx) => {
      await tx.query(`update accounts set search_tokens = '{}'`);
      await tx.query(wordsFunction); // the function and the update, as the migration ran them
      return tx.query<{ id: number; search_tokens: string[] }>(
        'select id, search_tokens from accounts order by id',
      );
    });
    const sorted = (rows: { id: number; search_tokens: string[] }[]) =>
      rows.map((r) => ({ id: r.id, words: [...r.search_tokens].sort() }));
    expect(sorted(recomputed)).toEqual(sorted(written));
  });

  it('upper case, ё and punctuation come out as the service has them', async () => {
    const text = 'СЕМЁНОВА Алёна-Мария, г. Заозёрск, ул. Ленина, д. 5А, корп. 2, кв. 7 (John O’Brien) Ä';
    const [row] = await rolledBack(async (tx) => {
      await tx.query(wordsFunction.slice(0, wordsFunction.indexOf('update accounts')));
      return tx.query<{ words: string[] }>(`select pg_temp.account_words($1) as words`, [text]);
    });
    // by hand: lowercase, ё → е; "-", ",", ".", "(", "’" separate; г, ул, д, корп, кв dropped; single letters
    // dropped ("o" of O’Brien, "ä" is not a Russian or Latin letter and separates), "5а" and "2", "7" kept
    const expected = ['2', '5а', '7', 'brien', 'john', 'алена', 'заозерск', 'ленина', 'мария', 'семенова'];
    expect([...row!.words].sort()).toEqual(expected.sort());
    expect(accountSearchTokens(text).sort()).toEqual(expected.sort());
    expect(searchWords('Ул. Ёлочная')).toEqual(['елочная']);
  });
});
