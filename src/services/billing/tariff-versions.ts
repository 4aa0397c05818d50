/**
 * The tariff versions a house's lines use in a period: the registry's precedence (chooseTariffs: a house
 * list over a city over the region, per zone) applied day by day, as versions clipped to the period. A house
 * tariff from the 15th over a region tariff gives two versions — the region's to the 14th, the house's from
 * the 15th — so the core cuts the month there (RULES.md preamble, pro rata by days).
 */
import { Decimal } from '../../domain/decimal.js';
import {
  addDays,
  compareDates,
  firstDay,
  lastDay,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import type { TariffVersion, TariffZone } from '../../domain/billing/types.js';
import { chooseTariffs } from '../registry/tariffs.js';

export type TariffCandidate = {
  id: number;
  serviceId: number;
  supplierId: number;
  zone: TariffZone;
  rate: string;
  city: string | null;
  houseIds: number[];
  validFrom: string;
  validTo: string | null;
};

const covers = (t: TariffCandidate, day: IsoDate) =>
  t.validFrom <= day && (t.validTo === null || t.validTo >= day);

/** For each (service, supplier), the chosen versions over the period (clipped, adjacent days merged). */
export function tariffsOverPeriod(
  candidates: readonly TariffCandidate[],
  period: BillingPeriod,
): TariffVersion[] {
  const start = firstDay(period);
  const end = lastDay(period);
  const groups = new Map<string, TariffCandidate[]>();
  for (const c of candidates) {
    const key = `${c.serviceId}|${c.supplierId}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: TariffVersion[] = [];
  for (const list of groups.values()) {
    // the days where the choice can change: the period start, each start and each day after an end inside it
    const cuts = new Set<IsoDate>([start]);
    for (const c of list) {
      if (c.validFrom > start && c.validFrom <= end) cuts.add(c.validFrom as IsoDate);
      if (c.validTo !== null && c.validTo >= start && c.validTo < end)
        cuts.add(addDays(c.validTo as IsoDate, 1));
    }
    const days = [...cuts].sort(compareDates);
    const open = new Map<number, TariffVersion>();
    for (const [i, from] of days.entries()) {
      const to = i + 1 < days.length ? addDays(days[i + 1]!, -1) : end;
      const chosen = chooseTariffs(list.filter((c) => covers(c, from)))?.tariffs ?? [];
      for (const t of chosen) {
        const prev = open.get(t.id);
        if (prev && addDays(prev.validTo!, 1) === from) {
          prev.validTo = to;
          continue;
        }
        const v: TariffVersion = {
          id: t.id,
          serviceId: t.serviceId,
          supplierId: t.supplierId,
          zone: t.zone,
          rate: Decimal.parse(t.rate),
          validFrom: from,
          validTo: to,
        };
        open.set(t.id, v);
        out.push(v);
      }
    }
  }
  return out;
}
