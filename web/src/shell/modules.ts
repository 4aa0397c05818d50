// The modules of the left navigation, in their fixed order (Alt+1 … Alt+0).
import type { Me } from '../api/types';

export type ModuleDef = {
  code: string;
  title: string;
  path: string;
  /** False while the module's API does not exist yet: shown greyed out, not clickable. */
  released: boolean;
  isAllowed: (me: Me) => boolean;
};

const has = (permission: string) => (me: Me) => me.permissions.includes(permission);
const unreleased = () => true;

export const MODULES: ModuleDef[] = [
  {
    code: 'registry',
    title: 'Картотека',
    path: '/registry',
    released: true,
    isAllowed: has('organisations.read'),
  },
  { code: 'meters', title: 'Приборы учёта', path: '/meters', released: true, isAllowed: has('meters.read') },
  {
    code: 'residents',
    title: 'Паспортный стол',
    path: '/residents',
    released: true,
    isAllowed: has('residents.read'),
  },
  { code: 'billing', title: 'Начисления', path: '/billing', released: true, isAllowed: has('charges.read') },
  { code: 'finance', title: 'Финансы', path: '/finance', released: true, isAllowed: has('registry.read') },
  { code: 'cash', title: 'Касса', path: '/cash', released: false, isAllowed: unreleased },
  { code: 'claims', title: 'Обращения', path: '/claims', released: false, isAllowed: unreleased },
  { code: 'analytics', title: 'Аналитика', path: '/analytics', released: false, isAllowed: unreleased },
  { code: 'exchange', title: 'Обмен', path: '/exchange', released: false, isAllowed: unreleased },
  {
    code: 'admin',
    title: 'Администрирование',
    path: '/admin',
    released: true,
    // Users are the core of the module; an analyst or accountant with only audit.read reads the
    // history on each object's card instead.
    isAllowed: has('users.read'),
  },
];

export const UNRELEASED_TITLE = 'Модуль появится в следующем выпуске';

/** "Alt+1" … "Alt+9", "Alt+0" for the tenth. */
export function shortcutOf(index: number): string {
  return `Alt+${(index + 1) % 10}`;
}

export function visibleModules(me: Me): ModuleDef[] {
  return MODULES.filter((module) => module.isAllowed(me));
}

/** Where "/" leads: the first module the operator can open. */
export function homePath(me: Me): string | null {
  return MODULES.find((module) => module.released && module.isAllowed(me))?.path ?? null;
}
