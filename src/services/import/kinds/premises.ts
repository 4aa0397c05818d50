/**
 * Premises of houses (flats, rooms of shared flats, non-residential premises) with their areas from a date.
 * A room names its flat by the flat's external id (a row of the same file or a premise already registered);
 * the flat becomes a shared flat. Numbers stay unique within a house (a room's: within its flat).
 */
import {
  insertRecords,
  selectRecords,
  updateRecords,
  type Rec,
  type TableSpec,
} from '../../../db/import/bulk.js';
import { selectHouseRefs, selectPremisesOfHouses, type HouseRef } from '../../../db/import/lookups.js';
import { refreshAccountSearchTokens } from '../../../db/registry/account-search.js';
import { premiseKinds } from '../../../db/registry/premises.js';
import { Decimal } from '../../../domain/decimal.js';
import type { IsoDate } from '../../../domain/period.js';
import type { BadRow, Cells } from '../cells.js';
import {
  changedFields,
  given,
  pick,
  unique,
  type ImportKindModule,
  type Outcome,
  type Retroactive,
} from '../kind.js';
import { areaVersions, type Areas } from './premise-areas.js';

const spec: TableSpec = {
  table: 'premises',
  updatedAt: true,
  fields: {
    external_id: 'text',
    house_id: 'bigint',
    number: 'text',
    kind: 'text',
    flat_id: 'bigint',
    is_shared_flat: 'bool',
    rooms: 'int',
    floor: 'int',
    entrance: 'int',
  },
};
const inScope = `(select h.settlement_centre_id from houses h where h.id = t.house_id) as settlement_centre_id`;

type Row = {
  houseExternalId: string;
  flatExternalId: string | null | undefined;
  fields: Rec;
  areas: (Areas & { from: IsoDate }) | null | undefined;
};

function parse(c: Cells): Row | undefined {
  const houseExternalId = c.text('house_external_id', { required: true, max: 100 });
  const fields = given({
    number: c.text('number', { required: true, max: 20 }),
    kind: c.oneOf('kind', premiseKinds, true),
    is_shared_flat: c.bool('is_shared_flat') ?? undefined,
    rooms: c.int('rooms', 0, 100),
    floor: c.int('floor', -5, 200),
    entrance: c.int('entrance', 1, 100),
  });
  const flatExternalId = c.text('flat_external_id', { max: 100 });
  const total = c.decimal('total_area', { scale: 2, positive: true });
  const living = c.decimal('living_area', { scale: 2, min: Decimal.ZERO });
  const from = c.date('area_from');
  if (total && living && Decimal.parse(living).cmp(Decimal.parse(total)) > 0)
    c.bad('living_area', `жилая площадь больше общей (${total} м²)`);
  if (total && !from && !c.failed('area_from')) c.bad('area_from', 'укажите, с какой даты действует площадь');
  if (!total && !c.failed('total_area') && (living || from)) c.bad('total_area', 'укажите общую площадь');
  if (fields.kind === 'room' && !flatExternalId)
    c.bad('flat_external_id', 'комната должна принадлежать квартире');
  if (fields.kind && fields.kind !== 'room' && flatExternalId)
    c.bad('flat_external_id', 'квартира указывается только для комнаты');
  if (fields.is_shared_flat === true && fields.kind !== 'flat')
    c.bad('is_shared_flat', 'коммунальной может быть только квартира');
  if (c.problems.length > 0) return undefined;
  const areas =
    total === undefined ? undefined : total === null ? null : { total, living: living ?? null, from: from! };
  return { houseExternalId: houseExternalId!, flatExternalId, fields, areas };
}

