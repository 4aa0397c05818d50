/**
 * Issuing ЕПД from the database (issue 8 part 2; docs/epd.md "Issuing"): load what a bill prints for a set
 * of accounts of one house (registry, charges with explanations through services/billing/charges.ts, the
 * turnover, payments, meters, legal parameters), build each snapshot in the pure core
 * (domain/epd/build.ts), and store it as issued (documents.ts storeDocument: once per account × period ×
 * kind, audited). A document already issued is never rebuilt: its stored snapshot is the document.
 *
 * Kinds (RULES.md §8.1, issue 8 "Kinds"):
 * - monthly: a closed billing period's lines (an open period's charges may still change, and a bill is
 *   history that never changes); total = opening − payments of the period + the period's lines + penalty
 *   of the period = the turnover's closing balance of the account;
 * - debt: the debt as of a date D: the balance of every movement of the months before D's month, less the
 *   payments made from the 1st of D's month up to D; the month's own charges are not yet due (they fall due
 *   on the due day of the next month, RULES-ADDENDUM §6), so they are not in it; no lines are printed;
 * - advance: N months ahead of the last closed period: its own charges (no recalculations, reductions or
 *   one-offs) × N, plus the balance at the start of the month after it less that month's payments.
 */
import type { Queryable } from '../../db/client.js';
import * as docs from '../../db/epd/documents.js';
import * as src from '../../db/epd/sources.js';
import { selectTurnover, type TurnoverRow } from '../../db/finance/balances.js';
import { selectPeriods } from '../../db/billing/periods.js';
import { formatAddress, isHouseVisible } from '../../db/registry/houses.js';
import { selectServices } from '../../db/registry/services.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import {
  advanceLines,
  buildSnapshot,
  documentNumberOf,
  payerOf,
  type EpdAccountFacts,
  type EpdSourceLine,
} from '../../domain/epd/build.js';
import { epdDueDate } from '../../domain/epd/due-date.js';
import {
  qrPaymPeriodFormatOf,
  type EpdKind,
  type EpdMeter,
  type EpdOrganisation,
  type EpdSnapshot,
} from '../../domain/epd/snapshot.js';
import {
  nextVerificationDate,
  verificationIntervalYears,
  type MeterResource,
} from '../../domain/meters/meter.js';
import {
  addDays,
  compareDates,
  comparePeriods,
  firstDay,
  lastDay,
  nextPeriod,
  parseIsoDate,
  parsePeriod,
  periodOf,
  prevPeriod,
  type BillingPeriod,
  type IsoDate,
} from '../../domain/period.js';
import { requirePermission } from '../authorize.js';
import { accountCharges } from '../billing/charges.js';
import type { Ctx } from '../context.js';
import { legalParameterAt } from '../registry/legal-parameters.js';
import { storeDocument, type StoredDocument } from './documents.js';

/** What to issue: a month's bill, the debt as of a date, or N months ahead. */
export type EpdRequest =
  { kind: 'monthly'; period: string } | { kind: 'debt'; date: string } | { kind: 'advance'; months: number };

/**
 * Verification ending within this many days of the issue date gets a notice on the bill (issue 8: «meters
 * whose verification ends soon»). Not a legal parameter: the settlement centre's choice, two months so the
 * notice is on two bills before the date.
 */
export const VERIFICATION_NOTICE_DAYS = 60;

const ZONE_NAMES: Record<string, string> = {
  day: 'день',
  night: 'ночь',
  peak: 'пик',
  semi_peak: 'полупик',
};

/** A resolved request: the document's month, its months, and the dates it is built on. */
type Plan = {
  kind: EpdKind;
  /** The document's period (the table's key): monthly P, debt month(D), advance the first month ahead. */
  period: BillingPeriod;
  months: number;
  /** The month whose lines are printed (monthly P, advance the base month); null for a debt bill. */
  linesPeriod: BillingPeriod | null;
  /** The month of the turnover giving the opening balance (and the payments, monthly and advance). */
  turnoverPeriod: BillingPeriod;
  /** Debt bill: payments are the parts paid from the 1st of the month up to this date. */
  debtDate: IsoDate | null;
  paymentsUpTo: IsoDate;
  issuedOn: IsoDate;
};

const fieldError = (field: string, problem: string) => validationFailed([{ field, problem }]);

