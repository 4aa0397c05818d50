// Картотека → Лицевые счета: search by a fragment of the number, the address or the payer's name; filters
// by house (from a house's card) and by status.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { ACCOUNT_STATUSES, type Account } from '../api/types';
import { formatDay, formatShare } from '../app/format';
import { ACCOUNT_STATUS_LABELS, labelOf } from '../app/labels';
import { Link, navigate, useSearchParams } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { RegistryTabs } from './registry-tabs';

const TABLE_ID = 'accounts-table';

export function accountPath(id: number): string {
  return `/registry/accounts/${id}`;
}

export function accountsOfHousePath(houseId: number): string {
  return `/registry/accounts?houseId=${houseId}`;
}

export function accountsOfPremisePath(houseId: number, premiseId: number): string {
  return `/registry/accounts?houseId=${houseId}&premiseId=${premiseId}`;
}

export function AccountsPage() {
  const list = useListParams({ sort: 'number' });
  const [, update] = useSearchParams();
  const q = list.filter('q');
  const houseId = list.filter('houseId');
  const premiseId = list.filter('premiseId');
  const status = list.filter('status');
  const query = { page: list.page, pageSize: list.pageSize, sort: list.sort, q, houseId, premiseId, status };
  const accounts = useQuery({
    queryKey: ['accounts', query],
    queryFn: ({ signal }) => api.accounts(query, signal),
    placeholderData: keepPreviousData,
  });
  const houseNumber = /^\d+$/.test(houseId) ? Number(houseId) : null;
  const house = useQuery({
    queryKey: ['house', houseNumber],
    queryFn: ({ signal }) => api.house(houseNumber!, signal),
    enabled: houseNumber !== null,
  });

  // The premise's label from its accounts on the page (all of them are of that premise).
  const premiseText = accounts.data?.items.find((a) => String(a.premise.id) === premiseId)?.premise.label;

  const columns: Column<Account>[] = [
    {
      key: 'number',
      header: 'Лицевой счёт',
      sortField: 'number',
      width: '8rem',
      className: 'mono',
      render: (account) => (
        <Link to={accountPath(account.id)} tabIndex={-1}>
          {account.number}
        </Link>
      ),
    },
    {
      key: 'address',
      header: 'Адрес',
      sortField: 'address',
      className: 'wrap',
      render: (account) => `${account.house.address}, ${account.premise.label}`,
    },
    {
      key: 'payer',
      header: 'Плательщик',
      sortField: 'payerName',
      className: 'wrap',
      render: (account) => account.payerName,
    },
    {
      key: 'share',
      header: 'Доля площади',
      width: '7rem',
      align: 'right',
      render: (account) => formatShare(account.areaShare),
    },
    {
      key: 'opened',
      header: 'Открыт',
      sortField: 'openedOn',
      width: '6.5rem',
      render: (account) => formatDay(account.openedOn),
    },
    {
      key: 'status',
      header: 'Состояние',
      sortField: 'status',
      width: '8rem',
      render: (account) =>
        account.status === 'closed' ? (
          <span className="muted">Закрыт {formatDay(account.closedOn)}</span>
        ) : (
          labelOf(ACCOUNT_STATUS_LABELS, account.status)
        ),
    },
  ];

  return (
    <>
      <RegistryTabs />
      <PageHeader title="Лицевые счета" />
      <FilterBar>
        <TextFilter
          label="Номер, адрес или плательщик"
          value={q}
          onChange={(value) => list.setFilter('q', value)}
          tableId={TABLE_ID}
          width="20rem"
        />
        <SelectFilter
          label="Состояние"
          value={status}
          onChange={(value) => list.setFilter('status', value)}
          options={ACCOUNT_STATUSES.map((code) => ({ value: code, label: ACCOUNT_STATUS_LABELS[code] }))}
        />
        {houseId && (
          <div className="filter">
            <span className="filter-label">Дом</span>
            <span className="filter-chip" data-testid="house-filter">
              {house.data ? (
                <Link to={`/registry/houses/${house.data.id}`}>{house.data.address}</Link>
              ) : (
                `№ ${houseId}`
              )}
              <button
                type="button"
                onClick={() => update({ houseId: null, premiseId: null, page: null })}
                title="Показать счета всех домов"
                aria-label="Снять фильтр по дому"
              >
                ✕
              </button>
            </span>
          </div>
        )}
        {premiseId && (
          <div className="filter">
            <span className="filter-label">Помещение</span>
            <span className="filter-chip" data-testid="premise-filter">
              {premiseText ?? `№ ${premiseId}`}
              <button
                type="button"
                onClick={() => list.setFilter('premiseId', '')}
                title="Показать счета всех помещений"
                aria-label="Снять фильтр по помещению"
              >
                ✕
              </button>
            </span>
          </div>
        )}
      </FilterBar>
      <ErrorBox error={accounts.error} />
      <DataTable
        id={TABLE_ID}
        label="Лицевые счета"
        testId="accounts-table"
        columns={columns}
        rows={accounts.data?.items ?? []}
        rowKey={(account) => account.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(account) => navigate(accountPath(account.id))}
        isLoading={accounts.isPending}
        isFetching={accounts.isFetching}
        paging={list.paging(accounts.data?.total ?? 0, accounts.data?.totalCapped)}
        autoFocus
      />
    </>
  );
}
