/** Remittance register, CSV and payment orders (RULES.md §7.1, ПП № 253 п.6): expected values by hand. */
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { kop } from '../money.js';
import type { IsoDate } from '../period.js';
import { remittance, type Collected } from './remittance.js';
import {
  paymentOrders,
  registerCsv,
  registerXlsx,
  registerRows,
  ruDate,
  transferState,
  type RemittanceParty,
} from './remittance-register.js';

const c = (supplierId: number, service: string, amount: number, agentFee: number): Collected => ({
  supplierId,
  service,
  amount: kop(amount),
  agentFee: kop(agentFee),
});

const party = (supplierId: number, name: string, contractNumber: string): RemittanceParty => ({
  supplierId,
  name,
  inn: supplierId === 1 ? '5501000001' : '5502000002',
  kpp: '550101001',
  bankAccount: '40702810000000000001',
  bik: '045209673',
  bankName: 'Омское отделение № 8634',
  contractNumber,
  contractDate: '2026-01-01' as IsoDate,
});

const parties = new Map([
  [1, party(1, 'ООО "Водоканал"', '12/В')],
  [2, party(2, 'АО Энергосбыт', '7-Э')],
]);

// Supplier 1 at 1.5 %: cold water 600.00 + 400.00 (agent fees 6.00 + 9.00), wastewater 500.00 (7.50).
// Supplier 2 at 2 %: only a reversal of 50.00 the same day → total −50.00, no fee.
const day = remittance(
  [
    c(1, 'cold_water', 60_000, 600),
    c(1, 'cold_water', 40_000, 900),
    c(1, 'wastewater', 50_000, 750),
    c(2, 'electricity', -5_000, 0),
  ],
  new Map([
    [1, { percent: '1.5' }],
    [2, { percent: '2' }],
  ]),
);
const names: Record<string, string> = {
  cold_water: 'Холодное водоснабжение',
  wastewater: 'Водоотведение',
  electricity: 'Электроснабжение',
};

describe('remittance register', () => {
  it('rows per supplier × service name the contract', () => {
    expect(
      registerRows(day, parties).map((r) => [r.supplierName, r.contract, r.service, r.toTransfer]),
    ).toEqual([
      ['ООО "Водоканал"', '№ 12/В от 01.01.2026', 'cold_water', 97_000],
      ['ООО "Водоканал"', '№ 12/В от 01.01.2026', 'wastewater', 48_500],
      ['АО Энергосбыт', '№ 7-Э от 01.01.2026', 'electricity', -5_000],
    ]);
  });

  it('CSV: ; separated, quoted where needed, rubles with a comma, an exact total row', () => {
    // 1 500.00 × 1.5 % = 22.50 split 1 000 : 500 → 15.00 / 7.50
    // cold water 1 000.00 − 15.00 − 15.00 = 970.00; wastewater 500.00 − 7.50 − 7.50 = 485.00
    // totals: collected 1 000 + 500 − 50 = 1 450.00; agents 22.50; centre 22.50; 970 + 485 − 50 = 1 405.00
    expect(registerCsv(registerRows(day, parties), (s) => names[s]!)).toBe(
      '\uFEFF' +
        [
          'Поставщик;ИНН;Договор;Услуга;Собрано;Вознаграждение агентов;Вознаграждение ЕРЦ;К перечислению',
          '"ООО ""Водоканал""";5501000001;№ 12/В от 01.01.2026;Холодное водоснабжение;1000,00;15,00;15,00;970,00',
          '"ООО ""Водоканал""";5501000001;№ 12/В от 01.01.2026;Водоотведение;500,00;7,50;7,50;485,00',
          'АО Энергосбыт;5502000002;№ 7-Э от 01.01.2026;Электроснабжение;-50,00;0,00;0,00;-50,00',
          'Итого;;;;1450,00;22,50;22,50;1405,00',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('XLSX: the same table, read back by a spreadsheet reader, amounts as numbers', async () => {
    const bytes = registerXlsx(registerRows(day, parties), (s) => names[s]!);
    const sheet = await readSheet(Buffer.from(bytes), 1);
    expect(sheet).toHaveLength(5);
    expect(sheet[1]).toEqual([
      'ООО "Водоканал"',
      '5501000001',
      '№ 12/В от 01.01.2026',
      'Холодное водоснабжение',
      1000,
      15,
      15,
      970,
    ]);
    // the same hand totals as the CSV: 1 450.00; 22.50; 22.50; 1 405.00
    expect(sheet[4]).toEqual(['Итого', null, null, null, 1450, 22.5, 22.5, 1405]);
  });

  it('a supplier without a contract party is refused by name', () => {
    expect(() => registerRows(day, new Map([[1, parties.get(1)!]]))).toThrow(/поставщиком 2/);
  });
});

describe('payment orders', () => {
  it('one order per supplier with money to transfer; a negative day is listed, not ordered', () => {
    const r = paymentOrders('2026-11-06' as IsoDate, '2026-11-09' as IsoDate, day, parties);
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({
      supplierId: 1,
      payee: 'ООО "Водоканал"',
      inn: '5501000001',
      amount: 145_500, // 970.00 + 485.00
      due: '2026-11-09',
    });
    expect(r.orders[0]!.purpose).toBe(
      'Перечисление денежных средств, принятых от плательщиков за ЖКУ 06.11.2026, по договору № 12/В от ' +
        '01.01.2026; собрано 1500,00, вознаграждение агентов 22,50, вознаграждение ЕРЦ 22,50',
    );
    expect(r.skipped).toEqual([
      { supplierId: 2, toTransfer: -5_000, reason: expect.stringMatching(/-50,00/) },
    ]);
  });
});

describe('ПП 253 п.6 transfer state', () => {
  const due = '2026-11-09' as IsoDate; // received Friday 06.11.2026 → Monday
  it('pending on the due day, overdue the day after while not transferred', () => {
    expect(transferState(due, null, '2026-11-09' as IsoDate)).toEqual({ state: 'pending', daysLate: null });
    expect(transferState(due, null, '2026-11-10' as IsoDate)).toEqual({ state: 'overdue', daysLate: null });
  });
  it('on time on the due day; late by the days past it', () => {
    expect(transferState(due, '2026-11-09' as IsoDate, '2026-11-12' as IsoDate)).toEqual({
      state: 'on_time',
      daysLate: 0,
    });
    // 11.11 − 09.11 = 2 days
    expect(transferState(due, '2026-11-11' as IsoDate, '2026-11-12' as IsoDate)).toEqual({
      state: 'late',
      daysLate: 2,
    });
  });
  it('dates the Russian way', () => {
    expect(ruDate('2026-03-08' as IsoDate)).toBe('08.03.2026');
  });
});
