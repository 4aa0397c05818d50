// Reference lists the admin forms need: roles (with Russian names) and organisations.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/endpoints';
import type { OrganisationKind, Role, RoleCode } from '../api/types';

export function useRoles() {
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api.roles(signal),
    staleTime: 10 * 60_000,
  });
  const names = useMemo(
    () => new Map<RoleCode, string>((roles.data?.items ?? []).map((role: Role) => [role.code, role.name])),
    [roles.data],
  );
  return { ...roles, items: roles.data?.items ?? [], names };
}

export function roleNames(codes: RoleCode[], names: Map<RoleCode, string>): string {
  return codes.map((code) => names.get(code) ?? code).join(', ');
}

/** The roles the staff of an organisation of this kind may hold; all of them while the kind is unknown. */
export function rolesAllowedFor(roles: Role[], kind: OrganisationKind | undefined): Role[] {
  return kind ? roles.filter((role) => role.organisationKinds.includes(kind)) : roles;
}

export function useOrganisationOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['organisations', { pageSize: 100, sort: 'name' }],
    queryFn: ({ signal }) => api.organisations({ pageSize: 100, sort: 'name' }, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}
