/**
 * Checks a house's billing input before anything is computed, and reports every problem at once, each
 * naming its field (`accounts.12.areas.0.area`), so nothing is half-computed and the operator can fix all of
 * them in one go (DEVELOPERS principles: bad input gets a clear error naming the field).
 */
import { validationFailed, type ErrorDetail } from '../errors.js';
import { parsePeriod } from '../period.js';
import type { Dated, HouseInput } from './types.js';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function validateHouseInput(input: HouseInput): void {
  const problems: ErrorDetail[] = [];
  const bad = (field: string, problem: string): void => void problems.push({ field, problem });
  const dated = (field: string, v: Dated): void => {
    if (v.validTo !== null && v.validTo < v.validFrom)
      bad(field, `конец ${v.validTo} раньше начала ${v.validFrom}`);
  };
  try {
    parsePeriod(input.period);
  } catch {
    bad('period', `не расчётный период 'ГГГГ-ММ': ${JSON.stringify(input.period)}`);
  }
  if (input.house.totalArea.isNegative() || input.house.totalArea.isZero()) {
    bad('house.totalArea', 'общая площадь помещений дома должна быть больше 0');
  }
  if (input.house.commonArea.isNegative())
    bad('house.commonArea', 'площадь общего имущества не может быть меньше 0');
  input.tariffs.forEach((t, i) => {
    if (t.rate.isNegative()) bad(`tariffs.${i}.rate`, `тариф #${t.id} меньше 0`);
    dated(`tariffs.${i}`, t);
  });
  input.norms.forEach((n, i) => {
    if (n.value.isNegative()) bad(`norms.${i}.value`, `норматив #${n.id} меньше 0`);
    dated(`norms.${i}`, n);
  });
  input.houseServices.forEach((s, i) => dated(`houseServices.${i}`, s));
  for (const a of input.accounts) {
    const at = `accounts.${a.id}`;
    if (a.openFrom !== null && a.closedOn !== null && a.closedOn < a.openFrom) {
      bad(`${at}.closedOn`, `счёт закрыт ${a.closedOn} раньше открытия ${a.openFrom}`);
    }
    a.areas.forEach((v, i) => {
      if (v.area.isNegative() || v.area.isZero())
        bad(`${at}.areas.${i}.area`, 'площадь должна быть больше 0');
      dated(`${at}.areas.${i}`, v);
    });
    a.residents.forEach((r, i) => {
      if (!Number.isSafeInteger(r.count) || r.count < 0)
        bad(`${at}.residents.${i}.count`, `не число проживающих: ${r.count}`);
      if (r.to < r.from) bad(`${at}.residents.${i}`, `конец ${r.to} раньше начала ${r.from}`);
    });
    a.absences.forEach((x, i) => {
      if (!Number.isSafeInteger(x.persons) || x.persons < 1)
        bad(`${at}.absences.${i}.persons`, `не число отсутствующих: ${x.persons}`);
      if (x.arrival <= x.departure)
        bad(`${at}.absences.${i}`, `приезд ${x.arrival} не позже отъезда ${x.departure}`);
    });
    a.volumes.forEach((v, i) => {
      if (v.kind === 'average' && (!Number.isSafeInteger(v.periodInRow) || v.periodInRow < 1)) {
        bad(`${at}.volumes.${i}.periodInRow`, `не номер периода подряд: ${v.periodInRow}`);
      }
    });
  }
  input.flatMeters.forEach((f, i) => {
    f.accounts.forEach((x, j) => {
      if (x.weight.isNegative()) bad(`flatMeters.${i}.accounts.${j}.weight`, 'доля не может быть меньше 0');
    });
    if (f.accounts.every((x) => x.weight.isZero()))
      bad(`flatMeters.${i}.accounts`, 'все доли нулевые: объём некому начислить');
  });
  input.undersupplies.forEach((u, i) => {
    if (!TIME.test(u.start))
      bad(`undersupplies.${i}.start`, `не время 'ГГГГ-ММ-ДДTЧЧ:ММ': ${JSON.stringify(u.start)}`);
    if (!TIME.test(u.end))
      bad(`undersupplies.${i}.end`, `не время 'ГГГГ-ММ-ДДTЧЧ:ММ': ${JSON.stringify(u.end)}`);
    if (TIME.test(u.start) && TIME.test(u.end) && u.end <= u.start)
      bad(`undersupplies.${i}.end`, 'конец не позже начала');
    const d = u.detail;
    if (d.kind !== 'interruption' && !Number.isFinite(d.measured)) {
      bad(`undersupplies.${i}.detail.measured`, 'не число');
    }
    if (d.kind === 'interruption' && d.roomTemperature !== undefined && !Number.isFinite(d.roomTemperature)) {
      bad(`undersupplies.${i}.detail.roomTemperature`, 'не число');
    }
  });
  if (problems.length > 0) throw validationFailed(problems, 'Некорректные данные для начисления');
}
