// Начисления: the runs (start one — all houses, a manager's or one house, optionally without writing — and
// watch its progress), the periods (close the open one) and the recalculation journal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../app/format';
import { Link, navigate } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { fieldErrors, TextField } from '../components/form';
import { PageHeader, Tabs } from '../components/page';
import {
  billingApi,
  formatKop,
  RUN_STATUS_LABELS,
  type BillingRun,
  type JournalRow,
  type RunHouse,
} from './billing-api';

export const billingRunPath = (id: number) => `/billing/runs/${id}`;

export function BillingTabs() {
  return (
    <Tabs
      label="Разделы начислений"
      tabs={[
        { to: '/billing/runs', label: 'Расчёты' },
        { to: '/billing/recalculations', label: 'Перерасчёты' },
        { to: '/billing/epd', label: 'ЕПД' },
      ]}
    />
  );
}

const scopeText = (r: BillingRun) =>
  r.scopeKind === 'all' ? 'все дома' : r.scopeKind === 'house' ? `дом #${r.scopeId}` : `УО #${r.scopeId}`;

export function RunsPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const periods = useQuery({
    queryKey: ['billing', 'periods'],
    queryFn: ({ signal }) => billingApi.periods(signal),
  });
  const runs = useQuery({
    queryKey: ['billing', 'runs'],
    queryFn: ({ signal }) => billingApi.runs(signal),
    refetchInterval: 3000,
  });
  const open = periods.data?.items.find((p) => p.status === 'open')?.period ?? '';
  const [houseId, setHouseId] = useState('');
  const [managerId, setManagerId] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const start = useMutation({
    mutationFn: () =>
      billingApi.startRun({
        period: open,
        dryRun,
        ...(houseId ? { houseId: Number(houseId) } : {}),
        ...(managerId ? { managerId: Number(managerId) } : {}),
      }),
    onSuccess: (run) => {
      queryClient.invalidateQueries({ queryKey: ['billing'] });
      navigate(billingRunPath(run.id));
    },
  });
  const close = useMutation({
    mutationFn: () => billingApi.closePeriod(open),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['billing'] }),
  });
  const errors = fieldErrors(start.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  const columns: Column<BillingRun>[] = [
    { key: 'id', header: '№', render: (r) => <Link to={billingRunPath(r.id)}>{r.id}</Link> },
    { key: 'period', header: 'Период', render: (r) => r.period },
    { key: 'scope', header: 'Охват', render: (r) => `${scopeText(r)}${r.dryRun ? ' (без записи)' : ''}` },
    { key: 'status', header: 'Состояние', render: (r) => RUN_STATUS_LABELS[r.status] ?? r.status },
    {
      key: 'houses',
      header: 'Дома',
      align: 'right',
      render: (r) => `${r.housesDone + r.housesFailed}/${r.housesTotal}`,
    },
    { key: 'amount', header: 'Сумма, ₽', align: 'right', render: (r) => formatKop(r.amountKop) },
    { key: 'started', header: 'Начат', render: (r) => formatDateTime(r.startedAt) },
  ];
  return (
    <>
      <BillingTabs />
      <PageHeader title="Расчёты">
        {open && can(me, 'periods.close') && (
          <button
            type="button"
            onClick={() => {
              if (window.confirm(`Закрыть период ${open} навсегда?`)) close.mutate();
            }}
          >
            Закрыть период {open}
          </button>
        )}
      </PageHeader>
      <ErrorBox error={periods.error ?? close.error} />
      {can(me, 'charges.run') && (
        <form className="form card" onSubmit={submit} aria-labelledby="run-start" noValidate>
          <h2 id="run-start">Рассчитать открытый период {open}</h2>
          <ErrorBox error={start.error} />
          <TextField
            label="Дом (id), пусто — все"
            value={houseId}
            onChange={setHouseId}
            error={errors.houseId}
          />
          <TextField
            label="Управляющая организация (id)"
            value={managerId}
            onChange={setManagerId}
            error={errors.managerId}
          />
          <label>
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Без
            записи (предпросмотр)
          </label>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={!open || start.isPending}>
              {start.isPending ? 'Запуск…' : 'Рассчитать'}
            </button>
          </div>
        </form>
      )}
      <DataTable
        label="Расчёты"
        columns={columns}
        rows={runs.data?.items ?? []}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate(billingRunPath(r.id))}
        isLoading={runs.isPending}
        emptyText="Расчётов ещё не было"
      />
    </>
  );
}

