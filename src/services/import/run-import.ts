/**
 * The legacy import (docs/formats/legacy-import.md): a file of one kind is read, every row checked, and —
 * unless it is a dry run — written in one transaction with one audit record, or not at all. A bad row
 * refuses the whole file, unless bad rows are to be skipped. Rows are matched by external id: a re-import
 * updates what changed and leaves the rest; an import that changes nothing writes nothing.
 */
import crypto from 'node:crypto';
import { insertImportFile, lockImports, selectImportFile } from '../../db/import/import-files.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import type { IsoDate } from '../../domain/period.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { noProgress, type Progress } from '../progress.js';
import { recordIfRetroactive } from '../registry/retroactive.js';
import type { BadRow } from './cells.js';
import { importKinds, type ImportKind, type Outcome, type Plan } from './kind.js';
import { importModules } from './kinds/index.js';
import { checkHeader, parseRows } from './parse-rows.js';
import { readTable, type ImportEncoding } from './read-table.js';

export { importKinds, type ImportKind } from './kind.js';
export { importEncodings, type ImportEncoding } from './read-table.js';
export type { BadRow } from './cells.js';

export type ImportInput = {
  kind: ImportKind;
  data: Uint8Array;
  fileName?: string | undefined;
  /** CSV without a BOM: the encoding (UTF-8 by default). */
  encoding?: ImportEncoding | undefined;
  dryRun: boolean;
  skipBadRows: boolean;
};

export type ImportReport = {
  kind: ImportKind;
  dryRun: boolean;
  /** Data rows of the file. */
  rows: number;
  /** What was written (a dry run: what would be). */
  applied: { inserted: number; updated: number; unchanged: number };
  /** Rows left out: bad rows skipped (skipBadRows), or every row of a refused file. */
  skipped: number;
  badRows: BadRow[];
  /** The import_files record of this import; null when nothing was written. */
  importId: number | null;
  /** When the same file was applied before. */
  previousImport: { id: number; appliedAt: string } | null;
};

const MAX_DETAILS = 1000;

function count(outcomes: readonly Outcome[]) {
  const n = (a: Outcome['action']) => outcomes.filter((o) => o.action === a).length;
  return { inserted: n('insert'), updated: n('update'), unchanged: n('unchanged') };
}

const byLine = (a: BadRow, b: BadRow) => a.line - b.line;

/** The refusal of a file with bad rows: one detail per problem (`row 12.inn`), at most MAX_DETAILS. */
function refusal(bad: readonly BadRow[], rows: number): DomainError {
  const lines = new Set(bad.map((b) => b.line)).size;
  const details = bad.slice(0, MAX_DETAILS).map((b) => ({
    field: `row ${b.line}${b.column ? `.${b.column}` : ''}`,
    problem: b.problem,
  }));
  if (bad.length > MAX_DETAILS)
    details.push({
      field: 'rows',
      problem: `и ещё ${bad.length - MAX_DETAILS} ошибок (полный список — в пробной загрузке)`,
    });
  return validationFailed(
    details,
    `Файл не загружен: ошибки в ${lines} из ${rows} строк; ничего не записано`,
  );
}

/** Checks the file and, unless it is a dry run, writes it (or refuses it whole). */
export async function importFile(
  ctx: Ctx,
  input: ImportInput,
  progress: Progress = noProgress,
): Promise<ImportReport> {
  const module = importModules[input.kind];
  if (!module) throw validationFailed([{ field: 'kind', problem: `вид файла: ${importKinds.join(', ')}` }]);
  for (const p of module.permissions) requirePermission(ctx.actor, p);
  if (ctx.actor.organisationKind !== 'settlement_centre')
    throw new DomainError('forbidden', 'Загрузку данных из прежней системы выполняет расчётный центр');
  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  const table = await readTable(input.data, input.encoding);
  const columns = checkHeader(table, module);
  const parsed = parseRows(table, module, columns);
  const total = table.rows.length;
  progress(0, total, `прочитано строк: ${total}`);
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockImports(tx);
      const bad = [...parsed.problems];
      let rows = parsed.rows;
      let plan: Plan;
      for (;;) {
        plan = await module.plan(tx, ctx, rows);
        bad.push(...plan.problems);
        if (plan.problems.length === 0 || !input.skipBadRows) break;
        const lines = new Set(plan.problems.map((p) => p.line));
        rows = rows.filter((r) => !lines.has(r.line));
      }
      bad.sort(byLine);
      const refused = bad.length > 0 && !input.skipBadRows;
      const badLines = new Set(bad.map((b) => b.line));
      const outcomes = refused ? [] : plan.outcomes.filter((o) => !badLines.has(o.line));
      const applied = count(outcomes);
      const previous = await selectImportFile(tx, sha256, input.kind);
      const report: ImportReport = {
        kind: input.kind,
        dryRun: input.dryRun,
        rows: total,
        applied,
        skipped: refused ? total : badLines.size,
        badRows: bad,
        importId: null,
        previousImport: previous ? { id: previous.id, appliedAt: previous.appliedAt.toISOString() } : null,
      };
      progress(total, total, `проверено: ошибок в ${badLines.size} строках`);
      if (input.dryRun) return report;
      if (refused) throw refusal(bad, total);
      if (applied.inserted + applied.updated === 0) return report; // nothing to write: nothing is written
      if (previous) {
        throw new DomainError(
          'conflict',
          `Этот файл уже загружен ${previous.appliedAt.toISOString().slice(0, 10)}; повторная загрузка изменила бы ` +
            `данные (новых строк: ${applied.inserted}, изменённых: ${applied.updated}). Проверьте, не устарел ли файл`,
          [{ field: 'file', problem: `файл уже загружен (загрузка № ${previous.id})` }],
        );
      }
      await plan.write(tx, progress);
      report.importId = await insertImportFile(
        tx,
        {
          sha256,
          kind: input.kind,
          name: input.fileName ?? null,
          organisationId: ctx.actor.organisationId,
          rows: total,
          ...applied,
          skipped: report.skipped,
          appliedAt: ctx.clock.now(),
        },
        ctx.actor.userId,
      );
      const changes = outcomes.filter((o) => o.action === 'update');
      await recordAudit(tx, ctx, {
        action: 'import',
        objectType: 'import_file',
        objectId: report.importId,
        organisationId: ctx.actor.organisationId,
        before: { changes: Object.fromEntries(changes.map((o) => [o.externalId, o.before])) },
        after: {
          kind: input.kind,
          fileName: input.fileName ?? null,
          sha256,
          format: table.format,
          encoding: table.encoding,
          rows: total,
          ...applied,
          skipped: report.skipped,
          changes: Object.fromEntries(changes.map((o) => [o.externalId, o.after])),
        },
      });
      const earliestByHouse = new Map<number | null, IsoDate>();
      for (const r of plan.retroactive) {
        const d = earliestByHouse.get(r.houseId);
        if (!d || r.fromDate < d) earliestByHouse.set(r.houseId, r.fromDate);
      }
      for (const [houseId, fromDate] of earliestByHouse) {
        await recordIfRetroactive(tx, ctx, {
          reason: `загрузка из прежней системы: ${module.title}`,
          objectType: 'import_file',
          objectId: report.importId,
          houseId,
          fromDate,
        });
      }
      return report;
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === '23505')
      throw new DomainError(
        'conflict',
        'Данные изменились во время загрузки (повтор уникального значения); повторите загрузку',
        [],
        {
          cause: err,
        },
      );
    throw err;
  }
}
