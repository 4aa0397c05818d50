// The tabs of a card (Сведения, Помещения, …): the chosen tab lives in the URL (?tab=), so Back, reload
// and a pasted link open the same tab. Keys on a focused tab: ←/→ the previous/next one, Home/End the
// first/last. A tab whose module is not released yet stays visible but disabled, with a tooltip.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useSearchParams } from '../app/router';

export type CardTab = {
  id: string;
  label: string;
  /** Why the tab cannot be opened yet; such a tab is disabled and says this in its tooltip. */
  disabledTitle?: string;
  /** Hidden when false (a tab the operator has no permission for). */
  visible?: boolean;
};

/** The open tab: ?tab= when it names an enabled tab, otherwise the first one. */
export function useCardTab(tabs: CardTab[]): [string, (id: string) => void] {
  const [params, update] = useSearchParams();
  const enabled = tabs.filter((tab) => tab.visible !== false && !tab.disabledTitle);
  const asked = params.get('tab');
  const current = enabled.find((tab) => tab.id === asked)?.id ?? enabled[0]?.id ?? '';
  const first = enabled[0]?.id;
  return [current, (id: string) => update({ tab: id === first ? null : id })];
}

export function CardTabs({
  label,
  tabs,
  active,
  onChange,
  children,
}: {
  label: string;
  tabs: CardTab[];
  active: string;
  onChange: (id: string) => void;
  children: ReactNode;
}) {
  const base = useId().replace(/:/g, '');
  const listRef = useRef<HTMLDivElement>(null);
  const shown = tabs.filter((tab) => tab.visible !== false);
  const enabled = shown.filter((tab) => !tab.disabledTitle);
  const tabId = (id: string) => `${base}-tab-${id}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = enabled.findIndex((tab) => tab.id === active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % enabled.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + enabled.length) % enabled.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = enabled.length - 1;
    if (next === null || !enabled[next]) return;
    event.preventDefault();
    const target = enabled[next]!.id;
    onChange(target);
    listRef.current?.querySelector<HTMLElement>(`#${tabId(target)}`)?.focus();
  };

  return (
    <>
      <div ref={listRef} className="card-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {shown.map((tab) => {
          const selected = tab.id === active;
          const disabled = !!tab.disabledTitle;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              className={selected ? 'card-tab is-active' : disabled ? 'card-tab is-disabled' : 'card-tab'}
              aria-selected={selected}
              aria-controls={selected ? `${base}-panel` : undefined}
              aria-disabled={disabled || undefined}
              title={tab.disabledTitle}
              tabIndex={selected ? 0 : -1}
              data-testid={`tab-${tab.id}`}
              onClick={() => {
                if (!disabled) onChange(tab.id);
              }}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={tabId(active)} className="card-tab-panel">
        {children}
      </div>
    </>
  );
}
