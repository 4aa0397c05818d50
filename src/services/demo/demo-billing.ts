/**
 * Billing rows of the demo town, so a newcomer sees the module alive: undersupply records (RULES.md §5) in the
 * first house of the town for October 2026 — a hot-water interruption of 10 hours (8 h a month and 4 h at once
 * are permitted) and a night with hot water at 52 °C (60 °C is the norm). A run of October in the demo then shows
 * the reductions under those lines. Deterministic: the same rows on every load.
 */
import type { Db } from '../../db/client.js';
import { insertUndersupply, type UndersupplyFields } from '../../db/billing/undersupplies.js';

export async function loadDemoBilling(db: Db, centreId: number): Promise<number> {
  const house = await db.maybeOne<{ id: number }>(
    'select id from houses where settlement_centre_id = $1 order by id limit 1',
    [centreId],
  );
  const service = await db.maybeOne<{ id: number }>(`select id from services where code = 'hot_water'`);
  if (!house || !service) return 0;
  const base: Omit<UndersupplyFields, 'startsAt' | 'endsAt' | 'kind' | 'measured' | 'night' | 'note'> = {
    houseId: house.id,
    serviceId: service.id,
    scopeKind: 'house',
    entrance: null,
    accountIds: [],
    norm: null,
    roomTemperature: null,
    powerSources: null,
    deadEndAccident: false,
  };
  const rows: UndersupplyFields[] = [
    {
      ...base,
      startsAt: '2026-10-14T08:00',
      endsAt: '2026-10-14T18:00',
      kind: 'interruption',
      measured: null,
      night: false,
      note: 'Ремонт теплотрассы (демо)',
    },
    {
      ...base,
      startsAt: '2026-10-20T00:00',
      endsAt: '2026-10-20T05:00',
      kind: 'hot_water_temperature',
      measured: '52',
      night: true,
      note: 'Акт замера температуры (демо)',
    },
  ];
  return db.transaction(async (tx) => {
    for (const r of rows) await insertUndersupply(tx, r, new Date('2026-10-21T09:00:00Z'), null);
    return rows.length;
  });
}
