/**
 * Legal parameters straight from the catalogue (what a new database starts with), as the pure core reads
 * them: for tests, the benchmark and calculations before the database is involved. `overrides` replaces
 * every version of a code with one value in force since 2000 (a setting changed by an operator).
 */
import { LegalParameters } from '../billing/legal.js';
import type { LegalParameterValue } from '../billing/types.js';
import type { IsoDate } from '../period.js';
import { catalogueRows, legalParameterCatalogue } from '../registry/legal-parameter-catalogue.js';

export function catalogueLegalValues(overrides: Record<string, string> = {}): LegalParameterValue[] {
  const values: LegalParameterValue[] = [];
  let id = 0;
  for (const d of legalParameterCatalogue) {
    const override = overrides[d.code];
    if (override !== undefined) {
      values.push({
        id: ++id,
        code: d.code,
        value: override,
        validFrom: '2000-01-01' as IsoDate,
        validTo: null,
      });
      continue;
    }
    for (const row of catalogueRows(d)) {
      values.push({
        id: ++id,
        code: d.code,
        value: row.value,
        validFrom: row.validFrom,
        validTo: row.validTo,
      });
    }
  }
  return values;
}

export function catalogueLegal(overrides: Record<string, string> = {}): LegalParameters {
  return new LegalParameters(catalogueLegalValues(overrides));
}
