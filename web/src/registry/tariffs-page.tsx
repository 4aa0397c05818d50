// Картотека → Тарифы: the tariffs; Enter (or a click on the service) on a row shows that tariff's history
// on a time line below, with the form for a new version from a date (tariffs.write).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import type { Tariff } from '../api/types';
import { formatDay, formatDecimal, formatPeriod } from '../app/format';
import { TARIFF_ZONE_LABELS, labelOf } from '../app/labels';
import { Link, useSearchParams } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { organisationPath } from './organisations-page';
import { useServices, useSuppliers } from './reference-data';
import { RegistryTabs } from './registry-tabs';
import { NewVersionForm } from './new-version-form';
import { VersionHistory } from './version-history';

const TABLE_ID = 'tariffs-table';

/** "по списку домов (3)", or the territory: "Демо-область, Демо-город". */
export function territoryText(tariff: Pick<Tariff, 'region' | 'city' | 'houseIds'>): string {
  if (tariff.houseIds.length > 0) return `по списку домов (${tariff.houseIds.length})`;
  return [tariff.region, tariff.city].filter(Boolean).join(', ') || '—';
}

function selectedHref(params: URLSearchParams, id: number): string {
  const next = new URLSearchParams(params);
  next.set('tariff', String(id));
  return `/registry/tariffs?${next.toString()}`;
}

export function TariffsPage() {
  const me = useMe();
  const list = useListParams({ sort: '' });
  const [params, update] = useSearchParams();
  const serviceId = list.filter('serviceId');
  const supplierId = list.filter('supplierId');
  const onDate = list.filter('onDate');
  const selectedId = Number(params.get('tariff')) || null;
  const query = { page: list.page, pageSize: list.pageSize, sort: list.sort, serviceId, supplierId, onDate };
  const tariffs = useQuery({
    queryKey: ['tariffs', query],
    queryFn: ({ signal }) => api.tariffs(query, signal),
    placeholderData: keepPreviousData,
  });
  const services = useServices();
  const suppliers = useSuppliers();
  const unitOf = (t: Pick<Tariff, 'serviceId'>) => services.byId.get(t.serviceId)?.unit;
  const rows = tariffs.data?.items ?? [];
  const history = useQuery({
    queryKey: ['tariff-history', selectedId],
    queryFn: ({ signal }) => api.tariffHistory(selectedId!, signal),
    enabled: selectedId !== null,
  });
  const versions = history.data?.items ?? [];
  const selected = versions.find((v) => v.id === selectedId) ?? rows.find((t) => t.id === selectedId) ?? null;
  const selectedUnit = selected ? unitOf(selected) : undefined;

  const columns: Column<Tariff>[] = [
    {
      key: 'service',
      header: 'Услуга',
      sortField: 'service',
      className: 'wrap',
      render: (t) => (
        <Link to={selectedHref(params, t.id)} tabIndex={-1} aria-current={t.id === selectedId || undefined}>
          {t.serviceName}
        </Link>
      ),
    },
    {
      key: 'supplier',
      header: 'Поставщик',
      sortField: 'supplier',
      className: 'wrap',
      render: (t) => (
        <Link to={organisationPath(t.supplierId)} tabIndex={-1}>
          {t.supplierName}
        </Link>
      ),
    },
    { key: 'territory', header: 'Территория', className: 'wrap', render: (t) => territoryText(t) },
    { key: 'zone', header: 'Зона', width: '8rem', render: (t) => labelOf(TARIFF_ZONE_LABELS, t.zone) },
    {
      key: 'rate',
      header: 'Тариф, ₽',
      sortField: 'rate',
      width: '8rem',
      align: 'right',
      className: 'mono',
      render: (t) => formatDecimal(t.rate, 2),
    },
    { key: 'unit', header: 'за', width: '5rem', render: (t) => unitOf(t) ?? '' },
    {
      key: 'period',
      header: 'Действует',
      sortField: 'validFrom',
      width: '13rem',
      render: (t) => formatPeriod(t.validFrom, t.validTo),
    },
  ];

  return (
    <>
      <RegistryTabs />
      <PageHeader title="Тарифы" />
      <FilterBar>
        <SelectFilter
          label="Услуга"
          value={serviceId}
          onChange={(value) => list.setFilter('serviceId', value)}
          options={services.items.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <SelectFilter
          label="Поставщик"
          value={supplierId}
          onChange={(value) => list.setFilter('supplierId', value)}
          options={suppliers.items.map((org) => ({ value: String(org.id), label: org.name }))}
        />
        <TextFilter
          label="Действует на дату"
          type="date"
          value={onDate}
          onChange={(value) => list.setFilter('onDate', value)}
        />
      </FilterBar>
      <ErrorBox error={tariffs.error} />
      <DataTable
        id={TABLE_ID}
        label="Тарифы"
        testId="tariffs-table"
        columns={columns}
        rows={rows}
        rowKey={(t) => t.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(t) => update({ tariff: t.id })}
        isLoading={tariffs.isPending}
        isFetching={tariffs.isFetching}
        paging={list.paging(tariffs.data?.total ?? 0)}
        emptyText="Тарифов нет"
        autoFocus
      />
      {selectedId !== null && (
        <>
          <h2 id="tariff-history">
            История тарифа
            {selected &&
              `: ${selected.serviceName} — ${selected.supplierName}, ${territoryText(selected)}, ${labelOf(
                TARIFF_ZONE_LABELS,
                selected.zone,
              )}`}
          </h2>
          <VersionHistory
            label="История тарифа"
            versions={versions}
            valueOf={(v) => `${formatDecimal(v.rate, 2)} ₽`}
            valueHeader={selectedUnit ? `Тариф, ₽/${selectedUnit}` : 'Тариф, ₽'}
            extraColumns={[
              { key: 'source', header: 'Основание', className: 'wrap', render: (v) => v.source ?? '—' },
            ]}
            selectedId={selectedId}
            error={history.error}
            isLoading={history.isPending}
            isFetching={history.isFetching}
          >
            {selected && can(me, 'tariffs.write') && (
              <NewTariffVersionForm base={selected} unit={selectedUnit} />
            )}
          </VersionHistory>
        </>
      )}
    </>
  );
}

function NewTariffVersionForm({ base, unit }: { base: Tariff; unit: string | undefined }) {
  return (
    <NewVersionForm
      id="tariff-new-version"
      title="Новая редакция тарифа с даты"
      valueLabel={unit ? `Тариф, ₽/${unit}` : 'Тариф, ₽'}
      valueHint="До 4 знаков после запятой"
      valueField="rate"
      create={({ value, ...rest }) =>
        api.createTariff({
          supplierId: base.supplierId,
          serviceId: base.serviceId,
          zone: base.zone,
          ...(base.houseIds.length > 0
            ? { houseIds: base.houseIds }
            : { region: base.region, city: base.city }),
          rate: value,
          ...rest,
        })
      }
      doneText={(created) =>
        `Тариф ${formatDecimal(created.rate, 2)} ₽ действует с ${formatDay(created.validFrom)}.`
      }
      invalidate={['tariffs', 'tariff-history']}
    />
  );
}
