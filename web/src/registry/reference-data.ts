// Reference lists the registry screens need: districts and managing organisations.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/endpoints';
import type { District, NormCategory, Organisation, Service } from '../api/types';

export function useDistricts() {
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: ({ signal }) => api.districts(signal),
    staleTime: 5 * 60_000,
  });
  const items: District[] = districts.data?.items ?? [];
  const names = useMemo(
    () => new Map((districts.data?.items ?? []).map((d) => [d.id, d.name])),
    [districts.data],
  );
  return { ...districts, items, names };
}

/** The managing organisations (управляющие организации) the operator sees, by name. */
export function useManagers(enabled = true) {
  const managers = useQuery({
    queryKey: ['organisations', { kind: 'manager', pageSize: 200, sort: 'name' }],
    queryFn: ({ signal }) => api.organisations({ kind: 'manager', pageSize: 200, sort: 'name' }, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
  const items: Organisation[] = managers.data?.items ?? [];
  return { ...managers, items };
}

/** The service catalogue (справочник услуг), with a lookup by id for units and names. */
export function useServices() {
  const services = useQuery({
    queryKey: ['services'],
    queryFn: ({ signal }) => api.services(signal),
    staleTime: 10 * 60_000,
  });
  const items: Service[] = services.data?.items ?? [];
  const byId = useMemo(() => new Map((services.data?.items ?? []).map((s) => [s.id, s])), [services.data]);
  return { ...services, items, byId };
}

/** The suppliers (поставщики услуг) the operator sees, by name. */
export function useSuppliers() {
  const suppliers = useQuery({
    queryKey: ['organisations', { kind: 'supplier', pageSize: 200, sort: 'name' }],
    queryFn: ({ signal }) => api.organisations({ kind: 'supplier', pageSize: 200, sort: 'name' }, signal),
    staleTime: 5 * 60_000,
  });
  const items: Organisation[] = suppliers.data?.items ?? [];
  return { ...suppliers, items };
}

/** The categories of house equipment norms are set for, with their names. */
export function useNormCategories() {
  const categories = useQuery({
    queryKey: ['norm-categories'],
    queryFn: ({ signal }) => api.normCategories(signal),
    staleTime: 60 * 60_000,
  });
  const items: NormCategory[] = categories.data?.items ?? [];
  const names = useMemo(
    () => new Map((categories.data?.items ?? []).map((c) => [c.code, c.name])),
    [categories.data],
  );
  return { ...categories, items, names };
}
