// The top of the UI: the session decides between «Вход» and the shell; the URL picks the screen.
import type { ReactNode } from 'react';
import { AuditPage } from '../admin/audit-page';
import { RolesPage } from '../admin/roles-page';
import { UserCreatePage } from '../admin/user-create-page';
import { UserEditPage } from '../admin/user-edit-page';
import { UsersPage } from '../admin/users-page';
import type { Me } from '../api/types';
import { LoginPage } from '../auth/login-page';
import { RecalculationJournalPage, RunPage, RunsPage } from '../billing/billing-pages';
import { METER_ROUTES } from '../meters/routes';
import { EpdBatchesPage } from '../epd/batches-page';
import { can, useSession } from '../auth/session';
import { ErrorBox } from '../components/error-box';
import { Forbidden, Message, NotFound, Redirect } from '../components/page';
import { AccountCardPage } from '../registry/account-card-page';
import { AccountsPage } from '../registry/accounts-page';
import { HouseCardPage } from '../registry/house-card-page';
import { HousesPage } from '../registry/houses-page';
import { NormsPage } from '../registry/norms-page';
import { OrganisationCardPage } from '../registry/organisation-card-page';
import { OrganisationsPage } from '../registry/organisations-page';
import { TariffsPage } from '../registry/tariffs-page';
import { PersonCardPage } from '../residents/person-card-page';
import { PersonCreatePage, PersonsPage } from '../residents/persons-page';
import { PaymentsPage } from '../finance/payments-page';
import { PenaltyPage } from '../finance/penalty-page';
import { RemittancePage } from '../finance/remittance-page';
import { JournalPage } from '../finance/journal-page';
import { PaymentCardPage } from '../finance/payment-card-page';
import { TurnoverPage } from '../finance/turnover-page';
import { homePath } from '../shell/modules';
import { Shell } from '../shell/shell';
import { matchPath, useLocation } from './router';

type Route = {
  path: string;
  permission?: string;
  render: (params: Record<string, string>, me: Me) => ReactNode;
};

const idOf = (params: Record<string, string>) => Number(params.id);

const ROUTES: Route[] = [
  {
    path: '/',
    render: (_params, me) => {
      const home = homePath(me);
      return home ? <Redirect to={home} /> : <Message title="Нет доступных модулей" />;
    },
  },
  { path: '/registry', render: () => <Redirect to="/registry/organisations" /> },
  { path: '/registry/organisations', permission: 'organisations.read', render: () => <OrganisationsPage /> },
  {
    path: '/registry/organisations/:id',
    permission: 'organisations.read',
    render: (params) => <OrganisationCardPage key={params.id} id={idOf(params)} />,
  },
  { path: '/registry/houses', permission: 'registry.read', render: () => <HousesPage /> },
  {
    path: '/registry/houses/:id',
    permission: 'registry.read',
    render: (params) => <HouseCardPage key={params.id} id={idOf(params)} />,
  },
  { path: '/registry/accounts', permission: 'registry.read', render: () => <AccountsPage /> },
  {
    path: '/registry/accounts/:id',
    permission: 'registry.read',
    render: (params) => <AccountCardPage key={params.id} id={idOf(params)} />,
  },
  { path: '/registry/tariffs', permission: 'registry.read', render: () => <TariffsPage /> },
  { path: '/registry/norms', permission: 'registry.read', render: () => <NormsPage /> },
  { path: '/billing', render: () => <Redirect to="/billing/runs" /> },
  { path: '/billing/runs', permission: 'charges.read', render: () => <RunsPage /> },
  {
    path: '/billing/runs/:id',
    permission: 'charges.read',
    render: (params) => <RunPage id={idOf(params)} />,
  },
  { path: '/billing/recalculations', permission: 'charges.read', render: () => <RecalculationJournalPage /> },
  { path: '/billing/epd', permission: 'documents.read', render: () => <EpdBatchesPage /> },
  { path: '/residents', permission: 'residents.read', render: () => <Redirect to="/residents/persons" /> },
  { path: '/residents/persons', permission: 'residents.read', render: () => <PersonsPage /> },
  { path: '/residents/persons/new', permission: 'residents.write', render: () => <PersonCreatePage /> },
  {
    path: '/residents/persons/:id',
    permission: 'residents.read',
    render: (params) => <PersonCardPage key={params.id} id={idOf(params)} />,
  },
  { path: '/finance', render: () => <Redirect to="/finance/penalty" /> },
  { path: '/finance/penalty', permission: 'registry.read', render: () => <PenaltyPage /> },
  { path: '/finance/payments', permission: 'payments.read', render: () => <PaymentsPage /> },
  { path: '/finance/remittance', permission: 'payments.read', render: () => <RemittancePage /> },
  { path: '/finance/journal', permission: 'payments.read', render: () => <JournalPage /> },
  {
    path: '/finance/journal/:id',
    permission: 'payments.read',
    render: (params) => <PaymentCardPage key={params.id} id={idOf(params)} />,
  },
  { path: '/finance/turnover', permission: 'payments.read', render: () => <TurnoverPage /> },
  {
    path: '/admin',
    permission: 'users.read',
    render: () => <Redirect to="/admin/users" />,
  },
  { path: '/admin/users', permission: 'users.read', render: () => <UsersPage /> },
  { path: '/admin/users/new', permission: 'users.write', render: () => <UserCreatePage /> },
  {
    path: '/admin/users/:id',
    permission: 'users.read',
    render: (params) => <UserEditPage key={params.id} id={idOf(params)} />,
  },
  { path: '/admin/roles', permission: 'users.read', render: () => <RolesPage /> },
  { path: '/admin/audit', permission: 'audit.read', render: () => <AuditPage /> },
  ...METER_ROUTES,
];

function Screen({ me }: { me: Me }) {
  const { pathname } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (params.id !== undefined && !/^\d+$/.test(params.id)) continue;
    if (route.permission && !can(me, route.permission)) return <Forbidden />;
    return <>{route.render(params, me)}</>;
  }
  return <NotFound />;
}

function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login')
    ? value
    : '/';
}

export function App() {
  const { state, retry } = useSession();
  const location = useLocation();

  if (state.status === 'loading') return <div className="boot" aria-busy="true" />;

  if (state.status === 'failed') {
    return (
      <div className="login-page">
        <div className="login-form">
          <h1>ЖКХ-Биллинг недоступен</h1>
          <ErrorBox error={state.error} />
          <button type="button" onClick={retry}>
            Повторить
          </button>
        </div>
      </div>
    );
  }

  if (state.status === 'anonymous') {
    if (location.pathname !== '/login') {
      const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.href)}`;
      return <Redirect to={`/login${next}`} />;
    }
    return <LoginPage notice={state.notice} />;
  }

  if (location.pathname === '/login') {
    return <Redirect to={safeNext(new URLSearchParams(location.search).get('next'))} />;
  }
  return (
    <Shell>
      <Screen me={state.me} />
    </Shell>
  );
}
