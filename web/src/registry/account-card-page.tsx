// Картотека → карточка лицевого счёта: Сведения (payer, premise, house, share, dates, the accounts it came
// from or went on to after a split or merge), Приборы учёта (web/src/meters), Оплаты (web/src/finance) and
// История; the other tabs come from their modules.
import { AccountPaymentsTab } from '../finance/account-payments-tab';
import { AccountDocumentsTab } from '../epd/account-documents-tab';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/endpoints';
import type { AccountCard, AccountLink } from '../api/types';
import { formatDateTime, formatDay, formatShare } from '../app/format';
import { ACCOUNT_STATUS_LABELS, labelOf } from '../app/labels';
import { Link } from '../app/router';
import { AuditHistory } from '../admin/audit-history';
import { AccountCharges } from '../billing/account-charges';
import { can, useMe } from '../auth/session';
import { CardTabs, useCardTab, type CardTab } from '../components/card-tabs';
import { ErrorBox } from '../components/error-box';
import { Fields, PageHeader } from '../components/page';
import { accountPath, accountsOfPremisePath } from './accounts-page';
import { housePath } from './houses-page';
import { organisationPath } from './organisations-page';
import { AccountResidentsTab } from '../residents/account-residents-tab';
import { RegistryTabs } from './registry-tabs';
import { AccountMetersTab } from '../meters/meters-table';

const LINK_KIND_LABELS: Record<AccountLink['kind'], string> = { split: 'разделение', merge: 'объединение' };

export function AccountCardPage({ id }: { id: number }) {
  const me = useMe();
  const account = useQuery({
    queryKey: ['account', id],
    queryFn: ({ signal }) => api.account(id, signal),
  });
  const tabs: CardTab[] = [
    { id: 'info', label: 'Сведения' },
    { id: 'residents', label: 'Жильцы', visible: can(me, 'residents.read') },
    { id: 'meters', label: 'Приборы учёта', visible: can(me, 'meters.read') },
    { id: 'charges', label: 'Начисления', visible: can(me, 'charges.read') },
    { id: 'payments', label: 'Оплаты', visible: can(me, 'payments.read') },
    { id: 'documents', label: 'Платёжные документы', visible: can(me, 'documents.read') },
    { id: 'history', label: 'История', visible: can(me, 'audit.read') },
  ];
  const [tab, setTab] = useCardTab(tabs);
  const back = { to: '/registry/accounts', label: 'Лицевые счета' };
  const data = account.data;

  if (!data) {
    return (
      <>
        <RegistryTabs />
        <PageHeader title={account.isPending ? 'Лицевой счёт' : 'Лицевой счёт не найден'} back={back} />
        <ErrorBox error={account.error} />
      </>
    );
  }

  return (
    <>
      <RegistryTabs />
      <PageHeader title={`Лицевой счёт ${data.number}`} back={back}>
        {data.status === 'closed' && <span className="badge badge-off">Закрыт</span>}
      </PageHeader>
      <CardTabs label="Разделы карточки лицевого счёта" tabs={tabs} active={tab} onChange={setTab}>
        {tab === 'info' && <AccountInfo account={data} />}
        {tab === 'charges' && <AccountCharges accountId={data.id} />}
        {tab === 'residents' && <AccountResidentsTab account={data} />}
        {tab === 'meters' && <AccountMetersTab accountId={data.id} />}
        {tab === 'payments' && <AccountPaymentsTab accountId={data.id} />}
        {tab === 'documents' && <AccountDocumentsTab accountId={data.id} />}
        {tab === 'history' && <AuditHistory objectType="account" objectId={data.id} />}
      </CardTabs>
    </>
  );
}

function AccountLinks({ links }: { links: AccountLink[] }) {
  if (links.length === 0) return <>—</>;
  return (
    <ul className="link-list">
      {links.map((link) => (
        <li key={`${link.kind}-${link.id}`}>
          <Link to={accountPath(link.id)} className="mono">
            {link.number}
          </Link>{' '}
          {link.payerName}{' '}
          <span className="muted">
            ({LINK_KIND_LABELS[link.kind] ?? link.kind} {formatDay(link.onDate)})
          </span>
        </li>
      ))}
    </ul>
  );
}

function AccountInfo({ account }: { account: AccountCard }) {
  const items: [string, ReactNode][] = [
    ['Номер', <span className="mono">{account.number}</span>],
    [
      'Плательщик',
      account.payerOrganisationId !== null ? (
        <Link to={organisationPath(account.payerOrganisationId)}>{account.payerName}</Link>
      ) : (
        account.payerName
      ),
    ],
    ['Вид плательщика', account.payerKind === 'organisation' ? 'Организация' : 'Физическое лицо'],
    ['Дом', <Link to={housePath(account.house.id)}>{account.house.address}</Link>],
    [
      'Помещение',
      <Link to={accountsOfPremisePath(account.house.id, account.premise.id)} title="Все счета помещения">
        {account.premise.label}
      </Link>,
    ],
    ['Доля площади', formatShare(account.areaShare)],
    ['Состояние', labelOf(ACCOUNT_STATUS_LABELS, account.status)],
    ['Открыт', formatDay(account.openedOn)],
    ['Закрыт', formatDay(account.closedOn)],
  ];
  if (account.closeReason) items.push(['Причина закрытия', account.closeReason]);
  items.push(['Внешний код', <span className="mono">{account.externalId ?? '—'}</span>]);
  items.push(['Заведён', formatDateTime(account.createdAt)]);
  items.push(['Код в системе', account.id]);
  return (
    <div className="columns">
      <div className="column">
        <section className="card" aria-labelledby="account-main">
          <h2 id="account-main">Лицевой счёт</h2>
          <Fields items={items} />
        </section>
      </div>
      <div className="column">
        <section className="card" aria-labelledby="account-links">
          <h2 id="account-links">Разделение и объединение</h2>
          <Fields
            items={[
              ['Образован из', <AccountLinks links={account.predecessors} />],
              ['Продолжен в', <AccountLinks links={account.successors} />],
            ]}
          />
        </section>
      </div>
    </div>
  );
}
