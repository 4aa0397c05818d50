import { describe, expect, it } from 'vitest';
import {
  catalogueRows,
  defaultValue,
  legalParameterCatalogue,
  legalParameterDefinition,
} from './legal-parameter-catalogue.js';

const valid: Record<string, (v: string) => boolean> = {
  decimal: (v) => /^\d+(\.\d+)?$/.test(v),
  integer: (v) => /^\d+$/.test(v),
  boolean: (v) => v === 'true' || v === 'false',
  json: (v) => {
    try {
      JSON.parse(v);
      return true;
    } catch {
      return false;
    }
  },
};

describe('the legal parameter catalogue', () => {
  it('has unique codes the database accepts', () => {
    const codes = legalParameterCatalogue.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_.]*$/);
  });

  it.each(legalParameterCatalogue.map((d) => [d.code, d] as const))(
    '%s: versions in date order, each valid for its kind, with a source',
    (_code, d) => {
      expect(d.versions.length).toBeGreaterThan(0);
      const dates = d.versions.map((v) => v.validFrom);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const v of d.versions) {
        expect(valid[d.kind]!(v.value), v.value).toBe(true);
        expect(v.source.length).toBeGreaterThan(3);
        if (d.choices) expect(d.choices).toContain(v.value);
      }
    },
  );

  it.each([
    ['increasing_coefficient', '1.5'],
    ['increasing_coefficient.cold_water', '3'],
    ['increasing_coefficient.wastewater', '1'],
    ['readings.window_day', '25'],
    ['average.base_months', '6'],
    ['average.limit_months.residential', '3'],
    ['average.limit_months.non_residential', '2'],
    ['average.limit.apply_k_after', 'true'],
    ['penalty.due_day', '15'],
    ['temporary_absence.min_days', '6'],
  ])('%s defaults to %s', (code, value) => {
    expect(defaultValue(legalParameterDefinition(code)!)).toBe(value);
  });

  it('flags the readings the sources do not settle', () => {
    for (const code of ['increasing_coefficient.wastewater', 'average.limit_months.non_residential'])
      expect(legalParameterDefinition(code)!.note).toMatch(/^UNCONFIRMED/);
  });

  it('turns versions into rows: each closes the day before the next, the last is open', () => {
    expect(catalogueRows(legalParameterDefinition('increasing_coefficient')!)).toEqual([
      expect.objectContaining({ value: '1.4', validFrom: '2016-07-01', validTo: '2016-12-31' }),
      expect.objectContaining({ value: '1.5', validFrom: '2017-01-01', validTo: null }),
    ]);
    expect(catalogueRows(legalParameterDefinition('penalty.due_day')!).map((r) => r.validTo)).toEqual([
      '2026-01-31',
      null,
    ]);
  });
});