export const premisesImport: ImportKindModule<Row> = {
  kind: 'premises',
  title: 'помещения',
  permissions: ['registry.write'],
  columns: [
    'external_id',
    'house_external_id',
    'number',
    'kind',
    'flat_external_id',
    'is_shared_flat',
    'rooms',
    'floor',
    'entrance',
    'total_area',
    'living_area',
    'area_from',
  ],
  required: ['external_id', 'house_external_id', 'number', 'kind'],
  parse,

  async plan(q, ctx, rows) {
    const houses = new Map<string, HouseRef>();
    for (const h of await selectHouseRefs(q, unique(rows.map((r) => r.houseExternalId))))
      if (ctx.actor.scope.includes(h.settlement_centre_id)) houses.set(h.external_id, h);
    const wanted = unique(rows.flatMap((r) => [r.externalId, r.flatExternalId]));
    const stored = new Map(
      (await selectRecords(q, spec, 't.external_id = any($1::text[])', [wanted], [inScope])).map((s) => [
        s.external_id as string,
        s,
      ]),
    );
    const fileRows = new Map(rows.map((r) => [r.externalId, r]));
    const others = await selectPremisesOfHouses(q, unique([...houses.values()].map((h) => h.id)));
    const flatKey = (ext: string | null | undefined) =>
      !ext ? '0' : stored.has(ext) ? `i${stored.get(ext)!.id}` : `e${ext}`;
    const taken = new Map<string, string>(); // house|number|flat → who has it
    for (const p of others)
      if (!p.external_id || !fileRows.has(p.external_id))
        taken.set(
          `${p.house_id}|${p.number.toLowerCase()}|${p.flat_id ? `i${p.flat_id}` : '0'}`,
          'уже есть в доме',
        );
    const roomsOf = new Set(rows.filter((r) => r.fields.kind === 'room').map((r) => r.flatExternalId!));
    const problems: BadRow[] = [];
    const outcomes: Outcome[] = [];
    const retroactive: Retroactive[] = [];
    const inserts: { row: (typeof rows)[number]; rec: Rec }[] = [];
    const updates: (Rec & { id: number })[] = [];
    const renumbered: number[] = [];
    const sharedFlats = new Set<number>();
    const areaPlans = await areaVersions(
      q,
      [...stored.values()].map((s) => s.id),
    );
    for (const row of rows) {
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const before = problems.length;
      const house = houses.get(row.houseExternalId);
      const old = stored.get(row.externalId);
      if (!house) bad('house_external_id', `дом с внешним кодом ${row.houseExternalId} не найден`);
      if (old && !ctx.actor.scope.includes(old.settlement_centre_id as number))
        bad('external_id', 'внешний код уже занят помещением вне вашей области видимости');
      if (!house || problems.length > before) continue;
      if (old && old.house_id !== house.id)
        bad('house_external_id', 'помещение нельзя перенести в другой дом');
      if (old && (old.kind === 'room') !== (row.fields.kind === 'room'))
        bad('kind', 'комнату нельзя сделать квартирой или помещением и наоборот');
      const next: Rec = { ...row.fields, external_id: row.externalId, house_id: house.id };
      if (
        row.fields.kind === 'flat' &&
        row.fields.is_shared_flat === undefined &&
        roomsOf.has(row.externalId)
      )
        next.is_shared_flat = true;
      if (row.fields.kind === 'room') {
        const ext = row.flatExternalId!;
        const inFile = fileRows.get(ext);
        const flat = stored.get(ext);
        const flatHouse = inFile ? houses.get(inFile.houseExternalId)?.id : flat?.house_id;
        const flatKind = inFile ? inFile.fields.kind : flat?.kind;
        if (flatHouse !== house.id) bad('flat_external_id', `квартира ${ext} не найдена в этом доме`);
        else if (flatKind !== 'flat') bad('flat_external_id', `${ext} — не квартира`);
        else if (inFile?.fields.is_shared_flat === false)
          bad('flat_external_id', `квартира ${ext} указана как не коммунальная`);
        else if (flat && !inFile && !flat.is_shared_flat) sharedFlats.add(flat.id);
        if (flat) next.flat_id = flat.id;
      } else next.flat_id = null;
      if (house.floors !== null && typeof next.floor === 'number' && next.floor > house.floors)
        bad('floor', `этаж выше этажности дома (${house.floors})`);
      if (house.entrances !== null && typeof next.entrance === 'number' && next.entrance > house.entrances)
        bad('entrance', `в доме подъезды с 1 по ${house.entrances}`);
      const key = `${house.id}|${String(next.number).toLowerCase()}|${flatKey(row.fields.kind === 'room' ? row.flatExternalId : null)}`;
      if (taken.has(key)) bad('number', `номер ${next.number} ${taken.get(key)}`);
      else taken.set(key, `уже есть в строке ${row.line}`);
      const areas = areaPlans.plan(old?.id ?? null, row);
      problems.push(...areas.problems);
      if (problems.length > before) continue;
      if (!old) {
        inserts.push({
          row,
          rec: { rooms: null, floor: null, entrance: null, is_shared_flat: false, ...next },
        });
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'insert' });
        continue;
      }
      const changed = changedFields(spec.fields, old, next);
      if (changed.length === 0 && !areas.changed) {
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'unchanged' });
        continue;
      }
      if (changed.length > 0) updates.push({ ...old, ...next, id: old.id });
      if (changed.includes('number') || changed.includes('kind')) renumbered.push(old.id);
      if (areas.fromDate) retroactive.push({ houseId: house.id, fromDate: areas.fromDate });
      outcomes.push({
        line: row.line,
        externalId: row.externalId,
        action: 'update',
        before: { ...pick(old, changed), ...areas.before },
        after: { ...pick(next, changed), ...areas.after },
      });
    }
    return {
      outcomes,
      problems,
      retroactive,
      async write(tx, progress) {
        const ids = new Map<string, number>();
        for (const rooms of [false, true]) {
          const batch = inserts.filter((i) => (i.rec.kind === 'room') === rooms);
          for (const i of batch) if (rooms) i.rec.flat_id ??= ids.get(i.row.flatExternalId!) ?? null;
          const newIds = await insertRecords(
            tx,
            spec,
            batch.map((i) => i.rec),
            ctx.actor.userId,
          );
          batch.forEach((i, n) => ids.set(i.row.externalId, newIds[n]!));
        }
        progress(inserts.length, rows.length, 'помещения добавлены');
        await updateRecords(tx, spec, Object.keys(spec.fields), updates, ctx.clock.now());
        const shared = [...sharedFlats].map((id) => ({ id, is_shared_flat: true }));
        await updateRecords(tx, spec, ['is_shared_flat'], shared, ctx.clock.now());
        await areaPlans.write(tx, ids, ctx.actor.userId);
        if (renumbered.length > 0) await refreshAccountSearchTokens(tx, { premiseIds: renumbered });
        progress(rows.length, rows.length, 'помещения обновлены');
      },
    };
  },
};
