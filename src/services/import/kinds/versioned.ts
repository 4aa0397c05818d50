/**
 * The rows of an effective-dated kind (services of houses, tariffs, norms): each row is a version of a key,
 * identified by its external id. Rows are grouped by key and planned with the stored versions of the key
 * (versions.ts); a row whose external id belongs to a version of another key is refused: the key of a
 * version does not change.
 */
import type { Tx } from '../../../db/client.js';
import { insertRecords, updateRecords, type Rec, type TableSpec } from '../../../db/import/bulk.js';
import type { IsoDate } from '../../../domain/period.js';
import type { BadRow } from '../cells.js';
import { groupBy, type Outcome } from '../kind.js';
import { planKeyVersions, type StoredVersion } from '../versions.js';

export type KeyedFileVersion<V> = {
  line: number;
  externalId: string;
  key: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  value: V;
};
export type KeyedStoredVersion<V> = StoredVersion<V> & { key: string };

export type VersionedPlan = {
  outcomes: Outcome[];
  problems: BadRow[];
  /** The first affected day of each key whose values in force change. */
  fromDates: Map<string, IsoDate>;
  write(tx: Tx, createdBy: number | null): Promise<void>;
};

export function planVersioned<V>(
  stored: readonly KeyedStoredVersion<V>[],
  rows: readonly KeyedFileVersion<V>[],
  o: {
    spec: TableSpec;
    /** The columns of a new version: its key's fields and its value. */
    toRec(key: string, value: V): Rec;
    /** The value of a version as the audit shows it. */
    show(value: V): Record<string, unknown>;
    same: (a: V, b: V) => boolean;
    billsSame?: (a: V, b: V) => boolean;
    what: string;
  },
): VersionedPlan {
  const byExternalId = new Map(stored.filter((s) => s.externalId).map((s) => [s.externalId!, s]));
  const problems: BadRow[] = [];
  const groups = new Map<string, KeyedFileVersion<V>[]>();
  const add = (row: KeyedFileVersion<V>) => {
    const list = groups.get(row.key);
    if (list) list.push(row);
    else groups.set(row.key, [row]);
  };
  for (const row of rows) {
    const other = byExternalId.get(row.externalId);
    if (other && other.key !== row.key) {
      const problem = `внешний код принадлежит ${o.what} с другим ключом; ключ версии не меняется — заведите новую версию`;
      problems.push({ line: row.line, column: 'external_id', problem });
      continue;
    }
    add(row);
  }
  const outcomes: Outcome[] = [];
  const inserts: Rec[] = [];
  const updates: (Rec & { id: number })[] = [];
  const fromDates = new Map<string, IsoDate>();
  const dated = (v: { validFrom: IsoDate; validTo: IsoDate | null; value: V }) => ({
    validFrom: v.validFrom,
    validTo: v.validTo,
    ...o.show(v.value),
  });
  const storedByKey = groupBy(stored, (s) => s.key);
  for (const [key, incoming] of groups) {
    const plan = planKeyVersions(storedByKey.get(key) ?? [], incoming, {
      same: o.same,
      billsSame: o.billsSame,
      matchBy: 'externalId',
      column: 'valid_from',
    });
    problems.push(...plan.problems);
    if (plan.problems.length > 0) continue;
    const ext = new Map(incoming.map((r) => [r.line, r.externalId]));
    for (const v of plan.inserts) {
      inserts.push({
        ...o.toRec(key, v.value),
        external_id: v.externalId,
        valid_from: v.validFrom,
        valid_to: v.validTo,
      });
      outcomes.push({ line: v.line, externalId: v.externalId!, action: 'insert' });
    }
    for (const v of plan.updates) {
      updates.push({
        ...o.toRec(key, v.after.value),
        id: v.id,
        valid_from: v.after.validFrom,
        valid_to: v.after.validTo,
      });
      if (v.line === null) continue; // a stored version closed by a new one: part of that row's insert
      outcomes.push({
        line: v.line,
        externalId: ext.get(v.line)!,
        action: 'update',
        before: dated(v.before),
        after: dated(v.after),
      });
    }
    for (const line of plan.unchanged)
      outcomes.push({ line, externalId: ext.get(line)!, action: 'unchanged' });
    if (plan.fromDate) fromDates.set(key, plan.fromDate);
  }
  return {
    outcomes,
    problems,
    fromDates,
    async write(tx, createdBy) {
      const columns = Object.keys(o.spec.fields).filter((c) => c !== 'external_id');
      await updateRecords(tx, o.spec, columns, updates);
      await insertRecords(tx, o.spec, inserts, createdBy);
    },
  };
}
