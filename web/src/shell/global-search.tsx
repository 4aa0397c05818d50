// The search box of the top bar: "/" focuses it, ↑/↓ pick a result, Enter opens it, Esc closes.
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api } from '../api/endpoints';
import type { SearchResult } from '../api/types';
import { SEARCH_KIND_LABELS, labelOf } from '../app/labels';
import { navigate } from '../app/router';
import { errorText } from '../components/error-box';

const MIN_LENGTH = 2;

export const GlobalSearch = forwardRef<HTMLInputElement>(function GlobalSearch(_props, ref) {
  const listId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 200);
    return () => window.clearTimeout(timer);
  }, [text]);

  const enabled = query.length >= MIN_LENGTH;
  const search = useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => api.search(query, signal),
    enabled,
    staleTime: 10_000,
  });
  const items: SearchResult[] = enabled ? (search.data?.items ?? []) : [];
  const showList = open && text.trim().length >= MIN_LENGTH;

  // New results: the first one is the default for Enter.
  useEffect(() => setActive(items.length > 0 ? 0 : -1), [items.length, search.data]);

  const openResult = (item: SearchResult) => {
    setOpen(false);
    setText('');
    setQuery('');
    (document.activeElement as HTMLElement | null)?.blur();
    if (/^https?:/.test(item.href)) window.location.assign(item.href);
    else navigate(item.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(i + 1, items.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter': {
        const item = items[active] ?? items[0];
        if (item && text.trim() === query) {
          event.preventDefault();
          openResult(item);
        }
        break;
      }
      case 'Escape':
        event.preventDefault();
        if (open && text) setOpen(false);
        else {
          setText('');
          event.currentTarget.blur();
        }
        break;
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="global-search">
      <input
        ref={ref}
        type="search"
        role="combobox"
        aria-label="Глобальный поиск"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        placeholder="Поиск: лицевые счета, адреса, организации…  ( / )"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {showList && (
        <ul id={listId} role="listbox" aria-label="Результаты поиска" className="search-results">
          {items.map((item, index) => (
            <li
              key={`${item.kind}-${item.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => openResult(item)}
            >
              <span className="search-kind">{labelOf(SEARCH_KIND_LABELS, item.kind)}</span>
              <span className="search-title">{item.title}</span>
              {item.subtitle && <span className="search-subtitle">{item.subtitle}</span>}
            </li>
          ))}
          {items.length === 0 && (
            <li className="search-note" role="presentation">
              {search.isError
                ? errorText(search.error)
                : search.isFetching || text.trim() !== query
                  ? 'Поиск…'
                  : 'Ничего не найдено'}
            </li>
          )}
        </ul>
      )}
    </div>
  );
});
