import { describe, expect, it } from 'vitest';
import { sameJson } from './engine.js';

// The line comparison of chargeOpenPeriod: an explanation read back from jsonb (keys reordered, undefined keys
// gone) must equal the one just computed, and any real difference must show.
describe('sameJson', () => {
  it('ignores key order and undefined keys, as jsonb does', () => {
    expect(sameJson({ a: 1, b: { c: 'x', d: [1, 2] } }, { b: { d: [1, 2], c: 'x' }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: null }, { a: null })).toBe(true);
  });
  it('sees a changed value, a missing key, a longer array, a number for a string, an array for an object', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ v: '1.5' }, { v: 1.5 })).toBe(false);
    expect(sameJson({ v: [] }, { v: {} })).toBe(false);
    expect(sameJson({ v: null }, { v: {} })).toBe(false);
    expect(sameJson([{ z: 'day', x: '10' }], [{ x: '10', z: 'night' }])).toBe(false);
  });
});
