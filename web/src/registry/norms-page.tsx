// Картотека → Нормативы: consumption norms; Enter (or a click on the service) on a row shows that norm's
// history on a time line below, with the form for a new version from a date (tariffs.write).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import type { Norm } from '../api/types';
import { formatDay, formatDecimal, formatPeriod } from '../app/format';
import { NORM_BASIS_LABELS, NORM_PER_LABELS, labelOf } from '../app/labels';
import { Link, useSearchParams } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { useNormCategories, useServices } from './reference-data';
import { RegistryTabs } from './registry-tabs';
import { NewVersionForm } from './new-version-form';
import { VersionHistory } from './version-history';

const TABLE_ID = 'norms-table';

/** "6,935 м³/чел. в месяц": the unit of a norm already says per what. */
export function normText(norm: Pick<Norm, 'value' | 'unit'>): string {
  return `${formatDecimal(norm.value)} ${norm.unit}`;
}

/** "на человека в месяц", "на м² в месяц отопительного периода". */
export function normBasisText(norm: Pick<Norm, 'basis' | 'per'>): string {
  return `${labelOf(NORM_BASIS_LABELS, norm.basis)} ${labelOf(NORM_PER_LABELS, norm.per)}`;
}

function selectedHref(params: URLSearchParams, id: number): string {
  const next = new URLSearchParams(params);
  next.set('norm', String(id));
  return `/registry/norms?${next.toString()}`;
}

export function NormsPage() {
  const me = useMe();
  const list = useListParams({ sort: '' });
  const [params, update] = useSearchParams();
  const serviceId = list.filter('serviceId');
  const category = list.filter('category');
  const onDate = list.filter('onDate');
  const selectedId = Number(params.get('norm')) || null;
  const query = { page: list.page, pageSize: list.pageSize, sort: list.sort, serviceId, category, onDate };
  const norms = useQuery({
    queryKey: ['norms', query],
    queryFn: ({ signal }) => api.norms(query, signal),
    placeholderData: keepPreviousData,
  });
  const services = useServices();
  const categories = useNormCategories();
  const categoryName = (code: string) => categories.names.get(code) ?? code;
  const rows = norms.data?.items ?? [];
  const history = useQuery({
    queryKey: ['norm-history', selectedId],
    queryFn: ({ signal }) => api.normHistory(selectedId!, signal),
    enabled: selectedId !== null,
  });
  const versions = history.data?.items ?? [];
  const selected = versions.find((v) => v.id === selectedId) ?? rows.find((n) => n.id === selectedId) ?? null;

  const columns: Column<Norm>[] = [
    {
      key: 'service',
      header: 'Услуга',
      sortField: 'service',
      className: 'wrap',
      render: (n) => (
        <Link to={selectedHref(params, n.id)} tabIndex={-1} aria-current={n.id === selectedId || undefined}>
          {n.serviceName}
        </Link>
      ),
    },
    { key: 'region', header: 'Регион', sortField: 'region', render: (n) => n.region },
    {
      key: 'category',
      header: 'Категория благоустройства',
      sortField: 'category',
      className: 'wrap',
      render: (n) => <span title={n.category}>{categoryName(n.category)}</span>,
    },
    { key: 'value', header: 'Норматив', className: 'mono', align: 'right', render: normText },
    { key: 'basis', header: 'База', render: normBasisText },
    {
      key: 'period',
      header: 'Действует',
      sortField: 'validFrom',
      width: '13rem',
      render: (n) => formatPeriod(n.validFrom, n.validTo),
    },
  ];

  return (
    <>
      <RegistryTabs />
      <PageHeader title="Нормативы" />
      <FilterBar>
        <SelectFilter
          label="Услуга"
          value={serviceId}
          onChange={(value) => list.setFilter('serviceId', value)}
          options={services.items.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <SelectFilter
          label="Категория благоустройства"
          value={category}
          onChange={(value) => list.setFilter('category', value)}
          options={categories.items.map((c) => ({ value: c.code, label: c.name }))}
        />
        <TextFilter
          label="Действует на дату"
          type="date"
          value={onDate}
          onChange={(value) => list.setFilter('onDate', value)}
        />
      </FilterBar>
      <ErrorBox error={norms.error} />
      <DataTable
        id={TABLE_ID}
        label="Нормативы"
        testId="norms-table"
        columns={columns}
        rows={rows}
        rowKey={(n) => n.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(n) => update({ norm: n.id })}
        isLoading={norms.isPending}
        isFetching={norms.isFetching}
        paging={list.paging(norms.data?.total ?? 0)}
        emptyText="Нормативов нет"
        autoFocus
      />
      {selectedId !== null && (
        <>
          <h2 id="norm-history">
            История норматива
            {selected && `: ${selected.serviceName} — ${selected.region}, ${categoryName(selected.category)}`}
          </h2>
          <VersionHistory
            label="История норматива"
            versions={versions}
            valueOf={normText}
            valueHeader="Норматив"
            extraColumns={[
              { key: 'basis', header: 'База', render: normBasisText },
              { key: 'source', header: 'Основание', className: 'wrap', render: (v) => v.source ?? '—' },
            ]}
            selectedId={selectedId}
            error={history.error}
            isLoading={history.isPending}
            isFetching={history.isFetching}
          >
            {selected && can(me, 'tariffs.write') && <NewNormVersionForm base={selected} />}
          </VersionHistory>
        </>
      )}
    </>
  );
}

function NewNormVersionForm({ base }: { base: Norm }) {
  return (
    <NewVersionForm
      id="norm-new-version"
      title="Новая редакция норматива с даты"
      valueLabel={`Норматив, ${base.unit}`}
      valueHint="До 6 знаков после запятой"
      valueField="value"
      create={(input) =>
        api.createNorm({
          serviceId: base.serviceId,
          region: base.region,
          category: base.category,
          basis: base.basis,
          per: base.per,
          unit: base.unit,
          ...input,
        })
      }
      doneText={(created) =>
        `Норматив ${formatDecimal(created.value)} ${created.unit} действует с ${formatDay(created.validFrom)}.`
      }
      invalidate={['norms', 'norm-history']}
    />
  );
}
