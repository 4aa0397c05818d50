/**
 * The residents count of an account for a billing period — what the billing engine reads: day by day, the
 * day-weighted count, and the count per service of the house after accepted absences (RULES.md §4.2).
 * The engine may also call the pure functions (domain/residents/residents-count.ts) with rows it loaded.
 */
import { selectHouseServices, selectServices } from '../../db/registry/services.js';
import * as db from '../../db/residents/registrations.js';
import { firstDay, parsePeriod } from '../../domain/period.js';
import type { AbsenceElectricitySetting } from '../../domain/residents/absence.js';
import { formatFraction, fractionToDecimal } from '../../domain/residents/fraction.js';
import {
  residentsForService,
  residentsInPeriod,
  type AbsenceSpan,
  type CountPiece,
} from '../../domain/residents/residents-count.js';
import { DomainError } from '../../domain/errors.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { legalParameterAt } from '../registry/legal-parameters.js';

export type ServiceResidents = {
  serviceCode: string;
  serviceName: string;
  reducedByAbsence: boolean;
  absentDays: number;
  personDays: number;
  /** Exact fraction "74/30" reduced ("37/15"), and its value to 6 places for reading. */
  count: string;
  countDecimal: string;
};

export type AccountResidentsCount = {
  accountId: number;
  period: string;
  daysInPeriod: number;
  personDays: number;
  count: string;
  countDecimal: string;
  pieces: CountPiece[];
  services: ServiceResidents[];
  /** How it was computed, with its rule. */
  explanation: string;
};

export async function accountResidentsCount(
  ctx: Ctx,
  accountId: number,
  periodText: string,
): Promise<AccountResidentsCount> {
  requirePermission(ctx.actor, 'residents.read');
  const period = parsePeriod(periodText);
  const account = await requireAccount(ctx, accountId);
  const registrations = await db.selectAccountRegistrations(ctx.db, accountId);
  const absences: AbsenceSpan[] = (await db.selectAbsences(ctx.db, { accountId })).map((a) => ({
    personId: a.personId,
    departedOn: a.departedOn,
    returnedOn: a.returnedOn,
    accepted: a.status === 'accepted',
  }));
  const base = residentsInPeriod(registrations, period);
  const setting = await legalParameterAt(ctx.db, 'temporary_absence.electricity', firstDay(period));
  if (!setting) throw new DomainError('internal', 'Нет параметра temporary_absence.electricity');
  const electricity = JSON.parse(setting.value) as AbsenceElectricitySetting;
  const catalogue = new Map((await selectServices(ctx.db)).map((s) => [s.id, s]));
  const seen = new Set<number>();
  const services: ServiceResidents[] = [];
  for (const hs of await selectHouseServices(ctx.db, account.house.id)) {
    if (
      seen.has(hs.serviceId) ||
      hs.validFrom > base.pieces.at(-1)!.to ||
      (hs.validTo !== null && hs.validTo < firstDay(period))
    )
      continue;
    seen.add(hs.serviceId);
    const s = catalogue.get(hs.serviceId)!;
    const c = residentsForService(
      registrations,
      absences,
      period,
      {
        resource: s.resource,
        isCommonNeeds: hs.method.startsWith('common_needs'),
        forHeating: s.resource === 'heating',
      },
      electricity,
    );
    services.push({
      serviceCode: hs.serviceCode,
      serviceName: hs.serviceName,
      reducedByAbsence: c.reducedByAbsence,
      absentDays: c.absentDays,
      personDays: c.personDays,
      count: formatFraction(c.count),
      countDecimal: fractionToDecimal(c.count, 6).toString(),
    });
  }
  return {
    accountId,
    period,
    daysInPeriod: base.daysInPeriod,
    personDays: base.personDays,
    count: formatFraction(base.count),
    countDecimal: fractionToDecimal(base.count, 6).toString(),
    pieces: base.pieces,
    services,
    explanation:
      `Σ человеко-дней ${base.personDays} / ${base.daysInPeriod} дн. = ${formatFraction(base.count)}; ` +
      'временное отсутствие уменьшает человеко-дни услуг, кроме отопления и ОДН (RULES.md §4)',
  };
}
