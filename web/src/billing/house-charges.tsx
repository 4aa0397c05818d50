// Карточка дома → Начисления: the summary of a period by service and supplier, a run of the house, and the
// undersupply records (interruptions, quality deviations) with a form to add one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { navigate } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { fieldErrors, TextField } from '../components/form';
import { billingApi, formatKop, type Undersupply } from './billing-api';
import { billingRunPath } from './billing-pages';

const KIND_LABELS: Record<Undersupply['kind'], string> = {
  interruption: 'перерыв',
  hot_water_temperature: 'температура ГВС',
  room_temperature: 'температура в помещении',
};

export function HouseCharges({ houseId }: { houseId: number }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const periods = useQuery({
    queryKey: ['billing', 'periods'],
    queryFn: ({ signal }) => billingApi.periods(signal),
  });
  const list = periods.data?.items ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? list.find((p) => p.status === 'open')?.period ?? null;
  const summary = useQuery({
    queryKey: ['billing', 'house', houseId, period],
    queryFn: ({ signal }) => billingApi.houseSummary(houseId, period!, signal),
    enabled: period !== null,
  });
  const run = useMutation({
    mutationFn: () => billingApi.startRun({ period: period!, houseId, dryRun: false }),
    onSuccess: (r) => {
      queryClient.invalidateQueries({ queryKey: ['billing'] });
      navigate(billingRunPath(r.id));
    },
  });
  const total = (summary.data?.items ?? []).reduce((s, r) => s + r.amountKop, 0);
  const isOpen = list.find((p) => p.period === period)?.status === 'open';
  return (
    <>
      <section className="card" data-testid="house-charges">
        <ErrorBox error={periods.error ?? summary.error ?? run.error} />
        <label>
          Период{' '}
          <select value={period ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Период">
            {list.map((p) => (
              <option key={p.period} value={p.period}>
                {p.period} {p.status === 'open' ? '(открыт)' : ''}
              </option>
            ))}
          </select>
        </label>{' '}
        {isOpen && can(me, 'charges.run') && (
          <button
            type="button"
            className="button-primary"
            onClick={() => run.mutate()}
            disabled={run.isPending}
          >
            Рассчитать дом за {period}
          </button>
        )}
        <DataTable
          label="Свод начислений дома"
          columns={[
            { key: 'service', header: 'Услуга', render: (r) => r.serviceName },
            { key: 'supplier', header: 'Поставщик', render: (r) => r.supplierName },
            {
              key: 'origin',
              header: 'Вид',
              render: (r) => (r.origin === 'original' ? 'начисление' : 'перерасчёт'),
            },
            { key: 'accounts', header: 'Счета', align: 'right', render: (r) => r.accounts },
            { key: 'amount', header: 'Сумма, ₽', align: 'right', render: (r) => formatKop(r.amountKop) },
          ]}
          rows={summary.data?.items ?? []}
          rowKey={(r) => `${r.serviceId}-${r.supplierId}-${r.origin}`}
          emptyText="За период начислений нет"
        />
        <p className="mono">Итого: {formatKop(total)} ₽</p>
      </section>
      <Undersupplies houseId={houseId} />
    </>
  );
}

function Undersupplies({ houseId }: { houseId: number }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['billing', 'undersupplies', houseId],
    queryFn: ({ signal }) => billingApi.undersupplies(houseId, signal),
  });
  const [serviceId, setServiceId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [kind, setKind] = useState<Undersupply['kind']>('interruption');
  const [measured, setMeasured] = useState('');
  const [norm, setNorm] = useState('');
  const create = useMutation({
    mutationFn: () =>
      billingApi.createUndersupply(houseId, {
        serviceId: Number(serviceId),
        scopeKind: 'house',
        entrance: null,
        accountIds: [],
        startsAt,
        endsAt,
        kind,
        measured: measured || null,
        norm: norm || null,
        night: false,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['billing', 'undersupplies', houseId] }),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="undersupplies">
      <h2 id="undersupplies">Недопоставки и качество</h2>
      <ErrorBox error={list.error} />
      <DataTable
        label="Недопоставки"
        columns={[
          { key: 'service', header: 'Услуга', render: (u: Undersupply) => u.serviceName },
          { key: 'kind', header: 'Вид', render: (u) => KIND_LABELS[u.kind] },
          { key: 'from', header: 'Начало', render: (u) => u.startsAt.replace('T', ' ') },
          { key: 'to', header: 'Конец', render: (u) => u.endsAt.replace('T', ' ') },
          { key: 'measured', header: 'Измерено', render: (u) => u.measured ?? '' },
          {
            key: 'scope',
            header: 'Где',
            render: (u) =>
              u.scopeKind === 'house'
                ? 'весь дом'
                : u.scopeKind === 'entrance'
                  ? `подъезд ${u.entrance}`
                  : u.accountIds.join(', '),
          },
        ]}
        rows={list.data?.items ?? []}
        rowKey={(u) => u.id}
        emptyText="Записей нет"
      />
      {can(me, 'undersupplies.write') && (
        <form className="form" onSubmit={submit} noValidate>
          <ErrorBox error={create.error} />
          <TextField label="Услуга (id)" value={serviceId} onChange={setServiceId} error={errors.serviceId} />
          <label>
            Вид{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as Undersupply['kind'])}>
              {Object.entries(KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label="Начало (ГГГГ-ММ-ДДTЧЧ:ММ)"
            value={startsAt}
            onChange={setStartsAt}
            error={errors.startsAt}
          />
          <TextField
            label="Конец (ГГГГ-ММ-ДДTЧЧ:ММ)"
            value={endsAt}
            onChange={setEndsAt}
            error={errors.endsAt}
          />
          {kind !== 'interruption' && (
            <TextField label="Измерено, °C" value={measured} onChange={setMeasured} error={errors.measured} />
          )}
          {kind === 'room_temperature' && (
            <TextField label="Норматив, °C" value={norm} onChange={setNorm} error={errors.norm} />
          )}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={create.isPending}>
              Записать
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
