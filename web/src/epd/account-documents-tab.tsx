// The account card's «Платёжные документы» tab: the issued ЕПД (monthly, debt, advance) with their PDFs,
// and issuing one — a month's bill for a closed period, the debt as of a date, or N months ahead.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../app/format';
import { can, useMe } from '../auth/session';
import { formatKop } from '../billing/billing-api';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { fieldErrors, TextField } from '../components/form';
import {
  documentPdfUrl,
  epdApi,
  KIND_LABELS,
  type IssueRequest,
  type PaymentDocument,
  lastMonth,
} from './epd-api';

const columns: Column<PaymentDocument>[] = [
  { key: 'number', header: 'Номер', className: 'mono', render: (d) => d.documentNumber },
  {
    key: 'kind',
    header: 'Вид',
    render: (d) => KIND_LABELS[d.kind] + (d.kind === 'advance' ? ` (${d.months} мес.)` : ''),
  },
  { key: 'period', header: 'Период', render: (d) => d.period },
  {
    key: 'total',
    header: 'К оплате, ₽',
    align: 'right',
    className: 'mono',
    render: (d) => formatKop(d.totalToPayKop),
  },
  { key: 'created', header: 'Выпущен', render: (d) => formatDateTime(d.createdAt) },
  {
    key: 'pdf',
    header: 'PDF',
    render: (d) => (
      <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
        Открыть PDF {d.documentNumber}
      </a>
    ),
  },
];

export function AccountDocumentsTab({ accountId }: { accountId: number }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const documents = useQuery({
    queryKey: ['payment-documents', accountId],
    queryFn: ({ signal }) => epdApi.documents(accountId, signal),
  });
  const [kind, setKind] = useState<IssueRequest['kind']>('monthly');
  const [period, setPeriod] = useState(lastMonth());
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [months, setMonths] = useState('3');
  const issue = useMutation({
    mutationFn: () =>
      epdApi.issue(
        accountId,
        kind === 'monthly'
          ? { kind, period }
          : kind === 'debt'
            ? { kind, date }
            : { kind, months: Number(months) },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['payment-documents', accountId] }),
  });
  const errors = fieldErrors(issue.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate();
  };
  return (
    <>
      {can(me, 'documents.issue') && (
        <form className="form card" onSubmit={submit} aria-labelledby="epd-issue" noValidate>
          <h2 id="epd-issue">Выпустить платёжный документ</h2>
          <ErrorBox error={issue.error} />
          <label>
            Вид документа{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as IssueRequest['kind'])}>
              <option value="monthly">ежемесячный за период</option>
              <option value="debt">на долг на дату</option>
              <option value="advance">на аванс на N месяцев</option>
            </select>
          </label>
          {kind === 'monthly' && (
            <TextField label="Период (ГГГГ-ММ)" value={period} onChange={setPeriod} error={errors.period} />
          )}
          {kind === 'debt' && (
            <TextField
              label="Долг на дату (ГГГГ-ММ-ДД)"
              value={date}
              onChange={setDate}
              error={errors.date}
            />
          )}
          {kind === 'advance' && (
            <TextField label="Месяцев вперёд" value={months} onChange={setMonths} error={errors.months} />
          )}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={issue.isPending}>
              {issue.isPending ? 'Выпуск…' : 'Выпустить'}
            </button>
          </div>
          {issue.data && (
            <p role="status">
              Документ {issue.data.documentNumber}: к оплате {formatKop(issue.data.totalToPayKop)} ₽
            </p>
          )}
        </form>
      )}
      <ErrorBox error={documents.error} />
      <DataTable
        label="Платёжные документы"
        columns={columns}
        rows={documents.data?.items ?? []}
        rowKey={(d) => d.id}
        isLoading={documents.isPending}
        emptyText="Документов ещё не выпускали"
      />
    </>
  );
}
