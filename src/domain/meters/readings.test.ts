import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import type { BillingPeriod, IsoDate } from '../period.js';
import {
  checkReading,
  periodOfReading,
  volumeBetween,
  type MeterForCheck,
  type ReadingCheckInput,
} from './readings.js';

const D = Decimal.parse;
const d = (s: string) => s as IsoDate;
const p = (s: string) => s as BillingPeriod;

describe('volume between readings, rollover at the digits', () => {
  it.each([
    ['123.456', '130.789', 5, '7.333', false], // RULES.md Example 1.1: V = 7.333 m³
    ['99990', '15', 5, '25', true], // 100000 − 99990 + 15
    ['9999.5', '0.5', 4, '1', true], // 10000 − 9999.5 + 0.5
    ['40', '40', 5, '0', false],
  ])('%s → %s on %i digits = %s (rollover %s)', (a, b, digits, volume, rollover) => {
    const v = volumeBetween(D(a), D(b), digits)!;
    expect(v.volume.toString()).toBe(volume);
    expect(v.rollover).toBe(rollover);
  });

  it.each([
    ['500', '400', 5], // wrapping would be 99 900: more than a tenth of the range, a typo
    ['130.789', '123.456', 5],
    ['95000', '5000', 5], // wrap 10 000 is not less than a tenth (10 000)
  ])('%s → %s on %i digits is below the previous reading', (a, b, digits) =>
    expect(volumeBetween(D(a), D(b), digits)).toBeNull(),
  );
});

describe('the period a reading counts for (RULES.md §1.1, window day 25)', () => {
  it.each([
    ['2026-03-25', 'regular', '2026-03'],
    ['2026-03-26', 'regular', '2026-04'],
    ['2026-12-31', 'regular', '2027-01'],
    ['2026-03-28', 'final', '2026-03'], // a replacement's readings stay in their month
    ['2026-03-28', 'initial', '2026-03'],
  ] as const)('%s (%s) → %s', (date, kind, period) =>
    expect(periodOfReading(d(date), kind, 25)).toBe(period),
  );
});

const meter: MeterForCheck = {
  digits: 5,
  decimals: 3,
  zones: ['single'],
  commissionedOn: d('2025-01-10'),
  decommissionedOn: null,
  verificationFailsOn: d('2026-03-15'),
};
const check = (over: Partial<ReadingCheckInput> & { value?: string; readOn?: string }) =>
  checkReading({
    meter,
    reading: {
      readOn: d(over.readOn ?? '2026-03-10'),
      kind: 'regular',
      values: { single: D(over.value ?? '110') },
    },
    previous: { readOn: d('2026-02-20'), period: p('2026-02'), values: { single: D('100') } },
    windowDay: 25,
    averageMonthly: D('5'),
    holdMultiple: D('3'),
    ...over,
  });

describe('reading checks', () => {
  it('a normal reading is accepted with its volume and period', () => {
    const r = check({ value: '104.5' });
    expect(r).toMatchObject({ ok: true, state: 'accepted', period: '2026-03' });
    if (r.ok) expect(r.volumes[0]!.volume.toString()).toBe('4.5');
  });

  it('below the previous reading is refused, naming the zone', () => {
    expect(check({ value: '99' })).toMatchObject({
      ok: false,
      problems: [{ field: 'values.single' }],
    });
  });

  it('a rollover is accepted with a warning', () => {
    const r = check({
      value: '3',
      previous: { readOn: d('2026-02-20'), period: p('2026-02'), values: { single: D('99998') } },
      averageMonthly: null,
    });
    expect(r).toMatchObject({ ok: true, state: 'accepted' });
    if (r.ok) expect(r.volumes[0]).toMatchObject({ rollover: true, volume: D('5') });
  });

  it('more than 3 × the average per month is held; exactly 3 × is not', () => {
    // one month since February: limit 3 × 5 × 1 = 15
    expect(check({ value: '116' })).toMatchObject({ ok: true, state: 'held' });
    expect(check({ value: '115' })).toMatchObject({ ok: true, state: 'accepted' });
    expect(check({ value: '125', readOn: '2026-03-14' })).toMatchObject({ state: 'held' }); // 25 > 15
  });

  it('two months since the previous reading double the limit', () => {
    const r = check({
      value: '125',
      readOn: '2026-03-10',
      previous: { readOn: d('2026-01-20'), period: p('2026-01'), values: { single: D('100') } },
    });
    expect(r).toMatchObject({ ok: true, state: 'accepted' }); // 25 ≤ 3 × 5 × 2 = 30
  });

  it('verification expired on 2026-03-15: the reading is stored, not for billing', () => {
    expect(check({ readOn: '2026-03-14' })).toMatchObject({ ok: true, state: 'accepted' });
    const r = check({ readOn: '2026-03-15' });
    expect(r).toMatchObject({ ok: true, state: 'not_for_billing' });
    if (r.ok) expect(r.warnings[0]).toContain('срок поверки истёк 2026-03-15');
  });

  it('after decommissioning: stored, not for billing', () => {
    const r = check({ meter: { ...meter, decommissionedOn: d('2026-03-01'), verificationFailsOn: null } });
    expect(r).toMatchObject({ ok: true, state: 'not_for_billing' });
  });

  it('zones: each zone of the meter, and no other', () => {
    const two = { ...meter, zones: ['day', 'night'] as const };
    const r = checkReading({
      meter: two,
      reading: { readOn: d('2026-03-10'), kind: 'regular', values: { day: D('1'), single: D('2') } },
      previous: null,
      windowDay: 25,
      averageMonthly: null,
      holdMultiple: D('3'),
    });
    expect(r).toMatchObject({
      ok: false,
      problems: [
        { field: 'values.night', problem: 'нет показания по зоне' },
        { field: 'values.single', problem: 'у прибора нет зоны single' },
      ],
    });
  });

  it('digits, decimals, negative values and dates are checked', () => {
    expect(check({ value: '100000', previous: null })).toMatchObject({
      problems: [{ field: 'values.single' }],
    });
    expect(check({ value: '100.0001' })).toMatchObject({ problems: [{ field: 'values.single' }] });
    expect(check({ value: '-1', previous: null })).toMatchObject({ problems: [{ field: 'values.single' }] });
    expect(check({ readOn: '2026-02-19' })).toMatchObject({ problems: [{ field: 'readOn' }] });
    expect(check({ readOn: '2025-01-09', previous: null })).toMatchObject({
      problems: [{ field: 'readOn' }],
    });
  });

  it('the first reading of a meter has no volume and is accepted', () => {
    const r = check({ previous: null });
    expect(r).toMatchObject({ ok: true, state: 'accepted' });
    if (r.ok) expect(r.volumes[0]!.volume.isZero()).toBe(true);
  });
});
