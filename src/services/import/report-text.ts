/** The import report as lines of text for an operator (the command line). */
import type { ImportReport } from './run-import.js';

export function reportLines(r: ImportReport, fileName: string): string[] {
  const { inserted, updated, unchanged } = r.applied;
  const verb = r.dryRun
    ? 'Пробная загрузка (ничего не записано)'
    : r.importId
      ? 'Загружено'
      : 'Ничего не изменилось';
  const lines = [
    `${verb}: ${fileName}, ${r.kind}, строк ${r.rows}`,
    `  новых: ${inserted}, изменённых: ${updated}, без изменений: ${unchanged}, пропущено: ${r.skipped}`,
  ];
  if (r.previousImport)
    lines.push(
      `  этот файл уже загружался ${r.previousImport.appliedAt.slice(0, 10)} (загрузка № ${r.previousImport.id})`,
    );
  if (r.badRows.length > 0) lines.push(`Ошибки (${r.badRows.length}):`);
  for (const b of r.badRows) lines.push(`  строка ${b.line}${b.column ? `, ${b.column}` : ''}: ${b.problem}`);
  return lines;
}
