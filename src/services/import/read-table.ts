/**
 * Reads an import file into a header and rows of text cells: CSV (`;`, a header row, UTF-8 or CP1251) or
 * XLSX (the first sheet). Undecodable text is refused with the line it was found on
 * (docs/formats/legacy-import.md, "Files").
 */
import iconv from 'iconv-lite';
import { readSheet } from 'read-excel-file/node';
import { validationFailed } from '../../domain/errors.js';

export const importEncodings = ['utf-8', 'cp1251'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

/** One data row: its line in the file (the header is line 1) and its cells, trimmed. */
export type TableRow = { line: number; cells: string[] };
export type Table = {
  format: 'csv' | 'xlsx';
  encoding: ImportEncoding | null;
  header: string[];
  rows: TableRow[];
};

const fileError = (field: string, problem: string) =>
  validationFailed([{ field, problem }], 'Файл не прочитан');

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** True when the bytes are valid UTF-8 and not plain ASCII: a file that was meant to be read as UTF-8. */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  if (bytes.every((b) => b < 0x80)) return false;
  return !new TextDecoder('utf-8').decode(bytes).includes('\ufffd');
}

/** The text of a CSV file: a UTF-8 BOM decides; otherwise the encoding given (UTF-8 by default). */
export function decodeText(
  bytes: Uint8Array,
  encoding: ImportEncoding = 'utf-8',
): { text: string; encoding: ImportEncoding } {
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    throw fileError('file', 'в файле есть нулевые байты: это не текст CSV (UTF-16 или двоичный файл?)');
  }
  if (hasBom(bytes)) encoding = 'utf-8';
  let text: string;
  if (encoding === 'utf-8') {
    text = new TextDecoder('utf-8').decode(hasBom(bytes) ? bytes.subarray(3) : bytes);
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      throw fileError(
        `line ${lineAt(text, bad)}`,
        'текст не в кодировке UTF-8 (неверная последовательность байтов); если файл в Windows-1251, укажите кодировку cp1251',
      );
    }
  } else {
    if (looksLikeUtf8(bytes)) {
      throw fileError('encoding', 'файл в кодировке UTF-8, а указана cp1251: укажите utf-8');
    }
    text = iconv.decode(Buffer.from(bytes), 'cp1251');
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      throw fileError(`line ${lineAt(text, bad)}`, 'байт 0x98 не означает символа в кодировке Windows-1251');
    }
  }
  return { text, encoding };
}

/**
 * CSV records with `;` between fields and `"` around a field that holds `;`, a quote (doubled) or a line
 * break. Each record carries the line it starts on.
 */
export function parseCsv(text: string): TableRow[] {
  const records: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ';') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
    i++;
  }
  if (quoted) throw fileError(`line ${start}`, 'кавычка открыта и не закрыта до конца файла');
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** An XLSX number as written in the file, exact: Excel's binary noise (54.299999999999997) is dropped. */
function xlsxNumber(text: string): string {
  return /^-?\d+$/.test(text) ? text : String(Number(text));
}

function xlsxCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  let data: unknown[][];
  try {
    data = await readSheet(Buffer.from(bytes), 1, { parseNumber: xlsxNumber });
  } catch (err) {
    throw fileError('file', `файл XLSX не читается: ${(err as Error).message}`);
  }
  return data.map((row, i) => ({ line: i + 1, cells: row.map(xlsxCell) }));
}

/** The header names: trimmed, lowercase, without a BOM. */
const headerName = (s: string) =>
  s
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase();

/** Reads CSV or XLSX (told apart by the bytes); refuses an empty file or one without a header row. */
export async function readTable(bytes: Uint8Array, encoding?: ImportEncoding): Promise<Table> {
  if (bytes.length === 0) throw fileError('file', 'файл пуст');
  const xlsx = isZip(bytes);
  let records: TableRow[];
  let used: ImportEncoding | null = null;
  if (xlsx) records = await readXlsx(bytes);
  else {
    const decoded = decodeText(bytes, encoding);
    used = decoded.encoding;
    records = parseCsv(decoded.text);
  }
  const nonEmpty = records
    .map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  const [first, ...rows] = nonEmpty;
  if (!first) throw fileError('file', 'в файле нет строки заголовка');
  return { format: xlsx ? 'xlsx' : 'csv', encoding: used, header: first.cells.map(headerName), rows };
}
