/** Reading import files and their cells: no database. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { Cells } from '../../src/services/import/cells.js';
import { decodeText, parseCsv, readTable } from '../../src/services/import/read-table.js';
import { fixture } from './support.js';

function fileError(fn: () => unknown): { field: string; problem: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).details[0]!;
  }
  throw new Error('no error');
}

describe('CSV', () => {
  it('splits on ; with quoted fields holding ;, "" and line breaks; each record keeps its first line', () => {
    const rows = parseCsv('a;b;c\r\n1;"x; ""y""";3\n2;"two\nlines";\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x; "y"', '3'] },
      { line: 3, cells: ['2', 'two\nlines', ''] },
    ]);
  });

  it('a UTF-8 BOM wins over the encoding given; CP1251 is decoded with its Cyrillic intact', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Озёрск', 'utf8')]);
    expect(decodeText(bom, 'cp1251')).toEqual({ text: 'Озёрск', encoding: 'utf-8' });
    const cp = iconv.encode('ул. Рябиновая; «Ёлкин» №5', 'cp1251');
    expect(decodeText(cp, 'cp1251').text).toBe('ул. Рябиновая; «Ёлкин» №5');
  });

  it('refuses text that does not decode cleanly, naming the line', () => {
    const cp = iconv.encode('a;b\nул. Луговая;1\n', 'cp1251');
    expect(fileError(() => decodeText(cp))).toEqual({
      field: 'line 2',
      problem: expect.stringContaining('cp1251'),
    });
    const undefinedByte = Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x98]);
    expect(fileError(() => decodeText(undefinedByte, 'cp1251')).field).toBe('line 3');
    expect(fileError(() => decodeText(Buffer.from('Озёрск', 'utf8'), 'cp1251')).field).toBe('encoding');
    expect(fileError(() => decodeText(Buffer.from('a\u0000b', 'utf16le'))).field).toBe('file');
  });

  it('a file without a header row is refused', async () => {
    await expect(readTable(Buffer.from('\n\n'))).rejects.toThrow(DomainError);
  });
});

describe('XLSX', () => {
  it('reads the first sheet: text, numbers exactly as meant, dates as ISO text', async () => {
    const table = await readTable(fixture('premises.xlsx'));
    expect(table.format).toBe('xlsx');
    expect(table.header.slice(0, 4)).toEqual(['external_id', 'house_external_id', 'number', 'kind']);
    const p3 = table.rows.find((r) => r.cells[0] === 'OZ-P-3')!;
    expect(p3.line).toBe(4);
    expect(p3.cells.slice(8)).toEqual(['62.7', '41', '01.01.2020']); // 62.700000000000003 in the file
    expect(table.rows[0]!.cells[10]).toBe('2020-01-01'); // a date cell
  });
});

describe('cells', () => {
  const cells = (values: Record<string, string>) =>
    new Cells(new Map(Object.keys(values).map((k, i) => [k, i])), 7, Object.values(values));

  it('reads typed values and collects every problem of the row', () => {
    const c = cells({
      area: '54,30',
      share: '0.333333',
      day: '31.02.2026',
      from: '2026-02-28',
      sum: '1 234,5',
      gas: 'да',
      inn: '5601000012',
    });
    expect(c.decimal('area', { scale: 2 })).toBe('54.3');
    expect(c.decimal('share', { scale: 6 })).toBe('0.333333');
    expect(c.date('day')).toBeUndefined();
    expect(c.date('from')).toBe('2026-02-28');
    expect(c.rubles('sum')).toBe(123450);
    expect(c.bool('gas')).toBe(true);
    expect(c.requisite('inn', 'inn')).toBeUndefined();
    expect(c.text('absent')).toBeUndefined();
    expect(c.problems).toEqual([
      { line: 7, column: 'day', problem: 'такой даты нет в календаре: 31.02.2026' },
      { line: 7, column: 'inn', problem: 'неверная контрольная цифра ИНН' },
    ]);
  });

  it('an empty cell is null; a required one is a problem; 3 decimals of an area are refused', () => {
    const c = cells({ a: '', b: '', area: '12.345', rub: '10.005' });
    expect(c.text('a')).toBeNull();
    expect(c.text('b', { required: true })).toBeUndefined();
    expect(c.decimal('area', { scale: 2 })).toBeUndefined();
    expect(c.rubles('rub')).toBeUndefined();
    expect(c.problems.map((p) => [p.column, p.problem])).toEqual([
      ['b', 'значение обязательно'],
      ['area', 'не больше 2 знаков после запятой'],
      ['rub', 'сумма в рублях, не больше 2 знаков после запятой (например, 1234,56)'],
    ]);
  });
});
