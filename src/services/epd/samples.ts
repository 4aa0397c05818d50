/**
 * Built-in sample bills: a monthly bill, a debt bill and an advance bill of the demo town, so the layout
 * can be looked at (`zhkh epd sample`) before bills are issued from real charges (issue 8 part 2).
 * The bank requisites are fictitious accounts (their check keys hold) at real БИКs. Every figure is
 * computed by hand in the comments; the validator checks that they add up.
 */
import type { Kopecks } from '../../domain/money.js';
import type { BillingPeriod, IsoDate } from '../../domain/period.js';
import type { EpdOrganisation, EpdServiceLine, EpdSnapshot } from '../../domain/epd/snapshot.js';
import { prng } from '../demo/town-generator.js';
import {
  feminineSurname,
  femaleNames,
  maleNames,
  patronymicStems,
  streets,
  surnames,
} from '../demo/town-data.js';

const k = (n: number) => n as Kopecks;
const d = (s: string) => s as IsoDate;

const org = (
  o: Omit<EpdOrganisation, 'phone' | 'email' | 'website' | 'workingHours'> & Partial<EpdOrganisation>,
) => ({
  phone: null,
  email: null,
  website: null,
  workingHours: null,
  ...o,
});

export const sampleSettlementCentre: EpdOrganisation = org({
  code: 'rc',
  name: 'ООО «Расчётный центр Демо-города»',
  inn: '7705554441',
  kpp: '770501001',
  address: 'Демо-город, ул. Ленина, д. 1, офис 12',
  phone: '+7 (495) 000-12-34',
  email: 'rc@demo-gorod.example',
  website: 'demo-gorod.example',
  workingHours: 'пн–пт 8:00–20:00, сб 9:00–15:00',
  bank: {
    bankName: 'ПАО СБЕРБАНК',
    bik: '044525225',
    account: '40702810200000012345',
    correspondentAccount: '30101810400000000225',
  },
});

export const sampleManager: EpdOrganisation = org({
  code: 'uk',
  name: 'ООО «Управляющая компания „Уютный дом“»',
  inn: '7701234560',
  kpp: '770101001',
  address: 'Демо-город, ул. Мира, д. 7',
  phone: '+7 (495) 000-56-78, аварийная 000-00-01',
  email: 'uk@uyut.example',
  website: 'uyut.example',
  workingHours: 'пн–пт 9:00–18:00',
  bank: {
    bankName: 'ПАО СБЕРБАНК',
    bik: '044525225',
    account: '40702810838000004521',
    correspondentAccount: '30101810400000000225',
  },
});

const vodokanal: EpdOrganisation = org({
  code: 'vodokanal',
  name: 'МУП «Водоканал Демо-города»',
  inn: '5001122339',
  kpp: '500101001',
  address: 'Демо-город, ул. Заводская, д. 3',
  phone: '+7 (495) 000-22-33',
  bank: {
    bankName: 'АО «АЛЬФА-БАНК»',
    bik: '044525593',
    account: '40702810300000077712',
    correspondentAccount: '30101810200000000593',
  },
});

const teplo: EpdOrganisation = org({
  code: 'teplo',
  name: 'АО «Теплосеть»',
  inn: '5001987653',
  kpp: '500101001',
  address: 'Демо-город, ул. Строителей, д. 20',
  phone: '+7 (495) 000-44-55',
  bank: {
    bankName: 'АО «ТБанк»',
    bik: '044525974',
    account: '40702810240000001234',
    correspondentAccount: '30101810145250000974',
  },
});

const energo: EpdOrganisation = org({
  code: 'energo',
  name: 'АО «Энергосбыт»',
  inn: '5001777889',
  kpp: '500101001',
  address: 'Демо-город, ул. Вокзальная, д. 2',
  bank: {
    bankName: 'ПАО СБЕРБАНК',
    bik: '044525225',
    account: '40702810200000012345',
    correspondentAccount: '30101810400000000225',
  },
});

