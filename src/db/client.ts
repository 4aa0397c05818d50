/**
 * One database interface over both engines: a server through a `pg.Pool` on DATABASE_URL, the
 * embedded PGlite through its own API. Both parse types the same way (int8 as safe numbers, numeric
 * as strings, date as ISO text); test/db/client.db.test.ts checks that on each engine.
 * PGlite's node-postgres adapter was tried first and dropped: a failed parameterised query
 * terminates its connection (docs/decisions.md).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';

export type Engine = 'pglite' | 'postgres';

/** Something that runs SQL: the database itself or an open transaction. */
export type Queryable = {
  /** Rows of a query; parameters are $1, $2 … */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Exactly one row, or undefined. Throws if the query returns more than one. */
  maybeOne<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
};

export type Tx = Queryable & {
  readonly inTransaction: true;
  readonly engine: Engine;
  /** COPY inside this transaction (see Db.copyFrom): for a bulk load that must be all or nothing. */
  copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
  /**
   * The rows of a query (no parameters: values inlined by the caller, numbers only) as COPY text — one line
   * a row, values tab-separated, NULL as \N, escapes as COPY writes them (`copyFields` reads them back). Much
   * cheaper than the row protocol for hundreds of thousands of rows (docs/performance.md "Payment registries").
   */
  copyTo(select: string): Promise<string>;
};

/** The fields of one COPY text line (see Tx.copyTo): \N as null, COPY's backslash escapes undone. */
export function copyFields(line: string): (string | null)[] {
  return line.split('\t').map((v) => (v === '\\N' ? null : v.includes('\\') ? unescapeCopy(v) : v));
}

const copyEscapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };
function unescapeCopy(v: string): string {
  return v.replace(/\\(.)/g, (_, c: string) => copyEscapes[c] ?? c);
}

/**
 * Rows for COPY: one array of values per row (null for NULL), in the order of `columns` — or a row already
 * as its COPY text line (values tab-separated, NULL as \N, nothing needing escape: see `copyValue`), which
 * saves a bulk writer the array of every row.
 */
export type CopyRows = Iterable<readonly (string | number | boolean | null)[] | string>;

/** A text value for a COPY line written by hand; refuses what would need escaping. */
export function copyValue(text: string): string {
  if (needsEscape.test(text)) throw new Error(`COPY value needs escaping: ${JSON.stringify(text)}`);
  return text;
}

/**
 * A value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped (where
 * `copyValue` refuses them: for free text such as payer names, and JSON).
 */
export function copyText(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\t\n\r\\]/.test(v)
    ? v.replace(/[\t\n\r\\]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'))
    : v;
}

export type Db = Queryable & {
  readonly engine: Engine;
  /**
   * Bulk load by COPY (text format) — ten times faster than INSERT for large loads. Runs in its own
   * transaction; values must not contain tabs, newlines or backslashes (checked).
   */
  copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The underlying PGlite, when embedded (for COPY from a blob and data-dir dumps). */
  readonly pglite: PGlite | undefined;
};

const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;

/** bigint columns hold kopecks and ids: numbers, exact up to 2^53; beyond that is an error, not a rounding. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint value ${text} exceeds the safe integer range`);
  return n;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return parseInt8;
    if (oid === INT8_ARRAY) {
      const parseTexts = pg.types.getTypeParser(INT8_ARRAY as never, 'text') as (
        text: string,
      ) => (string | null)[];
      return (text: string) => parseTexts(text).map((v) => (v === null ? null : parseInt8(v)));
    }
    if (oid === DATE) return (text: string) => text; // ISO date string on both engines, never a local midnight
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function queryable(run: (text: string, params?: readonly unknown[]) => Promise<pg.QueryResult>): Queryable {
  return {
    async query<R>(text: string, params?: readonly unknown[]) {
      return (await run(text, params)).rows as R[];
    },
    async maybeOne<R>(text: string, params?: readonly unknown[]) {
      const { rows } = await run(text, params);
      if (rows.length > 1) throw new Error(`expected at most one row, got ${rows.length}`);
      return rows[0] as R | undefined;
    },
  };
}

export type OpenDbOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  pglite?: PGlite;
};

/** The parsers PGlite needs to return what `pg` returns with typeParsers. */
export const pgliteParsers = {
  [pgliteTypes.INT8]: parseInt8,
  [pgliteTypes.DATE]: (text: string) => text,
};

