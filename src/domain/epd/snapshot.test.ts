import { describe, expect, it } from 'vitest';
import { sampleAdvance, sampleDebt, sampleMonthly, sampleTownSnapshots } from '../../services/epd/samples.js';
import { DomainError } from '../errors.js';
import type { Kopecks } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import { compareForDelivery, sortForDelivery } from './delivery.js';
import { epdDueDate, weekday } from './due-date.js';
import { verificationNotices } from './notices.js';
import {
  assertPrintable,
  expectedTotalToPay,
  periodTotal,
  snapshotProblems,
  type EpdSnapshot,
} from './snapshot.js';

const k = (n: number) => n as Kopecks;
const fields = (s: EpdSnapshot) => snapshotProblems(s).map((p) => p.field);

describe('the ЕПД snapshot (RULES.md §8.1, RULES-ADDENDUM §5)', () => {
  it('the samples are printable and their totals are the hand sums', () => {
    for (const s of [sampleMonthly, sampleDebt, sampleAdvance]) expect(snapshotProblems(s)).toEqual([]);
    // 176475 + 1510 + 3935 + 29232 + 220779 + 51740 + 340820 + 91306 + 84165 = 999962
    expect(periodTotal(sampleMonthly)).toBe(999962);
    // 951230 − 900000 + 1 × 999962 + 1287 = 1052479
    expect(expectedTotalToPay(sampleMonthly)).toBe(1052479);
    // debt bill: 1540000 − 200000 + 0 + 31840 = 1371840
    expect(expectedTotalToPay(sampleDebt)).toBe(1371840);
    // advance bill: −50000 − 0 + 3 × 1004834 + 0 = 2964502
    expect(expectedTotalToPay(sampleAdvance)).toBe(2964502);
  });

  it('a line whose total is not charged + recalculation − reduction is named', () => {
    const lines = sampleMonthly.lines.map((l, i) => (i === 6 ? { ...l, totalKop: k(343395) } : l));
    expect(fields({ ...sampleMonthly, lines })).toContain('lines.6.totalKop');
  });

  it('a recalculation needs its reason line (п.69 «к»), and the lines must agree with the reasons', () => {
    expect(fields({ ...sampleMonthly, recalculations: [] })).toContain('recalculations');
    const noReason = [{ ...sampleMonthly.recalculations[0]!, reason: ' ' }];
    expect(fields({ ...sampleMonthly, recalculations: noReason })).toContain('recalculations.0.reason');
  });

  it('the total to pay must follow from the figures', () => {
    expect(fields({ ...sampleMonthly, totalToPayKop: k(1052480) })).toEqual(['totalToPayKop']);
  });

  it('kinds and months: monthly 1, debt 0, advance 1..24', () => {
    expect(fields({ ...sampleMonthly, months: 2 })).toContain('months');
    expect(fields({ ...sampleDebt, months: 1 })).toContain('months');
    expect(fields({ ...sampleAdvance, months: 0 })).toContain('months');
    expect(fields({ ...sampleMonthly, kind: 'weekly' as never })).toContain('kind');
    expect(fields({ ...sampleMonthly, lines: [], recalculations: [] })).toContain('lines');
  });

  it('bank requisites are checked: БИК, the account key, the correspondent account, ИНН', () => {
    const bad = {
      ...sampleMonthly.recipient,
      inn: '7705554442',
      bank: { ...sampleMonthly.recipient.bank, account: '40702810300000012345', correspondentAccount: '301' },
    };
    expect(fields({ ...sampleMonthly, recipient: bad })).toEqual([
      'recipient.inn',
      'recipient.bank.account',
      'recipient.bank.correspondentAccount',
    ]);
    const noBik = { ...sampleMonthly.manager, bank: { ...sampleMonthly.manager.bank, bik: '12345' } };
    expect(fields({ ...sampleMonthly, manager: noBik })).toContain('manager.bank.bik');
  });

  it('a line must name a provider of the bill; meters need the readings deadline', () => {
    const lines = sampleMonthly.lines.map((l, i) => (i === 0 ? { ...l, provider: 'nobody' } : l));
    expect(fields({ ...sampleMonthly, lines })).toContain('lines.0.provider');
    expect(fields({ ...sampleMonthly, readingsDeadline: null })).toContain('readingsDeadline');
  });

  it('assertPrintable throws validation_failed with every problem', () => {
    const e = (() => {
      try {
        assertPrintable({ ...sampleMonthly, area: '54,3', period: '2026-13' as BillingPeriod });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details.map((d) => d.field)).toEqual(['period', 'area']);
  });
});

describe('due date (RULES-ADDENDUM §6)', () => {
  it('February 2026: the 15th of March is a Sunday, shifted to Monday the 16th', () => {
    expect(epdDueDate('2026-02' as BillingPeriod, 15, true)).toBe('2026-03-16');
    expect(epdDueDate('2026-02' as BillingPeriod, 15, false)).toBe('2026-03-15');
  });

  it('before 2026-02 the 10th, no shift; October 2026 → Sunday 15.11 → 16.11', () => {
    expect(epdDueDate('2026-01' as BillingPeriod, 10, false)).toBe('2026-02-10');
    expect(epdDueDate('2026-10' as BillingPeriod, 15, true)).toBe('2026-11-16');
    expect(epdDueDate('2026-12' as BillingPeriod, 15, true)).toBe('2027-01-15'); // a Friday
    expect(weekday('2026-11-29' as IsoDate)).toBe(6); // a Sunday
    expect(weekday('1970-01-01' as IsoDate)).toBe(3); // a Thursday
  });
});

describe('delivery order', () => {
  it('street, then house and flat as numbers (2 < 10 < 10а < 11)', () => {
    const at = (street: string, house: string, flat: string | null, accountNumber = '1'): EpdSnapshot => ({
      ...sampleMonthly,
      accountNumber,
      address: { text: '', street, house, flat },
    });
    const list = [
      at('ул. Мира', '11', '1'),
      at('ул. Мира', '10а', '3'),
      at('ул. Мира', '2', '10'),
      at('ул. Мира', '2', '9'),
      at('ул. Ленина', '40', null),
      at('ул. Мира', '10', '1'),
      at('ул. Мира', '2', '9', '0'),
    ];
    const order = sortForDelivery(list).map(
      (s) => `${s.address.street} ${s.address.house}-${s.address.flat}/${s.accountNumber}`,
    );
    expect(order).toEqual([
      'ул. Ленина 40-null/1',
      'ул. Мира 2-9/0',
      'ул. Мира 2-9/1',
      'ул. Мира 2-10/1',
      'ул. Мира 10-1/1',
      'ул. Мира 10а-3/1',
      'ул. Мира 11-1/1',
    ]);
    expect(compareForDelivery(list[0]!, list[0]!)).toBe(0);
  });

  it('the generated town bills are printable and deterministic', () => {
    const a = sampleTownSnapshots(20);
    expect(a).toEqual(sampleTownSnapshots(20));
    for (const s of a) expect(snapshotProblems(s)).toEqual([]);
  });
});

describe('verification notices (RULES.md §10.1)', () => {
  it('meters whose verification ends within the horizon or has ended', () => {
    const [cold, day] = sampleMonthly.meters;
    // 2026-11-02 → 2026-12-10 is 38 days; 2031-05-01 is far away
    expect(verificationNotices([cold!, day!], '2026-11-02' as IsoDate, 38)).toEqual([
      'Холодное водоснабжение, прибор № ХВ-204711: срок поверки истекает 10.12.2026. Поверьте прибор заранее.',
    ]);
    expect(verificationNotices([cold!], '2026-11-02' as IsoDate, 37)).toEqual([]);
    expect(verificationNotices([cold!], '2026-12-11' as IsoDate, 30)).toEqual([
      'Холодное водоснабжение, прибор № ХВ-204711: срок поверки истёк 10.12.2026. Показания не принимаются до поверки.',
    ]);
  });
});