const line = (
  l: Omit<EpdServiceLine, 'increasingCoefficient' | 'recalculationKop' | 'reductionKop' | 'totalKop'> &
    Partial<EpdServiceLine>,
): EpdServiceLine => {
  const recalculationKop = l.recalculationKop ?? k(0);
  const reductionKop = l.reductionKop ?? k(0);
  return {
    increasingCoefficient: null,
    ...l,
    recalculationKop,
    reductionKop,
    totalKop: k(l.chargedKop + recalculationKop - reductionKop),
  };
};

/** The charge table of the monthly sample, 54.30 m², 2 registered residents. */
const monthlyLines: EpdServiceLine[] = [
  // 54.30 × 32.50 = 1764.75
  line({
    group: 'housing',
    service: 'Содержание жилого помещения',
    commonNeeds: false,
    provider: 'uk',
    unit: 'м²',
    volume: '54.30',
    method: 'площадь',
    tariff: '32.50',
    chargedKop: k(176475),
  }),
  // 0.310 × 48.72 = 15.1032 → 15.10
  line({
    group: 'housing',
    service: 'ХВС на СОИ',
    commonNeeds: true,
    provider: 'uk',
    unit: 'м³',
    volume: '0.310',
    method: 'ОДПУ',
    tariff: '48.72',
    chargedKop: k(1510),
  }),
  // 6.12 × 6.43 = 39.3516 → 39.35
  line({
    group: 'housing',
    service: 'Электроэнергия на СОИ',
    commonNeeds: true,
    provider: 'uk',
    unit: 'кВт·ч',
    volume: '6.12',
    method: 'норматив',
    tariff: '6.43',
    chargedKop: k(3935),
  }),
  // 7.000 × 48.72 = 341.04; recalculation −1 m³ × 48.72 = −48.72; total 292.32
  line({
    group: 'utilities',
    service: 'Холодное водоснабжение',
    commonNeeds: false,
    provider: 'vodokanal',
    unit: 'м³',
    volume: '7.000',
    method: 'ИПУ',
    tariff: '48.72',
    chargedKop: k(34104),
    recalculationKop: k(-4872),
  }),
  // norm 3.000 × 2 persons = 6.000 m³; 6 × 245.31 = 1471.86; × 1.5 = 2207.79; excess 2207.79 − 1471.86 = 735.93
  line({
    group: 'utilities',
    service: 'Горячее водоснабжение',
    commonNeeds: false,
    provider: 'teplo',
    unit: 'м³',
    volume: '6.000',
    method: 'норматив',
    tariff: '245.31',
    chargedKop: k(220779),
    increasingCoefficient: { coefficient: '1.5', excessKop: k(73593) },
  }),
  // 7 + 6 = 13.000 m³ × 39.80 = 517.40
  line({
    group: 'utilities',
    service: 'Водоотведение',
    commonNeeds: false,
    provider: 'vodokanal',
    unit: 'м³',
    volume: '13.000',
    method: 'ИПУ+норматив',
    tariff: '39.80',
    chargedKop: k(51740),
  }),
  // 1.1946 × 2874.56 = 3433.949376 → 3433.95; reduction for quality 25.75; total 3408.20
  line({
    group: 'utilities',
    service: 'Отопление',
    commonNeeds: false,
    provider: 'teplo',
    unit: 'Гкал',
    volume: '1.1946',
    method: 'ОДПУ',
    tariff: '2874.56',
    chargedKop: k(343395),
    reductionKop: k(2575),
  }),
  // 142 × 6.43 = 913.06
  line({
    group: 'utilities',
    service: 'Электроснабжение',
    commonNeeds: false,
    provider: 'energo',
    unit: 'кВт·ч',
    volume: '142',
    method: 'ИПУ',
    tariff: '6.43',
    chargedKop: k(91306),
  }),
  // 54.30 × 15.50 = 841.65
  line({
    group: 'capital_repair',
    service: 'Взнос на капитальный ремонт',
    commonNeeds: false,
    provider: 'uk',
    unit: 'м²',
    volume: '54.30',
    method: 'площадь',
    tariff: '15.50',
    chargedKop: k(84165),
  }),
];
// Σ totals: 176475 + 1510 + 3935 + 29232 + 220779 + 51740 + 340820 + 91306 + 84165 = 999962 (9 999,62 ₽)

