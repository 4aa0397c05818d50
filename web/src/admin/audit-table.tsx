// The audit records as a table; Enter or a click expands a record into its field-by-field diff.
import { useState } from 'react';
import type { AuditEntry } from '../api/types';
import { formatDateTime } from '../app/format';
import { AUDIT_ACTION_LABELS, AUDIT_OBJECT_TYPE_LABELS, labelOf } from '../app/labels';
import { Link } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import type { Paging } from '../components/pager';
import { AuditDiff } from './audit-diff';

export function objectPath(type: string, id: AuditEntry['objectId']): string | null {
  if (id === null || id === undefined || id === '') return null;
  if (type === 'user') return `/admin/users/${id}`;
  if (type === 'organisation') return `/registry/organisations/${id}`;
  if (type === 'house') return `/registry/houses/${id}`;
  if (type === 'account') return `/registry/accounts/${id}`;
  return null;
}

type Props = {
  id?: string;
  label: string;
  items: AuditEntry[];
  paging: Paging;
  isLoading: boolean;
  isFetching: boolean;
  showObject?: boolean;
  autoFocus?: boolean;
};

export function AuditTable({ showObject = true, ...props }: Props) {
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const toggle = (entry: AuditEntry) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(entry.id)) next.delete(entry.id);
      else next.add(entry.id);
      return next;
    });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'toggle',
      header: '',
      width: '1.5rem',
      render: (entry) => (
        <span className="expander" aria-hidden="true">
          {expanded.has(entry.id) ? '▾' : '▸'}
        </span>
      ),
    },
    { key: 'at', header: 'Время', width: '9.5rem', render: (entry) => formatDateTime(entry.at) },
    {
      key: 'actor',
      header: 'Пользователь',
      render: (entry) =>
        entry.actor ? (
          <span title={entry.actor.login}>{entry.actor.fullName}</span>
        ) : (
          <span className="muted">система</span>
        ),
    },
    {
      key: 'action',
      header: 'Действие',
      width: '7rem',
      render: (entry) => labelOf(AUDIT_ACTION_LABELS, entry.action),
    },
  ];
  if (showObject) {
    columns.push({
      key: 'object',
      header: 'Объект',
      render: (entry) => {
        const text = `${labelOf(AUDIT_OBJECT_TYPE_LABELS, entry.objectType)} № ${entry.objectId ?? '—'}`;
        const path = objectPath(entry.objectType, entry.objectId);
        return path ? (
          <Link to={path} tabIndex={-1}>
            {text}
          </Link>
        ) : (
          text
        );
      },
    });
  }
  columns.push({
    key: 'summary',
    header: 'Поля',
    render: (entry) => summary(entry),
    className: 'muted ellipsis',
  });
  columns.push({
    key: 'request',
    header: 'Код запроса',
    width: '8rem',
    className: 'mono muted ellipsis',
    render: (entry) => <span title={entry.requestId ?? ''}>{entry.requestId ?? '—'}</span>,
  });

  return (
    <DataTable
      id={props.id}
      label={props.label}
      testId="audit-table"
      columns={columns}
      rows={props.items}
      rowKey={(entry) => entry.id}
      onOpen={toggle}
      isExpanded={(entry) => expanded.has(entry.id)}
      renderDetail={(entry) => <AuditDiff before={entry.before} after={entry.after} />}
      isLoading={props.isLoading}
      isFetching={props.isFetching}
      paging={props.paging}
      emptyText="Записей нет"
      autoFocus={props.autoFocus}
    />
  );
}

/** The changed field names, e.g. "fullName, roles". */
function summary(entry: AuditEntry): string {
  if (!entry.before && !entry.after) return '';
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return changed.join(', ');
}
