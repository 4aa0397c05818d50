// Картотека → Дома: the houses with an address search, district and manager filters, paging and sort.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import type { House } from '../api/types';
import { formatArea } from '../app/format';
import { Link, navigate } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { organisationPath } from './organisations-page';
import { useDistricts, useManagers } from './reference-data';
import { RegistryTabs } from './registry-tabs';

const TABLE_ID = 'houses-table';

export function housePath(id: number): string {
  return `/registry/houses/${id}`;
}

export function HousesPage() {
  const list = useListParams({ sort: 'address' });
  const q = list.filter('q');
  const districtId = list.filter('districtId');
  const managerId = list.filter('managerId');
  const onDate = list.filter('onDate');
  const query = {
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    q,
    districtId,
    managerId,
    onDate,
  };
  const houses = useQuery({
    queryKey: ['houses', query],
    queryFn: ({ signal }) => api.houses(query, signal),
    placeholderData: keepPreviousData,
  });
  const districts = useDistricts();
  const managers = useManagers();

  const columns: Column<House>[] = [
    {
      key: 'address',
      header: 'Адрес',
      sortField: 'address',
      className: 'wrap',
      render: (house) => (
        <Link to={housePath(house.id)} tabIndex={-1}>
          {house.address}
        </Link>
      ),
    },
    {
      key: 'district',
      header: 'Участок',
      width: '9rem',
      render: (house) =>
        house.districtId === null ? '—' : (districts.names.get(house.districtId) ?? `№ ${house.districtId}`),
    },
    {
      key: 'manager',
      header: onDate ? 'Управляющая организация на дату' : 'Управляющая организация',
      className: 'wrap',
      render: (house) =>
        house.manager ? (
          <Link to={organisationPath(house.manager.id)} tabIndex={-1}>
            {house.manager.name}
          </Link>
        ) : (
          <span className="muted">нет</span>
        ),
    },
    {
      key: 'yearBuilt',
      header: 'Год постройки',
      sortField: 'yearBuilt',
      width: '7rem',
      align: 'right',
      render: (house) => house.yearBuilt ?? '—',
    },
    {
      key: 'floors',
      header: 'Этажей',
      width: '4.5rem',
      align: 'right',
      render: (house) => house.floors ?? '—',
    },
    {
      key: 'totalArea',
      header: 'Общая площадь',
      sortField: 'totalArea',
      width: '9rem',
      align: 'right',
      render: (house) => formatArea(house.totalArea),
    },
    {
      key: 'accounts',
      header: 'Лицевых счетов',
      width: '7.5rem',
      align: 'right',
      render: (house) => house.accountsCount,
    },
  ];

  return (
    <>
      <RegistryTabs />
      <PageHeader title="Дома" />
      <FilterBar>
        <TextFilter
          label="Адрес"
          value={q}
          onChange={(value) => list.setFilter('q', value)}
          tableId={TABLE_ID}
          placeholder="улица, номер дома"
          width="18rem"
        />
        <SelectFilter
          label="Участок"
          value={districtId}
          onChange={(value) => list.setFilter('districtId', value)}
          options={districts.items.map((d) => ({ value: String(d.id), label: `${d.code} · ${d.name}` }))}
        />
        <SelectFilter
          label="Управляющая организация"
          value={managerId}
          onChange={(value) => list.setFilter('managerId', value)}
          options={managers.items.map((org) => ({ value: String(org.id), label: org.name }))}
        />
        <TextFilter
          label="Управление на дату"
          type="date"
          value={onDate}
          onChange={(value) => list.setFilter('onDate', value)}
        />
      </FilterBar>
      <ErrorBox error={houses.error} />
      <DataTable
        id={TABLE_ID}
        label="Дома"
        testId="houses-table"
        columns={columns}
        rows={houses.data?.items ?? []}
        rowKey={(house) => house.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(house) => navigate(housePath(house.id))}
        isLoading={houses.isPending}
        isFetching={houses.isFetching}
        paging={list.paging(houses.data?.total ?? 0)}
        emptyText={q || districtId || managerId ? 'Ничего не найдено' : 'Домов нет'}
        autoFocus
      />
    </>
  );
}
