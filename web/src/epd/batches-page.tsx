// Начисления → ЕПД: batches of a closed period's bills for a house, a manager or a district — start one,
// watch its progress (polled while it runs), download its PDF (one page per account, in delivery order).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../app/format';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { fieldErrors, TextField } from '../components/form';
import { PageHeader } from '../components/page';
import { BillingTabs } from '../billing/billing-pages';
import { BATCH_STATUS_LABELS, batchPdfUrl, epdApi, SCOPE_LABELS, type Batch, lastMonth } from './epd-api';

function BatchProgress({ b }: { b: Batch }) {
  return (
    <span data-testid={`batch-${b.id}`}>
      <progress max={b.accountsTotal || 1} value={b.accountsDone} aria-label={`Ход пакета № ${b.id}`} />{' '}
      <span className="mono">
        {b.accountsDone}/{b.accountsTotal}
      </span>{' '}
      {BATCH_STATUS_LABELS[b.status]}
      {b.error ? `: ${b.error}` : ''}
    </span>
  );
}

const columns: Column<Batch>[] = [
  { key: 'id', header: '№', align: 'right', render: (b) => b.id },
  { key: 'period', header: 'Период', render: (b) => b.period },
  { key: 'scope', header: 'Охват', render: (b) => `${SCOPE_LABELS[b.scopeKind]} #${b.scopeId}` },
  { key: 'progress', header: 'Ход', render: (b) => <BatchProgress b={b} /> },
  {
    key: 'issued',
    header: 'Выпущено / без начислений',
    align: 'right',
    render: (b) => `${b.documentsIssued} / ${b.accountsSkipped}`,
  },
  { key: 'created', header: 'Начат', render: (b) => formatDateTime(b.createdAt) },
  {
    key: 'pdf',
    header: 'PDF',
    render: (b) =>
      b.status === 'done' && b.documentCount > 0 ? (
        <a href={batchPdfUrl(b.id)} target="_blank" rel="noreferrer">
          Скачать PDF пакета № {b.id} ({b.documentCount} стр.)
        </a>
      ) : (
        ''
      ),
  },
];

export function EpdBatchesPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const batches = useQuery({
    queryKey: ['epd', 'batches'],
    queryFn: ({ signal }) => epdApi.batches(signal),
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === 'running') ? 1000 : false),
  });
  const [period, setPeriod] = useState(lastMonth());
  const [scope, setScope] = useState<'house' | 'manager' | 'district'>('house');
  const [scopeId, setScopeId] = useState('');
  const start = useMutation({
    mutationFn: () => epdApi.startBatch({ period, [`${scope}Id`]: Number(scopeId) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['epd', 'batches'] }),
  });
  const errors = fieldErrors(start.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <>
      <BillingTabs />
      <PageHeader title="Пакеты ЕПД" />
      {can(me, 'documents.issue') && (
        <form className="form card" onSubmit={submit} aria-labelledby="batch-start" noValidate>
          <h2 id="batch-start">Напечатать пакет ЕПД за закрытый период</h2>
          <ErrorBox error={start.error} />
          <TextField label="Период (ГГГГ-ММ)" value={period} onChange={setPeriod} error={errors.period} />
          <label>
            Охват{' '}
            <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
              <option value="house">дом</option>
              <option value="manager">управляющая организация</option>
              <option value="district">район</option>
            </select>
          </label>
          <TextField
            label="Номер (id) дома, УО или района"
            value={scopeId}
            onChange={setScopeId}
            error={errors[`${scope}Id`]}
          />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={start.isPending}>
              {start.isPending ? 'Запуск…' : 'Напечатать пакет'}
            </button>
          </div>
        </form>
      )}
      <ErrorBox error={batches.error} />
      <DataTable
        label="Пакеты ЕПД"
        columns={columns}
        rows={batches.data?.items ?? []}
        rowKey={(b) => b.id}
        isLoading={batches.isPending}
        emptyText="Пакетов ещё не было"
      />
    </>
  );
}
