// The account card's «Оплаты» tab: the account's payments (reversals and moves as their own rows) and its
// turnover for a period (opening, charged, recalculated, penalty, paid, closing per service × supplier).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { API_BASE, apiRequest } from '../api/client';
import { formatDay, todayIso } from '../app/format';
import { Link } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { TextField } from '../components/form';
import { rublesOf } from './penalty-page';
import { turnoverMoneyColumns, type TurnoverMoney } from './turnover-page';

type Payment = {
  id: number;
  paidOn: string;
  amountKop: number;
  period: string | null;
  reversesPaymentId: number | null;
  reversedBy: number | null;
  correctedFromPaymentId: number | null;
  note: string | null;
};
type TurnoverRow = TurnoverMoney & { serviceCode: string | null; supplierName: string | null };

const turnoverColumns: Column<TurnoverRow>[] = [
  { key: 'service', header: 'Услуга', render: (r) => r.serviceCode ?? 'аванс' },
  { key: 'supplier', header: 'Поставщик', render: (r) => r.supplierName ?? '' },
  ...turnoverMoneyColumns<TurnoverRow>(),
];

const paymentColumns: Column<Payment>[] = [
  { key: 'id', header: '№', width: '5rem', align: 'right', render: (r) => r.id },
  { key: 'paidOn', header: 'Дата', width: '6.5rem', render: (r) => formatDay(r.paidOn) },
  {
    key: 'amount',
    header: 'Сумма, ₽',
    align: 'right',
    className: 'mono',
    render: (r) => rublesOf(r.amountKop),
  },
  { key: 'period', header: 'Период', render: (r) => r.period ?? '' },
  {
    key: 'note',
    header: 'Примечание',
    render: (r) =>
      [
        r.reversesPaymentId ? `сторно платежа № ${r.reversesPaymentId}` : '',
        r.reversedBy ? `сторнирован (№ ${r.reversedBy})` : '',
        r.correctedFromPaymentId ? `перенесён из платежа № ${r.correctedFromPaymentId}` : '',
        r.note ?? '',
      ]
        .filter(Boolean)
        .join('; '),
  },
];

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function AccountPaymentsTab({ accountId }: { accountId: number }) {
  const [period, setPeriod] = useState(thisMonth());
  const [penaltyDate, setPenaltyDate] = useState(todayIso());
  const payments = useQuery({
    queryKey: ['payments', 'account', accountId],
    queryFn: () =>
      apiRequest<{ items: Payment[] }>('/finance/payments', { query: { accountId: String(accountId) } }),
  });
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const turnover = useQuery({
    queryKey: ['turnover', 'account', accountId, period],
    enabled: valid,
    queryFn: () =>
      apiRequest<{ rows: TurnoverRow[]; totals: TurnoverRow }>('/finance/turnover', {
        query: { period, accountId: String(accountId) },
      }),
  });
  return (
    <>
      <section aria-label="Сальдо лицевого счёта">
        <TextField label="Период" value={period} onChange={setPeriod} error={valid ? undefined : 'ГГГГ-ММ'} />
        <ErrorBox error={turnover.error} />
        <DataTable
          label="Оборотно-сальдовая ведомость"
          columns={turnoverColumns}
          rows={
            turnover.data
              ? [...turnover.data.rows, { ...turnover.data.totals, serviceCode: 'Итого', supplierName: '' }]
              : []
          }
          rowKey={(r) => `${r.serviceCode}/${r.supplierName}`}
          isLoading={turnover.isLoading}
          emptyText="Движений нет"
        />
      </section>
      <section aria-label="Расчёт пени для печати" className="form card">
        <TextField label="Пени на дату" type="date" value={penaltyDate} onChange={setPenaltyDate} />
        {/^\d{4}-\d{2}-\d{2}$/.test(penaltyDate) && (
          <a
            href={`${API_BASE}/finance/accounts/${accountId}/penalties/pdf?date=${penaltyDate}`}
            target="_blank"
            rel="noreferrer"
          >
            Расчёт пени (PDF)
          </a>
        )}{' '}
        <Link to={`/finance/journal?accountId=${accountId}`}>Платежи в журнале</Link>
      </section>
      <section aria-label="Платежи лицевого счёта">
        <ErrorBox error={payments.error} />
        <DataTable
          label="Платежи"
          columns={paymentColumns}
          rows={payments.data?.items ?? []}
          rowKey={(p) => p.id}
          isLoading={payments.isLoading}
          emptyText="Платежей нет"
        />
      </section>
    </>
  );
}
