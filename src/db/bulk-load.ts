/**
 * Large loads with the tables' own indexes and foreign keys built once at the end instead of row by row.
 *
 * Keeping a table's secondary indexes and checking its foreign keys for each row costs most of a large COPY:
 * writing a region of a million accounts took about 100 s that way, and about a fifth of it with the indexes
 * built afterwards (docs/performance.md). Inside the caller's transaction the secondary indexes, unique
 * constraints and foreign keys of the tables are dropped, the load runs, and then every one of them is created
 * again from its own definition as the database reported it (so nothing here repeats the migrations) — the
 * unique ones and the foreign keys checked over all rows at once. The primary keys stay. Either it all commits,
 * or the transaction rolls back to the tables as they were. Other writers to these tables wait for the
 * transaction: a tool for the operator's bulk commands, not for the live service's requests.
 */
import type { Tx } from './client.js';

type Definition = { table: string; name: string; def: string };

/** Runs `load` with the indexes, unique constraints and foreign keys of `tables` built after it. */
export async function withIndexesBuiltAfter<T>(
  tx: Tx,
  tables: readonly string[],
  load: () => Promise<T>,
  onRebuild: (done: number, total: number) => void = () => {},
): Promise<T> {
  const regclasses = tables.map((t) => `public.${t}`);
  // Every foreign key of these tables — even one to another table, even on a NULL: its check is an after-row
  // trigger event for every row, which cost more than checking all rows at once (measured: docs/performance.md);
  // unique constraints no foreign key depends on; other non-primary indexes.
  const constraints = await tx.query<Definition & { kind: 'f' | 'u' }>(
    `select c.conrelid::regclass::text as table, c.conname as name, c.contype as kind,
            pg_get_constraintdef(c.oid) as def
       from pg_constraint c
      where c.conrelid = any($1::regclass[])
        and (c.contype = 'f'
             or (c.contype = 'u' and not exists (select 1 from pg_constraint f
                                                  where f.contype = 'f' and f.conindid = c.conindid)))
      order by c.contype, c.conname`,
    [regclasses],
  );
  const indexes = await tx.query<Definition>(
    `select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name,
            pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[]) and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by 2`,
    [regclasses],
  );
  const foreignKeys = constraints.filter((c) => c.kind === 'f');
  const uniques = constraints.filter((c) => c.kind === 'u');
  for (const c of [...foreignKeys, ...uniques])
    await tx.query(`alter table ${c.table} drop constraint ${quote(c.name)}`);
  for (const i of indexes) await tx.query(`drop index ${i.name}`);

  const result = await load();

  // PostgreSQL's default of 64 MB makes a large index build spill its sorts to disk; this is only for this
  // transaction (PGlite keeps its own small default: its memory is the process's).
  if (tx.engine === 'postgres') await tx.query(`set local maintenance_work_mem = '512MB'`);

  const total = indexes.length + uniques.length + foreignKeys.length;
  let done = 0;
  onRebuild(done, total);
  for (const i of indexes) {
    await tx.query(i.def);
    onRebuild(++done, total);
  }
  for (const c of [...uniques, ...foreignKeys]) {
    await tx.query(`alter table ${c.table} add constraint ${quote(c.name)} ${c.def}`);
    onRebuild(++done, total);
  }
  return result;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
