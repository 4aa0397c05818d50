/**
 * The areas of imported premises over time: a file row's total and living area from `area_from` is the
 * version of that date. The same values already in force on that date change nothing; other values on a
 * stored version's date replace it; a new date is a new version (the previous one ends the day before).
 */
import type { Queryable, Tx } from '../../../db/client.js';
import {
  insertRecords,
  selectRecords,
  updateRecords,
  type Rec,
  type TableSpec,
} from '../../../db/import/bulk.js';
import { Decimal } from '../../../domain/decimal.js';
import type { IsoDate } from '../../../domain/period.js';
import { versionAt } from '../../../domain/registry/effective.js';
import type { BadRow } from '../cells.js';
import { groupBy } from '../kind.js';
import { planKeyVersions, type StoredVersion } from '../versions.js';

export const premiseAreaSpec: TableSpec = {
  table: 'premise_areas',
  updatedAt: false,
  fields: {
    premise_id: 'bigint',
    total_area: 'numeric',
    living_area: 'numeric',
    valid_from: 'date',
    valid_to: 'date',
  },
};

export type Areas = { total: string; living: string | null };

const same = (a: Areas, b: Areas) =>
  Decimal.parse(a.total).eq(Decimal.parse(b.total)) &&
  (a.living === null || b.living === null
    ? a.living === b.living
    : Decimal.parse(a.living).eq(Decimal.parse(b.living)));

type AreaRow = { line: number; externalId: string; areas: (Areas & { from: IsoDate }) | null | undefined };

export type AreaPlan = {
  problems: BadRow[];
  changed: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  fromDate: IsoDate | null;
};

export async function areaVersions(q: Queryable, premiseIds: readonly number[]) {
  const stored = groupBy(
    await selectRecords(q, premiseAreaSpec, 't.premise_id = any($1::bigint[])', [[...premiseIds]]),
    (s) => s.premise_id,
  );
  const inserts: {
    premiseId: number | null;
    externalId: string;
    validFrom: IsoDate;
    validTo: IsoDate | null;
    areas: Areas;
  }[] = [];
  const updates: (Rec & { id: number })[] = [];
  return {
    /** The plan of one row's areas; `premiseId` null for a new premise. */
    plan(premiseId: number | null, row: AreaRow): AreaPlan {
      const none: AreaPlan = { problems: [], changed: false, before: {}, after: {}, fromDate: null };
      if (!row.areas) return none;
      const areas = { total: row.areas.total, living: row.areas.living };
      const history: StoredVersion<Areas>[] = (premiseId === null ? [] : (stored.get(premiseId) ?? [])).map(
        (s) => ({
          id: s.id,
          externalId: null,
          validFrom: s.valid_from as IsoDate,
          validTo: s.valid_to as IsoDate | null,
          value: { total: s.total_area as string, living: s.living_area as string | null },
        }),
      );
      const inForce = versionAt(history, row.areas.from);
      if (inForce && same(inForce.value, areas)) return none;
      const incoming = [
        { line: row.line, externalId: null, validFrom: row.areas.from, validTo: null, value: areas },
      ];
      const plan = planKeyVersions(history, incoming, { same, matchBy: 'validFrom', column: 'area_from' });
      if (plan.problems.length > 0) return { ...none, problems: plan.problems };
      for (const v of plan.inserts)
        inserts.push({
          premiseId,
          externalId: row.externalId,
          validFrom: v.validFrom,
          validTo: v.validTo,
          areas: v.value,
        });
      for (const v of plan.updates) {
        const { total, living } = v.after.value;
        updates.push({
          id: v.id,
          total_area: total,
          living_area: living,
          valid_from: v.after.validFrom,
          valid_to: v.after.validTo,
        });
      }
      return {
        problems: [],
        changed: true,
        before: { areas: history.map((h) => ({ ...h.value, validFrom: h.validFrom, validTo: h.validTo })) },
        after: { areas: { ...areas, validFrom: row.areas.from } },
        fromDate: plan.fromDate,
      };
    },
    /** Writes the planned versions; `ids` gives the ids of the premises inserted by the import. */
    async write(tx: Tx, ids: ReadonlyMap<string, number>, createdBy: number | null) {
      await updateRecords(
        tx,
        premiseAreaSpec,
        ['total_area', 'living_area', 'valid_from', 'valid_to'],
        updates,
      );
      const rows = inserts.map((i) => ({
        premise_id: i.premiseId ?? ids.get(i.externalId)!,
        total_area: i.areas.total,
        living_area: i.areas.living,
        valid_from: i.validFrom,
        valid_to: i.validTo,
      }));
      await insertRecords(tx, premiseAreaSpec, rows, createdBy);
    },
  };
}
