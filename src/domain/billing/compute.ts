/**
 * The billing core's entry point: one house × one billing period (plus plain inputs) → charge lines.
 * Pure and deterministic: the same input gives the same lines in the same order (docs/billing.md).
 */
import { validationFailed } from '../errors.js';
import { sumKopecks, type Kopecks } from '../money.js';
import { absenceApplies, chargeAbsence } from './absence.js';
import { chargeCommonNeeds } from './common-needs.js';
import { makeContext } from './context.js';
import { heatingCorrection } from './heating-correction.js';
import { chargeSpan, type ServiceSpan } from './individual.js';
import { LineBuilder } from './line-builder.js';
import { qualityReductions } from './quality.js';
import { intersect, windowIn } from './segments.js';
import { validateHouseInput } from './validate.js';
import type { ChargeLine, HouseInput, HouseServiceVersion, LineKind } from './types.js';

const COMMON_NEEDS = new Set(['common_needs_by_norm', 'common_needs_by_common_meter']);
const KIND_ORDER: Record<LineKind, number> = { charge: 0, absence: 1, reduction: 2, heating_correction: 3 };

export function computeHouse(given: HouseInput): ChargeLine[] {
  // One canonical order, so the result (and who gets a tied kopeck) never depends on how rows were loaded.
  validateHouseInput(given);
  const input: HouseInput = { ...given, accounts: [...given.accounts].sort((a, b) => a.id - b.id) };
  const ctx = makeContext(input);
  const byService = new Map<number, HouseServiceVersion[]>();
  for (const hs of input.houseServices)
    byService.set(hs.serviceId, [...(byService.get(hs.serviceId) ?? []), hs]);

  const b = new LineBuilder(input.period);
  const seen = new Set<number>();
  for (const account of input.accounts) {
    if (seen.has(account.id))
      throw validationFailed([{ field: `accounts.${account.id}`, problem: 'лицевой счёт указан дважды' }]);
    seen.add(account.id);
    const window = windowIn(input.period, account.openFrom, account.closedOn);
    if (!window) continue;
    for (const versions of byService.values()) {
      for (const hs of versions) {
        if (COMMON_NEEDS.has(hs.method)) continue;
        const range = intersect(window, { from: hs.validFrom, to: hs.validTo });
        if (!range) continue;
        const span: ServiceSpan = {
          account,
          serviceId: hs.serviceId,
          supplierId: hs.supplierId,
          method: hs.method,
          range,
          accountDays: window,
        };
        chargeSpan(ctx, b, span);
        if (absenceApplies(ctx, span)) chargeAbsence(ctx, b, span);
      }
    }
  }
  const lines = b.lines();
  for (const [serviceId, versions] of byService) {
    if (versions.some((v) => COMMON_NEEDS.has(v.method)))
      lines.push(...chargeCommonNeeds(ctx, serviceId, versions));
  }
  lines.push(...qualityReductions(ctx, lines), ...heatingCorrection(ctx));
  return sortLines(lines);
}

/**
 * The lines in compareLines order, cheaply: a stable sort by account alone (the lines come as a few runs already
 * in account order — per account, then each common-needs service — which the sort merges), then each account's
 * few lines put in order by insertion (usually already in order: one comparison a line).
 */
function sortLines(lines: ChargeLine[]): ChargeLine[] {
  lines.sort((a, b) => a.accountId - b.accountId);
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    let j = i - 1;
    while (j >= 0 && lines[j]!.accountId === l.accountId && compareLines(lines[j]!, l) > 0) {
      lines[j + 1] = lines[j]!;
      j--;
    }
    lines[j + 1] = l;
  }
  return lines;
}

function compareLines(a: ChargeLine, b: ChargeLine): number {
  return (
    a.accountId - b.accountId ||
    a.serviceId - b.serviceId ||
    a.supplierId - b.supplierId ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    cmpText(a.explanation.pieces[0]?.from ?? '', b.explanation.pieces[0]?.from ?? '') ||
    (a.tariffId ?? 0) - (b.tariffId ?? 0) ||
    cmpText(a.zone ?? '', b.zone ?? '')
  );
}

/** Each account's total: the exact sum of its lines (nothing is rounded again). */
export function accountTotals(lines: readonly ChargeLine[]): Map<number, Kopecks> {
  const by = new Map<number, Kopecks[]>();
  for (const l of lines) by.set(l.accountId, [...(by.get(l.accountId) ?? []), l.amount]);
  return new Map([...by].map(([id, list]) => [id, sumKopecks(list)]));
}

/** Code-unit order (dates and zone codes are ASCII); localeCompare would be slower and locale-bound. */
const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