export function RunPage({ id }: { id: number }) {
  const run = useQuery({
    queryKey: ['billing', 'run', id],
    queryFn: ({ signal }) => billingApi.run(id, signal),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const r = run.data;
  const done = r ? r.housesDone + r.housesFailed : 0;
  const columns: Column<RunHouse>[] = [
    {
      key: 'house',
      header: 'Дом',
      render: (h) => <Link to={`/registry/houses/${h.houseId}`}>{h.address}</Link>,
    },
    { key: 'status', header: 'Состояние', render: (h) => RUN_STATUS_LABELS[h.status] ?? h.status },
    { key: 'accounts', header: 'Счета', align: 'right', render: (h) => h.accounts ?? '' },
    {
      key: 'lines',
      header: 'Строки (записано)',
      align: 'right',
      render: (h) => (h.lines === null ? '' : `${h.lines} (${h.linesWritten})`),
    },
    {
      key: 'amount',
      header: 'Сумма, ₽',
      align: 'right',
      render: (h) => (h.amountKop === null ? '' : formatKop(h.amountKop)),
    },
    {
      key: 'notes',
      header: 'Замечания',
      render: (h) => h.error ?? h.gaps.map((g) => `${g.service}: ${g.reason}`).join('; '),
    },
  ];
  return (
    <>
      <BillingTabs />
      <PageHeader title={`Расчёт № ${id}`} back={{ to: '/billing/runs', label: 'Расчёты' }} />
      <ErrorBox error={run.error} />
      {r && (
        <section className="card" data-testid="run-progress">
          <p>
            Период {r.period}, {scopeText(r)}
            {r.dryRun ? ' (без записи)' : ''}: <strong>{RUN_STATUS_LABELS[r.status]}</strong>
          </p>
          <progress max={r.housesTotal || 1} value={done} aria-label="Ход расчёта" />{' '}
          <span className="mono">
            {done}/{r.housesTotal} домов, ошибок {r.housesFailed}, записано строк {r.linesWritten}, сумма{' '}
            {formatKop(r.amountKop)} ₽
          </span>
        </section>
      )}
      {r && <DataTable label="Дома расчёта" columns={columns} rows={r.houses} rowKey={(h) => h.id} />}
    </>
  );
}

export function RecalculationJournalPage() {
  const journal = useQuery({
    queryKey: ['billing', 'journal'],
    queryFn: ({ signal }) => billingApi.journal(signal),
  });
  const columns: Column<JournalRow>[] = [
    { key: 'when', header: 'Когда', render: (j) => formatDateTime(j.createdAt) },
    { key: 'who', header: 'Кто', render: (j) => j.createdByName ?? 'система' },
    {
      key: 'what',
      header: 'Изменение',
      render: (j) => `${j.reason} (${j.objectType} #${j.objectId}) с ${j.fromDate}`,
    },
    {
      key: 'house',
      header: 'Дом',
      render: (j) => (j.houseId ? <Link to={`/registry/houses/${j.houseId}`}>#{j.houseId}</Link> : 'все'),
    },
    { key: 'corrects', header: 'За период', render: (j) => j.correctsPeriod ?? '—' },
    { key: 'accounts', header: 'Счета', align: 'right', render: (j) => j.accounts },
    { key: 'amount', header: 'Сумма, ₽', align: 'right', render: (j) => formatKop(j.amountKop) },
    {
      key: 'state',
      header: 'Обработано',
      render: (j) =>
        !j.processedAt
          ? 'в очереди'
          : j.mergedInto
            ? `${formatDateTime(j.processedAt)}, вместе с #${j.mergedInto}`
            : formatDateTime(j.processedAt),
    },
  ];
  return (
    <>
      <BillingTabs />
      <PageHeader title="Журнал перерасчётов" />
      <ErrorBox error={journal.error} />
      <DataTable
        label="Журнал перерасчётов"
        columns={columns}
        rows={journal.data?.items ?? []}
        rowKey={(j) => `${j.requestId}-${j.correctsPeriod ?? ''}`}
        isLoading={journal.isPending}
        emptyText="Изменений прошлого не было"
      />
    </>
  );
}
