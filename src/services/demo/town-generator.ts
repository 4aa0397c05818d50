/**
 * A deterministic town: the same seed and size give the same houses, flats, areas and payers, byte for
 * byte. Rows are produced lazily (a million accounts never sit in memory at once) with the ids they will
 * have, so the writer can COPY them.
 */
import { makeAccountNumber } from '../../domain/registry/account-number.js';
import { feminineSurname, femaleNames, maleNames, patronymicStems, streets, surnames } from './town-data.js';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TownPlan = {
  accounts: number;
  seed: number;
  city: string;
  region: string;
  /** First ids to use (max existing + 1) for houses, premises, premise areas, accounts; and the first account serial. */
  firstIds: { house: number; premise: number; area: number; account: number; serial: number };
  managerIds: readonly number[];
  districtIds: readonly number[];
  settlementCentreId: number;
};

export type HouseRow = {
  id: number;
  districtId: number;
  managerId: number;
  street: string;
  number: string;
  floors: number;
  entrances: number;
  yearBuilt: number;
  /** hundredths of m², exact */
  residentialArea: number;
  commonArea: number;
  hasLift: boolean;
  hasGas: boolean;
};
export type PremiseRow = {
  id: number;
  houseId: number;
  number: string;
  kind: 'flat' | 'room';
  flatId: number | null;
  isSharedFlat: boolean;
  rooms: number;
  floor: number;
  entrance: number;
};
export type AreaRow = { id: number; premiseId: number; totalArea: number; livingArea: number };
export type AccountRow = {
  id: number;
  number: string;
  premiseId: number;
  payerName: string;
  openedOn: string;
};
export type TownRow =
  { house: HouseRow } | { premise: PremiseRow; area: AreaRow | null; account: AccountRow | null };

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function personName(r: () => number): string {
  const female = r() < 0.55;
  const surname = pick(r, surnames);
  const stem = pick(r, patronymicStems);
  return female
    ? `${feminineSurname(surname)} ${pick(r, femaleNames)} ${stem}на`
    : `${surname} ${pick(r, maleNames)} ${stem}ич`;
}

/** hundredths of m² for a flat of n rooms: 1 → 30–38, 2 → 44–54, 3 → 58–72, 4 → 74–90 m². */
function flatArea(r: () => number, rooms: number): number {
  const ranges: Record<number, [number, number]> = {
    1: [3000, 3800],
    2: [4400, 5400],
    3: [5800, 7200],
    4: [7400, 9000],
  };
  const [lo, hi] = ranges[rooms]!;
  return between(r, lo / 10, hi / 10) * 10; // whole tenths of m²
}

function isoDay(r: () => number, fromYear: number, toYear: number): string {
  const y = between(r, fromYear, toYear);
  const m = between(r, 1, 12);
  const d = between(r, 1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The rows of the town, house by house, until `accounts` accounts are made. */
export function* generateTown(plan: TownPlan): Generator<TownRow> {
  const r = prng(plan.seed);
  const ids = { ...plan.firstIds };
  let accounts = 0;
  let houseIndex = 0;
  while (accounts < plan.accounts) {
    const floors = pick(r, [2, 5, 5, 5, 9, 9, 9, 12, 16]);
    // 5-storey blocks of 2–4 entrances, taller ones of 1–3: about 60 flats a house on average
    const entrances = floors <= 2 ? between(r, 1, 2) : floors <= 5 ? between(r, 2, 4) : between(r, 1, 3);
    const perFloor = floors <= 2 ? 2 : 4;
    const street = streets[houseIndex % streets.length]!;
    const house: HouseRow = {
      id: ids.house++,
      districtId: plan.districtIds[houseIndex % plan.districtIds.length]!,
      managerId: plan.managerIds[Math.floor(houseIndex / 2) % plan.managerIds.length]!,
      street,
      number:
        String(1 + 2 * Math.floor(houseIndex / streets.length) + (houseIndex % 2)) + (r() < 0.1 ? 'а' : ''),
      floors,
      entrances,
      yearBuilt: floors >= 12 ? between(r, 1985, 2022) : between(r, 1955, 1995),
      residentialArea: 0,
      commonArea: 0,
      hasLift: floors >= 9,
      hasGas: floors <= 5 && r() < 0.6,
    };
    houseIndex++;
    const rows: TownRow[] = [];
    let flatNo = 0;
    for (let entrance = 1; entrance <= entrances && accounts < plan.accounts; entrance++) {
      for (let floor = 1; floor <= floors && accounts < plan.accounts; floor++) {
        for (let k = 0; k < perFloor && accounts < plan.accounts; k++) {
          flatNo++;
          const rooms = pick(r, [1, 1, 2, 2, 2, 3, 3, 4]);
          const total = flatArea(r, rooms);
          const living = Math.round((total * between(r, 55, 68)) / 1000) * 10;
          house.residentialArea += total;
          const shared = rooms >= 3 && r() < 0.04; // a shared flat: each room has its own account
          const flat: PremiseRow = {
            id: ids.premise++,
            houseId: house.id,
            number: String(flatNo),
            kind: 'flat',
            flatId: null,
            isSharedFlat: shared,
            rooms,
            floor,
            entrance,
          };
          const flatArea_: AreaRow = {
            id: ids.area++,
            premiseId: flat.id,
            totalArea: total,
            livingArea: living,
          };
          if (!shared) {
            const account: AccountRow = {
              id: ids.account++,
              number: makeAccountNumber(ids.serial++),
              premiseId: flat.id,
              payerName: personName(r),
              openedOn: isoDay(r, 2005, 2024),
            };
            rows.push({ premise: flat, area: flatArea_, account });
            accounts++;
            continue;
          }
          rows.push({ premise: flat, area: flatArea_, account: null });
          for (let room = 1; room <= rooms && accounts < plan.accounts; room++) {
            const roomPremise: PremiseRow = {
              id: ids.premise++,
              houseId: house.id,
              number: String(room),
              kind: 'room',
              flatId: flat.id,
              isSharedFlat: false,
              rooms: 1,
              floor,
              entrance,
            };
            const roomArea = Math.round(living / rooms / 10) * 10;
            const area: AreaRow = {
              id: ids.area++,
              premiseId: roomPremise.id,
              totalArea: roomArea,
              livingArea: roomArea,
            };
            const account: AccountRow = {
              id: ids.account++,
              number: makeAccountNumber(ids.serial++),
              premiseId: roomPremise.id,
              payerName: personName(r),
              openedOn: isoDay(r, 2005, 2024),
            };
            rows.push({ premise: roomPremise, area, account });
            accounts++;
          }
        }
      }
    }
    house.commonArea = Math.round((house.residentialArea * 0.18) / 10) * 10;
    yield { house };
    yield* rows;
  }
}

/** Hundredths of m² as a numeric text: 3450 → '34.50'. */
export function hundredths(n: number): string {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}
