import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from './decimal.js';
import { allocate, allocateDecimal, kop, type Kopecks } from './money.js';

const kops = (list: readonly number[]): Kopecks[] => list.map(kop);

describe('allocate: RULES.md 7.2 examples', () => {
  it('example 7.1: 3,000.00 over 1,500 / 600 / 1,200 / 700 → 1,125.00 / 450.00 / 900.00 / 525.00', () => {
    // factor 3000 / 4000 = 0.75, every share exact
    expect(allocate(kop(300000), kops([150000, 60000, 120000, 70000]))).toEqual([
      112500, 45000, 90000, 52500,
    ]);
  });

  it('example 7.2a: 100.00 over 333.33 / 333.33 / 333.34 → 33.33 / 33.33 / 33.34', () => {
    // By hand, in kopecks: Σw = 100000; shares 10000·33333/100000 = 3333.3, 3333.3, 3333.4.
    // Truncated 3333 + 3333 + 3333 = 9999; the 1 leftover kopeck goes to the largest remainder (.4): line 3.
    expect(allocate(kop(10000), kops([33333, 33333, 33334]))).toEqual([3333, 3333, 3334]);
  });

  it('example 7.2b: 1,000.00 over 1,234.56 / 345.67 / 2,890.12 → 276.17 / 77.32 / 646.51', () => {
    // By hand, in kopecks: Σw = 123456 + 34567 + 289012 = 447035.
    //   100000·123456 = 12 345 600 000 = 447035·27616 + 281440   → 27616, remainder .630
    //   100000·34567  =  3 456 700 000 = 447035·7732  + 225380   →  7732, remainder .504
    //   100000·289012 = 28 901 200 000 = 447035·64650 + 387250   → 64650, remainder .866
    // Truncated sum 99998; the 2 leftover kopecks go to line 3 (.866) and line 1 (.630).
    // (Check: 281440 + 225380 + 387250 = 894070 = 2·447035.) The example agrees.
    expect(allocate(kop(100000), kops([123456, 34567, 289012]))).toEqual([27617, 7732, 64651]);
  });
});

describe('allocate: edge cases', () => {
  it.each([
    // total, weights, parts — by hand
    [5, [1, 2], [2, 3]], // 1.667 / 3.333: the leftover goes to remainder .667
    [1, [1, 1, 1], [1, 0, 0]], // a three-way tie goes to the earliest line
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [0, 1, 1], [0, 50, 50]], // a zero weight gets nothing
    [777, [42], [777]], // one weight takes everything
    [0, [5, 7], [0, 0]], // zero total → zeros
    [0, [0, 0], [0, 0]], // zero total → zeros even with no proportion
    [0, [], []],
    [-10000, [33333, 33333, 33334], [-3333, -3333, -3334]], // negative total: split 100.00, negate
    [-1, [1, 1, 1], [-1, 0, 0]],
  ])('allocate(%i, %j) = %j', (total, weights, parts) => {
    expect(allocate(kop(total), kops(weights))).toEqual(parts);
  });

  it('takes Decimal and bigint weights by value (areas, counts)', () => {
    // 100.00 ₽ by areas 50.5 m² and 49.5 m² → 50.50 / 49.50
    expect(allocate(kop(10000), [Decimal.parse('50.5'), Decimal.parse('49.5')])).toEqual([5050, 4950]);
    // mixed kinds compare by numeric value: 2 = 2.0 = 2n
    expect(allocate(kop(300), [kop(2), Decimal.parse('2.0'), 2n])).toEqual([100, 100, 100]);
  });

  it.each([
    ['a negative weight', 100, [5, -1]],
    ['all weights zero', 100, [0, 0]],
    ['no weights', 100, []],
  ])('throws a RangeError for %s', (_case, total, weights) => {
    expect(() =>
      allocate(
        kop(total),
        weights.map((w) => BigInt(w)),
      ),
    ).toThrow(RangeError);
  });

  it('rejects a total that is not a safe integer', () => {
    expect(() => allocate(0.5 as Kopecks, [1n])).toThrow(RangeError);
  });
});

