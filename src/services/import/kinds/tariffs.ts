/**
 * Territory tariffs over time (docs/registry.md, "Tariffs"): the key is the supplier, the service, the zone
 * and the territory (a region, or a city of it; letter case does not matter). House-list tariffs are not
 * imported: they are set in the registry.
 */
import { selectRecords, type TableSpec } from '../../../db/import/bulk.js';
import { tariffZones, type TariffZone } from '../../../db/registry/tariffs.js';
import { Decimal } from '../../../domain/decimal.js';
import type { IsoDate } from '../../../domain/period.js';
import type { BadRow, Cells } from '../cells.js';
import { earliest, unique, type ImportKindModule } from '../kind.js';
import { OrganisationRefs, serviceNotFound, servicesByCode, supplierColumn } from '../refs.js';
import { planVersioned, type KeyedFileVersion, type KeyedStoredVersion } from './versioned.js';

const spec: TableSpec = {
  table: 'tariffs',
  updatedAt: false,
  fields: {
    external_id: 'text',
    supplier_id: 'bigint',
    service_id: 'bigint',
    zone: 'text',
    region: 'text',
    city: 'text',
    rate: 'numeric',
    source: 'text',
    valid_from: 'date',
    valid_to: 'date',
  },
};

type Territory = {
  supplierId: number;
  serviceId: number;
  zone: TariffZone;
  region: string;
  city: string | null;
};
type Value = { territory: Territory; rate: string; source: string | null };
type Row = {
  supplier: { externalId: string | null | undefined; inn: string | null | undefined };
  serviceCode: string;
  zone: TariffZone;
  rate: string;
  region: string;
  city: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  source: string | null;
};

const keyOf = (t: Territory) =>
  `${t.supplierId}:${t.serviceId}:${t.zone}:${t.region.toLowerCase()}|${(t.city ?? '').toLowerCase()}`;

function parse(c: Cells): Row | undefined {
  const row = {
    supplier: { externalId: c.text('supplier_external_id'), inn: c.requisite('supplier_inn', 'inn') },
    serviceCode: c.text('service_code', { required: true, max: 50 }),
    zone: c.oneOf('zone', tariffZones) ?? 'single',
    rate: c.decimal('rate', { scale: 4, min: Decimal.ZERO, required: true }),
    region: c.text('region', { required: true, max: 100 }),
    city: c.text('city', { max: 100 }) ?? null,
    validFrom: c.date('valid_from', true),
    validTo: c.date('valid_to') ?? null,
    source: c.text('source') ?? null,
  };
  if (row.validFrom && row.validTo && row.validTo < row.validFrom)
    c.bad('valid_to', 'окончание раньше начала');
  c.requireEither(
    'supplier_inn',
    'supplier_external_id',
    [row.supplier.inn, row.supplier.externalId],
    'поставщика',
  );
  return c.problems.length > 0 ? undefined : (row as Row);
}

export const tariffsImport: ImportKindModule<Row> = {
  kind: 'tariffs',
  title: 'тарифы',
  permissions: ['tariffs.write'],
  columns: [
    'external_id',
    'supplier_inn',
    'supplier_external_id',
    'service_code',
    'zone',
    'rate',
    'region',
    'city',
    'valid_from',
    'valid_to',
    'source',
  ],
  required: ['external_id', 'service_code', 'rate', 'region', 'valid_from'],
  oneOf: [['supplier_inn', 'supplier_external_id']],
  parse,

  async plan(q, ctx, rows) {
    const services = await servicesByCode(q);
    const orgs = await OrganisationRefs.load(
      q,
      ctx.actor,
      rows.map((r) => r.supplier),
    );
    const problems: BadRow[] = [];
    const versions: KeyedFileVersion<Value>[] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const service = services.get(row.serviceCode);
      if (!service) bad('service_code', serviceNotFound(row.serviceCode));
      const found = orgs.find(
        row.supplier,
        { externalId: 'supplier_external_id', inn: 'supplier_inn' },
        ['supplier', 'manager'],
        'организация',
      );
      if (found && !found.ok) bad(found.column, found.problem);
      if (!service || !found?.ok) continue;
      if (found.value.kind === 'manager' && service.kind === 'utility')
        bad(supplierColumn(row), `«${found.value.name}» не оказывает коммунальную услугу «${service.name}»`);
      if (row.zone !== 'single' && service.resource !== 'electricity')
        bad('zone', 'зоны суток бывают только у электроэнергии');
      if (problems.length > before) continue;
      const territory = {
        supplierId: found.value.id,
        serviceId: service.id,
        zone: row.zone,
        region: row.region,
        city: row.city,
      };
      versions.push({
        line: row.line,
        externalId: row.externalId,
        key: keyOf(territory),
        validFrom: row.validFrom,
        validTo: row.validTo,
        value: { territory, rate: row.rate, source: row.source },
      });
    }
    const pairs = unique(
      versions.map((v) => `${v.value.territory.supplierId}:${v.value.territory.serviceId}`),
    );
    const storedRows = await selectRecords(
      q,
      spec,
      `t.supplier_id::text || ':' || t.service_id::text = any($1::text[]) or t.external_id = any($2::text[])`,
      [pairs, rows.map((r) => r.externalId)],
      ['exists (select 1 from tariff_houses th where th.tariff_id = t.id) as listed'],
    );
    const listed = new Set(storedRows.filter((s) => s.listed).map((s) => s.external_id));
    for (const v of versions.filter((v) => listed.has(v.externalId))) {
      const problem = 'внешний код занят тарифом по списку домов: такие тарифы не загружаются';
      problems.push({ line: v.line, column: 'external_id', problem });
    }
    const stored: KeyedStoredVersion<Value>[] = storedRows
      .filter((s) => !s.listed && s.region !== null)
      .map((s) => {
        const territory = {
          supplierId: s.supplier_id as number,
          serviceId: s.service_id as number,
          zone: s.zone as TariffZone,
          region: s.region as string,
          city: s.city as string | null,
        };
        return {
          id: s.id,
          externalId: s.external_id as string | null,
          key: keyOf(territory),
          validFrom: s.valid_from as IsoDate,
          validTo: s.valid_to as IsoDate | null,
          value: { territory, rate: s.rate as string, source: s.source as string | null },
        };
      });
    const sameRate = (a: Value, b: Value) => Decimal.parse(a.rate).eq(Decimal.parse(b.rate));
    const plan = planVersioned(
      stored,
      versions.filter((v) => !listed.has(v.externalId)),
      {
        spec,
        toRec: (_key, v) => ({
          supplier_id: v.territory.supplierId,
          service_id: v.territory.serviceId,
          zone: v.territory.zone,
          region: v.territory.region,
          city: v.territory.city,
          rate: v.rate,
          source: v.source,
        }),
        show: (v) => ({ rate: v.rate, source: v.source, region: v.territory.region, city: v.territory.city }),
        same: (a, b) =>
          sameRate(a, b) &&
          a.source === b.source &&
          a.territory.region === b.territory.region &&
          a.territory.city === b.territory.city,
        billsSame: sameRate,
        what: 'тарифу',
      },
    );
    const fromDate = earliest([...plan.fromDates.values()]);
    return {
      outcomes: plan.outcomes,
      problems: [...problems, ...plan.problems],
      retroactive: fromDate ? [{ houseId: null, fromDate }] : [],
      async write(tx, progress) {
        await plan.write(tx, ctx.actor.userId);
        progress(rows.length, rows.length, 'тарифы записаны');
      },
    };
  },
};
