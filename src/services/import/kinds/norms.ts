/**
 * Consumption norms over time (docs/registry.md, "Norms"): the key is the service, the region (letter case
 * does not matter) and the category of house equipment, which must belong to the service's group.
 */
import { selectRecords, type TableSpec } from '../../../db/import/bulk.js';
import { normBases, normPers } from '../../../db/registry/norms.js';
import { Decimal } from '../../../domain/decimal.js';
import type { IsoDate } from '../../../domain/period.js';
import type { BadRow, Cells } from '../cells.js';
import { earliest, unique, type ImportKindModule } from '../kind.js';
import { serviceNotFound, servicesByCode } from '../refs.js';
import { normCategories, normGroupOf } from '../../registry/norms.js';
import { planVersioned, type KeyedFileVersion, type KeyedStoredVersion } from './versioned.js';

const spec: TableSpec = {
  table: 'norms',
  updatedAt: false,
  fields: {
    external_id: 'text',
    service_id: 'bigint',
    region: 'text',
    category: 'text',
    basis: 'text',
    per: 'text',
    value: 'numeric',
    unit: 'text',
    source: 'text',
    valid_from: 'date',
    valid_to: 'date',
  },
};

type Value = {
  serviceId: number;
  region: string;
  category: string;
  basis: string;
  per: string;
  value: string;
  unit: string;
  source: string | null;
};
type Row = Omit<Value, 'serviceId' | 'unit'> & {
  serviceCode: string;
  unit: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
};

const keyOf = (v: Pick<Value, 'serviceId' | 'region' | 'category'>) =>
  `${v.serviceId}:${v.region.toLowerCase()}:${v.category}`;

function parse(c: Cells): Row | undefined {
  const row = {
    serviceCode: c.text('service_code', { required: true, max: 50 }),
    region: c.text('region', { required: true, max: 100 }),
    category: c.oneOf(
      'category',
      normCategories.map((n) => n.code),
      true,
    ),
    basis: c.oneOf('basis', normBases, true),
    per: c.oneOf('per', normPers) ?? 'month',
    value: c.decimal('value', { scale: 6, min: Decimal.ZERO, required: true }),
    unit: c.text('unit', { max: 50 }) ?? null,
    validFrom: c.date('valid_from', true),
    validTo: c.date('valid_to') ?? null,
    source: c.text('source') ?? null,
  };
  if (row.validFrom && row.validTo && row.validTo < row.validFrom)
    c.bad('valid_to', 'окончание раньше начала');
  return c.problems.length > 0 ? undefined : (row as Row);
}

export const normsImport: ImportKindModule<Row> = {
  kind: 'norms',
  title: 'нормативы потребления',
  permissions: ['tariffs.write'],
  columns: [
    'external_id',
    'service_code',
    'region',
    'category',
    'basis',
    'per',
    'value',
    'unit',
    'valid_from',
    'valid_to',
    'source',
  ],
  required: ['external_id', 'service_code', 'region', 'category', 'basis', 'value', 'valid_from'],
  parse,

  async plan(q, ctx, rows) {
    const services = await servicesByCode(q);
    const problems: BadRow[] = [];
    const versions: KeyedFileVersion<Value>[] = [];
    for (const row of rows) {
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const service = services.get(row.serviceCode);
      if (!service) {
        bad('service_code', serviceNotFound(row.serviceCode));
        continue;
      }
      const group = normGroupOf(service);
      const category = normCategories.find((n) => n.code === row.category)!;
      if (category.group !== group) {
        bad('category', `категория ${row.category} не относится к услуге «${service.name}»`);
        continue;
      }
      if (row.per === 'heating_season' && group !== 'heating') {
        bad('per', 'на отопительный период задаётся только норматив отопления');
        continue;
      }
      const value = { ...row, serviceId: service.id, unit: row.unit ?? service.unit };
      versions.push({
        line: row.line,
        externalId: row.externalId,
        key: keyOf(value),
        validFrom: row.validFrom,
        validTo: row.validTo,
        value,
      });
    }
    const serviceIds = unique(versions.map((v) => v.value.serviceId));
    const storedRows = await selectRecords(
      q,
      spec,
      't.service_id = any($1::bigint[]) or t.external_id = any($2::text[])',
      [serviceIds, rows.map((r) => r.externalId)],
    );
    const stored: KeyedStoredVersion<Value>[] = storedRows.map((s) => {
      const value = {
        serviceId: s.service_id as number,
        region: s.region as string,
        category: s.category as string,
        basis: s.basis as string,
        per: s.per as string,
        value: s.value as string,
        unit: s.unit as string,
        source: s.source as string | null,
      };
      return {
        id: s.id,
        externalId: s.external_id as string | null,
        key: keyOf(value),
        validFrom: s.valid_from as IsoDate,
        validTo: s.valid_to as IsoDate | null,
        value,
      };
    });
    const billsSame = (a: Value, b: Value) =>
      Decimal.parse(a.value).eq(Decimal.parse(b.value)) &&
      a.basis === b.basis &&
      a.per === b.per &&
      a.unit === b.unit;
    const plan = planVersioned(stored, versions, {
      spec,
      toRec: (_key, v) => ({
        service_id: v.serviceId,
        region: v.region,
        category: v.category,
        basis: v.basis,
        per: v.per,
        value: v.value,
        unit: v.unit,
        source: v.source,
      }),
      show: (v) => ({ value: v.value, basis: v.basis, per: v.per, unit: v.unit, source: v.source }),
      same: (a, b) => billsSame(a, b) && a.source === b.source && a.region === b.region,
      billsSame,
      what: 'нормативу',
    });
    const fromDate = earliest([...plan.fromDates.values()]);
    return {
      outcomes: plan.outcomes,
      problems: [...problems, ...plan.problems],
      retroactive: fromDate ? [{ houseId: null, fromDate }] : [],
      async write(tx, progress) {
        await plan.write(tx, ctx.actor.userId);
        progress(rows.length, rows.length, 'нормативы записаны');
      },
    };
  },
};
