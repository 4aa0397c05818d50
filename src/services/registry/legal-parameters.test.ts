import { describe, expect, it } from 'vitest';
import { parseLegalParameterValue } from './legal-parameters.js';

const kind = (k: 'decimal' | 'integer' | 'boolean' | 'json', choices?: string[]) => ({ kind: k, choices });

describe('parseLegalParameterValue', () => {
  it.each([
    [kind('decimal'), '1.5', '1.5'],
    [kind('decimal'), '3', '3'],
    [kind('decimal'), 1.5, null], // a float is never taken for an exact decimal
    [kind('decimal'), '1,5', null],
    [kind('decimal'), '-1', null],
    [kind('decimal'), '1e3', null],
    [kind('integer'), 25, '25'],
    [kind('integer'), '025', '25'],
    [kind('integer'), 2.5, null],
    [kind('integer'), '2.5', null],
    [kind('boolean'), true, 'true'],
    [kind('boolean'), 'false', 'false'],
    [kind('boolean'), 1, null],
    [kind('json'), { a: [1, '2'] }, '{"a":[1,"2"]}'],
    [kind('json', ['"all"', '"none"']), 'all', '"all"'],
    [kind('json', ['"all"', '"none"']), 'some', null],
    [kind('json'), undefined, null],
  ])('%o: %o → %o', (d, raw, expected) => {
    const result = parseLegalParameterValue(d, raw);
    expect(result.ok ? result.value : null).toBe(expected);
  });
});
