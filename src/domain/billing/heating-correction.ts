/**
 * The annual correction of heating paid evenly over twelve months by formula 3 (RULES.md §3.1–3.2):
 * correction = actual annual ОДПУ volume × S_i / S_об × T_T − what the account was charged during the year.
 * Positive: an additional charge; negative: a credit. Rounded once (the charged part is already kopecks).
 * UNCONFIRMED (RULES.md §3.2): the terms when the tariff changed during the year; the core uses the tariff
 * and the area in force on 31 December of the corrected year, and says so in the explanation.
 */
import { validationFailed } from '../errors.js';
import { rubles } from '../money.js';
import { versionAt } from '../registry/effective.js';
import type { IsoDate } from '../period.js';
import { areaAt, type BillingContext } from './context.js';
import { Ratio } from './ratio.js';
import type { ChargeLine } from './types.js';

export function heatingCorrection(ctx: BillingContext): ChargeLine[] {
  const corr = ctx.input.heating.annualCorrection;
  if (!corr) return [];
  const yearEnd = `${corr.year}-12-31` as IsoDate;
  const hs = versionAt(
    ctx.input.houseServices.filter((s) => s.method === 'heating_by_common_meter'),
    yearEnd,
  );
  if (!hs) {
    throw validationFailed([
      { field: 'heating.annualCorrection', problem: `на ${yearEnd} отопление дома не по ОДПУ (формула 3)` },
    ]);
  }
  const tariff = ctx.tariffAt(hs.serviceId, hs.supplierId, 'single', yearEnd);
  const service = ctx.service(hs.serviceId);
  const { totalArea } = ctx.input.house;
  const accounts = new Map(ctx.input.accounts.map((a) => [a.id, a]));
  return corr.charged.map(({ accountId, amount }) => {
    const account = accounts.get(accountId);
    if (!account) {
      throw validationFailed([
        { field: 'heating.annualCorrection.charged', problem: `нет лицевого счёта #${accountId} в доме` },
      ]);
    }
    const area = areaAt(account, yearEnd);
    const volume = Ratio.of(corr.actualVolume.mul(area.area)).divBy(totalArea);
    const due = volume.mul(tariff.rate);
    return {
      accountId,
      period: ctx.period,
      serviceId: hs.serviceId,
      supplierId: hs.supplierId,
      kind: 'heating_correction',
      method: 'heating_correction',
      volume: volume.round(6),
      unit: service.unit,
      tariffId: tariff.id,
      zone: 'single',
      tariff: tariff.rate,
      amount: due.sub(Ratio.of(rubles(amount))).toKopecks(),
      explanation: {
        formula: `Корректировка за ${corr.year} год = фактический годовой объём ОДПУ × площадь помещения / площадь всех помещений × тариф − начислено за год`,
        rules: ['RULES.md §3.1', 'RULES.md §3.2'],
        inputs: [
          { name: 'тариф на 31.12', value: tariff.rate.toString(), source: `tariff #${tariff.id}` },
          {
            name: 'фактический объём ОДПУ за год, Гкал',
            value: corr.actualVolume.toString(),
            source: corr.readingIds.map((id) => `reading #${id}`).join(', '),
          },
          { name: 'площадь помещения, м²', value: area.area.toString(), source: `premise_area #${area.id}` },
          {
            name: 'площадь всех помещений, м²',
            value: totalArea.toString(),
            source: `house #${ctx.input.house.id}`,
          },
          { name: 'начислено за год, коп.', value: String(amount), source: 'выставленные строки за год' },
        ],
        pieces: [],
      },
    };
  });
}
