/**
 * Legal parameters: the catalogue loaded once, the values in force on a date with their sources (the
 * increasing coefficient 1.5, then 3 for cold water from 06.12.2025; the due day 10, then 15 from the
 * February 2026 bills), a new version checked against the kind, and a retroactive one recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import type { IsoDate } from '../../src/domain/period.js';
import { legalParameterCatalogue } from '../../src/domain/registry/legal-parameter-catalogue.js';
import { legalParameterAt, seedLegalParameters } from '../../src/services/registry/legal-parameters.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.dispose());

const post = (body: Record<string, unknown>, cookie = admin) =>
  t.call('POST', '/api/v1/legal-parameters', { cookie, body: { source: 'Тест', ...body } });
const valuesOn = async (date: string) => {
  const res = await t.call('GET', `/api/v1/legal-parameters?onDate=${date}`, {
    cookie: await t.login('analyst'),
  });
  return Object.fromEntries(
    res.json.items.map((i: { code: string; version: { value: string } | null }) => [
      i.code,
      i.version?.value ?? null,
    ]),
  );
};
const fields = (res: { json: { error: { details: { field: string }[] } } }) =>
  res.json.error.details.map((d) => d.field);

describe('the catalogue in the database', () => {
  it('is loaded at the first start with every version of every code, and loading again adds nothing', async () => {
    const versions = legalParameterCatalogue.reduce((n, d) => n + d.versions.length, 0);
    const stored = await t.db.maybeOne<{ n: number }>('select count(*)::int as n from legal_parameters');
    expect(stored!.n).toBe(versions);
    expect(await seedLegalParameters(t.db)).toBe(0);
  });

  it.each([
    ['2016-12-31', 'increasing_coefficient', '1.4'],
    ['2025-12-05', 'increasing_coefficient', '1.5'],
    ['2025-12-05', 'increasing_coefficient.cold_water', null],
    ['2025-12-06', 'increasing_coefficient.cold_water', '3'],
    ['2026-01-31', 'penalty.due_day', '10'],
    ['2026-02-01', 'penalty.due_day', '15'],
    ['2026-11-02', 'readings.window_day', '25'],
    ['2026-11-02', 'temporary_absence.min_days', '6'],
    ['2026-11-02', 'average.limit_months.residential', '3'],
  ])('on %s %s is %s', async (date, code, value) => {
    expect((await valuesOn(date))[code]).toBe(value);
  });

  it('gives RULES.md example 1.2 with K from the database: 887.82 before 06.12.2025, 1775.65 from it', async () => {
    const charge = async (date: string) => {
      const k =
        (await legalParameterAt(t.db, 'increasing_coefficient.cold_water', date as IsoDate)) ??
        (await legalParameterAt(t.db, 'increasing_coefficient', date as IsoDate))!;
      return ['3', '4.32', k.value, '45.67']
        .map(Decimal.parse)
        .reduce((a, b) => a.mul(b))
        .toFixed(2);
    };
    expect(await charge('2025-12-05')).toBe('887.82');
    expect(await charge('2025-12-06')).toBe('1775.65');
  });

  it('shows each value with its source and the catalogue’s meaning', async () => {
    const res = await t.call('GET', '/api/v1/legal-parameters?onDate=2026-01-01', { cookie: admin });
    const k = res.json.items.find((i: { code: string }) => i.code === 'increasing_coefficient.wastewater');
    expect(k.kind).toBe('decimal');
    expect(k.version.source).toMatch(/RULES\.md §1\.2/);
    expect(k.version.note).toMatch(/^UNCONFIRMED/);
  });
});

describe('a new version', () => {
  it('from 1 January 2026 closes the catalogue value and is recorded for recalculation', async () => {
    const res = await post({
      code: 'increasing_coefficient.wastewater',
      value: '1.5',
      validFrom: '2026-01-01',
      note: 'РИА, 2026',
    });
    expect(res.status, res.text).toBe(201);
    const history = await t.call(
      'GET',
      '/api/v1/legal-parameters/increasing_coefficient.wastewater/history',
      {
        cookie: admin,
      },
    );
    expect(history.json.items.map((p: Record<string, string>) => [p.value, p.validFrom, p.validTo])).toEqual([
      ['1', '2016-07-01', '2025-12-31'],
      ['1.5', '2026-01-01', null],
    ]);
    const requests = await t.db.query(
      `select house_id, from_date from recalculation_requests where object_type = 'legal_parameter' and object_id = $1`,
      [String(res.json.id)],
    );
    expect(requests).toEqual([{ house_id: null, from_date: '2026-01-01' }]);
  });

  it('takes an integer as a number, a strategy from its choices; a future one records nothing', async () => {
    const window = await post({ code: 'readings.window_day', value: 20, validFrom: '2026-12-01' });
    expect(window.status, window.text).toBe(201);
    expect(window.json.value).toBe('20');
    const method = await post({
      code: 'quality.excess_hours_method',
      value: 'union',
      validFrom: '2026-11-01',
    });
    expect(method.json.value).toBe('"union"');
    const count = await t.db.maybeOne<{ n: number }>(
      `select count(*)::int as n from recalculation_requests where object_id in ($1, $2)`,
      [String(window.json.id), String(method.json.id)],
    );
    expect(count!.n).toBe(0);
  });

  it.each([
    ['a float for a decimal', 'increasing_coefficient', 1.6, 'value'],
    ['a comma decimal', 'increasing_coefficient', '1,6', 'value'],
    ['a fraction for an integer', 'average.base_months', '2.5', 'value'],
    ['a word for a boolean', 'average.limit.apply_k_after', 'yes', 'value'],
    ['a strategy not in the list', 'temporary_absence.electricity', 'some', 'value'],
    ['an unknown code', 'no_such.parameter', '1', 'code'],
  ])('refuses %s', async (_name, code, value, field) => {
    const res = await post({ code, value, validFrom: '2027-01-01' });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual([field]);
  });

  it('refuses an overlap, naming validFrom', async () => {
    const res = await post({ code: 'increasing_coefficient', value: '1.6', validFrom: '2017-01-01' });
    expect(fields(res)).toEqual(['validFrom']);
  });

  it('is written by the settlement centre with tariffs.write only', async () => {
    const body = { code: 'penalty.due_day', value: 15, validFrom: '2027-01-01' };
    expect((await post(body, await t.login('uk_admin'))).status).toBe(403);
    expect((await post(body, await t.login('analyst'))).status).toBe(403);
    expect((await post(body, await t.login('accountant'))).status).toBe(201);
    expect((await legalParameterAt(t.db, 'penalty.due_day', '2027-01-01' as IsoDate))!.value).toBe('15');
  });

  it('answers not_found for the history of an unknown code', async () => {
    const res = await t.call('GET', '/api/v1/legal-parameters/no_such/history', { cookie: admin });
    expect(res.status).toBe(404);
  });
});
