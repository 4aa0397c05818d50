/**
 * Registrations of persons at premises (registration office, «паспортный учёт»), and the rule for overlaps.
 *
 * A registration is effective-dated: from `validFrom` (the day of registration) to `validTo` (the last day
 * the person is registered, included; null = open). A deregistration on day D ends it at D − 1: on the day of
 * deregistration the person is no longer registered there.
 *
 * Overlap rule (documented in docs/residents.md):
 * - a person has at most ONE permanent registration (по месту жительства) on any day;
 * - a person has at most ONE temporary registration (по месту пребывания) on any day;
 * - a temporary registration may coexist with a permanent one ELSEWHERE, never at the same premise
 *   (one cannot stay temporarily where one lives permanently).
 */
import type { ErrorDetail } from '../errors.js';
import type { IsoDate } from '../period.js';
import { overlaps } from '../registry/effective.js';

export const registrationKinds = ['permanent', 'temporary'] as const;
export type RegistrationKind = (typeof registrationKinds)[number];

export type RegistrationSpan = {
  id: number;
  personId: number;
  premiseId: number;
  accountId: number;
  kind: RegistrationKind;
  validFrom: IsoDate;
  validTo: IsoDate | null;
};

const kindName: Record<RegistrationKind, string> = {
  permanent: 'по месту жительства',
  temporary: 'по месту пребывания',
};

const span = (r: { validFrom: IsoDate; validTo: IsoDate | null }) =>
  `с ${r.validFrom}${r.validTo ? ` по ${r.validTo}` : ''}`;

/**
 * Why `candidate` cannot stand beside the person's `existing` registrations (ignoring one with the
 * candidate's own id, so a changed registration is checked against the others); empty when it can.
 */
export function registrationConflicts(
  existing: readonly RegistrationSpan[],
  candidate: RegistrationSpan,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (candidate.validTo !== null && candidate.validTo < candidate.validFrom) {
    problems.push({ field: 'validTo', problem: 'окончание регистрации раньше её начала' });
  }
  if (candidate.kind === 'temporary' && candidate.validTo === null) {
    problems.push({
      field: 'validTo',
      problem: 'регистрация по месту пребывания — на срок: укажите дату окончания',
    });
  }
  if (problems.length > 0) return problems;
  for (const other of existing) {
    if (other.id === candidate.id || other.personId !== candidate.personId || !overlaps(other, candidate))
      continue;
    if (other.kind === candidate.kind) {
      problems.push({
        field: 'validFrom',
        problem: `у человека уже есть регистрация ${kindName[other.kind]} ${span(other)} (№ ${other.id})`,
      });
    } else if (other.premiseId === candidate.premiseId) {
      problems.push({
        field: 'premiseId',
        problem: `в этом помещении человек уже зарегистрирован ${kindName[other.kind]} ${span(other)} (№ ${other.id})`,
      });
    }
  }
  return problems;
}
