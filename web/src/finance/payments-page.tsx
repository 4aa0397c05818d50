// Платежи (RULES.md §7, §9): an agent's registry file previewed line by line with its problems, then loaded
// whole; the payments waiting in suspense (невыясненные) matched to an account; the latest payments.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '../api/client';
import { formatDay } from '../app/format';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Field } from '../components/form';
import { PageHeader } from '../components/page';
import { FinanceTabs } from './finance-tabs';
import { rublesOf } from './penalty-page';

type PreviewLine = {
  line: number;
  agentPaymentId: string | null;
  paidOn: string | null;
  account: string | null;
  amountKop: number | null;
  status: 'new' | 'suspense' | 'duplicate' | 'error';
  problems: { field: string; problem: string }[];
};
type ImportResult = {
  applied: boolean;
  fileId: number | null;
  lines: PreviewLine[];
  fileProblems: { line: number; field: string; problem: string }[];
  totals: { count: number; amountKop: number; feeKop: number; matches: boolean };
  counts: { new: number; suspense: number; duplicate: number; error: number };
};
type Payment = {
  id: number;
  paidOn: string;
  accountId: number | null;
  accountGiven: string;
  payerName: string | null;
  amountKop: number;
};

const STATUS: Record<PreviewLine['status'], string> = {
  new: 'к зачислению',
  suspense: 'на невыясненные',
  duplicate: 'уже был',
  error: 'ошибка',
};

const previewColumns: Column<PreviewLine>[] = [
  { key: 'line', header: 'Строка', width: '4.5rem', align: 'right', render: (r) => r.line },
  { key: 'id', header: 'Id агента', render: (r) => r.agentPaymentId ?? '—' },
  { key: 'paidOn', header: 'Дата', width: '6.5rem', render: (r) => formatDay(r.paidOn) },
  { key: 'account', header: 'Лицевой счёт', render: (r) => r.account ?? '—' },
  {
    key: 'amount',
    header: 'Сумма, ₽',
    align: 'right',
    className: 'mono',
    render: (r) => (r.amountKop === null ? '—' : rublesOf(r.amountKop)),
  },
  { key: 'status', header: 'Итог', render: (r) => STATUS[r.status] },
  {
    key: 'problems',
    header: 'Ошибки',
    render: (r) => r.problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
  },
];

/** The file's bytes as base64 (the API takes the file as it is). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function PaymentsPage() {
  const client = useQueryClient();
  const [agentId, setAgentId] = useState('');
  const [format, setFormat] = useState('zhkh-default');
  const [encoding, setEncoding] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [accountFor, setAccountFor] = useState<Record<number, string>>({});
  const upload = useMutation({
    mutationFn: async (dryRun: boolean) =>
      apiRequest<ImportResult>('/finance/payment-registries', {
        method: 'POST',
        body: {
          agentId: Number(agentId),
          format,
          encoding: encoding || null,
          fileName: file!.name,
          contentBase64: await base64Of(file!),
          dryRun,
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments'] }),
  });
  const agents = useQuery({
    queryKey: ['organisations', 'payment_agent'],
    queryFn: () =>
      apiRequest<{ items: { id: number; name: string }[] }>('/organisations', {
        query: { kind: 'payment_agent', pageSize: '100' },
      }),
  });
  const suspense = useQuery({
    queryKey: ['payments', 'suspense'],
    queryFn: () => apiRequest<{ items: Payment[] }>('/finance/payments', { query: { suspense: 'true' } }),
  });
  const match = useMutation({
    mutationFn: ({ id, accountId }: { id: number; accountId: number }) =>
      apiRequest<Payment>(`/finance/payments/${id}/match`, { method: 'POST', body: { accountId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments'] }),
  });
  const submit = (dryRun: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (file && /^\d+$/.test(agentId)) upload.mutate(dryRun);
  };

  const suspenseColumns: Column<Payment>[] = [
    { key: 'id', header: '№', width: '5rem', align: 'right', render: (r) => r.id },
    { key: 'paidOn', header: 'Дата', width: '6.5rem', render: (r) => formatDay(r.paidOn) },
    { key: 'given', header: 'Счёт в платеже', render: (r) => r.accountGiven },
    { key: 'payer', header: 'Плательщик', render: (r) => r.payerName ?? '' },
    {
      key: 'amount',
      header: 'Сумма, ₽',
      align: 'right',
      className: 'mono',
      render: (r) => rublesOf(r.amountKop),
    },
    {
      key: 'match',
      header: 'Сопоставить с л/с (id)',
      render: (r) => (
        <span>
          <input
            aria-label={`Лицевой счёт для платежа ${r.id}`}
            value={accountFor[r.id] ?? ''}
            size={8}
            onChange={(e) => setAccountFor({ ...accountFor, [r.id]: e.target.value })}
          />{' '}
          <button
            type="button"
            disabled={!/^\d+$/.test(accountFor[r.id] ?? '') || match.isPending}
            onClick={() => match.mutate({ id: r.id, accountId: Number(accountFor[r.id]) })}
          >
            Сопоставить
          </button>
        </span>
      ),
    },
  ];

  const r = upload.data;
  return (
    <>
      <FinanceTabs />
      <PageHeader title="Платежи" />
      <form className="form card" onSubmit={submit(true)} aria-label="Реестр платежей" noValidate>
        <Field label="Платёжный агент">
          {(props) => (
            <select {...props} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">выберите</option>
              {(agents.data?.items ?? []).map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Формат">
          {(props) => (
            <select {...props} value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="zhkh-default">Формат ЕРЦ</option>
              <option value="sberbank">Сбербанк</option>
            </select>
          )}
        </Field>
        <Field label="Кодировка">
          {(props) => (
            <select {...props} value={encoding} onChange={(e) => setEncoding(e.target.value)}>
              <option value="">как в формате</option>
              <option value="utf8">UTF-8</option>
              <option value="cp1251">CP1251</option>
              <option value="cp866">CP866</option>
            </select>
          )}
        </Field>
        <Field label="Файл реестра">
          {(props) => <input {...props} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={upload.isPending}>
            Проверить
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={upload.isPending}
            onClick={() => submit(false)()}
          >
            Загрузить
          </button>
        </div>
      </form>
      <ErrorBox error={upload.error} />
      {r && (
        <section aria-label="Предпросмотр реестра">
          <p>
            <strong>
              {r.applied ? `Реестр загружен (№ ${r.fileId})` : 'Предпросмотр: ничего не записано'}
            </strong>{' '}
            · {r.totals.count} платежей на {rublesOf(r.totals.amountKop)} ₽ · к зачислению {r.counts.new}, на
            невыясненные {r.counts.suspense}, повторных {r.counts.duplicate}, с ошибками {r.counts.error}
          </p>
          {r.fileProblems.map((p) => (
            <p key={`${p.line}-${p.field}`} className="field-error">
              {p.field}: {p.problem}
            </p>
          ))}
          <DataTable label="Строки реестра" columns={previewColumns} rows={r.lines} rowKey={(l) => l.line} />
        </section>
      )}
      <ErrorBox error={match.error} />
      <section aria-label="Невыясненные платежи">
        <h2>Невыясненные платежи</h2>
        <DataTable
          label="Невыясненные платежи"
          columns={suspenseColumns}
          rows={suspense.data?.items ?? []}
          rowKey={(p) => p.id}
          isLoading={suspense.isLoading}
          emptyText="Невыясненных платежей нет"
        />
      </section>
    </>
  );
}
