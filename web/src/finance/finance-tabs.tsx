// The sections of Финансы, each shown only with its permission (docs/finance.md "Faces"). Tab reaches them;
// ←/→ move between them.
import { can, useMe } from '../auth/session';
import { Tabs, type Tab } from '../components/page';

export function FinanceTabs() {
  const me = useMe();
  const tabs: Tab[] = [];
  if (can(me, 'payments.read')) {
    tabs.push({ to: '/finance/journal', label: 'Журнал платежей' });
    tabs.push({ to: '/finance/payments', label: 'Реестры и невыясненные' });
    tabs.push({ to: '/finance/turnover', label: 'Оборотно-сальдовая' });
    tabs.push({ to: '/finance/remittance', label: 'Перечисления' });
  }
  if (can(me, 'registry.read')) tabs.push({ to: '/finance/penalty', label: 'Расчёт пени' });
  return <Tabs label="Разделы финансов" tabs={tabs} />;
}
