// Приборы учёта → карточка прибора: passport and verification, the reading history (with the held ones to
// confirm), and a chart of the consumption month by month with how each month is determined.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime, formatDay } from '../app/format';
import { labelOf } from '../app/labels';
import { Link } from '../app/router';
import { AuditHistory } from '../admin/audit-history';
import { can, useMe } from '../auth/session';
import { CardTabs, useCardTab, type CardTab } from '../components/card-tabs';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Fields, PageHeader } from '../components/page';
import { housePath } from '../registry/houses-page';
import {
  DECOMMISSION_LABELS,
  KIND_LABELS,
  METHOD_LABELS,
  RESOURCE_LABELS,
  STATE_LABELS,
  formatValues,
  meterPath,
  metersApi,
  type ConsumptionPoint,
  type Meter,
  type Reading,
} from './api';
import './meters.css';
import { MetersTabs } from './meters-tabs';

const SOURCE_LABELS: Record<string, string> = {
  operator: 'оператор',
  citizen: 'житель',
  bank_registry: 'реестр банка',
  api_client: 'внешняя система',
  automatic: 'АСКУЭ',
  inspection: 'акт проверки',
};
const READING_KIND_LABELS: Record<string, string> = { regular: '', initial: 'начальное', final: 'конечное' };

/** Twelve months back from the current one: 'YYYY-MM'. */
function lastMonths(n: number): { from: string; to: string } {
  const now = new Date();
  const index = now.getFullYear() * 12 + now.getMonth();
  const text = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: text(index - n + 1), to: text(index) };
}

export function MeterCardPage({ id }: { id: number }) {
  const me = useMe();
  const meter = useQuery({ queryKey: ['meter', id], queryFn: ({ signal }) => metersApi.meter(id, signal) });
  const tabs: CardTab[] = [
    { id: 'readings', label: 'Показания' },
    { id: 'consumption', label: 'Потребление' },
    { id: 'info', label: 'Паспорт' },
    { id: 'history', label: 'История', visible: can(me, 'audit.read') },
  ];
  const [tab, setTab] = useCardTab(tabs);
  const data = meter.data;
  const back = data
    ? { to: housePath(data.houseId), label: data.address }
    : { to: '/meters/entry', label: 'Приборы учёта' };
  if (!data)
    return (
      <>
        <MetersTabs />
        <PageHeader title={meter.isPending ? 'Прибор учёта' : 'Прибор учёта не найден'} back={back} />
        <ErrorBox error={meter.error} />
      </>
    );
  return (
    <>
      <MetersTabs />
      <PageHeader
        title={`${labelOf(RESOURCE_LABELS, data.resource)} № ${data.serialNumber} — ${data.premises.map((p) => p.label).join(', ') || 'ОДПУ'}`}
        back={back}
      >
        {data.decommissionedOn && (
          <span className="badge badge-off">
            {labelOf(DECOMMISSION_LABELS, data.decommissionReason ?? '')} {formatDay(data.decommissionedOn)}
          </span>
        )}
      </PageHeader>
      <CardTabs label="Разделы карточки прибора" tabs={tabs} active={tab} onChange={setTab}>
        {tab === 'readings' && <Readings meter={data} canConfirm={can(me, 'meters.write')} />}
        {tab === 'consumption' && <Consumption meterId={data.id} />}
        {tab === 'info' && <Passport meter={data} />}
        {tab === 'history' && <AuditHistory objectType="meter" objectId={data.id} />}
      </CardTabs>
    </>
  );
}

function Passport({ meter }: { meter: Meter }) {
  return (
    <section className="card">
      <Fields
        items={[
          ['Адрес', <Link to={housePath(meter.houseId)}>{meter.address}</Link>],
          ['Помещения', meter.premises.map((p) => p.label).join(', ') || 'дом (общедомовой)'],
          ['Вид', labelOf(KIND_LABELS, meter.kind)],
          ['Ресурс', labelOf(RESOURCE_LABELS, meter.resource)],
          ['Зон суток', meter.zoneCount],
          ['Модель', meter.model ?? '—'],
          ['Разрядность', `${meter.digits} до запятой, ${meter.decimals} после`],
          ['Установлен', formatDay(meter.installedOn)],
          ['Введён в эксплуатацию', formatDay(meter.commissionedOn)],
          ['Пломба', meter.sealNumber ?? '—'],
          ['Последняя поверка', formatDay(meter.lastVerifiedOn)],
          [
            'Межповерочный интервал',
            meter.verificationIntervalYears
              ? `${meter.verificationIntervalYears} лет`
              : 'по умолчанию для ресурса',
          ],
          ['Следующая поверка', formatDay(meter.nextVerificationOn)],
          [
            'Заменил прибор',
            meter.replacesMeterId ? (
              <Link to={meterPath(meter.replacesMeterId)}>№ {meter.replacesMeterId}</Link>
            ) : (
              '—'
            ),
          ],
        ]}
      />
    </section>
  );
}

