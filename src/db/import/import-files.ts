/** The files the legacy import applied: by sha256 and kind, so that the same file is not applied twice. */
import type { Queryable } from '../client.js';

export type ImportFile = {
  id: number;
  sha256: string;
  kind: string;
  name: string | null;
  organisationId: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  appliedAt: Date;
  createdBy: number | null;
};

type Row = {
  id: number;
  sha256: string;
  kind: string;
  name: string | null;
  organisation_id: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  applied_at: Date;
  created_by: number | null;
};

/** The last time a file with this sha256 was applied as this kind, if it was. */
export async function selectImportFile(
  q: Queryable,
  sha256: string,
  kind: string,
): Promise<ImportFile | undefined> {
  const r = await q.maybeOne<Row>(
    'select * from import_files where sha256 = $1 and kind = $2 order by id desc limit 1',
    [sha256, kind],
  );
  return (
    r && {
      id: r.id,
      sha256: r.sha256,
      kind: r.kind,
      name: r.name,
      organisationId: r.organisation_id,
      rows: r.rows,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      appliedAt: r.applied_at,
      createdBy: r.created_by,
    }
  );
}

export async function insertImportFile(
  q: Queryable,
  f: Omit<ImportFile, 'id' | 'createdBy'>,
  createdBy: number | null,
): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into import_files (sha256, kind, name, organisation_id, rows, inserted, updated, unchanged, skipped,
       applied_at, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) returning id`,
    [
      f.sha256,
      f.kind,
      f.name,
      f.organisationId,
      f.rows,
      f.inserted,
      f.updated,
      f.unchanged,
      f.skipped,
      f.appliedAt,
      createdBy,
    ],
  );
  return row!.id;
}

/** Serialises imports for the rest of the transaction: two imports never plan against each other's rows. */
export async function lockImports(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('legacy_import'))`);
}
