/**
 * ПП № 253 п.6 against recorded transfers (docs/finance.md "Recorded transfers"). Due dates from the
 * production calendar of the catalogue (`calendar.non_working_days` 2026: 04.11 and 11.05 are holidays),
 * checked by hand against a wall calendar of 2026 (07.11.2026 is a Saturday).
 */
import { describe, expect, it } from 'vitest';
import { kop } from '../money.js';
import type { IsoDate } from '../period.js';
import { WorkingCalendar } from './calendar.js';
import { catalogueLegal } from './catalogue-legal.js';
import { transferDue } from './remittance.js';
import { dayTransferStatus, type RecordedTransfer } from './transfer-status.js';

const d = (s: string) => s as IsoDate;
const calendar = new WorkingCalendar(catalogueLegal());
const t = (id: number, amountKop: number, on: string, reversed = false): RecordedTransfer => ({
  id,
  amountKop,
  transferredOn: d(on),
  reversed,
});

describe('due dates across days off (ПП № 253 п.6: the working day after receipt)', () => {
  it.each([
    // Friday 06.11 → Sat 07, Sun 08 off → Monday 09.11
    ['2026-11-06', '2026-11-09'],
    // Tuesday 03.11 → Wednesday 04.11 is a holiday (День народного единства) → Thursday 05.11
    ['2026-11-03', '2026-11-05'],
    // Friday 08.05 → Sat 09, Sun 10, Monday 11.05 (transferred holiday) → Tuesday 12.05
    ['2026-05-08', '2026-05-12'],
    // Monday 02.11 → Tuesday 03.11 (an ordinary working day)
    ['2026-11-02', '2026-11-03'],
  ])('received %s → due %s', (received, due) => {
    expect(transferDue(d(received), calendar)).toBe(due);
  });
});

describe('dayTransferStatus', () => {
  const due = transferDue(d('2026-11-06'), calendar); // Monday 09.11.2026

  it('transferred on the Monday after a Friday: on time; on the Tuesday: late by one day', () => {
    expect(dayTransferStatus(kop(85_500), [t(1, 85_500, '2026-11-09')], due, d('2026-11-20'))).toEqual({
      transferredKop: 85_500,
      remainingKop: 0,
      transferredOn: '2026-11-09',
      state: 'on_time',
      daysLate: 0,
    });
    expect(dayTransferStatus(kop(85_500), [t(1, 85_500, '2026-11-10')], due, d('2026-11-20'))).toMatchObject({
      transferredOn: '2026-11-10',
      state: 'late',
      daysLate: 1,
    });
  });

  it('the holiday of 04.11: received 03.11, transferred 05.11 on time, 06.11 late by 1', () => {
    const due2 = transferDue(d('2026-11-03'), calendar);
    expect(dayTransferStatus(kop(100), [t(1, 100, '2026-11-05')], due2, d('2026-11-30')).state).toBe(
      'on_time',
    );
    expect(dayTransferStatus(kop(100), [t(1, 100, '2026-11-06')], due2, d('2026-11-30'))).toMatchObject({
      state: 'late',
      daysLate: 1,
    });
  });

  it('nothing transferred: pending up to the due day, overdue the day after', () => {
    expect(dayTransferStatus(kop(500), [], due, d('2026-11-09'))).toMatchObject({
      state: 'pending',
      remainingKop: 500,
    });
    expect(dayTransferStatus(kop(500), [], due, d('2026-11-10'))).toMatchObject({
      state: 'overdue',
      remainingKop: 500,
      transferredOn: null,
    });
  });

  it('in parts: covered the day the sum reaches the amount (300 on 09.11 + 200 on 11.11 → late by 2)', () => {
    const r = dayTransferStatus(
      kop(500),
      [t(2, 200, '2026-11-11'), t(1, 300, '2026-11-09')],
      due,
      d('2026-11-20'),
    );
    expect(r).toMatchObject({
      transferredKop: 500,
      remainingKop: 0,
      transferredOn: '2026-11-11',
      state: 'late',
      daysLate: 2,
    });
    // only the first part: 200 still owed, overdue after the Monday
    expect(dayTransferStatus(kop(500), [t(1, 300, '2026-11-09')], due, d('2026-11-10'))).toMatchObject({
      transferredKop: 300,
      remainingKop: 200,
      state: 'overdue',
    });
  });

  it('a reversed transfer no longer counts; the correct one made later decides the state', () => {
    const r = dayTransferStatus(
      kop(500),
      [t(1, 500, '2026-11-09', true), t(3, 500, '2026-11-12')],
      due,
      d('2026-11-20'),
    );
    expect(r).toMatchObject({ transferredKop: 500, transferredOn: '2026-11-12', state: 'late', daysLate: 3 });
  });

  it('nothing to transfer (reversals outweigh the day): state nothing', () => {
    expect(dayTransferStatus(kop(-1_000), [], due, d('2026-11-20'))).toEqual({
      transferredKop: 0,
      remainingKop: 0,
      transferredOn: null,
      state: 'nothing',
      daysLate: null,
    });
  });
});
