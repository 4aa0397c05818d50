// The versions of one effective-dated value (a tariff, a norm): a time line with a bar per version and
// the value on it, then the versions as a table, newest first.
import type { ReactNode } from 'react';
import { formatDay } from '../app/format';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Timeline } from '../components/timeline';

type Version = { id: number; validFrom: string; validTo: string | null };

export function VersionHistory<T extends Version>({
  label,
  versions,
  valueOf,
  valueHeader,
  extraColumns = [],
  selectedId,
  error,
  isLoading,
  isFetching,
  children,
}: {
  label: string;
  versions: T[];
  /** The value written on a version's bar and in its row: "42,30 ₽", "6,935 м³". */
  valueOf: (version: T) => string;
  valueHeader: string;
  extraColumns?: Column<T>[];
  selectedId?: number | null;
  error: unknown;
  isLoading: boolean;
  isFetching: boolean;
  children?: ReactNode;
}) {
  const sorted = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const columns: Column<T>[] = [
    { key: 'from', header: 'Действует с', width: '7rem', render: (v) => formatDay(v.validFrom) },
    {
      key: 'to',
      header: 'по',
      width: '7rem',
      render: (v) => (v.validTo ? formatDay(v.validTo) : 'бессрочно'),
    },
    {
      key: 'value',
      header: valueHeader,
      width: '10rem',
      align: 'right',
      className: 'mono',
      render: (v) => (v.id === selectedId ? <strong>{valueOf(v)}</strong> : valueOf(v)),
    },
    ...extraColumns,
  ];
  return (
    <section aria-label={label}>
      <ErrorBox error={error} />
      {sorted.length > 0 && (
        <Timeline
          label={label}
          items={sorted.map((v) => ({
            key: v.id,
            from: v.validFrom,
            to: v.validTo,
            label: valueOf(v),
            selected: v.id === selectedId,
          }))}
        />
      )}
      <DataTable
        label={`${label}: редакции`}
        testId="versions-table"
        columns={columns}
        rows={[...sorted].reverse()}
        rowKey={(v) => v.id}
        isLoading={isLoading}
        isFetching={isFetching}
        emptyText="Редакций нет"
      />
      {children}
    </section>
  );
}
