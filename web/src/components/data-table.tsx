// The dense operator table: sortable headers, paging, and keyboard row navigation.
// Keys while the table has focus: ↑/↓ move the selected row, Home/End jump to the first/last,
// PageUp/PageDown change the page, Enter opens the selected row (or expands it).
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Pager, type Paging } from './pager';

export type Column<T> = {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort field; a column without it is not sortable. */
  sortField?: string;
  align?: 'left' | 'right' | 'center';
  width?: string;
  className?: string;
};

type Props<T> = {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** "field" or "-field" (descending), as the API takes it. */
  sort?: string | null;
  onSortChange?: (sort: string) => void;
  onOpen?: (row: T) => void;
  renderDetail?: (row: T) => ReactNode;
  isExpanded?: (row: T) => boolean;
  isLoading?: boolean;
  isFetching?: boolean;
  emptyText?: string;
  paging?: Paging;
  autoFocus?: boolean;
  id?: string;
  testId?: string;
};

export function DataTable<T>(props: Props<T>) {
  const { columns, rows, rowKey, sort, onSortChange, onOpen, paging } = props;
  const generatedId = useId();
  const tableId = props.id ?? `table-${generatedId.replace(/:/g, '')}`;
  const tableRef = useRef<HTMLTableElement>(null);
  const [selected, setSelected] = useState(0);
  const [focused, setFocused] = useState(false);
  const current = rows.length === 0 ? -1 : Math.min(selected, rows.length - 1);

  useEffect(() => {
    if (!focused || current < 0) return;
    const row = tableRef.current?.querySelector<HTMLElement>(`[data-row-index="${current}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [current, focused]);

  const hasRows = rows.length > 0;
  useEffect(() => {
    if (!props.autoFocus || !hasRows) return;
    const active = document.activeElement;
    if (!active || active === document.body) tableRef.current?.focus({ preventScroll: true });
  }, [props.autoFocus, hasRows]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onTable = event.target === event.currentTarget;
    const last = rows.length - 1;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(current + 1, last);
        break;
      case 'ArrowUp':
        next = Math.max(current - 1, 0);
        break;
      case 'Home':
        if (onTable) next = 0;
        break;
      case 'End':
        if (onTable) next = last;
        break;
      case 'PageDown':
        if (paging && paging.page * paging.pageSize < paging.total) {
          paging.onPageChange(paging.page + 1);
          next = 0;
        }
        break;
      case 'PageUp':
        if (paging && paging.page > 1) {
          paging.onPageChange(paging.page - 1);
          next = 0;
        }
        break;
      case 'Enter': {
        const row = rows[current];
        if (onTable && row && onOpen) {
          event.preventDefault();
          onOpen(row);
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    if (next !== null && next >= 0) {
      setSelected(next);
      if (!onTable) tableRef.current?.focus();
    }
  };

  const sortState = (field: string | undefined): 'ascending' | 'descending' | undefined => {
    if (!field || !sort) return undefined;
    if (sort === field) return 'ascending';
    if (sort === `-${field}`) return 'descending';
    return undefined;
  };

  const activeRow = rows[current];
  const rowDomId = (index: number) => `${tableId}-row-${index}`;
  const busy = !!props.isFetching || !!props.isLoading;

  return (
    <div className={busy ? 'table-wrap is-busy' : 'table-wrap'} data-testid={props.testId}>
      <div className="table-scroll">
        <table
          ref={tableRef}
          id={tableId}
          className="data-table"
          role="grid"
          aria-readonly="true"
          aria-label={props.label}
          aria-busy={busy || undefined}
          aria-activedescendant={focused && activeRow !== undefined ? rowDomId(current) : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            if (event.target === event.currentTarget) setFocused(true);
          }}
          onBlur={(event) => {
            if (event.target === event.currentTarget) setFocused(false);
          }}
        >
          <thead>
            <tr>
              {columns.map((column) => {
                const state = sortState(column.sortField);
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={column.sortField ? (state ?? 'none') : undefined}
                    style={{ width: column.width, textAlign: column.align }}
                  >
                    {column.sortField && onSortChange ? (
                      <button
                        type="button"
                        className="sort-button"
                        tabIndex={-1}
                        onClick={() =>
                          onSortChange(state === 'ascending' ? `-${column.sortField}` : column.sortField!)
                        }
                        title="Сортировать"
                      >
                        {column.header}
                        <span className="sort-mark" aria-hidden="true">
                          {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const expanded = props.isExpanded?.(row) ?? false;
              const isSelected = index === current;
              return (
                <Fragment key={rowKey(row)}>
                  <tr
                    id={rowDomId(index)}
                    data-row-index={index}
                    aria-selected={isSelected}
                    aria-expanded={props.renderDetail ? expanded : undefined}
                    className={isSelected ? 'is-selected' : undefined}
                    onMouseDown={() => setSelected(index)}
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a,button,input,select')) return;
                      tableRef.current?.focus({ preventScroll: true });
                      if (props.renderDetail && onOpen) onOpen(row);
                    }}
                    onDoubleClick={(event) => {
                      if ((event.target as HTMLElement).closest('a,button,input,select')) return;
                      if (!props.renderDetail) onOpen?.(row);
                    }}
                  >
                    {columns.map((column) => (
                      <td key={column.key} style={{ textAlign: column.align }} className={column.className}>
                        {column.render(row)}
                      </td>
                    ))}
                  </tr>
                  {expanded && props.renderDetail && (
                    <tr className="detail-row">
                      <td colSpan={columns.length}>{props.renderDetail(row)}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {rows.length === 0 && (
              <tr className="empty-row">
                <td colSpan={columns.length}>
                  {props.isLoading ? 'Загрузка…' : (props.emptyText ?? 'Ничего не найдено')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {paging && <Pager {...paging} />}
    </div>
  );
}
