import { describe, expect, it } from 'vitest';
import { generateDemoMeters } from './demo-meters.js';

const premises = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  houseId: 1 + (i % 4),
  isSharedFlat: i % 50 === 0,
}));
const houses = [
  { id: 1, commonMeters: ['cold_water', 'heating'] },
  { id: 2, commonMeters: [] },
];

describe('demo meters', () => {
  it('are the same for the same seed, and differ for another', () => {
    const a = generateDemoMeters(premises, houses, 1);
    expect(generateDemoMeters(premises, houses, 1)).toEqual(a);
    expect(generateDemoMeters(premises, houses, 1, 5)).not.toEqual(a);
  });

  it('most flats have water meters, some electricity, some none; common-house meters where the house has them', () => {
    const { meters, readings } = generateDemoMeters(premises, houses, 1);
    const withWater = new Set(
      meters.filter((m) => m.resource === 'cold_water' && m.premiseId).map((m) => m.premiseId),
    );
    expect(withWater.size).toBeGreaterThan(320); // about 90% of 400
    expect(withWater.size).toBeLessThan(400);
    const electricity = meters.filter((m) => m.resource === 'electricity');
    expect(electricity.length).toBeGreaterThan(50);
    expect(electricity.every((m) => m.zoneCount === 2)).toBe(true);
    expect(meters.filter((m) => m.kind === 'common_house').map((m) => [m.houseId, m.resource])).toEqual([
      [1, 'cold_water'],
      [1, 'heating'],
    ]);
    expect(meters.filter((m) => m.kind === 'flat').every((m) => (m.premiseId! - 1) % 50 === 0)).toBe(true);
    // readings never go down, and each volume is the difference to the previous reading
    const last = new Map<number, number>();
    for (const r of readings) {
      const total = Object.values(r.values).reduce((s, v) => s + Number(v), 0);
      const before = last.get(r.meterId);
      if (before !== undefined) expect(Number(r.volume)).toBeCloseTo(total - before, 3);
      else expect(r.kind).toBe('initial');
      last.set(r.meterId, total);
    }
  });
});
