/**
 * The recalculation core: unchanged data posts nothing (property), a change posts exactly the difference
 * linked to what it corrects, and a second recalculation after the first posts nothing again.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../decimal.js';
import { kop } from '../money.js';
import { computeHouse } from './compute.js';
import { recalculate, type IssuedLine } from './recalculation.js';
import type { ChargeLine } from './types.js';
import {
  SERVICES as S,
  account,
  area,
  house,
  houseService,
  period,
  tariff,
} from '../../../test/support/billing.js';
import { generateHouse } from '../../../test/support/billing-gen.js';

const issue = (lines: readonly ChargeLine[], firstId = 1): IssuedLine[] =>
  lines.map((l, i) => ({
    id: firstId + i,
    accountId: l.accountId,
    serviceId: l.serviceId,
    supplierId: l.supplierId,
    kind: l.kind,
    amount: l.amount,
    volume: l.volume,
    unit: l.unit,
  }));

const periods = ['2025-02', '2025-06', '2025-12', '2026-01', '2026-03', '2026-07', '2026-10'] as const;

describe('recalculate', () => {
  it('recomputing with unchanged data, loaded in any order, posts nothing (property, seeded houses)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...periods),
        fc.integer({ min: 1, max: 12 }),
        (seed, p, n) => {
          const input = generateHouse(seed, { accounts: n, period: period(p) });
          const issued = issue(computeHouse(input));
          // The same data loaded again, in another order (as a database may return it).
          const reloaded = generateHouse(seed, { accounts: n, period: period(p) });
          const again = computeHouse({
            ...reloaded,
            accounts: [...reloaded.accounts].reverse(),
            tariffs: [...reloaded.tariffs].reverse(),
            legal: [...reloaded.legal].reverse(),
            houseServices: [...reloaded.houseServices].reverse(),
          });
          expect(
            recalculate({
              correctsPeriod: period(p),
              postedPeriod: period('2026-11'),
              cause: 'test',
              issued,
              fresh: again,
            }),
          ).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('after a change, issued + recalculation = fresh per key; recalculating again posts nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...periods),
        fc.integer({ min: 1, max: 10 }),
        (seed, p, n) => {
          const before = generateHouse(seed, { accounts: n, period: period(p) });
          const issued = issue(computeHouse(before));
          // The change: every tariff 1.00 ₽ dearer.
          const after = {
            ...before,
            tariffs: before.tariffs.map((t) => ({ ...t, rate: t.rate.add(Decimal.ONE) })),
          };
          const fresh = computeHouse(after);
          const recalc = recalculate({
            correctsPeriod: period(p),
            postedPeriod: period('2026-11'),
            cause: 'tariff',
            issued,
            fresh,
          });
          const key = (l: { accountId: number; serviceId: number; supplierId: number; kind: string }) =>
            `${l.accountId}|${l.serviceId}|${l.supplierId}|${l.kind}`;
          const totals = new Map<string, number>();
          for (const l of issued) totals.set(key(l), (totals.get(key(l)) ?? 0) + l.amount);
          for (const l of recalc) totals.set(key(l), (totals.get(key(l)) ?? 0) + l.amount);
          const expected = new Map<string, number>();
          for (const l of fresh) expected.set(key(l), (expected.get(key(l)) ?? 0) + l.amount);
          for (const [k, v] of expected) expect(totals.get(k) ?? 0).toBe(v);
          // Each recalculation line points at the lines it corrects (same key).
          for (const l of recalc)
            for (const id of l.corrects) expect(key(issued.find((x) => x.id === id)!)).toBe(key(l));
          // The recalculations become issued lines of the period: a second pass posts nothing.
          const second = [
            ...issued,
            ...recalc.map((l, i) => ({
              id: 10_000 + i,
              accountId: l.accountId,
              serviceId: l.serviceId,
              supplierId: l.supplierId,
              kind: l.kind,
              amount: l.amount,
              volume: l.volume,
              unit: l.unit,
            })),
          ];
          expect(
            recalculate({
              correctsPeriod: period(p),
              postedPeriod: period('2026-12'),
              cause: 'tariff',
              issued: second,
              fresh,
            }),
          ).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a retroactive tariff change: +3.00 ₽/m² on 50 m² → one line of +150.00 linked to the original', () => {
    // Was 50 × 30.00 = 1500.00; now 50 × 33.00 = 1650.00; difference 150.00.
    const make = (rate: string) =>
      computeHouse(
        house({
          period: period('2026-07'),
          houseServices: [houseService(S.maintenance.id, 'by_area')],
          tariffs: [tariff(S.maintenance.id, rate, '2026-01-01', null, { id: 7 })],
          accounts: [account(1, { areas: [area('50')] })],
        }),
      );
    const issued = issue(make('30'), 41);
    const recalc = recalculate({
      correctsPeriod: period('2026-07'),
      postedPeriod: period('2026-10'),
      cause: 'recalculation_request #5',
      issued,
      fresh: make('33'),
    });
    expect(recalc).toHaveLength(1);
    expect(recalc[0]).toMatchObject({
      accountId: 1,
      amount: kop(15000),
      corrects: [41],
      correctsPeriod: '2026-07',
      postedPeriod: '2026-10',
      cause: 'recalculation_request #5',
    });
    expect(recalc[0]!.volume?.toString()).toBe('0'); // the area did not change, only the money
  });

  it('a line that no longer exists is reversed in full; a new one is posted in full', () => {
    const issued: IssuedLine[] = [
      {
        id: 1,
        accountId: 1,
        serviceId: 6,
        supplierId: 500,
        kind: 'charge',
        amount: kop(1000),
        volume: null,
        unit: 'м²',
      },
    ];
    const fresh = computeHouse(
      house({
        period: period('2026-07'),
        houseServices: [houseService(S.intercom.id, 'fixed')],
        tariffs: [tariff(S.intercom.id, '60')],
        accounts: [account(1)],
      }),
    );
    const recalc = recalculate({
      correctsPeriod: period('2026-07'),
      postedPeriod: period('2026-10'),
      cause: 'x',
      issued,
      fresh,
    });
    expect(recalc.map((l) => [l.serviceId, l.amount, l.corrects])).toEqual([
      [6, -1000, [1]],
      [S.intercom.id, 6000, []],
    ]);
  });
});
