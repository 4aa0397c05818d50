// Администрирование → Пользователи: the operators, with filters by text, organisation, role and state.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import type { User } from '../api/types';
import { formatDateTime } from '../app/format';
import { Link, navigate } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { AdminTabs } from './admin-tabs';
import { roleNames, useOrganisationOptions, useRoles } from './reference-data';

const TABLE_ID = 'users-table';

export function userPath(id: number): string {
  return `/admin/users/${id}`;
}

export function UsersPage() {
  const me = useMe();
  const list = useListParams({ sort: 'login' });
  const filters = {
    q: list.filter('q'),
    organisationId: list.filter('organisationId'),
    role: list.filter('role'),
    isActive: list.filter('isActive'),
  };
  const query = { page: list.page, pageSize: list.pageSize, sort: list.sort, ...filters };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: ({ signal }) => api.users(query, signal),
    placeholderData: keepPreviousData,
  });
  const roles = useRoles();
  const organisations = useOrganisationOptions(can(me, 'organisations.read'));

  const columns: Column<User>[] = [
    {
      key: 'login',
      header: 'Логин',
      sortField: 'login',
      width: '10rem',
      render: (user) => (
        <Link to={userPath(user.id)} tabIndex={-1}>
          {user.login}
        </Link>
      ),
    },
    {
      key: 'fullName',
      header: 'ФИО',
      sortField: 'fullName',
      className: 'wrap',
      render: (user) => user.fullName,
    },
    { key: 'email', header: 'Эл. почта', render: (user) => user.email ?? '—', className: 'ellipsis' },
    {
      key: 'roles',
      header: 'Роли',
      className: 'wrap',
      render: (user) => roleNames(user.roles, roles.names),
    },
    {
      key: 'organisation',
      header: 'Организация',
      className: 'wrap',
      render: (user) => user.organisationName,
    },
    {
      key: 'isActive',
      header: 'Состояние',
      width: '6.5rem',
      render: (user) => (user.isActive ? 'Активен' : <span className="badge badge-off">Отключён</span>),
    },
    {
      key: 'createdAt',
      header: 'Создан',
      sortField: 'createdAt',
      width: '9rem',
      render: (user) => formatDateTime(user.createdAt),
    },
    {
      key: 'lastLoginAt',
      header: 'Последний вход',
      sortField: 'lastLoginAt',
      width: '9rem',
      render: (user) => formatDateTime(user.lastLoginAt),
    },
  ];

  return (
    <>
      <AdminTabs />
      <PageHeader title="Пользователи">
        {can(me, 'users.write') && (
          <Link to="/admin/users/new" className="button button-primary">
            Создать пользователя
          </Link>
        )}
      </PageHeader>
      <FilterBar>
        <TextFilter
          label="Логин или ФИО"
          value={filters.q}
          onChange={(value) => list.setFilter('q', value)}
          tableId={TABLE_ID}
          width="16rem"
        />
        <SelectFilter
          label="Организация"
          value={filters.organisationId}
          onChange={(value) => list.setFilter('organisationId', value)}
          options={(organisations.data?.items ?? []).map((org) => ({
            value: String(org.id),
            label: org.name,
          }))}
        />
        <SelectFilter
          label="Роль"
          value={filters.role}
          onChange={(value) => list.setFilter('role', value)}
          options={roles.items.map((role) => ({ value: role.code, label: role.name }))}
        />
        <SelectFilter
          label="Состояние"
          value={filters.isActive}
          onChange={(value) => list.setFilter('isActive', value)}
          options={[
            { value: 'true', label: 'Активные' },
            { value: 'false', label: 'Отключённые' },
          ]}
        />
      </FilterBar>
      <ErrorBox error={users.error} />
      <DataTable
        id={TABLE_ID}
        label="Пользователи"
        testId="users-table"
        columns={columns}
        rows={users.data?.items ?? []}
        rowKey={(user) => user.id}
        sort={list.sort}
        onSortChange={list.setSort}
        onOpen={(user) => navigate(userPath(user.id))}
        isLoading={users.isPending}
        isFetching={users.isFetching}
        paging={list.paging(users.data?.total ?? 0)}
        autoFocus
      />
    </>
  );
}
