// Расчёт пени (RULES.md §6): debts and payments typed one per line, the calculation on the stored legal
// parameters, and the day-by-day breakdown a court asks for. The inputs live in the URL, so a link or a
// reload shows the same calculation.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '../api/client';
import { formatDay } from '../app/format';
import { useSearchParams } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Field, TextField } from '../components/form';
import { PageHeader } from '../components/page';
import { FinanceTabs } from './finance-tabs';

type Row = {
  kind: 'accrual' | 'moratorium';
  from: string;
  to: string;
  days: number;
  delayFrom: number;
  delayTo: number;
  debtKop: number;
  rate: string | null;
  divisor: number | null;
  exact: string;
  amountKop: number;
  formula: string;
  act?: string;
};
type Debt = {
  period: string;
  amountKop: number;
  dueDate: string;
  unpaidKop: number;
  penaltyKop: number;
  reductions: { date: string; amountKop: number; ref: string | null }[];
  rows: Row[];
  inputs: { name: string; value: string; source: string }[];
};
type Result = { calculationDate: string; totalKop: number; advanceKop: number; debts: Debt[] };

const RUBLES = /^(\d+)(?:[.,](\d{1,2}))?$/;

/** '10 000,5' → 1000050 kopecks, exactly (no float); null when it is not an amount. */
export function kopecksOf(text: string): number | null {
  const m = RUBLES.exec(text.replace(/[\s\u00a0]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** 1000050 → '10 000,50' (U+00A0 between groups, as the server prints). */
export function rublesOf(kop: number): string {
  const whole = String(Math.floor(Math.abs(kop) / 100)).replace(/\B(?=(\d{3})+$)/g, '\u00a0');
  return `${kop < 0 ? '-' : ''}${whole},${String(Math.abs(kop) % 100).padStart(2, '0')}`;
}

type Parsed<T> = { items: T[]; error?: string };

function parseLines<T>(text: string, parse: (words: string[]) => T | null, example: string): Parsed<T> {
  const items: T[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const item = parse(line.split(/\s+/));
    if (item === null) return { items, error: `Строка ${i + 1}: «${line}» — ожидается «${example}»` };
    items.push(item);
  }
  return { items };
}

const parseDebts = (text: string) =>
  parseLines(
    text,
    ([period, amount]) => {
      const amountKop = kopecksOf(amount ?? '');
      return /^\d{4}-\d{2}$/.test(period ?? '') && amountKop !== null ? { period: period!, amountKop } : null;
    },
    '2024-03 10000,00',
  );

const parsePayments = (text: string) =>
  parseLines(
    text,
    ([paidOn, amount, period]) => {
      const amountKop = kopecksOf(amount ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn ?? '') || amountKop === null) return null;
      if (period !== undefined && !/^\d{4}-\d{2}$/.test(period)) return null;
      return { paidOn: paidOn!, amountKop, period: period ?? null };
    },
    '2024-06-10 4000,00 [2024-03]',
  );

const columns: Column<Row>[] = [
  { key: 'from', header: 'С', width: '6.5rem', render: (r) => formatDay(r.from) },
  { key: 'to', header: 'По', width: '6.5rem', render: (r) => formatDay(r.to) },
  { key: 'days', header: 'Дней', width: '4rem', align: 'right', render: (r) => r.days },
  { key: 'delay', header: 'Дни просрочки', width: '7rem', render: (r) => `${r.delayFrom}–${r.delayTo}` },
  {
    key: 'debt',
    header: 'Долг, ₽',
    width: '8rem',
    align: 'right',
    className: 'mono',
    render: (r) => rublesOf(r.debtKop),
  },
  {
    key: 'rate',
    header: 'Ставка',
    width: '5rem',
    align: 'right',
    render: (r) => (r.rate ? `${r.rate.replace('.', ',')} %` : '—'),
  },
  {
    key: 'share',
    header: 'Доля',
    width: '4.5rem',
    render: (r) => (r.divisor ? `1/${r.divisor}` : 'мораторий'),
  },
  { key: 'formula', header: 'Расчёт', render: (r) => r.formula },
  {
    key: 'amount',
    header: 'Сумма, ₽',
    width: '7rem',
    align: 'right',
    className: 'mono',
    render: (r) => rublesOf(r.amountKop),
  },
];

export function PenaltyPage() {
  const [params, setParams] = useSearchParams();
  const [date, setDate] = useState(params.get('date') ?? '');
  const [debts, setDebts] = useState(params.get('debts') ?? '');
  const [payments, setPayments] = useState(params.get('payments') ?? '');
  const [inputError, setInputError] = useState<Record<string, string>>({});
  const calc = useMutation({
    mutationFn: (body: unknown) =>
      apiRequest<Result>('/finance/penalties/calculate', { method: 'POST', body }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const d = parseDebts(debts);
    const p = parsePayments(payments);
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = 'Укажите дату расчёта';
    if (d.error) errors.debts = d.error;
    else if (d.items.length === 0) errors.debts = 'Укажите хотя бы один долг';
    if (p.error) errors.payments = p.error;
    setInputError(errors);
    if (Object.keys(errors).length > 0) return;
    setParams({ date, debts, payments });
    calc.mutate({ calculationDate: date, debts: d.items, payments: p.items });
  };

  return (
    <>
      <FinanceTabs />
      <PageHeader title="Расчёт пени" />
      <form className="form card" onSubmit={submit} aria-label="Данные для расчёта пени" noValidate>
        <TextField label="Дата расчёта" type="date" value={date} onChange={setDate} error={inputError.date} />
        <Field label="Долги: период и сумма, по строке" error={inputError.debts} hint="2024-03 10000,00">
          {(props) => (
            <textarea {...props} rows={3} value={debts} onChange={(e) => setDebts(e.target.value)} />
          )}
        </Field>
        <Field
          label="Оплаты: дата, сумма и (если указан) период"
          error={inputError.payments}
          hint="2024-06-10 4000,00 2024-03"
        >
          {(props) => (
            <textarea {...props} rows={3} value={payments} onChange={(e) => setPayments(e.target.value)} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={calc.isPending}>
            Рассчитать
          </button>
        </div>
      </form>
      <ErrorBox error={calc.error} />
      {calc.data && (
        <section aria-label="Расчёт">
          <p>
            <strong>
              Итого пени на {formatDay(calc.data.calculationDate)}: {rublesOf(calc.data.totalKop)} ₽
            </strong>
            {calc.data.advanceKop > 0 && <> · аванс {rublesOf(calc.data.advanceKop)} ₽</>}
          </p>
          {calc.data.debts.map((d) => (
            <section key={d.period} aria-label={`Долг за ${d.period}`}>
              <h2>
                Долг за {d.period}: {rublesOf(d.amountKop)} ₽, срок оплаты {formatDay(d.dueDate)}, пени{' '}
                {rublesOf(d.penaltyKop)} ₽
              </h2>
              {d.reductions.length > 0 && (
                <p>
                  Оплаты:{' '}
                  {d.reductions.map((r) => `${formatDay(r.date)} — ${rublesOf(r.amountKop)} ₽`).join('; ')}
                </p>
              )}
              <DataTable
                label={`Раскладка пени за ${d.period}`}
                columns={columns}
                rows={d.rows}
                rowKey={(r) => `${r.from}-${r.rate ?? 'm'}-${r.debtKop}`}
              />
              <details>
                <summary>Исходные данные и источники</summary>
                <ul>
                  {d.inputs.map((i, n) => (
                    <li key={n}>
                      {i.name}: {i.value} <span className="muted">({i.source})</span>
                    </li>
                  ))}
                </ul>
              </details>
            </section>
          ))}
        </section>
      )}
    </>
  );
}