/**
 * The monthly sample, October 2026. Total to pay: opening debt 9 512,30 − payments 9 000,00 + 9 999,62
 * + penalty 12,87 = 951230 − 900000 + 999962 + 1287 = 1052479 kop = 10 524,79 ₽. Due 15.11.2026, a Sunday,
 * shifted to Monday 16.11.2026 (RULES-ADDENDUM §6).
 */
export const sampleMonthly: EpdSnapshot = {
  kind: 'monthly',
  documentNumber: '2026-10/1000123',
  issuedAt: '2026-11-02T09:00:00Z',
  period: '2026-10' as BillingPeriod,
  months: 1,
  accountNumber: '1000123',
  payer: { lastName: 'Фёдорова', firstName: 'Анна', middleName: 'Сергеевна' },
  address: { text: 'Демо-город, ул. Садовая, д. 14, кв. 27', street: 'ул. Садовая', house: '14', flat: '27' },
  area: '54.30',
  registeredResidents: 2,
  temporaryResidents: 0,
  manager: sampleManager,
  suppliers: [vodokanal, teplo, energo],
  recipient: sampleSettlementCentre,
  lines: monthlyLines,
  recalculations: [
    {
      service: 'Холодное водоснабжение',
      reason: 'Показания ИПУ за 09.2026 переданы позже (п.61)',
      amountKop: k(-4872),
    },
  ],
  openingBalanceKop: k(951230),
  paymentsKop: k(900000),
  paymentsUpTo: d('2026-10-31'),
  lastPaymentDate: d('2026-10-14'),
  penaltyKop: k(1287),
  totalToPayKop: k(1052479),
  dueDate: d('2026-11-16'),
  meters: [
    {
      service: 'Холодное водоснабжение',
      serialNumber: 'ХВ-204711',
      zone: null,
      lastReading: '312.000',
      lastReadingDate: d('2026-10-23'),
      verificationDue: d('2026-12-10'),
    },
    {
      service: 'Электроснабжение',
      serialNumber: '0119843',
      zone: 'день',
      lastReading: '10452',
      lastReadingDate: d('2026-10-23'),
      verificationDue: d('2031-05-01'),
    },
    {
      service: 'Электроснабжение',
      serialNumber: '0119843',
      zone: 'ночь',
      lastReading: '4311',
      lastReadingDate: d('2026-10-23'),
      verificationDue: d('2031-05-01'),
    },
  ],
  readingsDeadline: d('2026-11-25'),
  notices: [
    'Холодное водоснабжение, прибор № ХВ-204711: срок поверки истекает 10.12.2026. Поверьте прибор заранее.',
    'Горячее водоснабжение начислено по нормативу с повышающим коэффициентом 1,5: прибор учёта можно установить, но он не установлен.',
  ],
  qrPaymPeriodFormat: 'MMYYYY',
};

/**
 * A debt bill as of 02.11.2026 for a payer whose name has Tatar letters (ә, ө: not in Windows-1251, so the
 * QR code is UTF-8): debt 15 400,00 − payments 2 000,00 + penalty 318,40 = 1540000 − 200000 + 31840 = 1371840.
 */
