/**
 * Writes a generated town by COPY, in batches, with a progress report: houses and their managers,
 * premises, their areas, accounts. Ids are allocated after the existing ones, and the identity
 * sequences are moved past them at the end.
 */
import type { Db } from '../../db/client.js';
import { accountSearchText, accountSearchTokens } from '../../db/registry/account-search.js';
import { formatAddress } from '../../db/registry/houses.js';
import { premiseLabel } from '../../db/registry/premises.js';
import type { HouseServicePlan } from './demo-prices.js';
import { noProgress, type Progress } from '../progress.js';
import {
  generateTown,
  hundredths,
  type AccountRow,
  type AreaRow,
  type HouseRow,
  type PremiseRow,
} from './town-generator.js';

export type TownOptions = {
  accounts: number;
  seed: number;
  city?: string | undefined;
  region?: string | undefined;
  /** Services each house gets, from 2015-01-01 (none when empty). */
  services?: HouseServicePlan;
};

const BATCH = 50_000;
const tables = [
  'houses',
  'house_managers',
  'house_services',
  'premises',
  'premise_areas',
  'accounts',
] as const;

async function nextId(db: Db, table: string): Promise<number> {
  const row = await db.maybeOne<{ n: number }>(`select coalesce(max(id), 0)::bigint + 1 as n from ${table}`);
  return row!.n;
}

/** Generates and writes the town for the settlement centre; returns the counts written. */
export async function loadTown(
  db: Db,
  settlementCentreId: number,
  options: TownOptions,
  progress: Progress = noProgress,
): Promise<{ houses: number; premises: number; accounts: number }> {
  const managers = await db.query<{ id: number }>(
    `select id from organisations where kind = 'manager' and settlement_centre_id = $1 order by id`,
    [settlementCentreId],
  );
  const districts = await db.query<{ id: number }>(
    'select id from districts where settlement_centre_id = $1 order by id',
    [settlementCentreId],
  );
  if (managers.length === 0 || districts.length === 0)
    throw new Error('the town needs managers and districts of the settlement centre first');
  const serial = await db.maybeOne<{ n: number }>(
    `select coalesce(max(substr(number, 1, 9)::bigint), 0) + 1 as n from accounts`,
  );
  const city = options.city ?? 'Демо-город';
  const region = options.region ?? 'Демо-область';
  const town = generateTown({
    accounts: options.accounts,
    seed: options.seed,
    city,
    region,
    settlementCentreId,
    managerIds: managers.map((m) => m.id),
    districtIds: districts.map((d) => d.id),
    firstIds: {
      house: await nextId(db, 'houses'),
      premise: await nextId(db, 'premises'),
      area: await nextId(db, 'premise_areas'),
      account: await nextId(db, 'accounts'),
      serial: serial!.n,
    },
  });

  const counts = { houses: 0, premises: 0, accounts: 0 };
  let houses: HouseRow[] = [];
  let premises: PremiseRow[] = [];
  let areas: AreaRow[] = [];
  let accounts: AccountRow[] = [];
  const flush = async () => {
    await db.copyFrom(
      'houses',
      [
        'id',
        'settlement_centre_id',
        'district_id',
        'region',
        'city',
        'street',
        'house_number',
        'year_built',
        'floors',
        'entrances',
        'total_area',
        'residential_area',
        'non_residential_area',
        'common_area',
        'has_lift',
        'has_gas',
        'common_meters',
      ],
      houses.map((h) => [
        h.id,
        settlementCentreId,
        h.districtId,
        region,
        city,
        h.street,
        h.number,
        h.yearBuilt,
        h.floors,
        h.entrances,
        hundredths(h.residentialArea + h.commonArea),
        hundredths(h.residentialArea),
        '0.00',
        hundredths(h.commonArea),
        h.hasLift,
        h.hasGas,
        h.floors >= 5 ? '{cold_water,heating}' : '{}',
      ]),
    );
    await db.copyFrom(
      'house_managers',
      ['house_id', 'manager_id', 'valid_from'],
      houses.map((h) => [h.id, h.managerId, '2015-01-01']),
    );
    const plan = options.services ?? [];
    await db.copyFrom(
      'house_services',
      ['house_id', 'service_id', 'supplier_id', 'method', 'valid_from'],
      houses.flatMap((h) =>
        plan.flatMap((p) => {
          const method = p.method(h);
          if (method === null) return [];
          return [
            [
              h.id,
              p.serviceId,
              p.supplierId === 'manager' ? h.managerId : p.supplierId,
              method,
              '2015-01-01',
            ],
          ];
        }),
      ),
    );
    await db.copyFrom(
      'premises',
      ['id', 'house_id', 'number', 'kind', 'flat_id', 'is_shared_flat', 'rooms', 'floor', 'entrance'],
      premises.map((p) => [
        p.id,
        p.houseId,
        p.number,
        p.kind,
        p.flatId,
        p.isSharedFlat,
        p.rooms,
        p.floor,
        p.entrance,
      ]),
    );
    await db.copyFrom(
      'premise_areas',
      ['id', 'premise_id', 'total_area', 'living_area', 'valid_from'],
      areas.map((a) => [a.id, a.premiseId, hundredths(a.totalArea), hundredths(a.livingArea), '2015-01-01']),
    );
    // the search keys of the global search box, as the account service writes them
    const addressOf = new Map(
      houses.map((h) => [
        h.id,
        formatAddress({ city, street: h.street, houseNumber: h.number, building: null }),
      ]),
    );
    const premiseOf = new Map(premises.map((p) => [p.id, p]));
    const tokensOf = (a: AccountRow) => {
      const premise = premiseOf.get(a.premiseId)!;
      const flatNumber = premise.flatId === null ? null : premiseOf.get(premise.flatId)!.number;
      const premiseText = premiseLabel({ kind: premise.kind, number: premise.number, flatNumber });
      const text = accountSearchText({
        payerName: a.payerName,
        address: addressOf.get(premise.houseId)!,
        premiseLabel: premiseText,
      });
      return `{${accountSearchTokens(text).join(',')}}`;
    };
    await db.copyFrom(
      'accounts',
      ['id', 'number', 'premise_id', 'payer_kind', 'payer_name', 'opened_on', 'search_tokens'],
      accounts.map((a) => [a.id, a.number, a.premiseId, 'person', a.payerName, a.openedOn, tokensOf(a)]),
    );
    counts.houses += houses.length;
    counts.premises += premises.length;
    counts.accounts += accounts.length;
    houses = [];
    premises = [];
    areas = [];
    accounts = [];
    progress(counts.accounts, options.accounts, `${counts.houses} домов`);
  };

  for (const row of town) {
    if ('house' in row) {
      if (accounts.length >= BATCH) await flush();
      houses.push(row.house);
      continue;
    }
    premises.push(row.premise);
    if (row.area) areas.push(row.area);
    if (row.account) accounts.push(row.account);
  }
  await flush();
  for (const table of tables) {
    await db.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  return counts;
}
