/**
 * The due date printed on a bill (RULES-ADDENDUM §6, RULES.md §6.2): the `dueDay` of the month after the
 * billed one (legal parameter `penalty.due_day`: 10, then 15 from period 2026-02), moved to the next
 * working day when it falls on a Saturday or Sunday and `weekendShift` is on (`penalty.due_date_weekend_shift`,
 * ГК ст.193). Only weekends are shifted here: holidays and the government's transfers of days off are a
 * production calendar this code base does not hold yet (none of them falls on a 10th or a 15th in the
 * fixed ТК ст.112 list, but a transfer could).
 */
import { addDays, daysBetween, firstDay, nextPeriod, type BillingPeriod, type IsoDate } from '../period.js';

const EPOCH = '1970-01-01' as IsoDate; // a Thursday

/** 0 = Monday … 6 = Sunday. */
export function weekday(date: IsoDate): number {
  const days = daysBetween(EPOCH, date);
  return (((days + 3) % 7) + 7) % 7;
}

export function epdDueDate(period: BillingPeriod, dueDay: number, weekendShift: boolean): IsoDate {
  if (!Number.isSafeInteger(dueDay) || dueDay < 1 || dueDay > 28)
    throw new RangeError(`dueDay 1..28, got ${dueDay}`);
  let due = addDays(firstDay(nextPeriod(period)), dueDay - 1);
  if (weekendShift) while (weekday(due) >= 5) due = addDays(due, 1);
  return due;
}
