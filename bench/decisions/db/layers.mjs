// The same four workloads written three ways on one pg.Pool: plain SQL, Kysely, Drizzle.
import { Kysely, PostgresDialect, sql as ksql } from 'kysely';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, bigserial, bigint, text, numeric } from 'drizzle-orm/pg-core';
import { eq, and, gte, lte, asc, sql as dsql, count, sum, avg } from 'drizzle-orm';

const COLS = 'id, number, premise_id, balance_kop, area';
const PAGE = `SELECT ${COLS} FROM accounts WHERE premise_id BETWEEN $1 AND $2 ORDER BY number, id LIMIT 50 OFFSET $3`;
const AGG = `SELECT premise_id / 1000 AS grp, count(*) AS n, sum(balance_kop) AS total, avg(area) AS avg_area
  FROM accounts GROUP BY 1 ORDER BY 1`;

export function raw(pool) {
  return {
    getById: async (id) => (await pool.query(`SELECT ${COLS} FROM accounts WHERE id = $1`, [id])).rows[0],
    page: async (from, offset) => (await pool.query(PAGE, [from, from + 500, offset])).rows,
    insertBatch: async (rows) => {
      const params = [], values = rows.map((r, i) => {
        params.push(r.number, r.premise_id, r.balance_kop, r.area);
        return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
      });
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`INSERT INTO accounts_ins (number, premise_id, balance_kop, area) VALUES ${values.join(',')}`, params);
        await c.query('COMMIT');
      } catch (e) { await c.query('ROLLBACK'); throw e; } finally { c.release(); }
    },
    aggregate: async () => (await pool.query(AGG)).rows,
  };
}

export function kysely(pool) {
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const cols = ['id', 'number', 'premise_id', 'balance_kop', 'area'];
  const grp = ksql`premise_id / 1000`;
  return {
    db,
    getById: (id) => db.selectFrom('accounts').select(cols).where('id', '=', id).executeTakeFirst(),
    page: (from, offset) => db.selectFrom('accounts').select(cols).where('premise_id', '>=', from).where('premise_id', '<=', from + 500)
      .orderBy('number').orderBy('id').limit(50).offset(offset).execute(),
    insertBatch: (rows) => db.transaction().execute((trx) => trx.insertInto('accounts_ins').values(rows).execute()),
    aggregate: () => db.selectFrom('accounts')
      .select([grp.as('grp'), db.fn.countAll().as('n'), db.fn.sum('balance_kop').as('total'), db.fn.avg('area').as('avg_area')])
      .groupBy(grp).orderBy(grp).execute(),
  };
}

const accountCols = {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  number: text('number').notNull(),
  premiseId: bigint('premise_id', { mode: 'number' }).notNull(),
  balanceKop: bigint('balance_kop', { mode: 'bigint' }).notNull(),
  area: numeric('area', { precision: 10, scale: 2 }).notNull(),
};
export const accounts = pgTable('accounts', accountCols);
export const accountsIns = pgTable('accounts_ins', accountCols);

export function drizzleLayer(pool) {
  const db = drizzle({ client: pool });
  const grp = dsql`${accounts.premiseId} / 1000`;
  return {
    db,
    getById: async (id) => (await db.select().from(accounts).where(eq(accounts.id, id)))[0],
    page: (from, offset) => db.select().from(accounts)
      .where(and(gte(accounts.premiseId, from), lte(accounts.premiseId, from + 500)))
      .orderBy(asc(accounts.number), asc(accounts.id)).limit(50).offset(offset),
    insertBatch: (rows) => db.transaction(async (tx) => { await tx.insert(accountsIns).values(rows); }),
    aggregate: () => db.select({ grp: grp.as('grp'), n: count(), total: sum(accounts.balanceKop), avgArea: avg(accounts.area) })
      .from(accounts).groupBy(grp).orderBy(grp),
  };
}

// Row shapes for inserts: snake_case with the driver's string types for raw/Kysely, camelCase + BigInt for Drizzle.
export function batches(forDrizzle) {
  const out = [];
  for (let b = 0; b < 100; b++) {
    const rows = [];
    for (let i = 0; i < 1000; i++) {
      const g = b * 1000 + i + 1, number = `NEW-${g}`, area = `${20 + (g % 9000) / 100}`;
      rows.push(forDrizzle
        ? { number, premiseId: Math.floor(g / 4), balanceKop: BigInt(g * 13 - 400000), area }
        : { number, premise_id: Math.floor(g / 4), balance_kop: String(g * 13 - 400000), area });
    }
    out.push(rows);
  }
  return out;
}
