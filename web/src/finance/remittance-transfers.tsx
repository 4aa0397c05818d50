// Перечисления: what was actually transferred to each supplier for the day (ПП № 253 п.6; docs/finance.md
// "Recorded transfers") — due date, to transfer, transferred, the state (ожидает / в срок / с опозданием на N
// дн. / просрочено) — a payment order recorded as sent ("Отметить перечисленным", the rest due by default), a wrong
// one reversed by a new row; and the report of the days transferred late or overdue over a range of days.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../api/client';
import { formatDay, todayIso } from '../app/format';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { kopecksOf, rublesOf } from './penalty-page';

type Transfer = {
  id: number;
  amountKop: number;
  orderNumber: string;
  transferredOn: string;
  reversesTransferId: number | null;
  reversedBy: number | null;
  createdByName: string | null;
};
export type SupplierTransfers = {
  supplierId: number;
  supplierName: string;
  toTransferKop: number;
  due: string;
  transferredKop: number;
  remainingKop: number;
  transferredOn: string | null;
  state: 'nothing' | 'pending' | 'on_time' | 'late' | 'overdue';
  daysLate: number | null;
  transfers: Transfer[];
};

const STATE = {
  nothing: 'нечего перечислять',
  pending: 'ожидает перечисления',
  on_time: 'перечислено в срок',
  late: 'с опозданием',
  overdue: 'просрочено',
} as const;

export const stateText = (s: Pick<SupplierTransfers, 'state' | 'daysLate'>) =>
  s.state === 'late' ? `с опозданием на ${s.daysLate} дн.` : STATE[s.state];

const transfersText = (s: SupplierTransfers) =>
  s.transfers
    .map(
      (t) =>
        `п/п № ${t.orderNumber} от ${formatDay(t.transferredOn)}: ${rublesOf(t.amountKop)} ₽` +
        (t.reversesTransferId ? ' (сторно)' : t.reversedBy ? ' (сторнировано)' : ''),
    )
    .join('; ');

const SUPPLIER: Column<SupplierTransfers> = {
  key: 'name',
  header: 'Поставщик',
  render: (s) => s.supplierName,
};
const DUE: Column<SupplierTransfers> = {
  key: 'due',
  header: 'Срок',
  width: '6.5rem',
  render: (s) => formatDay(s.due),
};
const money = (
  key: string,
  header: string,
  get: (s: SupplierTransfers) => number,
): Column<SupplierTransfers> => ({
  key,
  header,
  align: 'right',
  className: 'mono',
  render: (s) => rublesOf(get(s)),
});
const AMOUNTS = [
  money('to', 'К перечислению, ₽', (s) => s.toTransferKop),
  money('done', 'Перечислено, ₽', (s) => s.transferredKop),
];

export function DayTransfers({ day, suppliers }: { day: string; suppliers: SupplierTransfers[] }) {
  const me = useMe();
  const client = useQueryClient();
  const [form, setForm] = useState<Record<number, { order: string; on: string; amount: string }>>({});
  const record = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiRequest('/finance/remittance/transfers', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['remittance'] }),
  });
  const reverse = useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/finance/remittance/transfers/${id}/reverse`, {
        method: 'POST',
        body: { reason: 'ошибочное перечисление' },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['remittance'] }),
  });
  const writer = can(me, 'remittance.write');
  const valueOf = (s: SupplierTransfers) =>
    form[s.supplierId] ?? { order: '', on: todayIso(), amount: rublesOf(s.remainingKop) };
  const set = (s: SupplierTransfers, patch: Partial<{ order: string; on: string; amount: string }>) =>
    setForm({ ...form, [s.supplierId]: { ...valueOf(s), ...patch } });

  const columns: Column<SupplierTransfers>[] = [
    SUPPLIER,
    DUE,
    ...AMOUNTS,
    { key: 'state', header: 'Состояние', render: (s) => <span data-state={s.state}>{stateText(s)}</span> },
    {
      key: 'orders',
      header: 'Платёжные поручения',
      className: 'wrap',
      render: (s) => (
        <>
          {transfersText(s)}
          {writer &&
            s.transfers
              .filter((t) => t.reversesTransferId === null && t.reversedBy === null)
              .map((t) => (
                <button
                  key={t.id}
                  type="button"
                  onClick={() => {
                    if (window.confirm(`Сторнировать п/п № ${t.orderNumber} на ${rublesOf(t.amountKop)} ₽?`))
                      reverse.mutate(t.id);
                  }}
                >
                  Сторно п/п № {t.orderNumber}
                </button>
              ))}
        </>
      ),
    },
  ];
  if (writer)
    columns.push({
      key: 'mark',
      header: 'Отметить перечисленным',
      render: (s) =>
        s.remainingKop <= 0 ? null : (
          <span className="inline-form">
            <input
              aria-label={`№ п/п для ${s.supplierName}`}
              placeholder="№ п/п"
              size={6}
              value={valueOf(s).order}
              onChange={(e) => set(s, { order: e.target.value })}
            />{' '}
            <input
              aria-label={`Дата п/п для ${s.supplierName}`}
              type="date"
              value={valueOf(s).on}
              onChange={(e) => set(s, { on: e.target.value })}
            />{' '}
            <input
              aria-label={`Сумма п/п для ${s.supplierName}`}
              size={10}
              value={valueOf(s).amount}
              onChange={(e) => set(s, { amount: e.target.value })}
            />{' '}
            <button
              type="button"
              disabled={
                record.isPending || valueOf(s).order.trim() === '' || kopecksOf(valueOf(s).amount) === null
              }
              onClick={() =>
                record.mutate({
                  supplierId: s.supplierId,
                  collectedOn: day,
                  orderNumber: valueOf(s).order.trim(),
                  transferredOn: valueOf(s).on,
                  amountKop: kopecksOf(valueOf(s).amount),
                })
              }
            >
              Перечислено
            </button>
          </span>
        ),
    });
  return (
    <section aria-label="Сделанные перечисления">
      <h2>Сделанные перечисления (ПП № 253 п.6)</h2>
      <ErrorBox error={record.error ?? reverse.error} />
      <DataTable
        label="Перечисления по поставщикам"
        testId="transfers-table"
        columns={columns}
        rows={suppliers}
        rowKey={(s) => s.supplierId}
        emptyText="Перечислять нечего"
      />
    </section>
  );
}

type Late = SupplierTransfers & { day: string };

const lateColumns: Column<Late>[] = [
  { key: 'day', header: 'День приёма', width: '7rem', render: (s) => formatDay(s.day) },
  DUE,
  SUPPLIER,
  ...AMOUNTS,
  { key: 'on', header: 'Перечислено в день', width: '7rem', render: (s) => formatDay(s.transferredOn) },
  { key: 'state', header: 'Состояние', render: stateText },
];

/** Days of receipt in [from, to] whose transfer was late or is overdue. */
export function LateReport() {
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const late = useQuery({
    queryKey: ['remittance', 'late', from, to],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
    queryFn: () => apiRequest<{ items: Late[] }>('/finance/remittance/late', { query: { from, to } }),
  });
  return (
    <section aria-label="Просроченные перечисления">
      <h2>Просроченные перечисления</h2>
      <div className="filter-bar">
        <label>
          Дни приёма с <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>{' '}
        <label>
          по <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorBox error={late.error} />
      <DataTable
        label="Просроченные перечисления"
        columns={lateColumns}
        rows={late.data?.items ?? []}
        rowKey={(s) => `${s.day}/${s.supplierId}`}
        isLoading={late.isLoading}
        emptyText="Просроченных перечислений нет"
      />
    </section>
  );
}