function periodField(text: string): BillingPeriod {
  try {
    return parsePeriod(text);
  } catch {
    throw fieldError('period', 'период в виде ГГГГ-ММ');
  }
}

async function closedPeriods(q: Queryable, centreId: number): Promise<BillingPeriod[]> {
  return (await selectPeriods(q, centreId))
    .filter((p) => p.status === 'closed')
    .map((p) => p.period as BillingPeriod)
    .sort(comparePeriods);
}

/** Checks the request and fixes the periods and dates of the document (validation names the field). */
export async function planOf(ctx: Ctx, centreId: number, r: EpdRequest): Promise<Plan> {
  const issuedOn = ctx.clock.now().toISOString().slice(0, 10) as IsoDate;
  const closed = await closedPeriods(ctx.db, centreId);
  if (r.kind === 'monthly') {
    const period = periodField(r.period);
    if (!closed.includes(period))
      throw fieldError(
        'period',
        `период ${period} не закрыт: ЕПД выпускается по закрытому периоду (начисления открытого ещё меняются)`,
      );
    return {
      kind: 'monthly',
      period,
      months: 1,
      linesPeriod: period,
      turnoverPeriod: period,
      debtDate: null,
      paymentsUpTo: lastDay(period),
      issuedOn,
    };
  }
  if (r.kind === 'debt') {
    let date: IsoDate;
    try {
      date = parseIsoDate(r.date);
    } catch {
      throw fieldError('date', 'дата ГГГГ-ММ-ДД');
    }
    if (compareDates(date, issuedOn) > 0) throw fieldError('date', 'дата в будущем');
    const period = periodOf(date);
    return {
      kind: 'debt',
      period,
      months: 0,
      linesPeriod: null,
      turnoverPeriod: period,
      debtDate: date,
      paymentsUpTo: date,
      issuedOn,
    };
  }
  if (!Number.isSafeInteger(r.months) || r.months < 1 || r.months > 24)
    throw fieldError('months', 'число месяцев от 1 до 24');
  const base = closed.at(-1);
  if (!base) throw fieldError('months', 'нет закрытого периода: не от чего считать ежемесячную плату');
  return {
    kind: 'advance',
    period: nextPeriod(base),
    months: r.months,
    linesPeriod: base,
    turnoverPeriod: nextPeriod(base),
    debtDate: null,
    paymentsUpTo: issuedOn,
    issuedOn,
  };
}

/** Legal parameters and catalogues a batch shares: read once. */
type Shared = {
  services: Map<number, { code: string; name: string; kind: 'housing' | 'utility' }>;
  recipient: EpdOrganisation;
  dueDate: IsoDate;
  readingsDeadline: IsoDate;
  qrFormat: ReturnType<typeof qrPaymPeriodFormatOf>;
  intervals: Record<string, number>;
};

async function parameter(q: Queryable, code: string, date: IsoDate): Promise<string> {
  const v = await legalParameterAt(q, code, date);
  if (!v) throw new DomainError('internal', `Параметр законодательства «${code}» не действует на ${date}`);
  return v.value;
}

/** The due date of the period's bill (RULES-ADDENDUM §6; the version by the period's first day). */
async function dueDateOf(q: Queryable, period: BillingPeriod): Promise<IsoDate> {
  const day = Number(await parameter(q, 'penalty.due_day', firstDay(period)));
  const shift = (await parameter(q, 'penalty.due_date_weekend_shift', firstDay(period))) === 'true';
  return epdDueDate(period, day, shift);
}

async function sharedOf(ctx: Ctx, centreId: number, plan: Plan): Promise<Shared> {
  const services = new Map(
    (await selectServices(ctx.db)).map((s) => [s.id, { code: s.code, name: s.name, kind: s.kind }]),
  );
  const orgs = await src.selectEpdOrganisations(ctx.db, [centreId], plan.issuedOn);
  const recipient = requisites(orgs, centreId, 'recipient');
  // monthly: the period's own due date; debt and advance: the next due date on or after the issue date
  let dueDate = await dueDateOf(ctx.db, plan.kind === 'monthly' ? plan.period : prevPeriod(plan.period));
  if (plan.kind !== 'monthly' && compareDates(dueDate, plan.issuedOn) < 0)
    dueDate = await dueDateOf(ctx.db, plan.period);
  // readings of the month after the printed one are taken up to its window day (RULES.md §1.1)
  const readingsMonth = nextPeriod(plan.linesPeriod ?? plan.period);
  const windowDay = Number(await parameter(ctx.db, 'readings.window_day', firstDay(readingsMonth)));
  return {
    services: services as Shared['services'],
    recipient,
    dueDate,
    readingsDeadline: addDays(firstDay(readingsMonth), windowDay - 1),
    qrFormat: qrPaymPeriodFormatOf(
      await parameter(ctx.db, 'payment_document.qr_paym_period_format', firstDay(plan.period)),
    ),
    intervals: JSON.parse(await parameter(ctx.db, 'verification.interval_years', plan.issuedOn)) as Record<
      string,
      number
    >,
  };
}

