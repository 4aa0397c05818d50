// Карточка лицевого счёта → Начисления: the lines of a period by service, each with its explanation one
// click (or Enter) away; under each line the recalculations that corrected it later; and the recalculations
// posted in this period for earlier ones.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { DataTable, type Column } from '../components/data-table';
import { billingApi, formatKop, METHOD_LABELS, type ChargeLine } from './billing-api';
import { ExplanationView } from './explanation';

type Row = { line: ChargeLine & { serviceName?: string }; under: boolean };

export function AccountCharges({ accountId }: { accountId: number }) {
  const lines = useQuery({
    queryKey: ['billing', 'account', accountId],
    queryFn: ({ signal }) => billingApi.accountCharges(accountId, signal),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const all = lines.data?.items ?? [];
  const periods = [...new Set(all.map((l) => l.period))].sort().reverse();
  const period = chosen ?? periods[0] ?? null;
  const ofPeriod = all.filter((l) => l.period === period);
  const rows: Row[] = [];
  for (const line of ofPeriod.filter((l) => l.origin === 'original')) {
    rows.push({ line, under: false });
    for (const r of all.filter((x) => x.origin === 'recalculation' && x.correctsLineIds.includes(line.id)))
      rows.push({ line: r, under: true });
  }
  const posted = ofPeriod.filter((l) => l.origin === 'recalculation');
  const total = ofPeriod.reduce((s, l) => s + l.amountKop, 0);
  const toggle = (row: Row) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(row.line.id)) next.delete(row.line.id);
      else next.add(row.line.id);
      return next;
    });

  const columns: Column<Row>[] = [
    {
      key: 'service',
      header: 'Услуга',
      render: (r) =>
        r.under ? (
          <span className="muted">↳ перерасчёт в {r.line.period}</span>
        ) : (
          (r.line.serviceName ?? `#${r.line.serviceId}`)
        ),
    },
    { key: 'method', header: 'Способ', render: (r) => METHOD_LABELS[r.line.method] ?? r.line.method },
    {
      key: 'volume',
      header: 'Объём',
      align: 'right',
      render: (r) => (r.line.volume === null ? '—' : `${r.line.volume.replace('.', ',')} ${r.line.unit}`),
    },
    {
      key: 'tariff',
      header: 'Тариф',
      align: 'right',
      render: (r) => r.line.tariff?.replace('.', ',') ?? '—',
    },
    {
      key: 'amount',
      header: 'Сумма, ₽',
      align: 'right',
      render: (r) => <span className="mono">{formatKop(r.line.amountKop)}</span>,
    },
    {
      key: 'explain',
      header: '',
      render: (r) => (
        <button
          type="button"
          className="link-button"
          onClick={(event) => {
            event.stopPropagation();
            toggle(r);
          }}
        >
          {open.has(r.line.id) ? 'Скрыть' : 'Расшифровка'}
        </button>
      ),
    },
  ];

  return (
    <section className="card" data-testid="account-charges">
      <ErrorBox error={lines.error} />
      {periods.length === 0 && !lines.isPending && <p className="muted">Начислений ещё нет.</p>}
      {periods.length > 0 && (
        <label>
          Период{' '}
          <select value={period ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Период">
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>{' '}
          <span className="mono">Итого: {formatKop(total)} ₽</span>
        </label>
      )}
      {rows.length > 0 && (
        <DataTable
          label="Начисления за период"
          testId="charge-lines"
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.under ? 'u' : 'o'}${r.line.id}`}
          onOpen={toggle}
          isExpanded={(r) => open.has(r.line.id)}
          renderDetail={(r) => <ExplanationView explanation={r.line.explanation} />}
        />
      )}
      {posted.length > 0 && (
        <>
          <h3>Перерасчёты прошлых периодов, выставленные в {period}</h3>
          <DataTable
            label="Перерасчёты"
            columns={[
              { key: 'corrects', header: 'За период', render: (r: Row) => r.line.correctsPeriod ?? '' },
              ...columns.slice(0, 1).map((c) => ({ ...c, render: (r: Row) => r.line.serviceName ?? '' })),
              ...columns.slice(4),
            ]}
            rows={posted.map((line) => ({ line, under: false }))}
            rowKey={(r) => r.line.id}
            onOpen={toggle}
            isExpanded={(r) => open.has(r.line.id)}
            renderDetail={(r) => <ExplanationView explanation={r.line.explanation} />}
          />
        </>
      )}
    </section>
  );
}