function Readings({ meter, canConfirm }: { meter: Meter; canConfirm: boolean }) {
  const queryClient = useQueryClient();
  const readings = useQuery({
    queryKey: ['meter-readings', meter.id],
    queryFn: ({ signal }) => metersApi.readings(meter.id, signal),
  });
  const confirm = useMutation({
    mutationFn: (readingId: number) => metersApi.confirm(readingId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meter-readings', meter.id] }),
  });
  const columns: Column<Reading>[] = [
    { key: 'readOn', header: 'Дата', width: '7rem', render: (r) => formatDay(r.readOn) },
    { key: 'period', header: 'Период', width: '6rem', render: (r) => r.period },
    {
      key: 'values',
      header: 'Показание',
      render: (r) => `${formatValues(r.values)} ${READING_KIND_LABELS[r.kind] ?? ''}`,
    },
    { key: 'volume', header: 'Объём', width: '7rem', align: 'right', render: (r) => r.volume ?? '—' },
    {
      key: 'state',
      header: 'Состояние',
      render: (r) => (
        <>
          {labelOf(STATE_LABELS, r.state)}
          {r.stateReason && <span className="muted"> — {r.stateReason}</span>}
          {r.state === 'held' && canConfirm && (
            <>
              {' '}
              <button type="button" onClick={() => confirm.mutate(r.id)} disabled={confirm.isPending}>
                Подтвердить
              </button>
            </>
          )}
        </>
      ),
    },
    { key: 'source', header: 'Источник', width: '9rem', render: (r) => labelOf(SOURCE_LABELS, r.source) },
    { key: 'created', header: 'Внесено', width: '10rem', render: (r) => formatDateTime(r.createdAt) },
  ];
  return (
    <>
      <ErrorBox error={readings.error ?? confirm.error} />
      <DataTable
        label="Показания прибора"
        testId="meter-readings"
        columns={columns}
        rows={[...(readings.data?.items ?? [])].reverse()}
        rowKey={(r) => r.id}
        isLoading={readings.isPending}
        emptyText="Показаний нет"
      />
    </>
  );
}

function Consumption({ meterId }: { meterId: number }) {
  const { from, to } = lastMonths(12);
  const points = useQuery({
    queryKey: ['meter-consumption', meterId, from, to],
    queryFn: ({ signal }) => metersApi.consumption(meterId, from, to, signal),
  });
  if (points.error) return <ErrorBox error={points.error} />;
  if (!points.data) return <p className="muted">Загрузка…</p>;
  const items = points.data.items;
  return (
    <>
      <ConsumptionChart points={items} />
      <table className="data-table" aria-label="Потребление по месяцам">
        <thead>
          <tr>
            <th style={{ width: '6rem' }}>Период</th>
            <th style={{ width: '8rem' }}>Объём</th>
            <th style={{ width: '9rem' }}>Способ</th>
            <th>Почему</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.period}>
              <td>{p.period}</td>
              <td className="mono">{p.volume ?? '—'}</td>
              <td>{labelOf(METHOD_LABELS, p.method)}</td>
              <td>{p.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Bars per month: blue by readings, amber by the average, grey where the norm applies (no volume here). */
export function ConsumptionChart({ points }: { points: ConsumptionPoint[] }) {
  const width = 720;
  const height = 180;
  const pad = 24;
  const volumes = points.map((p) => (p.volume === null ? 0 : Math.max(0, Number(p.volume))));
  const max = Math.max(1, ...volumes);
  const step = points.length > 0 ? (width - 2 * pad) / points.length : 0;
  return (
    <svg
      className="consumption-chart"
      width={width}
      height={height + 20}
      role="img"
      aria-label="График потребления по месяцам"
    >
      <line x1={pad} y1={height} x2={width - pad} y2={height} stroke="#888" />
      <text x={pad} y={12}>
        {max.toLocaleString('ru-RU')}
      </text>
      {points.map((p, i) => {
        const h = p.volume === null ? 6 : (volumes[i]! / max) * (height - 30);
        const x = pad + i * step + step * 0.15;
        return (
          <g key={p.period}>
            <rect className={`bar-${p.method}`} x={x} y={height - h} width={step * 0.7} height={h}>
              <title>{`${p.period}: ${p.volume ?? 'норматив'} — ${labelOf(METHOD_LABELS, p.method)}`}</title>
            </rect>
            <text x={x} y={height + 14}>
              {p.period.slice(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