type OrgMap = Awaited<ReturnType<typeof src.selectEpdOrganisations>>;

/**
 * An organisation's requisites for the snapshot. Missing parts stay empty, so the snapshot's validator names
 * each of them (`manager.bank.account`, `suppliers.0.address`) instead of failing on the first.
 */
function requisites(orgs: OrgMap, id: number, field: string): EpdOrganisation {
  const o = orgs.get(id);
  if (!o) throw fieldError(field, `организация #${id} не найдена`);
  return {
    ...o,
    code: field,
    bank: o.bank ?? { bankName: '', bik: '', account: '', correspondentAccount: null },
  };
}

function addressOf(a: src.EpdAccountRow): EpdAccountFacts['address'] {
  const house = formatAddress(a);
  const flat =
    a.premiseKind === 'flat'
      ? a.premiseNumber
      : a.premiseKind === 'room'
        ? (a.flatNumber ?? a.premiseNumber)
        : null;
  const tail =
    a.premiseKind === 'flat'
      ? `кв. ${a.premiseNumber}`
      : a.premiseKind === 'room'
        ? `кв. ${a.flatNumber ?? '?'}, комн. ${a.premiseNumber}`
        : `пом. ${a.premiseNumber}`;
  const houseText = [a.houseNumber, a.building ? `корп. ${a.building}` : null].filter(Boolean).join(' ');
  return { text: `${house}, ${tail}`, street: a.street, house: houseText, flat };
}

/** The account's area printed: the premise's total area × the account's share, to 0.01 m² (display only). */
function areaOf(a: src.EpdAccountRow): string {
  if (a.premiseArea === null) return '';
  return Decimal.parse(a.premiseArea).mul(Decimal.parse(a.areaShare)).round(2).toString();
}

function metersOf(rows: readonly src.EpdMeterRow[], intervals: Record<string, number>): EpdMeter[] {
  const out: EpdMeter[] = [];
  for (const m of rows) {
    const due = nextVerificationDate(
      m.lastVerifiedOn as IsoDate | null,
      m.commissionedOn as IsoDate,
      verificationIntervalYears(m.verificationIntervalYears, intervals, m.resource as MeterResource),
    );
    if (due === null) continue; // no interval known: nothing to print as the verification date
    const zones: [string | null, string | null][] =
      m.zoneCount === 1
        ? [[null, m.valueSingle]]
        : m.zoneCount === 2
          ? [
              ['day', m.valueDay],
              ['night', m.valueNight],
            ]
          : [
              ['peak', m.valuePeak],
              ['semi_peak', m.valueSemiPeak],
              ['night', m.valueNight],
            ];
    for (const [zone, value] of zones)
      out.push({
        service: m.serviceName,
        serialNumber: m.serialNumber,
        zone: zone === null ? null : ZONE_NAMES[zone]!,
        lastReading: value ?? '0',
        lastReadingDate: (m.readOn ?? m.commissionedOn) as IsoDate,
        verificationDue: due,
      });
  }
  return out;
}

