// Names of the settlement centres, to show "Расчётный центр" instead of a bare id.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/endpoints';

export function useSettlementCentreNames(): Map<number, string> {
  const centres = useQuery({
    queryKey: ['organisations', { kind: 'settlement_centre', pageSize: 100 }],
    queryFn: ({ signal }) =>
      api.organisations({ kind: 'settlement_centre', pageSize: 100, sort: 'name' }, signal),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => new Map((centres.data?.items ?? []).map((org) => [org.id, org.name])), [centres.data]);
}
