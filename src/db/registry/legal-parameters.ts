/**
 * Legal parameters over time (the increasing coefficient, the readings window, average limits…), each
 * version with its legal source. `value` is text: an exact decimal, an integer, true/false or JSON, as `kind`
 * says. The region column is for a regional value; this release keeps federal ones (region null).
 */
import type { LegalParameterKind } from '../../domain/registry/legal-parameter-catalogue.js';
import type { Queryable } from '../client.js';

export type LegalParameterFields = {
  code: string;
  kind: LegalParameterKind;
  value: string;
  validFrom: string;
  validTo: string | null;
  source: string;
  note: string | null;
};

export type LegalParameter = LegalParameterFields & { id: number; createdAt: Date };

type Row = {
  id: number;
  code: string;
  kind: LegalParameterKind;
  value: string;
  valid_from: string;
  valid_to: string | null;
  source: string;
  note: string | null;
  created_at: Date;
};

const toParameter = (r: Row): LegalParameter => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  value: r.value,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  source: r.source,
  note: r.note,
  createdAt: r.created_at,
});

/** The federal versions in force on a date, one per code (the later start wins should two overlap). */
export async function selectLegalParametersOn(db: Queryable, onDate: string): Promise<LegalParameter[]> {
  const rows = await db.query<Row>(
    `select distinct on (code) * from legal_parameters
      where region is null and valid_from <= $1::date and (valid_to is null or valid_to >= $1::date)
      order by code, valid_from desc, id desc`,
    [onDate],
  );
  return rows.map(toParameter);
}

/** Every federal version of a code, by start date. */
export async function selectLegalParameterVersions(db: Queryable, code: string): Promise<LegalParameter[]> {
  const rows = await db.query<Row>(
    'select * from legal_parameters where code = $1 and region is null order by valid_from, id',
    [code],
  );
  return rows.map(toParameter);
}

/** The codes that have at least one version. */
export async function selectLegalParameterCodes(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('select distinct code from legal_parameters');
  return new Set(rows.map((r) => r.code));
}

export async function insertLegalParameter(
  db: Queryable,
  p: LegalParameterFields,
  createdBy: number | null,
): Promise<number> {
  const row = await db.maybeOne<{ id: number }>(
    `insert into legal_parameters (code, kind, value, valid_from, valid_to, source, note, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [p.code, p.kind, p.value, p.validFrom, p.validTo, p.source, p.note, createdBy],
  );
  return row!.id;
}

export async function setLegalParameterValidTo(db: Queryable, id: number, validTo: string): Promise<void> {
  await db.query('update legal_parameters set valid_to = $2 where id = $1', [id, validTo]);
}
