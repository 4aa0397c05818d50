// The sections of Картотека, each shown only with its permission. Tab reaches them; ←/→ move between them.
import { can, useMe } from '../auth/session';
import { Tabs, type Tab } from '../components/page';

export function RegistryTabs() {
  const me = useMe();
  const tabs: Tab[] = [];
  if (can(me, 'organisations.read')) tabs.push({ to: '/registry/organisations', label: 'Организации' });
  if (can(me, 'registry.read')) {
    tabs.push({ to: '/registry/houses', label: 'Дома' });
    tabs.push({ to: '/registry/accounts', label: 'Лицевые счета' });
    tabs.push({ to: '/registry/tariffs', label: 'Тарифы' });
    tabs.push({ to: '/registry/norms', label: 'Нормативы' });
  }
  return <Tabs label="Разделы картотеки" tabs={tabs} />;
}
