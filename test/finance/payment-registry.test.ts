import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../src/domain/finance/registry-parse.js';
import {
  defaultRegistryFormat,
  builtInRegistryFormats,
  registryEncodings,
  registryFormatProblems,
  sberbankRegistryFormat,
  withOverrides,
  type RegistryFormat,
} from '../../src/domain/finance/registry-formats.js';
import { readPaymentRegistry, registryFingerprint } from '../../src/services/finance/payment-registry.js';
import { prng } from '../../src/services/demo/town-generator.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/payments/${name}`, import.meta.url)));

/** What both fixtures carry (written by hand into each file; the sums: 3 500.00 + 1 234.56 + 100.50 = 4 835.06,
 * fees 35.00 + 12.35 + 1.01 = 48.36). */
const expectedLines = [
  {
    paidOn: '2026-11-05',
    account: '1000000017',
    period: '2026-10',
    amount: 350_000,
    fee: 3_500,
    payerName: 'Иванов Иван Иванович',
  },
  {
    paidOn: '2026-11-05',
    account: '1000000025',
    period: null,
    amount: 123_456,
    fee: 1_235,
    payerName: 'Петрова Анна Сергеевна',
  },
  {
    paidOn: '2026-11-06',
    account: '1000000033',
    period: '2026-09',
    amount: 10_050,
    fee: 101,
    payerName: 'Сидоров Пётр',
  },
];

const formats: [string, RegistryFormat][] = [
  ['zhkh-default', defaultRegistryFormat],
  ['sberbank', sberbankRegistryFormat],
];

describe.each(formats)('%s fixtures in every encoding (RULES.md §9)', (name, format) => {
  it.each(registryEncodings.map((e) => [e]))('%s: every line, readings and the totals line', (encoding) => {
    const r = parseRegistry(fixture(`${name}.${encoding}.txt`), withOverrides(format, { encoding }));
    expect(r.ok).toBe(true);
    expect(r.fileProblems).toEqual([]);
    expect(r.lines.map((l) => l.problems)).toEqual([[], [], []]);
    expect(
      r.lines.map(({ paidOn, account, period, amount, fee, payerName }) => ({
        paidOn,
        account,
        period,
        amount,
        fee,
        payerName,
      })),
    ).toEqual(expectedLines);
    expect(r.totals).toEqual({
      declared: { count: 3, amount: 483_506, fee: 4_836 },
      computed: { count: 3, amount: 483_506, fee: 4_836 },
      matches: true,
    });
    expect(r.lines[0]!.address).toBe('г. Заречье, ул. Ленина, д. 1, кв. 1');
  });
});

describe('format specifics', () => {
  it('default: readings from the readings column, the agent id is column 1, lines numbered from the header', () => {
    const r = parseRegistry(fixture('zhkh-default.utf8.txt'), defaultRegistryFormat);
    expect(r.lines.map((l) => [l.line, l.agentPaymentId])).toEqual([
      [2, 'P-0001'],
      [3, 'P-0002'],
      [4, 'P-0003'],
    ]);
    expect(r.lines[0]!.readings).toEqual([
      { meter: 'ХВС-17', value: '123.456' },
      { meter: 'ГВС-17', value: '45.1' },
    ]);
    expect(r.lines[1]!.readings).toEqual([]);
    expect(r.lines[2]!.readings).toEqual([{ meter: 'Э-33', value: '15001' }]);
  });

  it('Сбербанк: tagged CLIENTNO/CLIENTDOCNO/method_pay/CounterVal_N, the id is branch/cashier/operation/date', () => {
    const r = parseRegistry(fixture('sberbank.cp1251.txt'), sberbankRegistryFormat);
    expect(r.lines.map((l) => l.agentPaymentId)).toEqual([
      '0021/00104/123456789/2026-11-05',
      '0021/00104/123456790/2026-11-05',
      '0044/00007/000017/2026-11-06',
    ]);
    expect(r.lines[0]).toMatchObject({
      documentNo: 'ЕПД-2026-10-17',
      method: 'cash',
      address: 'г. Заречье, ул. Ленина, д. 1, кв. 1',
      readings: [
        { meter: '1', value: '123.456' },
        { meter: '2', value: '45.1' },
      ],
    });
    expect(r.lines[1]).toMatchObject({ method: 'card', documentNo: null, readings: [] });
  });

  it('the wrong encoding shows as unreadable text, not as an exception', () => {
    const r = parseRegistry(fixture('sberbank.cp866.txt'), sberbankRegistryFormat); // cp866 bytes read as cp1251
    expect(r.lines[0]!.payerName).not.toBe('Иванов Иван Иванович');
    expect(r.lines[0]!.amount).toBe(350_000);
  });
});

