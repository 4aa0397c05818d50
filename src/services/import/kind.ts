/**
 * What every kind of import file provides: its columns, how a row is read, and how the rows are planned
 * against the database (what is new, what changed, what is bad) and written. One module per kind.
 */
import type { Queryable, Tx } from '../../db/client.js';
import type { FieldType, Rec, Value } from '../../db/import/bulk.js';
import type { Permission } from '../../domain/access.js';
import { Decimal } from '../../domain/decimal.js';
import type { IsoDate } from '../../domain/period.js';
import type { Progress } from '../progress.js';
import type { Ctx } from '../context.js';
import type { BadRow, Cells } from './cells.js';

export const importKinds = [
  'organisations',
  'houses',
  'premises',
  'accounts',
  'house_services',
  'tariffs',
  'norms',
  'opening_balances',
] as const;
export type ImportKind = (typeof importKinds)[number];

/** A row read without problems: its line and external id, and the kind's fields. */
export type Parsed<T> = T & { line: number; externalId: string };

/** What happens to one good row. before/after: the changed values only. */
export type Outcome = {
  line: number;
  externalId: string;
  action: 'insert' | 'update' | 'unchanged';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

/** A change that reaches back to `fromDate`, for the recalculation requests (one per house). */
export type Retroactive = { houseId: number | null; fromDate: IsoDate };

export type Plan = {
  outcomes: Outcome[];
  problems: BadRow[];
  retroactive: Retroactive[];
  /** Writes the outcomes (called only when there are no problems). */
  write(tx: Tx, progress: Progress): Promise<void>;
};

export type ImportKindModule<T> = {
  kind: ImportKind;
  /** Russian name of the kind, for messages. */
  title: string;
  permissions: readonly Permission[];
  /** Every column the file may have. */
  columns: readonly string[];
  /** Columns the header must have. */
  required: readonly string[];
  /** Groups of columns of which the header must have at least one. */
  oneOf?: readonly (readonly string[])[];
  /** The row's fields, or undefined when it has problems (collected in `cells`). */
  parse(cells: Cells): T | undefined;
  plan(q: Queryable, ctx: Ctx, rows: readonly Parsed<T>[]): Promise<Plan>;
};

/** Whether two normalised values of a field are equal (decimals by value, lists as sets). */
export function sameValue(type: FieldType, a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return a === b || (type === 'text[]' && (a ?? '') === (b ?? ''));
  if (type === 'numeric') return Decimal.parse(String(a)).eq(Decimal.parse(String(b)));
  if (type === 'text[]')
    return String(a).split(',').sort().join(',') === String(b).split(',').sort().join(',');
  return String(a) === String(b);
}

/** The fields of `incoming` whose value differs from `stored`. */
export function changedFields(
  types: Readonly<Record<string, FieldType>>,
  stored: Rec,
  incoming: Rec,
): string[] {
  return Object.keys(incoming).filter((k) => !sameValue(types[k] ?? 'text', stored[k], incoming[k]));
}

/** The fields given (not undefined): a column missing from the file leaves its field as it is. */
export function given(fields: Record<string, Value | undefined>): Rec {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Rec;
}

export const pick = (r: Rec, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));

/** An index by key, the first row of each. */
export function indexBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T> {
  const map = new Map<K, T>();
  for (const r of rows) if (!map.has(key(r))) map.set(key(r), r);
  return map;
}

/** Rows grouped by key, in their order. */
export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
}

export const unique = <T>(values: readonly (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];

/** The earliest date, or null. */
export const earliest = (dates: readonly (IsoDate | null | undefined)[]): IsoDate | null =>
  dates
    .filter((d): d is IsoDate => !!d)
    .reduce<IsoDate | null>((m, d) => (m === null || d < m ? d : m), null);
