import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../period.js';
import {
  addYears,
  isVerificationDue,
  isVerificationExpired,
  meterPlacementProblem,
  nextVerificationDate,
  verificationFailsOn,
  verificationIntervalYears,
  zoneCountAllowed,
  zonesOf,
} from './meter.js';

const d = (s: string) => s as IsoDate;
const defaults = { cold_water: 6, hot_water: 4, heating: 4 }; // verification.interval_years (RULES.md §10.1)

describe('zones (RULES.md §10.2)', () => {
  it.each([
    [1, ['single']],
    [2, ['day', 'night']],
    [3, ['peak', 'semi_peak', 'night']],
  ] as const)('%i zone(s) → %j', (n, zones) => expect(zonesOf(n)).toEqual(zones));

  it('two or three zones only for electricity', () => {
    expect(zoneCountAllowed('electricity', 3)).toBe(true);
    expect(zoneCountAllowed('cold_water', 2)).toBe(false);
    expect(zoneCountAllowed('cold_water', 1)).toBe(true);
  });
});

describe('verification (RULES.md §10.1)', () => {
  it.each([
    ['2020-03-15', 6, '2026-03-15'], // Example 10.1: cold water verified 15.03.2020, expires 15.03.2026
    ['2020-02-29', 6, '2026-02-28'], // no 29 February in 2026
    ['2024-02-29', 4, '2028-02-29'],
  ])('%s + %i years = %s', (from, years, to) => expect(addYears(d(from), years)).toBe(to));

  it('passport interval wins over the default of the resource; unknown resource → null', () => {
    expect(verificationIntervalYears(null, defaults, 'cold_water')).toBe(6);
    expect(verificationIntervalYears(null, defaults, 'hot_water')).toBe(4);
    expect(verificationIntervalYears(8, defaults, 'cold_water')).toBe(8);
    expect(verificationIntervalYears(null, defaults, 'gas')).toBeNull();
  });

  it('next date from the last verification, or from commissioning when none is recorded', () => {
    expect(nextVerificationDate(d('2020-03-15'), d('2019-01-10'), 6)).toBe('2026-03-15');
    expect(nextVerificationDate(null, d('2022-06-01'), 4)).toBe('2026-06-01');
    expect(nextVerificationDate(null, d('2022-06-01'), null)).toBeNull();
  });

  it('ПП 424: an expiry inside 2020-04-06…2020-12-31 fails the meter only on 2021-01-01', () => {
    const pp424 = [{ from: d('2020-04-06'), to: d('2020-12-31') }];
    expect(verificationFailsOn(d('2020-05-10'), pp424)).toBe('2021-01-01');
    expect(verificationFailsOn(d('2020-04-05'), pp424)).toBe('2020-04-05');
    expect(verificationFailsOn(d('2021-02-01'), pp424)).toBe('2021-02-01');
    expect(verificationFailsOn(null, pp424)).toBeNull();
  });

  it('expired from the failure day on; due within N days', () => {
    expect(isVerificationExpired(d('2026-03-15'), d('2026-03-14'))).toBe(false);
    expect(isVerificationExpired(d('2026-03-15'), d('2026-03-15'))).toBe(true);
    // 2026-11-02 + 30 days = 2026-12-02 ≥ 2026-12-01; + 28 days = 2026-11-30 < 2026-12-01
    expect(isVerificationDue(d('2026-12-01'), d('2026-11-02'), 30)).toBe(true);
    expect(isVerificationDue(d('2026-12-01'), d('2026-11-02'), 28)).toBe(false);
    expect(isVerificationDue(d('2026-10-01'), d('2026-11-02'), 0)).toBe(true); // already overdue
  });
});

describe('kinds and placement', () => {
  const flat = { kind: 'flat' as const, isSharedFlat: false };
  const shared = { kind: 'flat' as const, isSharedFlat: true };
  const room = { kind: 'room' as const, isSharedFlat: false };
  it.each([
    ['common_house', [], null],
    ['common_house', [flat], 'общедомовой прибор относится к дому, не к помещению'],
    ['individual', [flat], null],
    ['individual', [flat, flat], 'индивидуальный прибор относится к одному помещению'],
    ['group', [flat, flat], null],
    ['group', [flat], 'групповой прибор учитывает несколько помещений (от двух)'],
    ['flat', [shared], null],
    ['flat', [flat], 'общеквартирный прибор ставится в коммунальной квартире'],
    ['room', [room], null],
    ['room', [flat], 'комнатный прибор относится к комнате коммунальной квартиры'],
  ] as const)('%s on %j → %s', (kind, premises, problem) =>
    expect(meterPlacementProblem(kind, premises)).toBe(problem),
  );
});
