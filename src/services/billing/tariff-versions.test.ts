/**
 * The tariffs a house's lines use in a month: the registry's precedence (house list > city > region, per zone)
 * applied day by day and clipped to the period. Expected versions worked out by hand from the calendar.
 */
import { describe, expect, it } from 'vitest';
import type { BillingPeriod } from '../../domain/period.js';
import { tariffsOverPeriod, type TariffCandidate } from './tariff-versions.js';

const t = (
  id: number,
  rate: string,
  validFrom: string,
  validTo: string | null,
  where: { city?: string; houseIds?: number[] } = {},
  zone: TariffCandidate['zone'] = 'single',
): TariffCandidate => ({
  id,
  serviceId: 1,
  supplierId: 9,
  zone,
  rate,
  city: where.city ?? null,
  houseIds: where.houseIds ?? [],
  validFrom,
  validTo,
});
const shown = (period: string, list: TariffCandidate[]) =>
  tariffsOverPeriod(list, period as BillingPeriod).map(
    (v) => `${v.id} ${v.zone} ${v.rate.toString()} ${v.validFrom}..${v.validTo}`,
  );

describe('tariffsOverPeriod', () => {
  it('one region tariff all month: one version, clipped to the month', () => {
    expect(shown('2026-10', [t(1, '40', '2026-01-01', null)])).toEqual([
      '1 single 40 2026-10-01..2026-10-31',
    ]);
  });

  it('region, then a city tariff from the 10th, then a house tariff for the 15th–20th (RULES.md preamble)', () => {
    // days 1–9 region (no city yet); 10–14 city beats region; 15–20 the house list beats the city;
    // 21–31 the house tariff has ended, the city applies again
    expect(
      shown('2026-10', [
        t(1, '40', '2026-01-01', null),
        t(2, '42', '2026-10-10', null, { city: 'Тестоград' }),
        t(3, '45.5', '2026-10-15', '2026-10-20', { houseIds: [7] }),
      ]),
    ).toEqual([
      '1 single 40 2026-10-01..2026-10-09',
      '2 single 42 2026-10-10..2026-10-14',
      '3 single 45.5 2026-10-15..2026-10-20',
      '2 single 42 2026-10-21..2026-10-31',
    ]);
  });

  it('a change on the 1st of July splits June/July only in the month where both are in force', () => {
    const list = [t(1, '48.21', '2025-07-01', '2026-06-30'), t(2, '49.03', '2026-07-01', null)];
    expect(shown('2026-06', list)).toEqual(['1 single 48.21 2026-06-01..2026-06-30']);
    expect(shown('2026-07', list)).toEqual(['2 single 49.03 2026-07-01..2026-07-31']);
  });

  it('a house list with day and night zones replaces the single zone of the region from its start', () => {
    // 1–15 region single; 16–30 the house's two zones (the level is chosen as a whole)
    expect(
      shown('2026-11', [
        t(1, '6.54', '2026-01-01', null),
        t(2, '7.53', '2026-11-16', null, { houseIds: [7] }, 'day'),
        t(3, '3.61', '2026-11-16', null, { houseIds: [7] }, 'night'),
      ]),
    ).toEqual([
      '1 single 6.54 2026-11-01..2026-11-15',
      '2 day 7.53 2026-11-16..2026-11-30',
      '3 night 3.61 2026-11-16..2026-11-30',
    ]);
  });

  it('no tariff in force: no version (the core then names the missing tariff)', () => {
    expect(shown('2026-10', [t(1, '40', '2026-11-01', null)])).toEqual([]);
  });
});
