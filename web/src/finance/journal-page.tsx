// Финансы → Журнал платежей (docs/finance.md "Payments journal"): every payment of the centre, newest first,
// filtered by the dates paid and received, agent, account, house, amount, state and registry file; paged, with
// the count and the sums of the whole filtered set. A row opens the payment's card (parts and corrections).
// The filters live in the URL, so a link shows the same selection.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api/client';
import { formatDay } from '../app/format';
import { Link, navigate } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { useListParams } from '../components/list-params';
import { PageHeader } from '../components/page';
import { FinanceTabs } from './finance-tabs';
import { kopecksOf, rublesOf } from './penalty-page';

export type JournalRow = {
  id: number;
  paidOn: string;
  receivedOn: string;
  agentId: number;
  agentName: string;
  agentPaymentId: string | null;
  accountId: number | null;
  accountNumber: string | null;
  accountGiven: string;
  houseId: number | null;
  payerName: string | null;
  period: string | null;
  amountKop: number;
  feeKop: number;
  registryFileId: number | null;
  registryLine: number | null;
  reversesPaymentId: number | null;
  correctedFromPaymentId: number | null;
  reversedBy: number | null;
  note: string | null;
};
type Journal = { items: JournalRow[]; total: number; amountKop: number; feeKop: number };

export const STATES: { value: string; label: string }[] = [
  { value: 'active', label: 'действующие' },
  { value: 'reversed', label: 'сторнированные' },
  { value: 'reversal', label: 'сторно' },
  { value: 'corrected', label: 'перенесённые' },
  { value: 'suspense', label: 'невыясненные' },
];

export const paymentPath = (id: number) => `/finance/journal/${id}`;

