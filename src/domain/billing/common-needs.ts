/**
 * Common needs (КР на СОИ, RULES.md §2): the house's volume of a resource used for the common property,
 * shared among the premises in proportion to their area (and, for accounts open part of the month, to their
 * days). Every kopeck and every 0.001 of volume of the house is accounted for: the house amount is rounded
 * once and split by largest remainder (`allocate`), the house volume likewise (`allocateDecimal`).
 *
 * - by norm: V_house = N_СОИ × S_ои (RULES.md §2.2, example 2.1);
 * - by the common-house meter: V_house = V_Д − ΣV_individual, capped at N_СОИ × S_ои when
 *   `common_needs.cap_by_norm`, and 0 when negative if `common_needs.negative_as_zero` (RULES.md §2.1–2.2,
 *   example 2.2). The cap per premise is min(excess × S_i/S_об, N × S_ои × S_i/S_об), which is the house-level
 *   min shared by the same S_i/S_об.
 */
import { Decimal } from '../decimal.js';
import { validationFailed } from '../errors.js';
import { allocate, allocateDecimal, type Kopecks } from '../money.js';
import { versionAt } from '../registry/effective.js';
import type { IsoDate } from '../period.js';
import type { BillingContext } from './context.js';
import { legalInput } from './legal.js';
import { Ratio } from './ratio.js';
import { cutsOf, intersect, split, windowIn, type DayRange } from './segments.js';
import type { ChargeLine, ExplanationInput, HouseServiceVersion, TariffVersion } from './types.js';

/** Common-needs volumes are split to 0.001 of a unit. */
export const COMMON_NEEDS_VOLUME_SCALE = 3;

type Group = {
  supplierId: number;
  method: 'common_needs_by_norm' | 'common_needs_by_common_meter';
  tariff: TariffVersion;
  /** Σ over the group's pieces of V_month × area × days, per account (index = ctx.input.accounts). */
  weights: Decimal[];
  /** The same sum with the sign of V (negative only when negative excess is shared). */
  signedTotal: Decimal;
  /** Accounts open on some day of the group (they get a line, if only of 0 when nothing is shared). */
  open: boolean[];
  inputs: ExplanationInput[];
  pieces: { from: IsoDate; to: IsoDate; days: number; note: string }[];
};

export function chargeCommonNeeds(
  ctx: BillingContext,
  serviceId: number,
  versions: HouseServiceVersion[],
): ChargeLine[] {
  const period = windowIn(ctx.period, null, null)!;
  const groups = new Map<string, Group>();
  for (const hs of versions) {
    const hsRange = intersect(period, { from: hs.validFrom, to: hs.validTo });
    if (!hsRange) continue;
    const legalCuts = cutsOf(
      ctx.input.legal.filter((l) => l.code.startsWith('common_needs.')),
      hsRange,
    );
    const cuts = [
      ...cutsOf(ctx.tariffsOf(serviceId, hs.supplierId), hsRange),
      ...cutsOf(ctx.normsOf(serviceId), hsRange),
      ...legalCuts,
    ];
    for (const piece of split(hsRange, cuts)) addPiece(ctx, serviceId, hs, piece, groups);
  }
  const lines: ChargeLine[] = [];
  for (const g of groups.values()) lines.push(...allocateGroup(ctx, serviceId, g));
  return lines;
}

