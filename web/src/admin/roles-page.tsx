// Администрирование → Роли: the reference of roles and the permissions each grants.
import { useMemo } from 'react';
import type { Role } from '../api/types';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { PageHeader } from '../components/page';
import { AdminTabs } from './admin-tabs';
import { useRoles } from './reference-data';

export function RolesPage() {
  const roles = useRoles();
  const permissions = useMemo(
    () => [...new Set(roles.items.flatMap((role) => role.permissions))].sort(),
    [roles.items],
  );
  const columns: Column<Role>[] = [
    { key: 'name', header: 'Роль', width: '14rem', render: (role) => role.name },
    { key: 'code', header: 'Код', width: '12rem', className: 'mono', render: (role) => role.code },
    {
      key: 'permissions',
      header: 'Права',
      className: 'wrap',
      render: (role) =>
        role.permissions.length === 0 ? (
          <span className="muted">нет</span>
        ) : (
          <span className="mono permission-list">{role.permissions.join(', ')}</span>
        ),
    },
  ];

  return (
    <>
      <AdminTabs />
      <PageHeader title="Роли" />
      <ErrorBox error={roles.error} />
      <DataTable
        label="Роли"
        testId="roles-table"
        columns={columns}
        rows={roles.items}
        rowKey={(role) => role.code}
        isLoading={roles.isPending}
        isFetching={roles.isFetching}
        autoFocus
      />
      {permissions.length > 0 && (
        <section aria-labelledby="matrix-title">
          <h2 id="matrix-title">Матрица прав</h2>
          <div className="table-scroll">
            <table className="matrix" aria-labelledby="matrix-title">
              <thead>
                <tr>
                  <th scope="col">Право</th>
                  {roles.items.map((role) => (
                    <th key={role.code} scope="col" title={role.code}>
                      {role.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {permissions.map((permission) => (
                  <tr key={permission}>
                    <th scope="row" className="mono">
                      {permission}
                    </th>
                    {roles.items.map((role) => (
                      <td key={role.code} className="matrix-cell">
                        {role.permissions.includes(permission) ? '●' : ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
