/**
 * The pure snapshot builder (build.ts): lines of the billing module → the rows of «Расчёт размера платы» and
 * «Сведения о перерасчётах» (RULES.md §8.1 п.69 «г»–«к(1)», RULES-ADDENDUM §5), the payer's name, the total.
 * Every expected figure is summed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { sampleManager, sampleSettlementCentre } from '../../services/epd/samples.js';
import type { IsoDate } from '../period.js';
import {
  buildLines,
  buildSnapshot,
  coefficientExcess,
  documentNumberOf,
  payerOf,
  providerCodeOf,
  type EpdSourceLine,
} from './build.js';
import { snapshotProblems } from './snapshot.js';

const base: EpdSourceLine = {
  serviceId: 1,
  serviceCode: 'cold_water',
  serviceName: 'Холодное водоснабжение',
  serviceKind: 'utility',
  supplierId: 20,
  lineKind: 'charge',
  method: 'by_meter',
  origin: 'original',
  correctsPeriod: null,
  cause: null,
  volume: '5.5',
  unit: 'м³',
  tariff: '50',
  zone: null,
  amountKop: 27_500, // 5.5 × 50.00 = 275.00
  increasingCoefficient: null,
};
const l = (o: Partial<EpdSourceLine>): EpdSourceLine => ({ ...base, ...o });
// 50 m² × 30.00 = 1 500.00, the manager's (#10)
const maintenanceLine = l({
  serviceId: 8,
  serviceCode: 'maintenance',
  serviceName: 'Содержание',
  serviceKind: 'housing',
  supplierId: 10,
  method: 'by_area',
  volume: '50',
  tariff: '30',
  amountKop: 150_000,
});

describe('buildLines', () => {
  it('one row per service × supplier × tariff; recalculations and reductions on the first, with reasons', () => {
    const { lines, recalculations } = buildLines(
      [
        // a tariff change on the 16th: two rows, 2.5 m³ at 50.00 and 3 m³ at 52.00
        l({ volume: '2.5', amountKop: 12_500 }),
        l({ volume: '3', tariff: '52', amountKop: 15_600 }),
        // the same tariff's two pieces (a residents change) add up in one row: 1 + 2 = 3 m³
        l({
          serviceId: 2,
          serviceCode: 'hot_water',
          serviceName: 'Горячее водоснабжение',
          supplierId: 21,
          volume: '1',
          tariff: '200',
          amountKop: 20_000,
        }),
        l({
          serviceId: 2,
          serviceCode: 'hot_water',
          serviceName: 'Горячее водоснабжение',
          supplierId: 21,
          volume: '2',
          tariff: '200',
          amountKop: 40_000,
        }),
        // a quality reduction of 12.34 and September recalculated after a tariff change, +56.78
        l({
          serviceId: 2,
          serviceCode: 'hot_water',
          serviceName: 'Горячее водоснабжение',
          supplierId: 21,
          lineKind: 'reduction',
          method: 'quality_reduction',
          volume: null,
          amountKop: -1_234,
        }),
        l({
          serviceId: 2,
          serviceCode: 'hot_water',
          serviceName: 'Горячее водоснабжение',
          supplierId: 21,
          origin: 'recalculation',
          correctsPeriod: '2026-09',
          cause: 'изменение тарифа',
          amountKop: 5_678,
        }),
        // a temporary absence: −30.00
        l({
          serviceId: 2,
          serviceCode: 'hot_water',
          serviceName: 'Горячее водоснабжение',
          supplierId: 21,
          lineKind: 'absence',
          method: 'temporary_absence',
          amountKop: -3_000,
        }),
        // КР на СОИ and maintenance (the manager, #10) go to the housing group, the СОИ after the service
        l({
          serviceId: 9,
          serviceCode: 'cold_water_common',
          serviceName: 'ХВС на СОИ',
          supplierId: 10,
          method: 'common_needs_by_norm',
          volume: '0.12',
          tariff: '50',
          amountKop: 600,
        }),
        maintenanceLine,
      ],
      providerCodeOf,
    );
    expect(
      lines.map((x) => [
        x.group,
        x.service,
        x.volume,
        x.tariff,
        x.chargedKop,
        x.recalculationKop,
        x.reductionKop,
        x.totalKop,
      ]),
    ).toEqual([
      ['housing', 'Содержание', '50', '30', 150_000, 0, 0, 150_000],
      ['housing', 'ХВС на СОИ', '0.12', '50', 600, 0, 0, 600],
      ['utilities', 'Холодное водоснабжение', '2.5', '50', 12_500, 0, 0, 12_500],
      ['utilities', 'Холодное водоснабжение', '3', '52', 15_600, 0, 0, 15_600],
      // 200.00 + 400.00 = 600.00 charged; 56.78 − 30.00 = +26.78 recalculated; 12.34 reduced:
      // 60 000 + 2 678 − 1 234 = 61 444
      ['utilities', 'Горячее водоснабжение', '3', '200', 60_000, 2_678, 1_234, 61_444],
    ]);
    expect(lines[1]!.commonNeeds).toBe(true);
    expect(lines[1]!.provider).toBe('org10');
    expect(recalculations).toEqual([
      { service: 'Горячее водоснабжение', reason: 'изменение тарифа (за 09.2026)', amountKop: 5_678 },
      {
        service: 'Горячее водоснабжение',
        reason: 'временное отсутствие потребителя (п.86 Правил 354)',
        amountKop: -3_000,
      },
    ]);
  });

  it('the increasing coefficient: its size and the part of the charge it added', () => {
    // 1 500.00 with K = 1.5: without it 1 000.00, so it added 500.00
    expect(coefficientExcess(150_000, '1.5')).toBe(50_000);
    // 1 000.01 with K = 1.5: 100 001 / 1.5 = 66 667.33 → 66 667; added 33 334
    expect(coefficientExcess(100_001, '1.5')).toBe(33_334);
    expect(coefficientExcess(100_001, '1')).toBe(0);
    const { lines } = buildLines(
      [l({ method: 'by_norm', increasingCoefficient: '1.5', amountKop: 150_000 })],
      providerCodeOf,
    );
    expect(lines[0]!.increasingCoefficient).toEqual({ coefficient: '1.5', excessKop: 50_000 });
  });
});

describe('the payer, the number', () => {
  it('splits a person’s full name; keeps an organisation whole', () => {
    expect(payerOf('person', 'Иванов Иван Иванович')).toEqual({
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: 'Иванович',
    });
    expect(payerOf('person', 'Алиев Рашид Гасан оглы')).toEqual({
      lastName: 'Алиев',
      firstName: 'Рашид',
      middleName: 'Гасан оглы',
    });
    expect(payerOf('organisation', 'ООО «Ромашка»')).toEqual({
      lastName: 'ООО «Ромашка»',
      firstName: null,
      middleName: null,
    });
    expect(documentNumberOf('1002003004', '2026-10', 'debt')).toBe('1002003004-202610-Д');
  });
});

describe('buildSnapshot', () => {
  it('a printable snapshot whose total is opening − payments + lines + penalty', () => {
    const s = buildSnapshot({
      kind: 'monthly',
      period: '2026-10' as never,
      months: 1,
      documentNumber: '1002003004-202610-М',
      issuedAt: '2026-11-02T09:00:00.000Z',
      account: {
        accountNumber: '1002003004',
        payer: payerOf('person', 'Иванов Иван Иванович'),
        address: { text: 'г. Демо, ул. Мира, д. 1, кв. 5', street: 'ул. Мира', house: '1', flat: '5' },
        area: '50',
        registeredResidents: 2,
        temporaryResidents: 0,
      },
      managerId: 10,
      organisations: new Map([
        [10, sampleManager],
        [20, { ...sampleManager, name: 'Водоканал' }],
      ]),
      recipient: sampleSettlementCentre,
      lines: [l({}), maintenanceLine],
      openingBalanceKop: 10_000,
      paymentsKop: 4_000,
      paymentsUpTo: '2026-10-31' as IsoDate,
      lastPaymentDate: '2026-10-10' as IsoDate,
      penaltyKop: 123,
      dueDate: '2026-11-16' as IsoDate,
      meters: [
        {
          service: 'Холодное водоснабжение',
          serialNumber: 'A1',
          zone: null,
          lastReading: '10',
          lastReadingDate: '2026-10-20' as IsoDate,
          verificationDue: '2026-12-01' as IsoDate,
        },
      ],
      readingsDeadline: '2026-11-25' as IsoDate,
      verificationNoticeDays: 60,
      noticeDate: '2026-11-02' as IsoDate,
      notices: [],
      qrPaymPeriodFormat: 'MMYYYY',
    });
    // 100.00 − 40.00 + (275.00 + 1 500.00) + 1.23 = 1 836.23
    expect(s.totalToPayKop).toBe(183_623);
    expect(s.suppliers.map((o) => o.code)).toEqual(['org20']);
    expect(s.manager.code).toBe('org10');
    // verification on 01.12.2026 is 29 days after 02.11.2026: within 60, so a notice
    expect(s.notices).toEqual([
      'Холодное водоснабжение, прибор № A1: срок поверки истекает 01.12.2026. Поверьте прибор заранее.',
    ]);
    expect(snapshotProblems(s)).toEqual([]);
  });
});
