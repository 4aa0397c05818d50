/**
 * Reading legal parameters from the billing input: the version of a code in force on a date, with its row
 * id as the source of the explanation. The core never falls back to a constant: a missing parameter is an
 * error naming the code and the date (the catalogue, src/domain/registry/legal-parameter-catalogue.ts,
 * seeds every code it reads).
 */
import { Decimal } from '../decimal.js';
import { versionAt } from '../registry/effective.js';
import type { IsoDate } from '../period.js';
import type { ExplanationInput, LegalParameterValue, ServiceResource } from './types.js';

export type LegalReading<T> = { value: T; id: number; code: string };

export class LegalParameters {
  private readonly byCode = new Map<string, LegalParameterValue[]>();
  private readonly parsed = new Map<LegalParameterValue, unknown>();

  private readonly coefficients = new Map<string, LegalParameterValue[]>();

  constructor(private readonly values: readonly LegalParameterValue[]) {
    for (const v of values) {
      const list = this.byCode.get(v.code) ?? [];
      list.push(v);
      this.byCode.set(v.code, list);
    }
  }

  /** The version of `code` in force on `date`, or undefined. */
  find(code: string, date: IsoDate): LegalParameterValue | undefined {
    return versionAt(this.byCode.get(code) ?? [], date);
  }

  /** The version in force; throws RangeError naming the code and date when there is none. */
  raw(code: string, date: IsoDate): LegalParameterValue {
    const found = this.find(code, date);
    if (!found) throw new RangeError(`Legal parameter ${code} has no version on ${date}`);
    return found;
  }

  decimal(code: string, date: IsoDate): LegalReading<Decimal> {
    const r = this.raw(code, date);
    return { value: Decimal.parse(r.value), id: r.id, code };
  }

  integer(code: string, date: IsoDate): LegalReading<number> {
    const r = this.raw(code, date);
    const n = Number(r.value);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`Legal parameter ${code} is not an integer: ${r.value}`);
    return { value: n, id: r.id, code };
  }

  boolean(code: string, date: IsoDate): LegalReading<boolean> {
    const r = this.raw(code, date);
    if (r.value !== 'true' && r.value !== 'false') {
      throw new RangeError(`Legal parameter ${code} is not a boolean: ${r.value}`);
    }
    return { value: r.value === 'true', id: r.id, code };
  }

  json<T>(code: string, date: IsoDate): LegalReading<T> {
    const r = this.raw(code, date);
    let value = this.parsed.get(r);
    if (value === undefined) {
      value = JSON.parse(r.value) as unknown; // once per version, not once per account
      this.parsed.set(r, value);
    }
    return { value: value as T, id: r.id, code };
  }

  /**
   * Every version of the increasing coefficient that can apply to a resource (the general code and the
   * resource's own), in input order: where a norm charge is cut by a change of K. Listed once per resource.
   */
  coefficientVersions(resource: ServiceResource | null): LegalParameterValue[] {
    let found = this.coefficients.get(resource ?? '');
    if (!found) {
      const codes = ['increasing_coefficient', `increasing_coefficient.${resource ?? ''}`];
      found = this.values.filter((l) => codes.includes(l.code));
      this.coefficients.set(resource ?? '', found);
    }
    return found;
  }

  /**
   * The increasing coefficient for a resource on a date (RULES.md §1.2, RULES-ADDENDUM §2): the
   * resource-specific code (`increasing_coefficient.cold_water`) wins over the general one on its dates.
   */
  increasingCoefficient(resource: ServiceResource | null, date: IsoDate): LegalReading<Decimal> {
    if (resource !== null) {
      const specific = `increasing_coefficient.${resource}`;
      if (this.find(specific, date)) return this.decimal(specific, date);
    }
    return this.decimal('increasing_coefficient', date);
  }
}

/** A legal parameter as an input of an explanation. */
export function legalInput(name: string, r: LegalReading<unknown>): ExplanationInput {
  const value = r.value instanceof Decimal ? r.value.toString() : JSON.stringify(r.value);
  return { name, value, source: `legal_parameter #${r.id} (${r.code})` };
}
