// Перечисления (ПП № 253 п.6; docs/finance.md "Part 3"): for a day of receipt, what is owed to each supplier —
// collected, agents' and the centre's fees, to transfer — the payment orders and the due date (the next working
// day); the register downloads as XLSX or CSV. The day lives in the URL, so a link shows the same register.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { API_BASE, apiRequest } from '../api/client';
import { formatDay } from '../app/format';
import { useSearchParams } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { TextField } from '../components/form';
import { PageHeader } from '../components/page';
import { FinanceTabs } from './finance-tabs';
import { DayTransfers, LateReport, type SupplierTransfers } from './remittance-transfers';
import { rublesOf } from './penalty-page';

type Supplier = {
  supplierId: number;
  supplierName: string;
  collected: number;
  agentFee: number;
  centreFee: number;
  toTransfer: number;
  centreFeeFormula: string;
};
type Order = {
  supplierId: number;
  payee: string;
  bankAccount: string;
  bik: string;
  amount: number;
  purpose: string;
};
type DayRemittance = {
  day: string;
  due: string;
  suppliers: Supplier[];
  orders: Order[];
  skipped: { supplierId: number; reason: string }[];
  unassignedKop: number;
  transfers: SupplierTransfers[];
};

const money = (key: string, header: string, get: (s: Supplier) => number): Column<Supplier> => ({
  key,
  header,
  width: '9rem',
  align: 'right',
  className: 'mono',
  render: (s) => rublesOf(get(s)),
});

const columns: Column<Supplier>[] = [
  { key: 'name', header: 'Поставщик', render: (s) => s.supplierName },
  money('collected', 'Собрано, ₽', (s) => s.collected),
  money('agentFee', 'Агентам, ₽', (s) => s.agentFee),
  money('centreFee', 'ЕРЦ, ₽', (s) => s.centreFee),
  { key: 'formula', header: 'Комиссия ЕРЦ', render: (s) => s.centreFeeFormula },
  money('toTransfer', 'К перечислению, ₽', (s) => s.toTransfer),
];

export function RemittancePage() {
  const [params, setParams] = useSearchParams();
  const day = params.get('date') ?? '';
  const [date, setDate] = useState(day);
  const q = useQuery({
    queryKey: ['remittance', day],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(day),
    queryFn: () => apiRequest<DayRemittance>('/finance/remittance', { query: { date: day } }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ date });
  };
  const r = q.data;
  return (
    <>
      <FinanceTabs />
      <PageHeader title="Перечисления поставщикам" />
      <form className="form card" onSubmit={submit} aria-label="Выбор дня" noValidate>
        <TextField label="День приёма платежей" type="date" value={date} onChange={setDate} />
        <button type="submit">Показать</button>
      </form>
      <ErrorBox error={q.error} />
      {r && (
        <section aria-label="Перечисления за день">
          <p>
            Перечислить не позднее <strong>{formatDay(r.due)}</strong> (ПП № 253 п.6: следующий рабочий день).{' '}
            <a href={`${API_BASE}/finance/remittance/register?date=${r.day}&format=xlsx`}>Реестр XLSX</a>{' '}
            <a href={`${API_BASE}/finance/remittance/register?date=${r.day}&format=csv`}>Реестр CSV</a>
          </p>
          <DataTable
            label="Поставщики"
            columns={columns}
            rows={r.suppliers}
            rowKey={(s) => s.supplierId}
            emptyText="В этот день платежей не принято"
          />
          <h2>Платёжные поручения</h2>
          <ul>
            {r.orders.map((o) => (
              <li key={o.supplierId}>
                {o.payee}, р/с {o.bankAccount}, БИК {o.bik}:{' '}
                <span className="mono">{rublesOf(o.amount)}</span> ₽ — {o.purpose}
              </li>
            ))}
            {r.skipped.map((s) => (
              <li key={`skip-${s.supplierId}`}>{s.reason}</li>
            ))}
          </ul>
          {r.unassignedKop !== 0 && <p>Без услуги (авансы, остаются в ЕРЦ): {rublesOf(r.unassignedKop)} ₽</p>}
          <DayTransfers day={r.day} suppliers={r.transfers} />
        </section>
      )}
      <LateReport />
    </>
  );
}
