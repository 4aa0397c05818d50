// A page of meters (of an account, of a house, due for verification): a dense table, Enter opens the card.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Page } from '../api/types';
import type { ListQuery } from '../api/endpoints';
import { formatDay } from '../app/format';
import { labelOf } from '../app/labels';
import { Link, navigate } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import {
  DECOMMISSION_LABELS,
  KIND_LABELS,
  RESOURCE_LABELS,
  formatValues,
  meterPath,
  metersApi,
  type Meter,
} from './api';

export function MetersTable({
  label,
  queryKey,
  load,
  showAddress = false,
  defaultSort = 'premise',
  testId,
}: {
  label: string;
  queryKey: unknown[];
  load: (query: ListQuery, signal: AbortSignal) => Promise<Page<Meter>>;
  showAddress?: boolean;
  defaultSort?: string;
  testId?: string;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const [sort, setSort] = useState(defaultSort);
  const query = { page, pageSize, sort };
  const meters = useQuery({
    queryKey: [...queryKey, query],
    queryFn: ({ signal }) => load(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: Column<Meter>[] = [
    ...(showAddress ? [{ key: 'address', header: 'Адрес', render: (m: Meter) => m.address }] : []),
    {
      key: 'premise',
      header: 'Помещение',
      sortField: 'premise',
      width: '9rem',
      render: (m) => m.premises.map((p) => p.label).join(', ') || 'дом',
    },
    {
      key: 'resource',
      header: 'Ресурс',
      sortField: 'resource',
      width: '9rem',
      render: (m) => labelOf(RESOURCE_LABELS, m.resource),
    },
    {
      key: 'serial',
      header: '№ прибора',
      sortField: 'serialNumber',
      width: '10rem',
      render: (m) => (
        <Link to={meterPath(m.id)} className="mono">
          {m.serialNumber}
        </Link>
      ),
    },
    {
      key: 'kind',
      header: 'Вид',
      sortField: 'kind',
      width: '9rem',
      render: (m) => labelOf(KIND_LABELS, m.kind),
    },
    {
      key: 'last',
      header: 'Последнее показание',
      render: (m) =>
        m.lastReading ? `${formatValues(m.lastReading.values)} (${formatDay(m.lastReading.readOn)})` : '—',
    },
    {
      key: 'verification',
      header: 'Поверка до',
      sortField: 'nextVerificationOn',
      width: '7.5rem',
      render: (m) => formatDay(m.nextVerificationOn),
    },
    {
      key: 'status',
      header: 'Состояние',
      width: '10rem',
      render: (m) =>
        m.decommissionedOn ? (
          <span className="badge badge-off">
            {labelOf(DECOMMISSION_LABELS, m.decommissionReason ?? '')} {formatDay(m.decommissionedOn)}
          </span>
        ) : (
          'в эксплуатации'
        ),
    },
  ];
  return (
    <>
      <ErrorBox error={meters.error} />
      <DataTable
        label={label}
        testId={testId}
        columns={columns}
        rows={meters.data?.items ?? []}
        rowKey={(m) => m.id}
        sort={sort}
        onSortChange={setSort}
        onOpen={(m) => navigate(meterPath(m.id))}
        isLoading={meters.isPending}
        isFetching={meters.isFetching}
        emptyText="Приборов учёта нет"
        paging={{
          page,
          pageSize,
          total: meters.data?.total ?? 0,
          onPageChange: setPage,
          onPageSizeChange: (size) => {
            setPageSize(size);
            setPage(1);
          },
        }}
      />
    </>
  );
}

/** The meters tab of the account card. */
export function AccountMetersTab({ accountId }: { accountId: number }) {
  return (
    <MetersTable
      label="Приборы учёта лицевого счёта"
      testId="account-meters"
      queryKey={['meters', 'account', accountId]}
      load={(query, signal) => metersApi.ofAccount(accountId, query, signal)}
    />
  );
}

/** The meters tab of the house card, with the way to the entry grid. */
export function HouseMetersTab({ houseId }: { houseId: number }) {
  return (
    <>
      <p>
        <Link to={`/meters/entry?house=${houseId}`} className="button">
          Ввод показаний по дому
        </Link>
      </p>
      <MetersTable
        label="Приборы учёта дома"
        testId="house-meters"
        queryKey={['meters', 'house', houseId]}
        load={(query, signal) => metersApi.ofHouse(houseId, query, signal)}
      />
    </>
  );
}
