/**
 * The cells of one import row, read by column name into typed values. Every problem is collected (line,
 * column, Russian text) and the row goes on being read, so that a dry run lists all of them at once.
 * A column missing from the header reads as `undefined` ("leave as is"); an empty cell as null.
 */
import { Decimal } from '../../domain/decimal.js';
import { parseRubles, type Kopecks } from '../../domain/money.js';
import { parseIsoDate, type IsoDate } from '../../domain/period.js';
import { accountNumberProblem } from '../../domain/registry/account-number.js';
import { requisiteProblems } from '../../domain/requisites.js';

/** One problem of one row: `column` is null when it concerns the row as a whole. */
export type BadRow = { line: number; column: string | null; problem: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const NUMBER_SPACES = /[\s\u00a0\u202f]/g;
const yes = new Set(['да', 'д', 'yes', 'y', 'true', '1', 'истина']);
const no = new Set(['нет', 'н', 'no', 'n', 'false', '0', 'ложь']);

export class Cells {
  readonly problems: BadRow[] = [];

  constructor(
    private readonly columns: ReadonlyMap<string, number>,
    readonly line: number,
    private readonly cells: readonly string[],
  ) {}

  /** True when the header has the column. */
  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** True when the column already has a problem in this row. */
  failed(column: string): boolean {
    return this.problems.some((p) => p.column === column);
  }

  bad(column: string | null, problem: string): undefined {
    this.problems.push({ line: this.line, column, problem });
    return undefined;
  }

  /**
   * A row names its object by one of two columns (e.g. an ИНН or the other system's id): a problem on the first
   * when neither has a value and neither already failed.
   */
  requireEither(first: string, second: string, values: readonly [unknown, unknown], what: string): void {
    if (values[0] || values[1] || this.failed(first) || this.failed(second)) return;
    this.bad(first, `укажите ${what}: ${first} или ${second}`);
  }

  /** The raw text: undefined without the column, null when empty (a problem when required). */
  private raw(column: string, required: boolean): string | null | undefined {
    const i = this.columns.get(column);
    const text = i === undefined ? undefined : (this.cells[i] ?? '');
    if (required && !text) {
      this.bad(column, 'значение обязательно');
      return undefined;
    }
    return text === undefined ? undefined : text === '' ? null : text;
  }

  /** Reads a cell; `parse` returns the value or a problem text. Absent → undefined; empty → null. */
  private read<T>(column: string, required: boolean, parse: (text: string) => T | { problem: string }) {
    const text = this.raw(column, required);
    if (text === undefined || text === null) return text;
    const value = parse(text);
    if (typeof value === 'object' && value !== null && 'problem' in value) {
      this.bad(column, value.problem);
      return undefined;
    }
    return value as T;
  }

  text(column: string, o: { required?: boolean; max?: number } = {}) {
    const max = o.max ?? 500;
    return this.read(column, o.required ?? false, (t) =>
      t.length > max ? { problem: `не длиннее ${max} символов` } : t,
    );
  }

  /** A value from a closed list (case does not matter). */
  oneOf<T extends string>(column: string, values: readonly T[], required = false) {
    return this.read(column, required, (t) => {
      const v = t.toLowerCase() as T;
      return values.includes(v) ? v : { problem: `допустимые значения: ${values.join(', ')}` };
    });
  }

  int(column: string, min: number, max: number, required = false) {
    return this.read(column, required, (t) => {
      const v = Number(t.replace(NUMBER_SPACES, ''));
      if (!/^-?\d+$/.test(t.replace(NUMBER_SPACES, '')) || !Number.isSafeInteger(v))
        return { problem: 'должно быть целым числом' };
      return v < min || v > max ? { problem: `должно быть от ${min} до ${max}` } : v;
    });
  }

  /**
   * An exact decimal with at most `scale` digits after the point (`,` or `.`; spaces between thousands
   * allowed), at least `min`; returned normalised ('54.3').
   */
  decimal(column: string, o: { scale: number; min?: Decimal; positive?: boolean; required?: boolean }) {
    return this.read(column, o.required ?? false, (t) => {
      const text = t.replace(NUMBER_SPACES, '').replace(',', '.');
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { problem: 'должно быть числом (например, 54,3)' };
      const d = Decimal.parse(text);
      const digits = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
      if (digits > o.scale && !d.eq(d.round(o.scale)))
        return { problem: `не больше ${o.scale} знаков после запятой` };
      if (o.positive && d.cmp(Decimal.ZERO) <= 0) return { problem: 'должно быть больше 0' };
      if (o.min && d.cmp(o.min) < 0) return { problem: `должно быть не меньше ${o.min}` };
      return d.toString();
    });
  }

  /** A date as ГГГГ-ММ-ДД or ДД.ММ.ГГГГ, checked against the calendar (31.02.2026 is refused). */
  date(column: string, required = false) {
    return this.read(column, required, (t): IsoDate | { problem: string } => {
      const ru = RU_DATE.exec(t);
      const iso = ru ? `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}` : t;
      if (!ISO_DATE.test(iso)) return { problem: 'дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД' };
      try {
        return parseIsoDate(iso);
      } catch {
        return { problem: `такой даты нет в календаре: ${t}` };
      }
    });
  }

  bool(column: string) {
    return this.read(column, false, (t) => {
      const v = t.toLowerCase();
      return yes.has(v) ? true : no.has(v) ? false : { problem: 'да или нет' };
    });
  }

  /** Money in rubles with at most 2 decimals ('1234,56', '-10.5', '1 234,56'), as kopecks. */
  rubles(column: string, required = false) {
    return this.read(column, required, (t): Kopecks | { problem: string } => {
      try {
        return parseRubles(t.replace(NUMBER_SPACES, ''));
      } catch {
        return { problem: 'сумма в рублях, не больше 2 знаков после запятой (например, 1234,56)' };
      }
    });
  }

  /** An ИНН, КПП or ОГРН with its check digit. */
  requisite(column: string, kind: 'inn' | 'kpp' | 'ogrn', required = false) {
    return this.read(column, required, (t) => {
      const problem = requisiteProblems({ [kind]: t })[0];
      return problem ? { problem: problem.problem } : t;
    });
  }

  accountNumber(column: string) {
    return this.read(column, false, (t) => {
      const problem = accountNumberProblem(t);
      return problem ? { problem } : t;
    });
  }

  matching(column: string, pattern: RegExp, what: string, required = false) {
    return this.read(column, required, (t) => (pattern.test(t) ? t : { problem: what }));
  }

  /** A list separated by commas, each from a closed list; returned sorted in the list's order. */
  listOf<T extends string>(column: string, values: readonly T[]) {
    return this.read(column, false, (t) => {
      const items = t.split(/[,\s]+/).filter(Boolean);
      const unknown = items.filter((i) => !values.includes(i as T));
      if (unknown.length > 0)
        return { problem: `неизвестные значения ${unknown.join(', ')}; есть: ${values.join(', ')}` };
      return values.filter((v) => items.includes(v));
    });
  }
}
