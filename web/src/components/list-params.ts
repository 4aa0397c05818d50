// Paging, sort and filters of a list screen, kept in the URL.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from '../app/router';
import type { Paging } from './pager';

export type ListParams = {
  page: number;
  pageSize: number;
  sort: string;
  filter: (name: string) => string;
  setFilter: (name: string, value: string) => void;
  setSort: (sort: string) => void;
  paging: (total: number, totalCapped?: boolean) => Paging;
};

export function useListParams(defaults: { sort: string; pageSize?: number }): ListParams {
  const [params, update] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || defaults.pageSize || 50;
  const sort = params.get('sort') ?? defaults.sort;

  return useMemo(
    () => ({
      page,
      pageSize,
      sort,
      filter: (name: string) => params.get(name) ?? '',
      // Any change of filter or sort returns to the first page.
      setFilter: (name: string, value: string) => update({ [name]: value, page: null }),
      setSort: (next: string) => update({ sort: next === defaults.sort ? null : next, page: null }),
      paging: (total: number, totalCapped?: boolean) => ({
        page,
        pageSize,
        total,
        totalCapped: totalCapped ?? false,
        onPageChange: (next: number) => update({ page: next > 1 ? next : null }, { push: true }),
        onPageSizeChange: (next: number) => update({ pageSize: next, page: null }),
      }),
    }),
    [page, pageSize, sort, params, update, defaults.sort],
  );
}

/** Local text that follows the URL value and reports changes after a pause in typing. */
export function useDebouncedText(
  value: string,
  onCommit: (value: string) => void,
  delayMs = 250,
): [string, (value: string) => void] {
  const [text, setText] = useState(value);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setText(value);
  }, [value, dirty]);
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(() => {
      setDirty(false);
      if (text !== value) onCommit(text);
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [text, dirty, value, onCommit, delayMs]);
  return [
    text,
    (next: string) => {
      setText(next);
      setDirty(true);
    },
  ];
}
