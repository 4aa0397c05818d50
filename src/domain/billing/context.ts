/** What every part of the core needs about the house and period, indexed once per house. */
import { validationFailed } from '../errors.js';
import { versionAt } from '../registry/effective.js';
import { daysInPeriod, firstDay, type BillingPeriod, type IsoDate } from '../period.js';
import { LegalParameters } from './legal.js';
import type {
  AccountInput,
  AreaVersion,
  HouseInput,
  NormVersion,
  ServiceInfo,
  TariffVersion,
  TariffZone,
} from './types.js';

export type BillingContext = {
  input: HouseInput;
  period: BillingPeriod;
  daysInPeriod: number;
  start: IsoDate;
  legal: LegalParameters;
  service: (id: number) => ServiceInfo;
  tariffsOf: (serviceId: number, supplierId: number) => TariffVersion[];
  tariffAt: (serviceId: number, supplierId: number, zone: TariffZone, date: IsoDate) => TariffVersion;
  normsOf: (serviceId: number) => NormVersion[];
  normAt: (serviceId: number, category: string | null, date: IsoDate) => NormVersion;
};

export function makeContext(input: HouseInput): BillingContext {
  const services = new Map(input.services.map((s) => [s.id, s]));
  const tariffs = new Map<string, TariffVersion[]>();
  for (const t of input.tariffs) {
    const k = `${t.serviceId}|${t.supplierId}`;
    tariffs.set(k, [...(tariffs.get(k) ?? []), t]);
  }
  const norms = new Map<number, NormVersion[]>();
  for (const n of input.norms) norms.set(n.serviceId, [...(norms.get(n.serviceId) ?? []), n]);
  if (input.house.totalArea.isNegative() || input.house.totalArea.isZero()) {
    throw validationFailed([
      { field: 'house.totalArea', problem: 'общая площадь дома должна быть больше 0' },
    ]);
  }

  const service = (id: number): ServiceInfo => {
    const s = services.get(id);
    if (!s) throw validationFailed([{ field: 'services', problem: `нет услуги #${id}` }]);
    return s;
  };
  const byZone = new Map<string, TariffVersion[]>();
  const tariffsOf = (serviceId: number, supplierId: number): TariffVersion[] =>
    tariffs.get(`${serviceId}|${supplierId}`) ?? [];
  return {
    input,
    period: input.period,
    daysInPeriod: daysInPeriod(input.period),
    start: firstDay(input.period),
    legal: new LegalParameters(input.legal),
    service,
    tariffsOf,
    tariffAt(serviceId, supplierId, zone, date) {
      const key = `${serviceId}|${supplierId}|${zone}`;
      let list = byZone.get(key);
      if (!list) {
        list = tariffsOf(serviceId, supplierId).filter((t) => t.zone === zone);
        byZone.set(key, list);
      }
      const found = versionAt(list, date);
      if (!found) {
        const problem = `нет тарифа: услуга «${service(serviceId).name}», поставщик #${supplierId}, зона ${zone}, на ${date}`;
        throw validationFailed([{ field: 'tariffs', problem }]);
      }
      return found;
    },
    normsOf: (serviceId) => norms.get(serviceId) ?? [],
    normAt(serviceId, category, date) {
      const list = norms.get(serviceId) ?? [];
      const found =
        versionAt(
          list.filter((n) => n.category === category),
          date,
        ) ??
        versionAt(
          list.filter((n) => n.category === null),
          date,
        );
      if (!found) {
        const problem = `нет норматива: услуга «${service(serviceId).name}», категория ${category ?? '—'}, на ${date}`;
        throw validationFailed([{ field: 'norms', problem }]);
      }
      return found;
    },
  };
}

/** The account's area on a date; a validation error names the account when none is in force. */
export function areaAt(account: AccountInput, date: IsoDate): AreaVersion {
  const found = versionAt(account.areas, date);
  if (!found) {
    throw validationFailed([{ field: `accounts.${account.id}.areas`, problem: `нет площади на ${date}` }]);
  }
  return found;
}

/** The residents count on a date (0 when no range covers it) and its source. */
export function residentsAt(account: AccountInput, date: IsoDate): { count: number; source: string } {
  for (const r of account.residents) {
    if (r.from <= date && date <= r.to) return { count: r.count, source: r.source };
  }
  return { count: 0, source: 'нет проживающих' };
}