describe('bad data: every problem with its line and field, never an exception', () => {
  it('the bad fixture', () => {
    const r = parseRegistry(fixture('zhkh-default.bad.utf8.txt'), defaultRegistryFormat);
    expect(r.ok).toBe(false);
    expect(r.lines.map((l) => l.problems.map((p) => `${p.line}:${p.field}`))).toEqual([
      ['2:readings.0'],
      ['3:amount', '3:paidOn'],
      ['4:account', '4:amount', '4:period', '4:agentPaymentId'],
    ]);
    // only line 2's amount could be read: 3 500.00, fee 35.00 — they match; the count (2 ≠ 3) does not
    expect(r.totals.computed).toEqual({ count: 3, amount: 350_000, fee: 3_500 });
    expect(r.totals.matches).toBe(false);
    expect(r.fileProblems.map((p) => `${p.line}:${p.field}`)).toEqual(['5:totals.count']);
    expect(r.lines[2]!.problems.at(-1)!.problem).toContain('строке 2');
  });

  it('a missing totals line, text after it, and junk lines', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const noTotals = parseRegistry(enc('h\nP1;01.11.2026;1;;1.00;0;;;\n'), defaultRegistryFormat);
    expect(noTotals.fileProblems.map((p) => p.field)).toEqual(['totals']);
    expect(noTotals.totals.matches).toBe(false);
    const after = parseRegistry(
      enc('h\nP1;01.11.2026;1;;1.00;0;;;\n=1;1.00;0\nP2;01.11.2026;1;;1.00;0;;;\n'),
      defaultRegistryFormat,
    );
    expect(after.fileProblems).toEqual([
      { line: 4, field: 'file', problem: 'строка после итоговой (строка 3)' },
    ]);
    const junk = parseRegistry(enc('h\n;zz;;;abc;;;;\n=x;y;z\n'), defaultRegistryFormat);
    expect(junk.ok).toBe(false);
    expect(junk.lines[0]!.problems.map((p) => p.field)).toEqual([
      'agentPaymentId',
      'account',
      'amount',
      'paidOn',
    ]);
    expect(junk.fileProblems.map((p) => p.field)).toEqual(['totals.amount', 'totals.fee', 'totals.count']);
  });

  it('a UTF-8 byte-order mark is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('zhkh-default.utf8.txt')]);
    expect(parseRegistry(bytes, defaultRegistryFormat).ok).toBe(true);
  });
});

describe('file fingerprint', () => {
  it('is the sha256 of the bytes (values from `sha256sum test/fixtures/payments/*`)', () => {
    expect(registryFingerprint(fixture('zhkh-default.utf8.txt'))).toBe(
      '03f073c701e5d30314a33fa8be6864cfcb8ca9169a22bf6ba28d192b1dec8f60',
    );
    const r = readPaymentRegistry(fixture('sberbank.cp1251.txt'), sberbankRegistryFormat);
    expect(r.fingerprint).toBe('aacd7a7f6a5b344b0e933b0927eebb3f99c81937a55a5febb2bb46bc0753438e');
    expect(r.size).toBe(487);
  });
});

describe('agent configurations', () => {
  it('the built-in formats are valid', () => {
    for (const f of builtInRegistryFormats) expect(registryFormatProblems(f)).toEqual([]);
  });

  it("an agent’s own column map: a bank with '|' and the amount first", () => {
    const agent = withOverrides(defaultRegistryFormat, {
      separator: '|',
      headerLines: 0,
      columns: { amount: 1, paidOn: 2, account: 3, agentPaymentId: 4 },
      readings: null,
      dateFormat: 'yyyy-mm-dd',
      totals: null,
    });
    expect(registryFormatProblems(agent)).toEqual([]);
    const r = parseRegistry(new TextEncoder().encode('12,30|2026-11-05|1000000017|A-1\n'), agent);
    expect(r.ok).toBe(true);
    expect(r.lines[0]).toMatchObject({
      amount: 1_230,
      paidOn: '2026-11-05',
      account: '1000000017',
      agentPaymentId: 'A-1',
    });
  });

  it('a broken configuration is refused with every field named', () => {
    const broken = withOverrides(sberbankRegistryFormat, {
      separator: '',
      columns: { amount: 5, fee: 5, paidOn: 0 },
      tags: { account: 'CLIENT:NO' },
      agentIdFields: ['operation'],
    });
    expect(registryFormatProblems(broken).map((p) => p.field)).toEqual([
      'separator',
      'columns.fee',
      'columns.paidOn',
      'tags.account',
      'agentIdFields',
      'required',
    ]);
  });
});

describe('property: parsing never throws', () => {
  it('on 1,000 random byte strings and mangled fixture lines, in every encoding', () => {
    const rnd = prng(9);
    const base = fixture('sberbank.utf8.txt');
    for (let i = 0; i < 1_000; i++) {
      const bytes =
        i % 2 === 0
          ? Uint8Array.from({ length: Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256))
          : base.map((b) => (rnd() < 0.05 ? Math.floor(rnd() * 256) : b));
      for (const format of [defaultRegistryFormat, sberbankRegistryFormat]) {
        const encoding = registryEncodings[i % 3]!;
        const r = parseRegistry(bytes, withOverrides(format, { encoding }));
        expect(r.totals.computed.count).toBe(r.lines.length);
      }
    }
  });
});
