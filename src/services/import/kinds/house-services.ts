/**
 * Services of houses over time: which supplier provides a service to a house under which calculation method,
 * from a date (docs/registry.md, "Service catalogue and services of a house"). The key: house and service.
 */
import { selectRecords, type TableSpec } from '../../../db/import/bulk.js';
import { selectHouseRefs, type HouseRef } from '../../../db/import/lookups.js';
import { calculationMethods, type CalculationMethod } from '../../../db/registry/services.js';
import type { IsoDate } from '../../../domain/period.js';
import { methodFits } from '../../registry/services.js';
import { versionAt } from '../../../domain/registry/effective.js';
import type { BadRow, Cells } from '../cells.js';
import { groupBy, unique, type ImportKindModule, type Retroactive } from '../kind.js';
import { OrganisationRefs, serviceNotFound, servicesByCode, supplierColumn } from '../refs.js';
import { planVersioned, type KeyedFileVersion, type KeyedStoredVersion } from './versioned.js';

const spec: TableSpec = {
  table: 'house_services',
  updatedAt: false,
  fields: {
    external_id: 'text',
    house_id: 'bigint',
    service_id: 'bigint',
    supplier_id: 'bigint',
    method: 'text',
    valid_from: 'date',
    valid_to: 'date',
  },
};
const managerSpec: TableSpec = {
  table: 'house_managers',
  updatedAt: false,
  fields: { house_id: 'bigint', manager_id: 'bigint', valid_from: 'date', valid_to: 'date' },
};

type Value = { supplierId: number; method: CalculationMethod };
type Row = {
  houseExternalId: string;
  serviceCode: string;
  supplier: { externalId: string | null | undefined; inn: string | null | undefined };
  method: CalculationMethod;
  validFrom: IsoDate;
};

function parse(c: Cells): Row | undefined {
  const row = {
    houseExternalId: c.text('house_external_id', { required: true, max: 100 }),
    serviceCode: c.text('service_code', { required: true, max: 50 }),
    supplier: { externalId: c.text('supplier_external_id'), inn: c.requisite('supplier_inn', 'inn') },
    method: c.oneOf('method', calculationMethods, true),
    validFrom: c.date('valid_from', true),
  };
  c.requireEither(
    'supplier_inn',
    'supplier_external_id',
    [row.supplier.inn, row.supplier.externalId],
    'поставщика',
  );
  return c.problems.length > 0 ? undefined : (row as Row);
}

export const houseServicesImport: ImportKindModule<Row> = {
  kind: 'house_services',
  title: 'услуги домов',
  permissions: ['registry.write'],
  columns: [
    'external_id',
    'house_external_id',
    'service_code',
    'supplier_inn',
    'supplier_external_id',
    'method',
    'valid_from',
  ],
  required: ['external_id', 'house_external_id', 'service_code', 'method', 'valid_from'],
  oneOf: [['supplier_inn', 'supplier_external_id']],
  parse,

  async plan(q, ctx, rows) {
    const houses = new Map<string, HouseRef>();
    for (const h of await selectHouseRefs(q, unique(rows.map((r) => r.houseExternalId))))
      if (ctx.actor.scope.includes(h.settlement_centre_id)) houses.set(h.external_id, h);
    const houseIds = [...houses.values()].map((h) => h.id);
    const services = await servicesByCode(q);
    const orgs = await OrganisationRefs.load(
      q,
      ctx.actor,
      rows.map((r) => r.supplier),
    );
    const managers = groupBy(
      await selectRecords(q, managerSpec, 't.house_id = any($1::bigint[])', [houseIds]),
      (m) => m.house_id,
    );
    const storedRows = await selectRecords(
      q,
      spec,
      't.house_id = any($1::bigint[]) or t.external_id = any($2::text[])',
      [houseIds, rows.map((r) => r.externalId)],
    );
    const stored: KeyedStoredVersion<Value>[] = storedRows.map((s) => ({
      id: s.id,
      externalId: s.external_id as string | null,
      key: `${s.house_id}:${s.service_id}`,
      validFrom: s.valid_from as IsoDate,
      validTo: s.valid_to as IsoDate | null,
      value: { supplierId: s.supplier_id as number, method: s.method as CalculationMethod },
    }));
    const problems: BadRow[] = [];
    const versions: KeyedFileVersion<Value>[] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const house = houses.get(row.houseExternalId);
      if (!house) bad('house_external_id', `дом с внешним кодом ${row.houseExternalId} не найден`);
      const service = services.get(row.serviceCode);
      if (!service) bad('service_code', serviceNotFound(row.serviceCode));
      const found = orgs.find(
        row.supplier,
        { externalId: 'supplier_external_id', inn: 'supplier_inn' },
        ['supplier', 'manager'],
        'организация',
      );
      if (found && !found.ok) bad(found.column, found.problem);
      if (!house || !service || !found?.ok) continue;
      const org = found.value;
      if (org.kind === 'manager') {
        const history = (managers.get(house.id) ?? []).map((m) => ({
          validFrom: m.valid_from as IsoDate,
          validTo: m.valid_to as IsoDate | null,
          managerId: m.manager_id,
        }));
        if (service.kind === 'utility')
          bad(supplierColumn(row), `«${org.name}» — не ресурсоснабжающая организация`);
        else if (versionAt(history, row.validFrom)?.managerId !== org.id)
          bad(supplierColumn(row), `«${org.name}» не управляет домом на ${row.validFrom}`);
      }
      if (!methodFits(row.method, service))
        bad('method', `способ ${row.method} не подходит для услуги «${service.name}»`);
      if (problems.length > before) continue;
      const value = { supplierId: org.id, method: row.method };
      versions.push({
        line: row.line,
        externalId: row.externalId,
        key: `${house.id}:${service.id}`,
        validFrom: row.validFrom,
        validTo: null,
        value,
      });
    }
    const plan = planVersioned(stored, versions, {
      spec,
      toRec: (key, v) => ({
        house_id: Number(key.split(':')[0]),
        service_id: Number(key.split(':')[1]),
        supplier_id: v.supplierId,
        method: v.method,
      }),
      show: (v) => ({ supplierId: v.supplierId, method: v.method }),
      same: (a, b) => a.supplierId === b.supplierId && a.method === b.method,
      what: 'услуге дома',
    });
    const retroactive: Retroactive[] = [...plan.fromDates].map(([key, fromDate]) => ({
      houseId: Number(key.split(':')[0]),
      fromDate,
    }));
    return {
      outcomes: plan.outcomes,
      problems: [...problems, ...plan.problems],
      retroactive,
      async write(tx, progress) {
        await plan.write(tx, ctx.actor.userId);
        progress(rows.length, rows.length, 'услуги домов записаны');
      },
    };
  },
};