/** What happened to a payment, in words: «сторно платежа № 5», «сторнирован (№ 9)», «перенесён из № 3». */
export function stateOf(
  p: Pick<JournalRow, 'reversesPaymentId' | 'reversedBy' | 'correctedFromPaymentId' | 'accountId'>,
) {
  return [
    p.accountId === null && p.reversesPaymentId === null ? 'невыясненный' : '',
    p.reversesPaymentId ? `сторно платежа № ${p.reversesPaymentId}` : '',
    p.reversedBy ? `сторнирован (№ ${p.reversedBy})` : '',
    p.correctedFromPaymentId ? `перенесён из платежа № ${p.correctedFromPaymentId}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const TABLE_ID = 'journal-table';
/** The plain filters: URL name, label, input type, width. */
const TEXT_FILTERS: [string, string, 'date' | 'number' | 'text', string | undefined][] = [
  ['from', 'Оплачен с', 'date', undefined],
  ['to', 'Оплачен по', 'date', undefined],
  ['receivedFrom', 'Принят с', 'date', undefined],
  ['receivedTo', 'Принят по', 'date', undefined],
  ['houseId', 'Дом (№ в картотеке)', 'number', '6rem'],
  ['amountFrom', 'Сумма от, ₽', 'text', '7rem'],
  ['amountTo', 'до, ₽', 'text', '7rem'],
  ['registryFileId', 'Реестр №', 'number', '6rem'],
];

const columns: Column<JournalRow>[] = [
  {
    key: 'id',
    header: '№',
    width: '5rem',
    align: 'right',
    render: (r) => (
      <Link to={paymentPath(r.id)} tabIndex={-1}>
        {r.id}
      </Link>
    ),
  },
  { key: 'paidOn', header: 'Оплачен', width: '6.5rem', render: (r) => formatDay(r.paidOn) },
  { key: 'receivedOn', header: 'Принят', width: '6.5rem', render: (r) => formatDay(r.receivedOn) },
  { key: 'agent', header: 'Агент', render: (r) => r.agentName },
  {
    key: 'account',
    header: 'Лицевой счёт',
    className: 'mono',
    render: (r) => r.accountNumber ?? <span className="muted">{r.accountGiven}</span>,
  },
  { key: 'payer', header: 'Плательщик', className: 'wrap', render: (r) => r.payerName ?? '' },
  { key: 'period', header: 'Период', width: '5.5rem', render: (r) => r.period ?? '' },
  {
    key: 'amount',
    header: 'Сумма, ₽',
    align: 'right',
    className: 'mono',
    render: (r) => rublesOf(r.amountKop),
  },
  { key: 'fee', header: 'Комиссия, ₽', align: 'right', className: 'mono', render: (r) => rublesOf(r.feeKop) },
  {
    key: 'file',
    header: 'Реестр',
    render: (r) => (r.registryFileId ? `№ ${r.registryFileId}, стр. ${r.registryLine}` : ''),
  },
  { key: 'state', header: 'Состояние', className: 'wrap', render: stateOf },
];

export function JournalPage() {
  const list = useListParams({ sort: '-id' });
  const f = (name: string) => list.filter(name);
  const amountFrom = kopecksOf(f('amountFrom'));
  const amountTo = kopecksOf(f('amountTo'));
  const query: Record<string, string> = {
    page: String(list.page),
    pageSize: String(list.pageSize),
    ...Object.fromEntries(
      [
        'from',
        'to',
        'receivedFrom',
        'receivedTo',
        'agentId',
        'accountId',
        'accountNumber',
        'houseId',
        'state',
        'registryFileId',
      ]
        .map((k) => [k, f(k)])
        .filter(([, v]) => v !== ''),
    ),
    ...(amountFrom !== null ? { amountFromKop: String(amountFrom) } : {}),
    ...(amountTo !== null ? { amountToKop: String(amountTo) } : {}),
  };
  const journal = useQuery({
    queryKey: ['payments', 'journal', query],
    queryFn: () => apiRequest<Journal>('/finance/payments', { query }),
    placeholderData: keepPreviousData,
  });
  const agents = useQuery({
    queryKey: ['organisations', 'payment_agent'],
    queryFn: () =>
      apiRequest<{ items: { id: number; name: string }[] }>('/organisations', {
        query: { kind: 'payment_agent', pageSize: '100' },
      }),
  });
  const j = journal.data;
  const textFilter = ([name, label, type, width]: (typeof TEXT_FILTERS)[number]) => (
    <TextFilter
      key={name}
      label={label}
      type={type}
      value={f(name)}
      onChange={(v) => list.setFilter(name, v)}
      {...(width ? { width } : {})}
    />
  );
  return (
    <>
      <FinanceTabs />
      <PageHeader title="Журнал платежей" />
      <FilterBar>
        {TEXT_FILTERS.slice(0, 4).map(textFilter)}
        <SelectFilter
          label="Агент"
          value={f('agentId')}
          onChange={(v) => list.setFilter('agentId', v)}
          options={(agents.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <TextFilter
          label="Лицевой счёт"
          value={f('accountNumber')}
          onChange={(v) => list.setFilter('accountNumber', v.trim())}
          tableId={TABLE_ID}
          width="9rem"
        />
        {TEXT_FILTERS.slice(4).map(textFilter)}
        <SelectFilter
          label="Состояние"
          value={f('state')}
          onChange={(v) => list.setFilter('state', v)}
          options={STATES}
        />
        {f('accountId') && (
          <div className="filter">
            <span className="filter-label">Лицевой счёт</span>
            <span className="filter-chip" data-testid="account-filter">
              <Link to={`/registry/accounts/${f('accountId')}?tab=payments`}>
                № {f('accountId')} в картотеке
              </Link>
              <button
                type="button"
                onClick={() => list.setFilter('accountId', '')}
                title="Показать платежи всех счетов"
                aria-label="Снять фильтр по лицевому счёту"
              >
                ✕
              </button>
            </span>
          </div>
        )}
      </FilterBar>
      <ErrorBox error={journal.error} />
      {j && (
        <p data-testid="journal-totals">
          Найдено: <strong>{j.total}</strong> на сумму{' '}
          <strong className="mono">{rublesOf(j.amountKop)} ₽</strong>, комиссия агентов{' '}
          <span className="mono">{rublesOf(j.feeKop)} ₽</span>
        </p>
      )}
      <DataTable
        id={TABLE_ID}
        label="Журнал платежей"
        testId="journal-table"
        columns={columns}
        rows={j?.items ?? []}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate(paymentPath(r.id))}
        isLoading={journal.isPending}
        isFetching={journal.isFetching}
        emptyText="Платежей с такими условиями нет"
        paging={list.paging(j?.total ?? 0)}
        autoFocus
      />
    </>
  );
}
