/** The turnover sheet as XLSX (docs/finance.md "Balances"): read back by a real XLSX reader. */
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { turnoverXlsx, type TurnoverXlsxRow } from './turnover-xlsx.js';

const row = (over: Partial<TurnoverXlsxRow>): TurnoverXlsxRow => ({
  accountNumber: '100001',
  serviceCode: 'cold_water',
  supplierName: 'Водоканал',
  openingKop: 0,
  chargedKop: 0,
  recalculatedKop: 0,
  penaltyKop: 0,
  paidKop: 0,
  closingKop: 0,
  ...over,
});
const names = (code: string) => ({ cold_water: 'Холодное водоснабжение' })[code] ?? code;

describe('turnoverXlsx', () => {
  it('by line: title, header, rows and the totals in rubles; an advance has no service', async () => {
    // closing = opening + charged + recalculated + penalty − paid: 100.00 + 300.00 − 10.00 + 0.05 − 250.00 = 140.05
    const a = row({
      openingKop: 10_000,
      chargedKop: 30_000,
      recalculatedKop: -1_000,
      penaltyKop: 5,
      paidKop: 25_000,
      closingKop: 14_005,
    });
    // an advance of 50.00: closing −50.00
    const b = row({ serviceCode: null, supplierName: null, paidKop: 5_000, closingKop: -5_000 });
    const totals = {
      openingKop: 10_000,
      chargedKop: 30_000,
      recalculatedKop: -1_000,
      penaltyKop: 5,
      paidKop: 30_000,
      closingKop: 9_005,
    };
    const sheet = await readSheet(
      Buffer.from(turnoverXlsx('Ведомость за 2026-10', 'line', [a, b], totals, names)),
      1,
    );
    expect(sheet[0]![0]).toBe('Ведомость за 2026-10');
    expect(sheet[1]).toEqual([
      'Лицевой счёт',
      'Услуга',
      'Поставщик',
      'Вх. сальдо, ₽',
      'Начислено, ₽',
      'Перерасчёт, ₽',
      'Пени, ₽',
      'Оплачено, ₽',
      'Исх. сальдо, ₽',
    ]);
    expect(sheet[2]).toEqual([
      '100001',
      'Холодное водоснабжение',
      'Водоканал',
      100,
      300,
      -10,
      0.05,
      250,
      140.05,
    ]);
    expect(sheet[3]).toEqual(['100001', 'аванс', null, 0, 0, 0, 0, 50, -50]);
    expect(sheet[4]).toEqual(['Итого', null, null, 100, 300, -10, 0.05, 300, 90.05]);
  });

  it('by account: one key column', async () => {
    const sheet = await readSheet(
      Buffer.from(
        turnoverXlsx(
          't',
          'account',
          [row({ closingKop: 1 })],
          { openingKop: 0, chargedKop: 0, recalculatedKop: 0, penaltyKop: 0, paidKop: 0, closingKop: 1 },
          names,
        ),
      ),
      1,
    );
    expect(sheet[1]![0]).toBe('Лицевой счёт');
    expect(sheet[1]![1]).toBe('Вх. сальдо, ₽');
    expect(sheet[3]).toEqual(['Итого', 0, 0, 0, 0, 0, 0.01]);
  });
});