/** Opens the server database when a URL is given, else the embedded one in dataDir ('memory://' for RAM). */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return serverDb(options.databaseUrl);
  let pglite = options.pglite;
  if (!pglite) {
    const dir = options.dataDir ?? 'memory://';
    if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
    pglite = await PGlite.create(dir, { parsers: pgliteParsers });
  }
  return embeddedDb(pglite, options.pglite === undefined);
}

const identifier = /^[a-z_][a-z0-9_]*$/;

function copySql(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns])
    if (!identifier.test(name)) throw new Error(`bad identifier for COPY: ${name}`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
}

/** COPY text format, one line per row; refuses values that would need escaping. */
function* copyLines(rows: CopyRows, counter: { n: number }): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    if (typeof row === 'string') {
      chunk += row + '\n';
      counter.n++;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
      continue;
    }
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (i > 0) chunk += '\t';
      if (v === null || v === undefined) chunk += '\\N';
      else if (typeof v === 'string') {
        if (needsEscape.test(v)) throw new Error(`COPY value needs escaping: ${JSON.stringify(v)}`);
        chunk += v;
      } else chunk += String(v); // a number or a boolean: nothing to escape
    }
    chunk += '\n';
    counter.n++;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
const needsEscape = /[\t\n\r\\]/;

/** A text of several statements gives an array of results: its rows are the last statement's. */
function lastResult(result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  return Array.isArray(result) ? result.at(-1)! : result;
}

async function copyOnClient(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: CopyRows,
): Promise<number> {
  const counter = { n: 0 };
  await pipeline(
    Readable.from(copyLines(rows, counter)),
    client.query(copyFromStream(copySql(table, columns, 'stdin'))),
  );
  return counter.n;
}

async function copyOutOnClient(client: pg.PoolClient, select: string): Promise<string> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyToStream(`copy (${select}) to stdout`));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function serverDb(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, types: typeParsers, max: 10 });
  pool.on('error', () => {}); // an idle connection that drops is replaced on next use
  return {
    engine: 'postgres',
    pglite: undefined,
    ...queryable(async (text, params) => lastResult(await pool.query(text, params as unknown[]))),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          ...queryable(async (t, p) => lastResult(await client.query(t, p as unknown[]))),
          inTransaction: true,
          engine: 'postgres',
          copyFrom: (table, columns, rows) => copyOnClient(client, table, columns, rows),
          copyTo: (select) => copyOutOnClient(client, select),
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async copyFrom(table, columns, rows) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const n = await copyOnClient(client, table, columns, rows);
        await client.query('commit');
        return n;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite reads COPY data from a blob it is given, as the file /dev/blob. */
async function copyOnEmbedded(
  t: Transaction,
  table: string,
  columns: readonly string[],
  rows: CopyRows,
): Promise<number> {
  const counter = { n: 0 };
  const blob = new Blob([...copyLines(rows, counter)]);
  await t.query(copySql(table, columns, `'/dev/blob'`), [], { blob });
  return counter.n;
}

/**
 * PGlite has one connection: a transaction holds it, and a query outside the transaction waits for
 * the end of it. So code inside `transaction(fn)` must use `tx`, never `db` (it would wait forever).
 */
function embeddedDb(pglite: PGlite, owned: boolean): Db {
  // Without parameters a text may hold several statements (a migration): run it by the simple protocol.
  const runner = (target: PGlite | Transaction) => async (text: string, params?: readonly unknown[]) => {
    if (params && params.length > 0)
      return { rows: (await target.query(text, params as unknown[])).rows } as pg.QueryResult;
    const results = await target.exec(text);
    return { rows: results.at(-1)?.rows ?? [] } as pg.QueryResult;
  };
  return {
    engine: 'pglite',
    pglite,
    ...queryable(runner(pglite)),
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      pglite.transaction((t) =>
        fn({
          ...queryable(runner(t)),
          inTransaction: true,
          engine: 'pglite',
          copyFrom: (table, columns, rows) => copyOnEmbedded(t, table, columns, rows),
          copyTo: async (select) => {
            const r = await t.query(`copy (${select}) to '/dev/blob'`);
            return r.blob ? r.blob.text() : '';
          },
        }),
      ),
    copyFrom: (table, columns, rows) => pglite.transaction((t) => copyOnEmbedded(t, table, columns, rows)),
    async close() {
      if (owned) await pglite.close();
    },
  };
}
