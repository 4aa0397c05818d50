/**
 * Writes a generated town by COPY, in batches, with a progress report: houses and their managers,
 * premises, their areas, accounts. Ids are allocated after the existing ones, and the identity
 * sequences are moved past them at the end. All of it is one transaction; a load that is large next to what
 * the tables hold builds their indexes and checks their foreign keys once at the end (db/bulk-load.ts).
 */
import { withIndexesBuiltAfter } from '../../db/bulk-load.js';
import { copyValue, type CopyRows, type Db, type Tx } from '../../db/client.js';
import { accountSearchTokens } from '../../db/registry/account-search.js';
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
  type TownRow,
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
/** Index upkeep row by row is cheaper than a rebuild while a load adds less than this share of the rows. */
const REBUILD_SHARE = 0.25;
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

  const existing = await db.maybeOne<{ n: number }>('select count(*)::bigint as n from accounts');
  const rebuild = options.accounts >= REBUILD_SHARE * existing!.n;
  const words = new Set<string>();
  const write = (tx: Tx) => writeTown(tx, town, settlementCentreId, options, city, region, progress, words);
  return db.transaction(async (tx) => {
    if (!rebuild) return write(tx);
    // The search dictionary's trigger would take the distinct words of every batch; the town's words are
    // known here (names, addresses and flats repeat), so they go in once at the end.
    await tx.query('alter table accounts disable trigger accounts_search_words_insert');
    const counts = await withIndexesBuiltAfter(
      tx,
      tables,
      () => write(tx),
      (done, total) => progress(options.accounts, options.accounts, `индексы ${done}/${total}`),
    );
    await tx.query('insert into search_words (word) select unnest($1::text[]) on conflict do nothing', [
      [...words],
    ]);
    await tx.query('alter table accounts enable trigger accounts_search_words_insert');
    return counts;
  });
}

/** The rows of a list for COPY, made one by one as COPY takes them (no array of a batch's rows in memory). */
function lazily<T>(
  list: readonly T[],
  row: (x: T) => readonly (string | number | boolean | null)[] | string,
): CopyRows {
  return {
    *[Symbol.iterator]() {
      for (const x of list) yield row(x);
    },
  };
}

type Batch = { houses: HouseRow[]; premises: PremiseRow[]; areas: AreaRow[]; accounts: AccountRow[] };
const emptyBatch = (): Batch => ({ houses: [], premises: [], areas: [], accounts: [] });

/**
 * Batch after batch: while the database takes one batch's COPY, the next batch is generated (the generator
 * gives way to the event loop now and then, so that the COPY in flight keeps being fed).
 */
async function writeTown(
  db: Tx,
  town: Iterable<TownRow>,
  settlementCentreId: number,
  options: TownOptions,
  city: string,
  region: string,
  progress: Progress,
  words: Set<string>,
): Promise<{ houses: number; premises: number; accounts: number }> {
  const counts = { houses: 0, premises: 0, accounts: 0 };
  const cache = new Map<string, string[]>();
  /** The search words of a text (a name, an address, a flat), each text's once; all are gathered in `words`. */
  const tokensCache = (text: string) => {
    let tokens = cache.get(text);
    if (!tokens) {
      cache.set(text, (tokens = accountSearchTokens(text)));
      for (const w of tokens) words.add(w);
    }
    return tokens;
  };
  const flush = async ({ houses, premises, areas, accounts }: Batch) => {
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
      lazily(houses, (h) => [
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
      lazily(houses, (h) => [h.id, h.managerId, '2015-01-01']),
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
      // the big tables' rows as COPY lines at once (numbers, and texts made of digits or fixed words)
      lazily(
        premises,
        (p) =>
          `${p.id}\t${p.houseId}\t${p.number}\t${p.kind}\t${p.flatId ?? '\\N'}\t${p.isSharedFlat}\t${p.rooms}\t${p.floor}\t${p.entrance}`,
      ),
    );
    await db.copyFrom(
      'premise_areas',
      ['id', 'premise_id', 'total_area', 'living_area', 'valid_from'],
      lazily(
        areas,
        (a) => `${a.id}\t${a.premiseId}\t${hundredths(a.totalArea)}\t${hundredths(a.livingArea)}\t2015-01-01`,
      ),
    );
    // the search keys of the global search box, as the account service writes them: the words of a text are
    // the words of its parts, so the address's are taken once a house and a name's or a flat's once a load
    const addressTokens = new Map(
      houses.map((h) => [
        h.id,
        tokensCache(formatAddress({ city, street: h.street, houseNumber: h.number, building: null })),
      ]),
    );
    const premiseOf = new Map(premises.map((p) => [p.id, p]));
    const tokensOf = (a: AccountRow) => {
      const premise = premiseOf.get(a.premiseId)!;
      const flatNumber = premise.flatId === null ? null : premiseOf.get(premise.flatId)!.number;
      const address = addressTokens.get(premise.houseId)!;
      const words = [...address];
      for (const w of tokensCache(a.payerName)) if (!address.includes(w)) words.push(w);
      for (const w of tokensCache(premiseLabel({ kind: premise.kind, number: premise.number, flatNumber })))
        if (!words.includes(w)) words.push(w);
      return `{${words.join(',')}}`;
    };
    await db.copyFrom(
      'accounts',
      ['id', 'number', 'premise_id', 'payer_kind', 'payer_name', 'opened_on', 'search_tokens'],
      lazily(
        accounts,
        (a) =>
          `${a.id}\t${a.number}\t${a.premiseId}\tperson\t${copyValue(a.payerName)}\t${a.openedOn}\t${tokensOf(a)}`,
      ),
    );
    counts.houses += houses.length;
    counts.premises += premises.length;
    counts.accounts += accounts.length;
    progress(counts.accounts, options.accounts, `${counts.houses} домов`);
  };

  let batch = emptyBatch();
  let inFlight: Promise<void> = Promise.resolve();
  let sinceYield = 0;
  for (const row of town) {
    if ('house' in row) {
      if (batch.accounts.length >= BATCH) {
        await inFlight;
        inFlight = flush(batch);
        inFlight.catch(() => {}); // its failure is taken at the next await, not as an unhandled rejection
        batch = emptyBatch();
      }
      batch.houses.push(row.house);
      continue;
    }
    batch.premises.push(row.premise);
    if (row.area) batch.areas.push(row.area);
    if (row.account) batch.accounts.push(row.account);
    if (++sinceYield === 2_000) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await inFlight;
  await flush(batch);
  for (const table of tables) {
    await db.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  return counts;
}