/** The account's lines of a period as the billing module gives them, with their service and cause. */
async function sourceLines(
  ctx: Ctx,
  accountId: number,
  period: BillingPeriod,
  shared: Shared,
): Promise<EpdSourceLine[]> {
  const stored = await accountCharges(ctx, accountId, period);
  const reasons = await src.selectRequestReasons(
    ctx.db,
    stored.flatMap((l) => (l.recalculationRequestId === null ? [] : [l.recalculationRequestId])),
  );
  return stored.map((l) => {
    const service = shared.services.get(l.serviceId)!;
    return {
      serviceId: l.serviceId,
      serviceCode: service.code,
      serviceName: service.name,
      serviceKind: service.kind,
      supplierId: l.supplierId,
      lineKind: l.lineKind,
      method: l.method,
      origin: l.origin,
      correctsPeriod: l.correctsPeriod,
      cause: l.recalculationRequestId === null ? null : (reasons.get(l.recalculationRequestId) ?? null),
      volume: l.volume,
      unit: l.unit,
      tariff: l.tariff,
      zone: l.zone,
      amountKop: Number(l.amountKop),
      increasingCoefficient: coefficientIn(l.explanation),
    };
  });
}

/** The increasing coefficient named among the explanation's inputs (billing core: «повышающий коэффициент»). */
function coefficientIn(explanation: unknown): string | null {
  const inputs = (explanation as { inputs?: { name?: unknown; value?: unknown }[] } | null)?.inputs;
  if (!Array.isArray(inputs)) return null;
  const k = inputs.find(
    (i) => typeof i.name === 'string' && i.name.startsWith('повышающий коэффициент'),
  )?.value;
  if (typeof k !== 'string' || !/^\d+(\.\d+)?$/.test(k) || Decimal.parse(k).cmp(Decimal.ONE) <= 0)
    return null;
  return k;
}

/** The turnover rows by account: the house's (one query) or one account's. */
async function turnoverOf(
  ctx: Ctx,
  period: BillingPeriod,
  scope: { kind: 'house' | 'account'; id: number },
): Promise<Map<number, TurnoverRow>> {
  const rows = await selectTurnover(ctx.db, ctx.actor, period, scope, 'account');
  return new Map(rows.map((r) => [Number(r.accountId), r]));
}

export type BuiltSnapshot =
  { accountId: number; snapshot: EpdSnapshot } | { accountId: number; skipped: string };

/**
 * Builds the snapshots of accounts of one house for a plan (nothing is stored). An account without lines
 * for a monthly or advance bill is skipped with the reason (a house not charged, an account opened later).
 */
