/**
 * The one list convention: page (from 1), pageSize (1..500), sort "field,-other" over whitelisted
 * fields, filters as named parameters. Builds the ORDER BY / LIMIT tail of a query safely.
 */
import { validationFailed } from '../domain/errors.js';

export type SortKey = { field: string; desc: boolean };
export type ListQuery = { page: number; pageSize: number; sort: SortKey[] };
export type Page<T> = {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** Set when a list counts its matches only up to a limit: there are more than `total`. */
  totalCapped?: boolean;
};

/** Parses "login,-createdAt" into sort keys, refusing fields not in `columns`. */
export function parseSort(sort: string | undefined, columns: Readonly<Record<string, string>>): SortKey[] {
  if (!sort) return [];
  const keys = sort
    .split(',')
    .filter(Boolean)
    .map((s) => ({ field: s.replace(/^-/, ''), desc: s.startsWith('-') }));
  const bad = keys.filter((k) => !(k.field in columns));
  if (bad.length > 0) {
    throw validationFailed(
      bad.map((k) => ({
        field: 'sort',
        problem: `нельзя сортировать по "${k.field}"; можно: ${Object.keys(columns).join(', ')}`,
      })),
    );
  }
  return keys;
}

/**
 * ORDER BY … LIMIT … OFFSET … over the whitelisted columns. `tiebreak` (a unique column) keeps paging
 * stable; it runs in the direction of the first sort key, or of `fallback` when none is given.
 */
export function orderAndPage(
  q: ListQuery,
  columns: Readonly<Record<string, string>>,
  fallback: string,
  tiebreak: string,
): string {
  const order = q.sort.map((k) => {
    const column = columns[k.field];
    if (column === undefined) throw new Error(`sort field ${k.field} has no column`);
    return `${column} ${k.desc ? 'desc' : 'asc'}`;
  });
  const desc = q.sort.length > 0 ? q.sort[0]!.desc : / desc$/.test(fallback);
  const clause = [...(order.length > 0 ? order : [fallback]), `${tiebreak} ${desc ? 'desc' : 'asc'}`].join(
    ', ',
  );
  return ` order by ${clause} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
}

/** Accumulates WHERE conditions and their parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a condition; every `$?` in it stands for `value`. An undefined value adds nothing. */
  add(condition: string, value?: unknown): this {
    if (value === undefined && condition.includes('$?')) return this;
    if (condition.includes('$?')) {
      this.params.push(value);
      condition = condition.replaceAll('$?', `$${this.params.length}`);
    }
    this.parts.push(condition);
    return this;
  }

  toString(): string {
    return this.parts.length > 0 ? ` where ${this.parts.join(' and ')}` : '';
  }
}
