/**
 * Building an ЕПД snapshot from what the database holds (issue 8 part 2; docs/epd.md "Building from the
 * database"): the services layer loads the account, its charge lines with their explanations, the turnover
 * figures, penalties, meters and requisites; this pure function turns them into the snapshot printed
 * (RULES.md §8.1, Rules 354 п.69; the model form 43/пр by section titles, RULES-ADDENDUM §5).
 *
 * Lines. One row per service × supplier × tariff × zone of the period's own charges (a mid-month tariff
 * change prints two rows, each with its tariff); КР на СОИ (methods `common_needs_*`) are their own rows
 * with the volume in the common-needs column, in the housing group (RULES-ADDENDUM §5). Of a service's lines
 * of the period (docs/billing.md "Lines"):
 * - `charge` originals are «Начислено» (volume and tariff printed);
 * - `reduction` originals (quality, RULES.md §5, App.1 of Rules 354) are «Льготы, снижение» as a
 *   non-negative amount subtracted;
 * - `absence` (RULES.md §4, п.86) and `heating_correction` (RULES.md §3) originals, and every recalculation
 *   line (origin `recalculation`: a closed period corrected, with its cause) are «Перерасчёты», each with its
 *   reason in «Сведения о перерасчётах» (п.69 «к»).
 * The increasing coefficient (п.69 «к(1)», RULES.md §1.2) is read from the line's explanation input
 * «повышающий коэффициент»; the excess is the part of the charge the coefficient added:
 * amount − round_half_up(amount / K) per line (the coefficient applies to money, not volume: RULES-ADDENDUM §2).
 *
 * Money: the figures come whole from the lines (each already rounded once); nothing here rounds a charge.
 * The total is opening − payments + months × Σ line totals + penalty (the validator's rule, snapshot.ts).
 */
import { Decimal } from '../decimal.js';
import type { Kopecks } from '../money.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import { verificationNotices } from './notices.js';
import type {
  EpdKind,
  EpdLineGroup,
  EpdMeter,
  EpdOrganisation,
  EpdPayer,
  EpdRecalculation,
  EpdServiceLine,
  EpdSnapshot,
  QrPaymPeriodFormat,
} from './snapshot.js';
import { epdLineGroups } from './snapshot.js';

/** A charge line as the billing module gives it (services/billing/charges.ts), with its service. */
export type EpdSourceLine = {
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  /** The catalogue's kind: housing (maintenance, capital repair) or utility. */
  serviceKind: 'housing' | 'utility';
  supplierId: number;
  lineKind: 'charge' | 'absence' | 'reduction' | 'heating_correction';
  method: string;
  origin: 'original' | 'recalculation';
  /** The closed period a recalculation corrects. */
  correctsPeriod: string | null;
  /** The cause of a recalculation (the recalculation request's reason), null when a run recalculated. */
  cause: string | null;
  volume: string | null;
  unit: string;
  tariff: string | null;
  zone: string | null;
  amountKop: number;
  /** The increasing coefficient named in the line's explanation, decimal text, or null. */
  increasingCoefficient: string | null;
};

export type EpdAccountFacts = Pick<
  EpdSnapshot,
  'accountNumber' | 'payer' | 'address' | 'area' | 'registeredResidents' | 'temporaryResidents'
>;

export type EpdBuildInput = {
  kind: EpdKind;
  /** monthly: the billed month; debt: the month of the date; advance: the first month ahead. */
  period: BillingPeriod;
  months: number;
  documentNumber: string;
  issuedAt: string;
  account: EpdAccountFacts;
  /** The manager of the house, its organisation id. */
  managerId: number;
  /** Requisites by organisation id: the manager and every supplier of a line. */
  organisations: ReadonlyMap<number, EpdOrganisation>;
  recipient: EpdOrganisation;
  /** The lines printed: the period's lines (monthly) or the base month's charges (advance); none for debt. */
  lines: readonly EpdSourceLine[];
  openingBalanceKop: number;
  paymentsKop: number;
  paymentsUpTo: IsoDate;
  lastPaymentDate: IsoDate | null;
  penaltyKop: number;
  dueDate: IsoDate;
  meters: readonly EpdMeter[];
  readingsDeadline: IsoDate | null;
  /** Verification ending within this many days of `noticeDate` gets a notice. */
  verificationNoticeDays: number;
  noticeDate: IsoDate;
  notices: readonly string[];
  qrPaymPeriodFormat: QrPaymPeriodFormat;
};

const k = (n: number) => n as Kopecks;

/** The short «Порядок расчёта» label of a line method (docs/billing.md methods). */
export function methodLabel(method: string): string {
  switch (method) {
    case 'by_meter':
      return 'ИПУ';
    case 'by_average':
      return 'среднее';
    case 'by_norm':
    case 'by_norm_after_average':
    case 'heating_by_norm':
    case 'common_needs_by_norm':
      return 'норматив';
    case 'heating_by_common_meter':
    case 'common_needs_by_common_meter':
      return 'ОДПУ';
    case 'by_flat_meter':
      return 'общий ПУ кв.';
    case 'by_area':
      return 'площадь';
    case 'per_person':
      return 'на человека';
    case 'fixed':
      return 'фиксир.';
    default:
      return method;
  }
}