export async function buildSnapshots(
  ctx: Ctx,
  houseId: number,
  accountIds: readonly number[],
  plan: Plan,
  shared?: Shared,
): Promise<BuiltSnapshot[]> {
  requirePermission(ctx.actor, 'documents.issue');
  if (accountIds.length === 0) return [];
  const date = plan.kind === 'monthly' ? lastDay(plan.period) : plan.issuedOn;
  const accounts = await src.selectEpdAccounts(ctx.db, accountIds, date);
  const centreId = accounts[0]!.settlementCentreId;
  const s = shared ?? (await sharedOf(ctx, centreId, plan));
  const scope =
    accountIds.length === 1
      ? { kind: 'account' as const, id: accountIds[0]! }
      : { kind: 'house' as const, id: houseId };
  const turnover = await turnoverOf(ctx, plan.turnoverPeriod, scope);
  const meters =
    plan.kind === 'monthly' ? await src.selectEpdMeters(ctx.db, accountIds, plan.period, date) : [];
  const lastPaid = await src.selectLastPaymentDates(ctx.db, accountIds, plan.paymentsUpTo);
  const lines = new Map<number, EpdSourceLine[]>();
  if (plan.linesPeriod !== null)
    for (const a of accounts) lines.set(a.id, await sourceLines(ctx, a.id, plan.linesPeriod, s));
  const orgIds = new Set<number>();
  for (const a of accounts) if (a.managerId !== null) orgIds.add(a.managerId);
  for (const ls of lines.values()) for (const l of ls) orgIds.add(l.supplierId);
  const orgs = await src.selectEpdOrganisations(ctx.db, [...orgIds], date);

  const out: BuiltSnapshot[] = [];
  for (const a of accounts) {
    let printed = lines.get(a.id) ?? [];
    if (plan.kind === 'advance') printed = advanceLines(printed);
    if (plan.kind !== 'debt' && printed.length === 0) {
      out.push({ accountId: a.id, skipped: `нет начислений за ${plan.linesPeriod}` });
      continue;
    }
    if (a.managerId === null)
      throw fieldError('manager', `у дома лицевого счёта ${a.number} нет управляющей организации на ${date}`);
    const t = turnover.get(a.id);
    const paymentsKop =
      plan.debtDate !== null
        ? await src.selectPaidBetween(ctx.db, a.id, firstDay(plan.period), plan.debtDate)
        : (t?.paidKop ?? 0);
    if (plan.kind === 'monthly' && t) {
      // the lines printed are the turnover's charged + recalculated of the period: they must agree
      const sum = printed.reduce((x, l) => x + l.amountKop, 0);
      if (sum !== t.chargedKop + t.recalculatedKop)
        throw new DomainError(
          'internal',
          `ЛС ${a.number}: строки начислений (${sum}) не сходятся с оборотами (${t.chargedKop + t.recalculatedKop})`,
        );
    }
    const organisations = new Map<number, EpdOrganisation>();
    for (const id of new Set([a.managerId, ...printed.map((l) => l.supplierId)]))
      organisations.set(id, requisites(orgs, id, id === a.managerId ? 'manager' : 'suppliers'));
    const snapshot = buildSnapshot({
      kind: plan.kind,
      period: plan.period,
      months: plan.months,
      documentNumber: documentNumberOf(a.number, plan.period, plan.kind),
      issuedAt: ctx.clock.now().toISOString(),
      account: {
        accountNumber: a.number,
        payer: payerOf(a.payerKind, a.payerName),
        address: addressOf(a),
        area: areaOf(a),
        registeredResidents: a.registered,
        temporaryResidents: a.temporary,
      },
      managerId: a.managerId,
      organisations,
      recipient: s.recipient,
      lines: printed,
      openingBalanceKop: t?.openingKop ?? 0,
      paymentsKop,
      paymentsUpTo: plan.paymentsUpTo,
      lastPaymentDate: (lastPaid.get(a.id) ?? null) as IsoDate | null,
      penaltyKop: plan.kind === 'monthly' ? (t?.penaltyKop ?? 0) : 0,
      dueDate: s.dueDate,
      meters: metersOf(
        meters.filter((m) => Number(m.accountId) === a.id),
        s.intervals,
      ),
      readingsDeadline: s.readingsDeadline,
      verificationNoticeDays: VERIFICATION_NOTICE_DAYS,
      noticeDate: plan.issuedOn,
      notices: [],
      qrPaymPeriodFormat: s.qrFormat,
    });
    out.push({ accountId: a.id, snapshot });
  }
  return out;
}

/** Exposed for batches: the plan and the shared part, read once for many houses. */
export async function prepareIssue(ctx: Ctx, centreId: number, r: EpdRequest) {
  const plan = await planOf(ctx, centreId, r);
  return { plan, shared: await sharedOf(ctx, centreId, plan) };
}

/**
 * Issues one document for an account: the stored one when the account × period × kind was issued before
 * (nothing is rebuilt or written), else built from the database now and stored.
 */
export async function issueDocument(
  ctx: Ctx,
  accountId: number,
  r: EpdRequest,
): Promise<{ document: StoredDocument; created: boolean }> {
  requirePermission(ctx.actor, 'documents.issue');
  const account = await ctx.db.maybeOne<{ houseId: number; centreId: number }>(
    `select p.house_id as "houseId", h.settlement_centre_id as "centreId"
       from accounts a join premises p on p.id = a.premise_id join houses h on h.id = p.house_id where a.id = $1`,
    [accountId],
  );
  if (!account || !(await isHouseVisible(ctx.db, ctx.actor, Number(account.houseId))))
    throw new DomainError('not_found', 'Лицевой счёт не найден');
  const plan = await planOf(ctx, Number(account.centreId), r);
  const existing = await docs.selectDocumentOf(ctx.db, accountId, plan.period, plan.kind);
  if (existing) {
    // the same request twice: the stored document, whatever changed since (storeDocument checks visibility)
    const stored = (await docs.selectSnapshot(ctx.db, existing.id))!;
    return storeDocument(ctx, accountId, stored);
  }
  const [built] = await buildSnapshots(ctx, Number(account.houseId), [accountId], plan);
  if (!built || 'skipped' in built)
    throw fieldError(
      r.kind === 'debt' ? 'date' : r.kind === 'advance' ? 'months' : 'period',
      built && 'skipped' in built ? built.skipped : 'лицевой счёт не найден',
    );
  return storeDocument(ctx, accountId, built.snapshot);
}
