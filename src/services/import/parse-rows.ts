/**
 * From a table to the rows of a kind: the header is checked (unknown, repeated and missing columns make the
 * file unreadable), then every row is read, collecting its problems; an external id that appears in more
 * than one row is a problem of each of those rows.
 */
import { validationFailed, type ErrorDetail } from '../../domain/errors.js';
import { Cells, type BadRow } from './cells.js';
import type { ImportKindModule, Parsed } from './kind.js';
import type { Table } from './read-table.js';

export function checkHeader(
  table: Table,
  module: Pick<ImportKindModule<unknown>, 'title' | 'columns' | 'required' | 'oneOf'>,
): Map<string, number> {
  const problems: ErrorDetail[] = [];
  const columns = new Map<string, number>();
  table.header.forEach((name, i) => {
    if (name === '') return; // an unnamed column (a trailing `;`) is ignored
    if (!module.columns.includes(name))
      problems.push({
        field: name,
        problem: `неизвестная колонка; в файле «${module.title}» бывают: ${module.columns.join(', ')}`,
      });
    else if (columns.has(name)) problems.push({ field: name, problem: 'колонка повторяется в заголовке' });
    else columns.set(name, i);
  });
  for (const name of module.required)
    if (!columns.has(name)) problems.push({ field: name, problem: 'в заголовке нет обязательной колонки' });
  for (const group of module.oneOf ?? [])
    if (!group.some((c) => columns.has(c)))
      problems.push({
        field: group.join('|'),
        problem: `в заголовке нужна одна из колонок: ${group.join(', ')}`,
      });
  if (problems.length > 0) throw validationFailed(problems, 'Неверный заголовок файла (строка 1)');
  return columns;
}

/** The rows read without problems, and the problems of the others. */
export function parseRows<T>(
  table: Table,
  module: ImportKindModule<T>,
  columns: ReadonlyMap<string, number>,
): { rows: Parsed<T>[]; problems: BadRow[] } {
  const rows: Parsed<T>[] = [];
  const problems: BadRow[] = [];
  const lines = new Map<string, number[]>();
  const width = Math.max(...columns.values()) + 1;
  for (const { line, cells } of table.rows) {
    const c = new Cells(columns, line, cells);
    if (cells.slice(Math.max(width, table.header.length)).some((v) => v !== ''))
      c.bad(null, `в строке больше ячеек, чем колонок в заголовке (${table.header.length})`);
    const externalId = c.matching(
      'external_id',
      /^[^\s;]{1,100}$/,
      'внешний код: до 100 символов без пробелов',
      true,
    );
    if (externalId) {
      const at = lines.get(externalId);
      if (at) at.push(line);
      else lines.set(externalId, [line]);
    }
    const fields = module.parse(c);
    if (c.problems.length > 0 || fields === undefined || !externalId) problems.push(...c.problems);
    else rows.push({ ...fields, line, externalId });
  }
  const repeated = new Set<number>();
  for (const [id, at] of lines) {
    if (at.length < 2) continue;
    for (const line of at) {
      repeated.add(line);
      problems.push({
        line,
        column: 'external_id',
        problem: `внешний код ${id} повторяется в строках ${at.join(', ')}`,
      });
    }
  }
  return { rows: rows.filter((r) => !repeated.has(r.line)), problems };
}
