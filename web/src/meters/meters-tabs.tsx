// The sections of «Приборы учёта».
import { can, useMe } from '../auth/session';
import { Tabs, type Tab } from '../components/page';

export function MetersTabs() {
  const me = useMe();
  const tabs: Tab[] = [];
  if (can(me, 'meters.read')) tabs.push({ to: '/meters/entry', label: 'Ввод показаний' });
  if (can(me, 'meters.read')) tabs.push({ to: '/meters/verification', label: 'Поверка' });
  if (can(me, 'readings.write')) tabs.push({ to: '/meters/import', label: 'Загрузка показаний' });
  return <Tabs label="Разделы приборов учёта" tabs={tabs} />;
}