export const sampleDebt: EpdSnapshot = {
  ...sampleMonthly,
  kind: 'debt',
  documentNumber: 'Д-2026-11/1000456',
  months: 0,
  accountNumber: '1000456',
  payer: { lastName: 'Хәбибуллина', firstName: 'Гөлнара', middleName: 'Рәшитовна' },
  address: { text: 'Демо-город, ул. Мира, д. 3, кв. 5', street: 'ул. Мира', house: '3', flat: '5' },
  area: '38.10',
  registeredResidents: 1,
  lines: [],
  recalculations: [],
  openingBalanceKop: k(1540000),
  paymentsKop: k(200000),
  paymentsUpTo: d('2026-11-01'),
  lastPaymentDate: d('2026-07-03'),
  penaltyKop: k(31840),
  totalToPayKop: k(1371840),
  meters: [],
  readingsDeadline: null,
  notices: ['Задолженность на 01.11.2026. Пени начислены по ЖК РФ ст.155 ч.14 по 01.11.2026.'],
};

/**
 * An advance bill for 3 months from November 2026, after an advance of 500,00 at the start. Its lines are
 * the monthly lines without the −48,72 recalculation: 999962 + 4872 = 1004834 kop a month;
 * −50000 − 0 + 3 × 1004834 + 0 = 2964502 kop = 29 645,02 ₽.
 */
export const sampleAdvance: EpdSnapshot = {
  ...sampleMonthly,
  kind: 'advance',
  documentNumber: 'А-2026-11/1000789',
  period: '2026-11' as BillingPeriod,
  months: 3,
  accountNumber: '1000789',
  payer: { lastName: 'Орлов', firstName: 'Пётр', middleName: 'Ильич' },
  address: { text: 'Демо-город, ул. Садовая, д. 2, кв. 101', street: 'ул. Садовая', house: '2', flat: '101' },
  recalculations: [],
  lines: monthlyLines.map((l) => ({
    ...l,
    recalculationKop: k(0),
    totalKop: k(l.chargedKop - l.reductionKop),
  })),
  openingBalanceKop: k(-50000),
  paymentsKop: k(0),
  penaltyKop: k(0),
  totalToPayKop: k(2964502),
  dueDate: d('2026-12-15'),
  notices: ['Счёт на оплату вперёд за 3 месяца по начислениям октября 2026 года.'],
};

export const sampleSnapshots: readonly EpdSnapshot[] = [sampleMonthly, sampleDebt, sampleAdvance];

/**
 * `count` monthly bills of the demo town for batches and the benchmark: the monthly sample with seeded
 * payers and addresses (same charges), deterministic for a seed.
 */
export function sampleTownSnapshots(count: number, seed = 8): EpdSnapshot[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: EpdSnapshot[] = [];
  for (let i = 0; i < count; i++) {
    const street = pick(streets);
    const house = String(1 + Math.floor(random() * 60));
    const flat = String(1 + Math.floor(random() * 120));
    const female = random() < 0.5;
    const surname = pick(surnames);
    const stem = pick(patronymicStems);
    const accountNumber = String(2000000 + i);
    out.push({
      ...sampleMonthly,
      documentNumber: `2026-10/${accountNumber}`,
      accountNumber,
      payer: {
        lastName: female ? feminineSurname(surname) : surname,
        firstName: female ? pick(femaleNames) : pick(maleNames),
        middleName: `${stem}${female ? 'на' : 'ич'}`,
      },
      address: { text: `Демо-город, ${street}, д. ${house}, кв. ${flat}`, street, house, flat },
    });
  }
  return out;
}

/**
 * The sample bills into one PDF: the three kinds and then `townCount` monthly bills of the demo town, in
 * delivery order. The file is the same bytes on every run (its date is the samples' issue time).
 */
export async function writeSampleBills(
  file: string,
  townCount: number,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const { renderBatchToFile } = await import('./render.js');
  const all = [...sampleSnapshots, ...sampleTownSnapshots(townCount)];
  await renderBatchToFile(all, file, {
    createdAt: sampleMonthly.issuedAt,
    title: 'ЕПД: образцы',
    onProgress,
  });
  return all.length;
}
