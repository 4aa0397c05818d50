/**
 * Multi-row reads and writes for the legacy import, inside its transaction: one statement per few thousand
 * rows, each column passed as one text array (`unnest`), so the number of parameters does not grow with
 * the rows and both engines take the same SQL. (COPY runs in a transaction of its own, and an import must
 * be written whole or not at all.) Values are compared and written in a normalised text form: numeric
 * without trailing zeros, dates as ISO text, arrays joined by commas.
 */
import type { Queryable } from '../client.js';

export type FieldType = 'text' | 'int' | 'bigint' | 'numeric' | 'date' | 'bool' | 'text[]';
export type Value = string | number | boolean | null;
/** A row by column name. */
export type Rec = Record<string, Value>;
export type TableSpec = {
  table: string;
  fields: Readonly<Record<string, FieldType>>;
  /** Whether the table has updated_at (set on update). */
  updatedAt: boolean;
};

const CHUNK = 5000;
const identifier = /^[a-z_][a-z0-9_]*$/;

function checked(spec: TableSpec, columns: readonly string[]): void {
  for (const name of [spec.table, ...columns])
    if (!identifier.test(name)) throw new Error(`bad identifier: ${name}`);
}

/** The select expression that gives a column in the normalised form. */
function readExpr(column: string, type: FieldType, alias: string): string {
  const c = `${alias}.${column}`;
  switch (type) {
    case 'numeric':
      return `trim_scale(${c})::text as ${column}`;
    case 'date':
      return `${c}::text as ${column}`;
    case 'text[]':
      return `array_to_string(${c}, ',') as ${column}`;
    default:
      return `${c} as ${column}`;
  }
}

/** The expression that turns the unnested text back into the column's type. */
function writeExpr(column: string, type: FieldType): string {
  if (type === 'text[]') return `coalesce(string_to_array(u.${column}, ','), '{}')`;
  if (type === 'text') return `u.${column}`;
  return `u.${column}::${type === 'bool' ? 'boolean' : type}`;
}

const asText = (v: Value | undefined): string | null =>
  v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);

/** Rows of the table with their id, the columns of the spec normalised; `where` uses the alias t. */
export async function selectRecords(
  q: Queryable,
  spec: TableSpec,
  where: string,
  params: readonly unknown[],
  extra: readonly string[] = [],
): Promise<(Rec & { id: number })[]> {
  const columns = Object.keys(spec.fields);
  checked(spec, columns);
  const select = columns.map((c) => readExpr(c, spec.fields[c]!, 't'));
  return q.query<Rec & { id: number }>(
    `select t.id, ${[...select, ...extra].join(', ')} from ${spec.table} t where ${where}`,
    params,
  );
}

function columnArrays(columns: readonly string[], rows: readonly Rec[]): (string | null)[][] {
  return columns.map((c) => rows.map((r) => asText(r[c])));
}

/**
 * Inserts the rows (the columns of the spec; absent ones are null) with created_by; returns the new ids
 * in the order of the rows.
 */
export async function insertRecords(
  q: Queryable,
  spec: TableSpec,
  rows: readonly Rec[],
  createdBy: number | null,
): Promise<number[]> {
  const columns = Object.keys(spec.fields);
  checked(spec, columns);
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params = columnArrays(
      ['__n', ...columns],
      chunk.map((r, n) => ({ ...r, __n: n })),
    );
    const result = await q.query<{ id: number; n: number }>(
      `with u as (select * from unnest(${params.map((_, k) => `$${k + 1}::text[]`).join(', ')})
                    as u(__n, ${columns.join(', ')})),
            ins as (insert into ${spec.table} (${columns.join(', ')}, created_by)
                    select ${columns.map((c) => writeExpr(c, spec.fields[c]!)).join(', ')}, $${params.length + 1}::bigint
                      from u order by u.__n::int returning id)
       select id, (row_number() over (order by id))::int - 1 as n from ins`,
      [...params, createdBy],
    );
    for (const r of result.sort((a, b) => a.n - b.n)) ids.push(r.id);
  }
  return ids;
}

/** Sets the given columns of rows by id (and updated_at when the table has it). */
export async function updateRecords(
  q: Queryable,
  spec: TableSpec,
  columns: readonly string[],
  rows: readonly (Rec & { id: number })[],
  at: Date | null = null,
): Promise<void> {
  checked(spec, columns);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params = columnArrays(['id', ...columns], chunk);
    const set = columns.map((c) => `${c} = ${writeExpr(c, spec.fields[c]!)}`);
    const stamp = spec.updatedAt && at !== null;
    if (stamp) set.push(`updated_at = $${params.length + 1}`);
    await q.query(
      `update ${spec.table} t set ${set.join(', ')}
         from unnest(${params.map((_, k) => `$${k + 1}::text[]`).join(', ')}) as u(id, ${columns.join(', ')})
        where t.id = u.id::bigint`,
      stamp ? [...params, at] : params,
    );
  }
}
