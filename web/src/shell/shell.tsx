// The frame of every screen: top bar, module navigation, and the global keys.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, navigate } from '../app/router';
import { useMe, useSession } from '../auth/session';
import { errorText } from '../components/error-box';
import { GlobalSearch } from './global-search';
import { MODULES } from './modules';
import { Nav } from './nav';

function isEditable(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { logout } = useSession();
  const searchRef = useRef<HTMLInputElement>(null);
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '/' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        if (isEditable(event.target)) return;
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        const match = /^Digit(\d)$/.exec(event.code);
        if (!match) return;
        const digit = Number(match[1]);
        const module = MODULES[digit === 0 ? 9 : digit - 1];
        event.preventDefault();
        if (!module || !module.released || !module.isAllowed(me)) return;
        (document.activeElement as HTMLElement | null)?.blur();
        navigate(module.path);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [me]);

  return (
    <div className="shell">
      <header className="top-bar">
        <Link to="/" className="product-name">
          ЖКХ-Биллинг
        </Link>
        <GlobalSearch ref={searchRef} />
        <div className="top-bar-user">
          <span className="user-name" data-testid="user-name" title={me.login}>
            {me.fullName}
          </span>
          <span className="user-org" data-testid="user-organisation">
            {me.organisation.name}
          </span>
          {logoutError && (
            <span className="top-bar-error" role="alert">
              {logoutError}
            </span>
          )}
          <button
            type="button"
            onClick={() => {
              setLogoutError(null);
              logout().catch((error: unknown) => setLogoutError(errorText(error)));
            }}
          >
            Выйти
          </button>
        </div>
      </header>
      <Nav />
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}
