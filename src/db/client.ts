/**
 * One database interface over both engines. Both go through the `pg` driver: a server through a
 * `pg.Pool` on DATABASE_URL, the embedded PGlite through its node-postgres adapter (pool of one
 * connection). The same driver means the same type parsing on both (see docs/decisions.md).
 */
import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

export type Engine = 'pglite' | 'postgres';

/** Something that runs SQL: the database itself or an open transaction. */
export type Queryable = {
  /** Rows of a query; parameters are $1, $2 … */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Exactly one row, or undefined. Throws if the query returns more than one. */
  maybeOne<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
};

export type Tx = Queryable & { readonly inTransaction: true };

export type Db = Queryable & {
  readonly engine: Engine;
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
    if (oid === INT8_ARRAY) return (text: string) => pg.types.arrayParser(text, parseInt8) as number[];
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

export type OpenDbOptions = { databaseUrl?: string | undefined; dataDir?: string | undefined; pglite?: PGlite };

/** Opens the server database when a URL is given, else the embedded one in dataDir ('memory://' for RAM). */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  let pool: pg.Pool;
  let pglite: PGlite | undefined;
  if (options.databaseUrl) {
    pool = new pg.Pool({ connectionString: options.databaseUrl, types: typeParsers, max: 10 });
  } else {
    pglite = options.pglite;
    if (!pglite) {
      const dir = options.dataDir ?? 'memory://';
      if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
      pglite = await PGlite.create(dir);
    }
    pool = new pg.Pool(Object.assign(createPgConfig(pglite), { types: typeParsers }) as pg.PoolConfig);
  }
  pool.on('error', () => {}); // an idle server connection that drops is replaced on next use
  const run = (text: string, params?: readonly unknown[]) => pool.query(text, params as unknown[]);
  const ownsPglite = pglite !== undefined && options.pglite === undefined;

  return {
    engine: options.databaseUrl ? 'postgres' : 'pglite',
    pglite,
    ...queryable(run),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Tx = { ...queryable((t, p) => client.query(t, p as unknown[])), inTransaction: true };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      if (ownsPglite) await pglite!.close();
    },
  };
}
