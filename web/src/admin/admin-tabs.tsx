// The sections of Администрирование, each shown only with its permission.
import { can, useMe } from '../auth/session';
import { Tabs, type Tab } from '../components/page';

export const API_DOCS_URL = '/api/docs';

export function AdminTabs() {
  const me = useMe();
  const tabs: Tab[] = [];
  if (can(me, 'users.read')) {
    tabs.push({ to: '/admin/users', label: 'Пользователи' });
    tabs.push({ to: '/admin/roles', label: 'Роли' });
  }
  if (can(me, 'audit.read')) tabs.push({ to: '/admin/audit', label: 'Журнал аудита' });
  tabs.push({ to: API_DOCS_URL, label: 'Документация API', external: true });
  return <Tabs label="Разделы администрирования" tabs={tabs} />;
}
