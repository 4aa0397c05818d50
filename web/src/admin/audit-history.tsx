// The audit history of one object (an organisation or a user), newest first.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { ErrorBox } from '../components/error-box';
import { AuditTable } from './audit-table';

export function AuditHistory({ objectType, objectId }: { objectType: string; objectId: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = { objectType, objectId, page, pageSize };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.audit(query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <ErrorBox error={audit.error} />
      <AuditTable
        label="История изменений"
        items={audit.data?.items ?? []}
        showObject={false}
        isLoading={audit.isPending}
        isFetching={audit.isFetching}
        paging={{
          page,
          pageSize,
          total: audit.data?.total ?? 0,
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
