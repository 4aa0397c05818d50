// Left navigation: released modules are links, the others are greyed out with a tooltip.
import { Link, useLocation } from '../app/router';
import { useMe } from '../auth/session';
import { MODULES, UNRELEASED_TITLE, shortcutOf } from './modules';

export function Nav() {
  const me = useMe();
  const { pathname } = useLocation();
  return (
    <nav className="side-nav" aria-label="Модули">
      <ul>
        {MODULES.map((module, index) => {
          if (!module.isAllowed(me)) return null;
          const shortcut = shortcutOf(index);
          if (!module.released) {
            return (
              <li key={module.code}>
                <span
                  className="nav-item is-disabled"
                  title={UNRELEASED_TITLE}
                  aria-disabled="true"
                  data-testid={`nav-${module.code}`}
                >
                  {module.title}
                </span>
              </li>
            );
          }
          const active = pathname === module.path || pathname.startsWith(`${module.path}/`);
          return (
            <li key={module.code}>
              <Link
                to={module.path}
                className={active ? 'nav-item is-active' : 'nav-item'}
                aria-current={active ? 'page' : undefined}
                aria-keyshortcuts={shortcut}
                title={`${module.title} (${shortcut})`}
                data-testid={`nav-${module.code}`}
              >
                {module.title}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="nav-help" aria-label="Клавиши">
        <div>
          <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>0</kbd> модули
        </div>
        <div>
          <kbd>/</kbd> поиск
        </div>
        <div>
          <kbd>↑</kbd> <kbd>↓</kbd> строка таблицы
        </div>
        <div>
          <kbd>Enter</kbd> открыть
        </div>
        <div>
          <kbd>PgUp</kbd> <kbd>PgDn</kbd> страницы
        </div>
      </div>
    </nav>
  );
}
