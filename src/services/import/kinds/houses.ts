/**
 * Houses of the actor's settlement centre, matched by external id, with the manager from a date (a house
 * passing to another manager is a new version: the previous one ends the day before).
 */
import { insertRecords, selectRecords, updateRecords, type Rec } from '../../../db/import/bulk.js';
import { refreshAccountSearchTokens } from '../../../db/registry/account-search.js';
import { selectDistricts } from '../../../db/registry/houses.js';
import type { IsoDate } from '../../../domain/period.js';
import { versionAt } from '../../../domain/registry/effective.js';
import type { BadRow } from '../cells.js';
import {
  changedFields,
  groupBy,
  pick,
  type ImportKindModule,
  type Outcome,
  type Retroactive,
} from '../kind.js';
import { OrganisationRefs } from '../refs.js';
import { planKeyVersions, type StoredVersion } from '../versions.js';
import {
  addressFields,
  defaults,
  houseSpec,
  insertSpec,
  managerSpec,
  parse,
  type Row,
} from './house-fields.js';

export const housesImport: ImportKindModule<Row> = {
  kind: 'houses',
  title: 'дома',
  permissions: ['registry.write'],
  columns: [
    'external_id',
    'region',
    'city',
    'street',
    'house',
    'building',
    'postal_code',
    'fias_id',
    'kind',
    'district_code',
    'year_built',
    'floors',
    'entrances',
    'total_area',
    'residential_area',
    'non_residential_area',
    'common_area',
    'cold_water',
    'hot_water',
    'heating',
    'has_gas',
    'has_electric_stoves',
    'has_lift',
    'common_meters',
    'manager_external_id',
    'manager_inn',
    'managed_from',
  ],
  required: ['external_id', 'region', 'city', 'street', 'house'],
  parse,

  async plan(q, ctx, rows) {
    const stored = new Map(
      (
        await selectRecords(q, insertSpec, 't.external_id = any($1::text[])', [rows.map((r) => r.externalId)])
      ).map((s) => [s.external_id as string, s]),
    );
    const orgs = await OrganisationRefs.load(
      q,
      ctx.actor,
      rows.map((r) => r.manager),
    );
    const districts = new Map(
      (await selectDistricts(q, [ctx.actor.organisationId])).map((d) => [d.code.toLowerCase(), d.id]),
    );
    const houseIds = [...stored.values()].map((s) => s.id);
    const managers = groupBy(
      await selectRecords(q, managerSpec, 't.house_id = any($1::bigint[])', [houseIds]),
      (m) => m.house_id,
    );
    const problems: BadRow[] = [];
    const outcomes: Outcome[] = [];
    const retroactive: Retroactive[] = [];
    const inserts: { rec: Rec; managerId: number | null; from: IsoDate | null }[] = [];
    const updates: (Rec & { id: number })[] = [];
    const readdressed: number[] = [];
    const managerInserts: Rec[] = [];
    const managerUpdates: (Rec & { id: number })[] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const old = stored.get(row.externalId);
      if (old && !ctx.actor.scope.includes(old.settlement_centre_id as number))
        bad('external_id', 'внешний код уже занят домом вне вашей области видимости');
      const next: Rec = { ...row.fields, external_id: row.externalId };
      if (row.districtCode) {
        const id = districts.get(row.districtCode.toLowerCase());
        if (id === undefined) bad('district_code', `нет участка с кодом ${row.districtCode}`);
        else next.district_id = id;
      } else if (row.districtCode === null) next.district_id = null;
      const found = orgs.find(
        row.manager,
        { externalId: 'manager_external_id', inn: 'manager_inn' },
        ['manager'],
        'управляющая организация',
      );
      if (found && !found.ok) bad(found.column, found.problem);
      if (problems.length > before) continue;
      const managerId = found?.ok ? found.value.id : null;
      if (!old) {
        inserts.push({
          rec: { ...defaults, ...next, settlement_centre_id: ctx.actor.organisationId },
          managerId,
          from: row.managedFrom ?? null,
        });
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'insert' });
        continue;
      }
      const changed = changedFields(houseSpec.fields, old, next);
      const history: StoredVersion<number>[] = (managers.get(old.id) ?? []).map((m) => ({
        id: m.id,
        externalId: null,
        validFrom: m.valid_from as IsoDate,
        validTo: m.valid_to as IsoDate | null,
        value: m.manager_id as number,
      }));
      const inForce = row.managedFrom ? versionAt(history, row.managedFrom)?.value : undefined;
      const versions = planKeyVersions(
        history,
        managerId === null || inForce === managerId
          ? []
          : [
              {
                line: row.line,
                externalId: null,
                validFrom: row.managedFrom!,
                validTo: null,
                value: managerId,
              },
            ],
        { same: (a, b) => a === b, matchBy: 'validFrom', column: 'managed_from' },
      );
      problems.push(...versions.problems);
      if (versions.problems.length > 0) continue;
      if (changed.length === 0 && versions.inserts.length === 0 && versions.updates.length === 0) {
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'unchanged' });
        continue;
      }
      if (changed.length > 0) updates.push({ ...old, ...next, id: old.id });
      if (changed.some((k) => addressFields.includes(k))) readdressed.push(old.id);
      for (const v of versions.inserts)
        managerInserts.push({
          house_id: old.id,
          manager_id: v.value,
          valid_from: v.validFrom,
          valid_to: v.validTo,
        });
      for (const v of versions.updates)
        managerUpdates.push({
          id: v.id,
          manager_id: v.after.value,
          valid_from: v.after.validFrom,
          valid_to: v.after.validTo,
        });
      if (versions.fromDate) retroactive.push({ houseId: old.id, fromDate: versions.fromDate });
      const managerChange = versions.inserts.length + versions.updates.length > 0;
      outcomes.push({
        line: row.line,
        externalId: row.externalId,
        action: 'update',
        before: {
          ...pick(old, changed),
          ...(managerChange
            ? {
                managers: history.map((h) => ({
                  managerId: h.value,
                  validFrom: h.validFrom,
                  validTo: h.validTo,
                })),
              }
            : {}),
        },
        after: {
          ...pick(next, changed),
          ...(managerChange ? { manager: { managerId, validFrom: row.managedFrom } } : {}),
        },
      });
    }
    return {
      outcomes,
      problems,
      retroactive,
      async write(tx, progress) {
        const ids = await insertRecords(
          tx,
          insertSpec,
          inserts.map((i) => i.rec),
          ctx.actor.userId,
        );
        inserts.forEach((i, n) => {
          if (i.managerId !== null)
            managerInserts.push({
              house_id: ids[n]!,
              manager_id: i.managerId,
              valid_from: i.from,
              valid_to: null,
            });
        });
        progress(inserts.length, rows.length, 'дома добавлены');
        await updateRecords(tx, houseSpec, Object.keys(houseSpec.fields), updates, ctx.clock.now());
        await updateRecords(tx, managerSpec, ['manager_id', 'valid_from', 'valid_to'], managerUpdates);
        await insertRecords(tx, managerSpec, managerInserts, ctx.actor.userId);
        for (const houseId of readdressed) await refreshAccountSearchTokens(tx, { houseId });
        progress(rows.length, rows.length, 'дома обновлены');
      },
    };
  },
};
