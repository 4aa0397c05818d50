/**
 * The compact stored form of explanations (explanation-codec.ts): the round trip through JSON, as the database
 * keeps it, gives back exactly the explanation the core built — for every line of seeded houses covering every
 * method of the generator, mid-month tariff changes and residents, and the recalculation lines; other shapes
 * pass through untouched.
 */
import { describe, expect, it } from 'vitest';
import { period } from '../../../test/support/billing.js';
import { generateHouse } from '../../../test/support/billing-gen.js';
import { computeHouse } from './compute.js';
import {
  compactExplanation,
  compactExplanationJson,
  EXPLANATION_TEXTS,
  fullExplanation,
} from './explanation-codec.js';
import { recalculate } from './recalculation.js';
import type { Explanation } from './types.js';

const stored = (e: unknown) => JSON.parse(JSON.stringify(compactExplanation(e))) as unknown;

describe('compact explanations', () => {
  it('read back equal to the full explanation for every line of 20 seeded houses, and at most half the size', () => {
    let full = 0;
    let compact = 0;
    let lines = 0;
    for (let seed = 1; seed <= 20; seed++) {
      for (const l of computeHouse(generateHouse(seed, { accounts: 30, period: period('2026-03') }))) {
        const back = fullExplanation(stored(l.explanation));
        expect(back).toEqual(l.explanation);
        full += JSON.stringify(l.explanation).length;
        compact += JSON.stringify(compactExplanation(l.explanation)).length;
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(1000);
    expect(compact).toBeLessThan(full / 2);
  });

  it('recalculation lines too', () => {
    const input = generateHouse(3, { accounts: 20, period: period('2026-03') });
    const before = computeHouse(input);
    const after = computeHouse({
      ...input,
      tariffs: input.tariffs.map((t) => ({ ...t, rate: t.rate.add(t.rate) })),
    });
    const diff = recalculate({
      correctsPeriod: period('2026-03'),
      postedPeriod: period('2026-04'),
      cause: 'recalculation_request #1',
      issued: before.map((l, i) => ({ ...l, id: i + 1 })),
      fresh: after,
    });
    expect(diff.length).toBeGreaterThan(0);
    for (const d of diff) expect(fullExplanation(stored(d.explanation))).toEqual(d.explanation);
  });

  it('keeps a text that is not in the list as itself, and codes the ones that are', () => {
    const e: Explanation = {
      formula: 'Плата = новая формула, которой нет в списке',
      rules: ['RULES.md §1.2', 'RULES.md §99'],
      inputs: [{ name: 'тариф', value: '35.5', source: 'tariff #48' }],
      pieces: [
        { from: '2026-10-01' as never, to: '2026-10-31' as never, days: 31, note: '37 м², 31/31 дн.' },
      ],
    };
    const c = compactExplanation(e) as unknown[];
    expect(c[1]).toBe('Плата = новая формула, которой нет в списке');
    expect(c[2]).toEqual([EXPLANATION_TEXTS.indexOf('RULES.md §1.2'), 'RULES.md §99']);
    expect(fullExplanation(stored(e))).toEqual(e);
  });

  it('stores and reads another shape (a penalty line, a row written before) as it is', () => {
    const penalty = { formula: 'Пени = …', debtPeriod: '2026-09', days: 12 };
    expect(compactExplanation(penalty)).toBe(penalty);
    expect(fullExplanation(penalty)).toBe(penalty);
    const extraKey = { formula: 'x', rules: [], inputs: [], pieces: [], note: 'y' };
    expect(compactExplanation(extraKey)).toBe(extraKey);
    expect(fullExplanation(null)).toBe(null);
  });

  it('is written directly as exactly the text JSON.stringify makes of the compact form', () => {
    const same = (e: unknown) =>
      expect(compactExplanationJson(e)).toBe(JSON.stringify(compactExplanation(e)));
    for (let seed = 1; seed <= 10; seed++)
      for (const l of computeHouse(generateHouse(seed, { accounts: 20, period: period('2026-03') })))
        same(l.explanation);
    const piece = { from: '2026-10-01', to: '2026-10-31', days: 31, note: 'n' };
    // texts JSON must escape: quotes, backslashes, control characters, a lone surrogate; an emoji pair
    for (const odd of ['say "x"', 'a\\b', 'tab\there', 'line\nbreak', '\u0001', '\ud800', '😀', ''])
      same({
        formula: odd,
        rules: [odd, 'RULES.md §1.2'],
        inputs: [{ name: odd, value: odd, source: odd }],
        pieces: [{ ...piece, note: odd }],
      });
    same({ formula: 'f', rules: [], inputs: [], pieces: [] });
    // other shapes: as compactExplanation leaves them
    same({ formula: 'Пени = …', debtPeriod: '2026-09', days: 12 });
    same({ formula: 'x', rules: [], inputs: [], pieces: [], note: 'y' });
    same({ formula: 'x', rules: [1], inputs: [], pieces: [] });
    same({ formula: 'x', rules: [], inputs: [{ name: 'a', value: 'b', source: 'c', extra: 1 }], pieces: [] });
    same({ formula: 'x', rules: [], inputs: [], pieces: [{ ...piece, days: '31' }] });
    same([1, 2]);
    same(null);
    same('text');
  });

  it('the list of texts has no repeats (an index names one text)', () => {
    expect(new Set(EXPLANATION_TEXTS).size).toBe(EXPLANATION_TEXTS.length);
  });
});
