// Page furniture: the heading with actions, module tabs, redirects and plain messages.
import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { Link, navigate, useLocation } from '../app/router';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ЖКХ-Биллинг`;
  }, [title]);
}

export function PageHeader({
  title,
  children,
  back,
}: {
  title: string;
  children?: ReactNode;
  back?: { to: string; label: string };
}) {
  useTitle(title);
  return (
    <div className="page-header">
      {back && (
        <Link to={back.to} className="back-link">
          ← {back.label}
        </Link>
      )}
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export type Tab = { to: string; label: string; external?: boolean };

/** Section links of a module. ←/→ on a focused tab move to the previous/next one. */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  const { pathname } = useLocation();
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const links = [...event.currentTarget.querySelectorAll<HTMLElement>('a.tab')];
    const index = links.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' ? 1 : -1;
    links[(index + step + links.length) % links.length]?.focus();
  };
  return (
    <nav className="tabs" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        if (tab.external) {
          return (
            <a key={tab.to} href={tab.to} target="_blank" rel="noreferrer" className="tab">
              {tab.label} ↗
            </a>
          );
        }
        const active = pathname === tab.to || pathname.startsWith(`${tab.to}/`);
        return (
          <Link
            key={tab.to}
            to={tab.to}
            className={active ? 'tab is-active' : 'tab'}
            aria-current={active ? 'page' : undefined}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function Message({ title, children }: { title: string; children?: ReactNode }) {
  useTitle(title);
  return (
    <div className="message-page">
      <h1>{title}</h1>
      {children && <p>{children}</p>}
    </div>
  );
}

export function Forbidden() {
  return <Message title="Недостаточно прав">У вашей учётной записи нет доступа к этому разделу.</Message>;
}

export function NotFound() {
  return (
    <Message title="Страница не найдена">
      Проверьте адрес или выберите модуль слева. <Link to="/">На главную</Link>
    </Message>
  );
}

/** A read-only "label: value" list for cards. */
export function Fields({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="fields">
      {items.map(([label, value]) => (
        <div key={label} className="fields-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