const ZONES: Record<string, string> = { day: 'день', night: 'ночь', peak: 'пик', semi_peak: 'полупик' };

const isCommonNeeds = (l: EpdSourceLine) => l.method.startsWith('common_needs');

function groupOf(l: EpdSourceLine): EpdLineGroup {
  if (l.serviceCode === 'capital_repair') return 'capital_repair';
  if (isCommonNeeds(l) || l.serviceKind === 'housing') return 'housing';
  return 'utilities';
}

/** «10.2026» */
const mmYyyy = (p: string) => `${p.slice(5, 7)}.${p.slice(0, 4)}`;

/** Why a line is in «Перерасчёты» (п.69 «к»): the cause and the period it corrects. */
export function recalculationReason(l: EpdSourceLine): string {
  if (l.origin === 'recalculation') {
    const cause = l.cause ?? 'повторный расчёт после изменения исходных данных';
    return `${cause} (за ${mmYyyy(l.correctsPeriod ?? '')})`;
  }
  if (l.lineKind === 'absence') return 'временное отсутствие потребителя (п.86 Правил 354)';
  if (l.lineKind === 'heating_correction') return 'корректировка платы за отопление (п.42(1) Правил 354)';
  return 'перерасчёт';
}

const isRecalculation = (l: EpdSourceLine) =>
  l.origin === 'recalculation' || l.lineKind === 'absence' || l.lineKind === 'heating_correction';

/** The part of a charge the coefficient K added: amount − round_half_up(amount / K). */
export function coefficientExcess(amountKop: number, coefficient: string): number {
  const kd = Decimal.parse(coefficient);
  if (kd.cmp(Decimal.ONE) <= 0) return 0;
  const base = Decimal.fromInt(amountKop).div(kd, 0, 'half-up');
  return amountKop - Number(base.unitsAt(0));
}

function sumVolumes(lines: readonly EpdSourceLine[]): string | null {
  const vs = lines.filter((l) => l.volume !== null).map((l) => Decimal.parse(l.volume!));
  if (vs.length === 0) return null;
  return Decimal.sum(vs).toString();
}

type Bucket = {
  group: EpdLineGroup;
  serviceId: number;
  service: string;
  commonNeeds: boolean;
  supplierId: number;
  unit: string;
  charges: Map<string, EpdSourceLine[]>;
  recalculations: EpdSourceLine[];
  reductions: EpdSourceLine[];
};

/** The rows of «Расчёт размера платы» and the reasons of «Сведения о перерасчётах». */
export function buildLines(
  source: readonly EpdSourceLine[],
  providerCode: (supplierId: number) => string,
): { lines: EpdServiceLine[]; recalculations: EpdRecalculation[] } {
  const buckets = new Map<string, Bucket>();
  for (const l of source) {
    const key = `${l.serviceId}/${l.supplierId}/${isCommonNeeds(l) ? 1 : 0}`;
    let b = buckets.get(key);
    if (!b) {
      b = {
        group: groupOf(l),
        serviceId: l.serviceId,
        service: l.serviceName,
        commonNeeds: isCommonNeeds(l),
        supplierId: l.supplierId,
        unit: l.unit,
        charges: new Map(),
        recalculations: [],
        reductions: [],
      };
      buckets.set(key, b);
    }
    if (isRecalculation(l)) b.recalculations.push(l);
    else if (l.lineKind === 'reduction') b.reductions.push(l);
    else {
      const row = `${l.tariff ?? ''}/${l.zone ?? ''}/${l.method}`;
      b.charges.set(row, [...(b.charges.get(row) ?? []), l]);
    }
  }
  const ordered = [...buckets.values()].sort(
    (a, b) =>
      epdLineGroups.indexOf(a.group) - epdLineGroups.indexOf(b.group) ||
      Number(a.commonNeeds) - Number(b.commonNeeds) ||
      a.serviceId - b.serviceId ||
      a.supplierId - b.supplierId,
  );
  const lines: EpdServiceLine[] = [];
  const recalculations: EpdRecalculation[] = [];
  for (const b of ordered) {
    const recalculationKop = b.recalculations.reduce((s, l) => s + l.amountKop, 0);
    // a reduction is printed as a non-negative amount subtracted; a reversed one (net > 0) is a recalculation
    const reductionNet = -b.reductions.reduce((s, l) => s + l.amountKop, 0);
    const reductionKop = Math.max(0, reductionNet);
    const extraRecalc = reductionNet < 0 ? -reductionNet : 0;
    const rows = [...b.charges.values()];
    if (rows.length === 0) rows.push([]);
    rows.forEach((ls, i) => {
      const first = i === 0;
      const chargedKop = ls.reduce((s, l) => s + l.amountKop, 0);
      const withK = ls.filter((l) => l.increasingCoefficient !== null);
      const head = ls[0];
      const zone = head?.zone && ZONES[head.zone] ? ` (${ZONES[head.zone]})` : '';
      const recalc = first ? recalculationKop + extraRecalc : 0;
      const reduction = first ? reductionKop : 0;
      lines.push({
        group: b.group,
        service: `${b.service}${zone}`,
        commonNeeds: b.commonNeeds,
        provider: providerCode(b.supplierId),
        unit: head?.unit ?? b.unit,
        volume: sumVolumes(ls),
        method: head ? methodLabel(head.method) : '—',
        tariff: head?.tariff ?? '0',
        chargedKop: k(chargedKop),
        increasingCoefficient:
          withK.length > 0
            ? {
                coefficient: withK[0]!.increasingCoefficient!,
                excessKop: k(
                  withK.reduce((s, l) => s + coefficientExcess(l.amountKop, l.increasingCoefficient!), 0),
                ),
              }
            : null,
        recalculationKop: k(recalc),
        reductionKop: k(reduction),
        totalKop: k(chargedKop + recalc - reduction),
      });
      if (!first) return;
      // reasons are printed under the row's own service name (the validator matches them by name)
      const service = `${b.service}${zone}`;
      const byReason = new Map<string, number>();
      for (const l of b.recalculations) {
        const reason = recalculationReason(l);
        byReason.set(reason, (byReason.get(reason) ?? 0) + l.amountKop);
      }
      if (extraRecalc !== 0)
        byReason.set('отмена снижения платы за качество (прил.1 Правил 354)', extraRecalc);
      for (const [reason, amount] of byReason) recalculations.push({ service, reason, amountKop: k(amount) });
    });
  }
  return { lines, recalculations };
}