describe('allocateDecimal', () => {
  it('splits a house volume of 10.000 m³ by areas 50 / 70 / 30 m² at 0.001 m³', () => {
    // By hand, in units of 0.001 m³: 10000·50/150 = 3333.33, 10000·70/150 = 4666.67, 10000·30/150 = 2000.
    // Truncated sum 9999; the leftover unit goes to remainder .67 (line 2).
    const parts = allocateDecimal(Decimal.parse('10.000'), ['50.0', '70.0', '30.0'].map(Decimal.parse), 3);
    expect(parts.map((p) => p.toFixed(3))).toEqual(['3.333', '4.667', '2.000']);
    expect(parts.every((p) => p.scale === 3)).toBe(true);
  });

  it('splits a negative volume (a common-needs surplus) the same way, negated', () => {
    const parts = allocateDecimal(Decimal.parse('-1'), [1n, 1n, 1n], 3);
    expect(parts.map(String)).toEqual(['-0.334', '-0.333', '-0.333']);
  });

  it('refuses a total with more digits than the scale (round it first)', () => {
    expect(() => allocateDecimal(Decimal.parse('1.2345'), [1n], 3)).toThrow(RangeError);
    expect(allocateDecimal(Decimal.parse('1.2345').round(3), [1n], 3).map(String)).toEqual(['1.235']);
  });
});

// ── Property tests ────────────────────────────────────────────────────────────────────────────
const totalArb = fc.integer({ min: -1e12, max: 1e12 });
const weightsArb = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 20 });
const sumOf = (list: readonly bigint[]): bigint => list.reduce((a, b) => a + b, 0n);
const absBig = (x: bigint): bigint => (x < 0n ? -x : x);

describe('allocate properties', () => {
  it('the parts sum exactly to the total', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        fc.pre(sumOf(weights) > 0n);
        expect(allocate(kop(total), weights).reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('each part is within one kopeck of its exact share total·w/Σw, with the sign of the total', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = sumOf(weights);
        fc.pre(sum > 0n);
        allocate(kop(total), weights).forEach((part, i) => {
          // |part − total·w/Σw| < 1  ⇔  |part·Σw − total·w| < Σw
          expect(absBig(BigInt(part) * sum - BigInt(total) * weights[i]!) < sum).toBe(true);
          expect(part === 0 || part < 0 === total < 0).toBe(true);
        });
      }),
    );
  });

  it('does not depend on line order, except between lines whose remainders tie', () => {
    const arb = weightsArb.chain((weights) =>
      fc.tuple(fc.constant(weights), fc.shuffledSubarray([...weights.keys()], { minLength: weights.length })),
    );
    fc.assert(
      fc.property(totalArb, arb, (total, [weights, order]) => {
        const sum = sumOf(weights);
        fc.pre(sum > 0n);
        const remainders = weights.map((w) => (absBig(BigInt(total)) * w) % sum);
        const parts = allocate(kop(total), weights);
        const shuffled = allocate(
          kop(total),
          order.map((i) => weights[i]!),
        );
        order.forEach((original, position) => {
          const tied = remainders.filter((r) => r === remainders[original]).length > 1;
          if (tied) expect(Math.abs(shuffled[position]! - parts[original]!)).toBeLessThanOrEqual(1);
          else expect(shuffled[position]).toBe(parts[original]);
        });
      }),
    );
  });

  it('proportional weights give the same result, whatever their kind or scale', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.bigInt({ min: 1n, max: 1000n }), (total, weights, k) => {
        fc.pre(sumOf(weights) > 0n);
        const expected = allocate(kop(total), weights);
        expect(
          allocate(
            kop(total),
            weights.map((w) => w * k),
          ),
        ).toEqual(expected);
        expect(
          allocate(
            kop(total),
            weights.map((w) => Decimal.fromUnits(w, 3)),
          ),
        ).toEqual(expected);
      }),
    );
  });

  it('a single weight takes the whole total; a negative total mirrors the positive one', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        fc.pre(sumOf(weights) > 0n);
        expect(allocate(kop(total), [weights[0]! + 1n])).toEqual([total]);
        const mirrored = allocate(kop(-total), weights).map((p) => -p || 0);
        expect(mirrored).toEqual(allocate(kop(total), weights));
      }),
    );
  });

  it('allocateDecimal parts sum exactly to the total and carry the stated scale', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.integer({ min: 0, max: 6 }), (units, weights, scale) => {
        fc.pre(sumOf(weights) > 0n);
        const total = Decimal.fromUnits(BigInt(units), scale);
        const parts = allocateDecimal(total, weights, scale);
        expect(Decimal.sum(parts).eq(total)).toBe(true);
        expect(parts.every((p) => p.scale === scale)).toBe(true);
      }),
    );
  });
});