function addPiece(
  ctx: BillingContext,
  serviceId: number,
  hs: HouseServiceVersion,
  piece: DayRange,
  groups: Map<string, Group>,
): void {
  if (hs.method !== 'common_needs_by_norm' && hs.method !== 'common_needs_by_common_meter') return;
  const { house } = ctx.input;
  const tariff = ctx.tariffAt(serviceId, hs.supplierId, 'single', piece.from);
  const norm = ctx.normAt(serviceId, null, piece.from);
  const normVolume = norm.value.mul(house.commonArea);
  const inputs: ExplanationInput[] = [
    { name: 'норматив СОИ на м² общего имущества', value: norm.value.toString(), source: `norm #${norm.id}` },
    {
      name: 'площадь общего имущества S_ои, м²',
      value: house.commonArea.toString(),
      source: `house #${house.id}`,
    },
    {
      name: 'площадь всех помещений S_об, м²',
      value: house.totalArea.toString(),
      source: `house #${house.id}`,
    },
  ];
  let month = normVolume;
  let note = `по нормативу ${normVolume.toString()}`;
  if (hs.method === 'common_needs_by_common_meter') {
    const cm = ctx.input.commonMeters.find((c) => c.serviceId === serviceId);
    if (!cm)
      throw validationFailed([
        { field: 'commonMeters', problem: `нет объёма ОДПУ по услуге «${ctx.service(serviceId).name}»` },
      ]);
    const excess = cm.volume.sub(cm.individualVolume);
    const cap = ctx.legal.boolean('common_needs.cap_by_norm', piece.from);
    const negZero = ctx.legal.boolean('common_needs.negative_as_zero', piece.from);
    month = excess;
    if (cap.value && excess.cmp(normVolume) > 0) month = normVolume;
    if (negZero.value && excess.isNegative()) month = Decimal.ZERO;
    note = `ОДПУ ${cm.volume.toString()} − индивидуальные ${cm.individualVolume.toString()} = ${excess.toString()}; к распределению ${month.toString()}`;
    inputs.push(
      {
        name: 'объём ОДПУ',
        value: cm.volume.toString(),
        source: cm.readingIds.map((id) => `reading #${id}`).join(', '),
      },
      {
        name: 'сумма индивидуальных объёмов',
        value: cm.individualVolume.toString(),
        source: 'начисления помещений дома',
      },
      legalInput('не больше объёма по нормативу', cap),
      legalInput('отрицательная разница = 0', negZero),
    );
  }
  const key = `${hs.supplierId}|${tariff.id}|${hs.method}`;
  let g = groups.get(key);
  if (!g) {
    g = {
      supplierId: hs.supplierId,
      method: hs.method,
      tariff,
      weights: ctx.input.accounts.map(() => Decimal.ZERO),
      signedTotal: Decimal.ZERO,
      open: ctx.input.accounts.map(() => false),
      inputs: [],
      pieces: [],
    };
    groups.set(key, g);
  }
  const abs = month.abs();
  for (const [i, account] of ctx.input.accounts.entries()) {
    const open = intersect(piece, { from: account.openFrom ?? piece.from, to: account.closedOn });
    if (!open) continue;
    for (const area of account.areas) {
      const r = intersect(open, { from: area.validFrom, to: area.validTo });
      if (!r) continue;
      g.open[i] = true;
      const w = abs.mul(area.area).mul(Decimal.fromInt(r.days));
      g.weights[i] = g.weights[i]!.add(w);
      g.signedTotal = g.signedTotal.add(month.isNegative() ? w.neg() : w);
    }
  }
  for (const inp of inputs) {
    if (!g.inputs.some((x) => x.name === inp.name && x.value === inp.value && x.source === inp.source))
      g.inputs.push(inp);
  }
  g.pieces.push({ ...piece, note });
}

function allocateGroup(ctx: BillingContext, serviceId: number, g: Group): ChargeLine[] {
  const { totalArea } = ctx.input.house;
  // Σ V × S_i × days / (S_об × days in month): the house volume the open accounts carry this period.
  const volumeTotal = Ratio.of(g.signedTotal).divBy(totalArea).scale(1, ctx.daysInPeriod);
  const amountTotal: Kopecks = volumeTotal.mul(g.tariff.rate).toKopecks();
  const volumeRounded = volumeTotal.round(COMMON_NEEDS_VOLUME_SCALE);
  const anyWeight = g.weights.some((w) => !w.isZero());
  const amounts = anyWeight ? allocate(amountTotal, g.weights) : g.weights.map(() => 0 as Kopecks);
  const volumes = anyWeight
    ? allocateDecimal(volumeRounded, g.weights, COMMON_NEEDS_VOLUME_SCALE)
    : g.weights.map(() => Decimal.ZERO);
  const service = ctx.service(serviceId);
  const formula =
    g.method === 'common_needs_by_norm'
      ? 'Объём дома = норматив СОИ × площадь общего имущества; доля помещения = объём дома × площадь помещения / площадь всех помещений; плата = доля × тариф. Сумма дома округляется один раз и делится без потерь'
      : 'Объём дома = объём ОДПУ − сумма индивидуальных объёмов (не больше норматива, не меньше 0 — по настройкам); доля помещения по площади; плата = доля × тариф. Сумма дома округляется один раз и делится без потерь';
  const lines: ChargeLine[] = [];
  for (const [i, account] of ctx.input.accounts.entries()) {
    if (!g.open[i]) continue;
    const area = versionAt(account.areas, g.pieces[0]!.from) ?? account.areas[0];
    lines.push({
      accountId: account.id,
      period: ctx.period,
      serviceId,
      supplierId: g.supplierId,
      kind: 'charge',
      method: g.method,
      volume: Decimal.parse(volumes[i]!.toString()),
      unit: service.unit,
      tariffId: g.tariff.id,
      zone: 'single',
      tariff: g.tariff.rate,
      amount: amounts[i]!,
      explanation: {
        formula,
        rules: ['RULES.md §2.1', 'RULES.md §2.2'],
        inputs: [
          { name: 'тариф', value: g.tariff.rate.toString(), source: `tariff #${g.tariff.id}` },
          ...g.inputs,
          ...(area
            ? [
                {
                  name: 'площадь помещения S_i, м²',
                  value: area.area.toString(),
                  source: `premise_area #${area.id}`,
                },
              ]
            : []),
          { name: 'объём дома к распределению за период', value: volumeRounded.toString(), source: 'расчёт' },
          { name: 'сумма дома к распределению, коп.', value: String(amountTotal), source: 'расчёт' },
        ],
        pieces: g.pieces,
      },
    });
  }
  return lines;
}
