// Картотека → Организации: the list of organisations with kind and text filters.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { ORGANISATION_KINDS, type Organisation } from '../api/types';
import { ORGANISATION_KIND_LABELS } from '../app/labels';
import { Link, navigate } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { RegistryTabs } from './registry-tabs';
import { useSettlementCentreNames } from './settlement-centres';

const TABLE_ID = 'organisations-table';

export function organisationPath(id: number): string {
  return `/registry/organisations/${id}`;
}

export function OrganisationsPage() {
  const list = useListParams({ sort: 'name' });
  const q = list.filter('q');
  const kind = list.filter('kind');
  const query = { page: list.page, pageSize: list.pageSize, sort: list.sort, q, kind };
  const organisations = useQuery({
    queryKey: ['organisations', query],
    queryFn: ({ signal }) => api.organisations(query, signal),
    placeholderData: keepPreviousData,
  });
  const centreNames = useSettlementCentreNames();

  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: 'Наименование',
      sortField: 'name',
      className: 'wrap',
      render: (org) => (
        <Link to={organisationPath(org.id)} tabIndex={-1}>
          {org.name}
        </Link>
      ),
    },
    {
      key: 'kind',
      header: 'Вид',
      sortField: 'kind',
      width: '13rem',
      render: (org) => ORGANISATION_KIND_LABELS[org.kind] ?? org.kind,
    },
    {
      key: 'inn',
      header: 'ИНН',
      sortField: 'inn',
      width: '8rem',
      className: 'mono',
      render: (org) => org.inn,
    },
    { key: 'kpp', header: 'КПП', width: '7rem', className: 'mono', render: (org) => org.kpp ?? '—' },
    {
      key: 'centre',
      header: 'Расчётный центр',
      render: (org) =>
        org.settlementCentreId === null
          ? '—'
          : (centreNames.get(org.settlementCentreId) ?? `№ ${org.settlementCentreId}`),
    },
  ];

  return (
    <>
      <RegistryTabs />
      <PageHeader title="Организации" />
      <FilterBar>
        <TextFilter
          label="Наименование или ИНН"
          value={q}
          onChange={(value) => list.setFilter('q', value)}
          tableId={TABLE_ID}
          width="18rem"
        />
        <SelectFilter
          label="Вид"
          value={kind}
          onChange={(value) => list.setFilter('kind', value)}
          options={ORGANISATION_KINDS.map((code) => ({
            value: code,
            label: ORGANISATION_KIND_LABELS[code],
          }))}
        />
      </FilterBar>
      <ErrorBox error={organisations.error} />
      <DataTable
        id={TABLE_ID}
        label="Организации"
        testId="organisations-table"
        columns={columns}
        rows={organisations.data?.items ?? []}
        rowKey={(org) => org.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(org) => navigate(organisationPath(org.id))}
        isLoading={organisations.isPending}
        isFetching={organisations.isFetching}
        paging={list.paging(organisations.data?.total ?? 0)}
        autoFocus
      />
    </>
  );
}
