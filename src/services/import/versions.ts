/**
 * The effective-dated versions of one key (a house's service, a tariff, a norm, a premise's areas, a house's
 * manager) after an import: the stored versions, with the file's versions put in. A file version is the
 * stored one with the same external id (or, for areas and managers, the same start date): its values and
 * dates are replaced; any other is new. A version without an end date in the file, and a stored open one,
 * last until the day before the next version of the key starts. Overlaps that involve a file row are bad
 * rows; overlaps among stored versions alone are left as they are.
 */
import { addDays, type IsoDate } from '../../domain/period.js';
import { earliestAffectedDate, findOverlaps } from '../../domain/registry/effective.js';
import type { BadRow } from './cells.js';

export type StoredVersion<V> = {
  id: number;
  externalId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  value: V;
};

export type FileVersion<V> = {
  line: number;
  externalId: string | null;
  validFrom: IsoDate;
  /** null: until the next version starts, or without an end. */
  validTo: IsoDate | null;
  value: V;
};

type Working<V> = {
  id: number | null;
  line: number | null;
  externalId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  endFollowsNext: boolean;
  value: V;
};

export type VersionChange<V> = {
  id: number;
  /** null: a stored version whose end moved because a file version follows it. */
  line: number | null;
  before: { validFrom: IsoDate; validTo: IsoDate | null; value: V };
  after: { validFrom: IsoDate; validTo: IsoDate | null; value: V };
};

export type KeyPlan<V> = {
  inserts: (FileVersion<V> & { validTo: IsoDate | null })[];
  updates: VersionChange<V>[];
  unchanged: number[];
  problems: BadRow[];
  /** The first day whose value in force changes; null when none does. */
  fromDate: IsoDate | null;
};

export function planKeyVersions<V>(
  stored: readonly StoredVersion<V>[],
  incoming: readonly FileVersion<V>[],
  o: {
    same: (a: V, b: V) => boolean;
    matchBy: 'externalId' | 'validFrom';
    column: string;
    /** Whether two values bill the same (for the first affected day); `same` by default. */
    billsSame?: (a: V, b: V) => boolean;
  },
): KeyPlan<V> {
  const working: Working<V>[] = stored.map((s) => ({
    ...s,
    line: null,
    endFollowsNext: s.validTo === null,
  }));
  for (const f of incoming) {
    const match = working.find((w) =>
      o.matchBy === 'externalId' ? w.externalId === f.externalId : w.validFrom === f.validFrom,
    );
    const version = { ...f, endFollowsNext: f.validTo === null };
    if (match) Object.assign(match, version);
    else working.push({ ...version, id: null });
  }
  working.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const problems: BadRow[] = [];
  for (let i = 0; i < working.length; i++) {
    const w = working[i]!;
    const next = working[i + 1];
    if (w.endFollowsNext) w.validTo = next ? addDays(next.validFrom, -1) : null;
    if (next && next.validFrom === w.validFrom && (w.line !== null || next.line !== null)) {
      for (const v of [w, next].filter((x) => x.line !== null))
        problems.push({
          line: v.line!,
          column: o.column,
          problem: `на ${w.validFrom} у ключа уже есть версия`,
        });
    }
  }
  for (const [a, b] of findOverlaps(working)) {
    if (a.validFrom === b.validFrom) continue; // reported above
    for (const [v, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (v.line === null) continue;
      const problem = `период пересекается с версией, действующей с ${other.validFrom} по ${other.validTo ?? 'бессрочно'}`;
      problems.push({ line: v.line, column: o.column, problem });
    }
  }
  const byId = new Map(stored.map((s) => [s.id, s]));
  const plan: KeyPlan<V> = { inserts: [], updates: [], unchanged: [], problems, fromDate: null };
  for (const w of working) {
    if (w.id === null) {
      plan.inserts.push({
        line: w.line!,
        externalId: w.externalId,
        validFrom: w.validFrom,
        validTo: w.validTo,
        value: w.value,
      });
      continue;
    }
    const s = byId.get(w.id)!;
    if (s.validFrom === w.validFrom && s.validTo === w.validTo && o.same(s.value, w.value)) {
      if (w.line !== null) plan.unchanged.push(w.line);
      continue;
    }
    plan.updates.push({
      id: w.id,
      line: w.line,
      before: { validFrom: s.validFrom, validTo: s.validTo, value: s.value },
      after: { validFrom: w.validFrom, validTo: w.validTo, value: w.value },
    });
  }
  const dated = (v: StoredVersion<V> | Working<V>) => ({
    validFrom: v.validFrom,
    validTo: v.validTo,
    value: v.value,
  });
  plan.fromDate = earliestAffectedDate(stored.map(dated), working.map(dated), (a, b) =>
    (o.billsSame ?? o.same)(a.value, b.value),
  );
  return plan;
}