/** The organisation's code as the lines refer to it. */
export const providerCodeOf = (organisationId: number) => `org${organisationId}`;

/** The snapshot of one document. Throws RangeError when an organisation of a line has no requisites loaded. */
export function buildSnapshot(input: EpdBuildInput): EpdSnapshot {
  const orgOf = (id: number): EpdOrganisation => {
    const o = input.organisations.get(id);
    if (!o) throw new RangeError(`no requisites of organisation #${id}`);
    return { ...o, code: providerCodeOf(id) };
  };
  const manager = orgOf(input.managerId);
  const { lines, recalculations } = buildLines(input.lines, providerCodeOf);
  const supplierIds = [...new Set(input.lines.map((l) => l.supplierId))]
    .filter((id) => id !== input.managerId)
    .sort((a, b) => a - b);
  const snapshot: EpdSnapshot = {
    kind: input.kind,
    documentNumber: input.documentNumber,
    issuedAt: input.issuedAt,
    period: input.period,
    months: input.months,
    accountNumber: input.account.accountNumber,
    payer: input.account.payer,
    address: input.account.address,
    area: input.account.area,
    registeredResidents: input.account.registeredResidents,
    temporaryResidents: input.account.temporaryResidents,
    manager,
    suppliers: supplierIds.map(orgOf),
    recipient: input.recipient,
    lines,
    recalculations,
    openingBalanceKop: k(input.openingBalanceKop),
    paymentsKop: k(input.paymentsKop),
    paymentsUpTo: input.paymentsUpTo,
    lastPaymentDate: input.lastPaymentDate,
    penaltyKop: k(input.penaltyKop),
    totalToPayKop: k(0),
    dueDate: input.dueDate,
    meters: [...input.meters],
    readingsDeadline: input.meters.length > 0 ? input.readingsDeadline : null,
    notices: [
      ...input.notices,
      ...verificationNotices(input.meters, input.noticeDate, input.verificationNoticeDays),
    ],
    qrPaymPeriodFormat: input.qrPaymPeriodFormat,
  };
  const periodSum = lines.reduce((s, l) => s + l.totalKop, 0);
  snapshot.totalToPayKop = k(
    input.openingBalanceKop - input.paymentsKop + input.months * periodSum + input.penaltyKop,
  );
  return snapshot;
}

/** The advance bill's lines: the base month's own charges only (no recalculation, reduction or one-off). */
export function advanceLines(base: readonly EpdSourceLine[]): EpdSourceLine[] {
  return base.filter((l) => l.origin === 'original' && l.lineKind === 'charge');
}

/**
 * The payer's name parts: a person's «Фамилия Имя Отчество» split at spaces (a fourth word stays in the
 * patronymic: «оглы», «кызы»); an organisation's name whole as the last name (QR `LastName`).
 */
export function payerOf(kind: 'person' | 'organisation', name: string): EpdPayer {
  const words = name.trim().split(/\s+/);
  if (kind === 'organisation' || words.length < 2)
    return { lastName: name.trim(), firstName: null, middleName: null };
  return {
    lastName: words[0]!,
    firstName: words[1]!,
    middleName: words.length > 2 ? words.slice(2).join(' ') : null,
  };
}

/** The document number: account, period and kind (unique per account × period × kind, as the table). */
export function documentNumberOf(accountNumber: string, period: string, kind: EpdKind): string {
  const letter = { monthly: 'М', debt: 'Д', advance: 'А' }[kind];
  return `${accountNumber}-${period.replace('-', '')}-${letter}`;
}
