/**
 * Working days from the production calendar (legal parameter `calendar.non_working_days`, one version per
 * year): a Saturday or Sunday is a day off unless the year lists it as a working day; a weekday is a day off
 * when the year lists it as a holiday (ТК ст.112, the Government's transfers). Used for the ГК ст.193 shift
 * of a due date (RULES-ADDENDUM §6). A year without a version is an error naming the year, never a guess.
 */
import type { LegalParameters } from '../billing/legal.js';
import { addDays, daysBetween, type IsoDate } from '../period.js';

const EPOCH = '1970-01-01' as IsoDate;

export type CalendarYear = { year: number; holidays: string[]; workingDays: string[] };

const CODE = 'calendar.non_working_days';

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  const days = daysBetween(EPOCH, date);
  return (((days + 4) % 7) + 7) % 7;
}

export class WorkingCalendar {
  private readonly years = new Map<number, { holidays: Set<string>; workingDays: Set<string>; id: number }>();

  constructor(private readonly legal: LegalParameters) {}

  private yearOf(date: IsoDate) {
    const year = Number(date.slice(0, 4));
    let found = this.years.get(year);
    if (!found) {
      const r = this.legal.find(CODE, date);
      const value = r ? (JSON.parse(r.value) as CalendarYear) : undefined;
      if (!r || !value || value.year !== year) {
        throw new RangeError(`Production calendar (${CODE}) has no version for ${year}`);
      }
      found = { holidays: new Set(value.holidays), workingDays: new Set(value.workingDays), id: r.id };
      this.years.set(year, found);
    }
    return found;
  }

  isDayOff(date: IsoDate): boolean {
    const y = this.yearOf(date);
    const wd = weekday(date);
    if (wd === 0 || wd === 6) return !y.workingDays.has(date);
    return y.holidays.has(date);
  }

  /** The date itself when it is a working day, otherwise the next working day (ГК ст.193). */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    for (let i = 0; i < 30 && this.isDayOff(d); i++) d = addDays(d, 1);
    return d;
  }

  /** The legal_parameter row id of the year's calendar (for the explanation). */
  sourceId(date: IsoDate): number {
    return this.yearOf(date).id;
  }
}
