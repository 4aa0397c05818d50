/**
 * Notices printed on a bill about meters whose verification interval ends soon (issue 8; RULES.md §10.1:
 * after the date the meter's readings are not accepted and the charge goes to the average, then the norm).
 */
import { compareDates, daysBetween, type IsoDate } from '../period.js';
import type { EpdMeter } from './snapshot.js';

function ruDate(d: IsoDate): string {
  return `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
}

/**
 * One notice per meter whose verification ends within `withinDays` days after `asOf`, or has ended:
 * the caller chooses the horizon (a manager's setting), the text names the meter and the date.
 */
export function verificationNotices(
  meters: readonly EpdMeter[],
  asOf: IsoDate,
  withinDays: number,
): string[] {
  const out: string[] = [];
  for (const m of meters) {
    const left = daysBetween(asOf, m.verificationDue);
    if (left > withinDays) continue;
    const what = `${m.service}, прибор № ${m.serialNumber}`;
    out.push(
      compareDates(m.verificationDue, asOf) < 0
        ? `${what}: срок поверки истёк ${ruDate(m.verificationDue)}. Показания не принимаются до поверки.`
        : `${what}: срок поверки истекает ${ruDate(m.verificationDue)}. Поверьте прибор заранее.`,
    );
  }
  return out;
}

export { ruDate };
