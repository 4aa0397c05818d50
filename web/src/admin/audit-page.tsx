// Администрирование → Журнал аудита: every change, filterable by object, actor and dates.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { AUDIT_ACTIONS } from '../api/types';
import { AUDIT_ACTION_LABELS, AUDIT_OBJECT_TYPE_LABELS } from '../app/labels';
import { can, useMe } from '../auth/session';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { AdminTabs } from './admin-tabs';
import { AuditTable } from './audit-table';

const TABLE_ID = 'audit-table';
const OBJECT_TYPES = [
  'user',
  'organisation',
  'api_token',
  'district',
  'house',
  'house_manager',
  'premise',
  'premise_area',
  'account',
  'service',
  'house_service',
  'tariff',
  'norm',
  'legal_parameter',
];

/** "2026-03-05" (a local day) → the ISO instant its day starts at; `endOfDay` → the next day's start. */
export function dayToInstant(day: string, endOfDay: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0));
  return date.toISOString();
}

export function AuditPage() {
  const me = useMe();
  const list = useListParams({ sort: '-at' });
  const filters = {
    objectType: list.filter('objectType'),
    objectId: list.filter('objectId'),
    actorId: list.filter('actorId'),
    action: list.filter('action'),
    from: list.filter('from'),
    to: list.filter('to'),
  };
  const query = {
    page: list.page,
    pageSize: list.pageSize,
    objectType: filters.objectType,
    objectId: filters.objectId,
    actorId: filters.actorId,
    action: filters.action,
    from: dayToInstant(filters.from, false),
    to: dayToInstant(filters.to, true),
  };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.audit(query, signal),
    placeholderData: keepPreviousData,
  });
  const canReadUsers = can(me, 'users.read');
  const actors = useQuery({
    queryKey: ['users', { pageSize: 100, sort: 'fullName' }],
    queryFn: ({ signal }) => api.users({ pageSize: 100, sort: 'fullName' }, signal),
    enabled: canReadUsers,
    staleTime: 60_000,
  });

  return (
    <>
      <AdminTabs />
      <PageHeader title="Журнал аудита" />
      <FilterBar>
        <SelectFilter
          label="Тип объекта"
          value={filters.objectType}
          onChange={(value) => list.setFilter('objectType', value)}
          options={OBJECT_TYPES.map((type) => ({
            value: type,
            label: AUDIT_OBJECT_TYPE_LABELS[type] ?? type,
          }))}
        />
        <TextFilter
          label="Код объекта"
          type="search"
          value={filters.objectId}
          onChange={(value) => list.setFilter('objectId', value.trim())}
          tableId={TABLE_ID}
          width="6rem"
        />
        {canReadUsers ? (
          <SelectFilter
            label="Пользователь"
            value={filters.actorId}
            onChange={(value) => list.setFilter('actorId', value)}
            options={(actors.data?.items ?? []).map((user) => ({
              value: String(user.id),
              label: `${user.fullName} (${user.login})`,
            }))}
          />
        ) : (
          <TextFilter
            label="Код пользователя"
            value={filters.actorId}
            onChange={(value) => list.setFilter('actorId', value.trim())}
            width="6rem"
          />
        )}
        <SelectFilter
          label="Действие"
          value={filters.action}
          onChange={(value) => list.setFilter('action', value)}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: AUDIT_ACTION_LABELS[action] }))}
        />
        <TextFilter
          label="С"
          type="date"
          value={filters.from}
          onChange={(value) => list.setFilter('from', value)}
        />
        <TextFilter
          label="По"
          type="date"
          value={filters.to}
          onChange={(value) => list.setFilter('to', value)}
        />
      </FilterBar>
      <ErrorBox error={audit.error} />
      <AuditTable
        id={TABLE_ID}
        label="Журнал аудита"
        items={audit.data?.items ?? []}
        isLoading={audit.isPending}
        isFetching={audit.isFetching}
        paging={list.paging(audit.data?.total ?? 0)}
        autoFocus
      />
    </>
  );
}
