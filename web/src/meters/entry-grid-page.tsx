// Приборы учёта → Ввод показаний: the house entry grid, like a spreadsheet. Pick a house and the date of
// the readings; type a value, Enter saves the row and moves to the next one (a two-zone meter first moves
// to its night value). ↑/↓ move between rows without saving; an empty row is skipped. Each row says what
// happened: accepted with its volume, held for confirmation, not for billing, or why it was refused.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/endpoints';
import { isApiError } from '../api/client';
import { formatDay, todayIso } from '../app/format';
import { labelOf } from '../app/labels';
import { Link, useSearchParams } from '../app/router';
import { ErrorBox, errorText } from '../components/error-box';
import { FilterBar, TextFilter } from '../components/filters';
import { PageHeader } from '../components/page';
import {
  RESOURCE_LABELS,
  STATE_LABELS,
  ZONE_LABELS,
  formatValues,
  meterPath,
  metersApi,
  type GridRow,
} from './api';
import './meters.css';
import { MetersTabs } from './meters-tabs';

type RowStatus =
  { kind: 'saving' } | { kind: 'saved'; text: string; state: string } | { kind: 'error'; text: string };

export function EntryGridPage() {
  const [params, update] = useSearchParams();
  const houseId = Number(params.get('house')) || null;
  const date = params.get('date') ?? todayIso();
  const [search, setSearch] = useState('');
  const houses = useQuery({
    queryKey: ['houses', 'pick', search],
    queryFn: ({ signal }) => api.houses({ q: search, pageSize: 20, sort: 'address' }, signal),
    enabled: houseId === null || search !== '',
  });
  const house = useQuery({
    queryKey: ['house', houseId],
    queryFn: ({ signal }) => api.house(houseId!, signal),
    enabled: houseId !== null,
  });
  return (
    <>
      <MetersTabs />
      <PageHeader title="Ввод показаний по дому" />
      <FilterBar>
        <TextFilter
          label="Дом (адрес)"
          value={search}
          onChange={setSearch}
          placeholder="улица, номер дома"
          width="20rem"
        />
        <TextFilter label="Дата показаний" type="date" value={date} onChange={(v) => update({ date: v })} />
      </FilterBar>
      {(houseId === null || search !== '') && (
        <ul className="link-list" data-testid="house-choices">
          {(houses.data?.items ?? []).map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setSearch('');
                  update({ house: h.id });
                }}
              >
                {h.address}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={houses.error ?? house.error} />
      {houseId !== null && house.data && (
        <>
          <h2>{house.data.address}</h2>
          <Grid key={`${houseId}-${date}`} houseId={houseId} date={date} />
        </>
      )}
    </>
  );
}

function Grid({ houseId, date }: { houseId: number; date: string }) {
  const queryClient = useQueryClient();
  const grid = useQuery({
    queryKey: ['meter-grid', houseId],
    queryFn: ({ signal }) => metersApi.grid(houseId, signal),
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Record<number, RowStatus>>({});
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = grid.data?.items ?? [];

  const focus = (row: number, zone = 0) => {
    const input = tableRef.current?.querySelector<HTMLInputElement>(`[data-cell="${row}-${zone}"]`);
    input?.focus();
    input?.select();
  };

  const save = async (row: GridRow) => {
    const entered = Object.fromEntries(
      row.zones.map((zone) => [zone, (values[`${row.meterId}-${zone}`] ?? '').trim().replace(',', '.')]),
    );
    setStatus((s) => ({ ...s, [row.meterId]: { kind: 'saving' } }));
    try {
      const result = await metersApi.addReading(row.meterId, {
        readOn: date,
        values: entered,
        clientId: `grid-${row.meterId}-${date}-${crypto.randomUUID()}`,
      });
      const r = result.reading;
      const text = `${labelOf(STATE_LABELS, r.state)}${r.volume ? `, объём ${r.volume}` : ''}, период ${r.period}${result.warnings.length > 0 ? ` — ${result.warnings.join('; ')}` : ''}`;
      setStatus((s) => ({ ...s, [row.meterId]: { kind: 'saved', text, state: r.state } }));
      void queryClient.invalidateQueries({ queryKey: ['meters'] });
    } catch (error) {
      const text =
        isApiError(error) && error.details.length > 0
          ? error.details.map((d) => d.problem).join('; ')
          : errorText(error);
      setStatus((s) => ({ ...s, [row.meterId]: { kind: 'error', text } }));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number, zone: number) => {
    const row = rows[index]!;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focus(Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))), 0);
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const typed = row.zones.map((z) => (values[`${row.meterId}-${z}`] ?? '').trim());
    if (zone < row.zones.length - 1 && typed[zone + 1] === '') {
      focus(index, zone + 1);
      return;
    }
    if (typed.some((t) => t !== '')) void save(row);
    focus(Math.min(rows.length - 1, index + 1), 0);
  };

  if (grid.error) return <ErrorBox error={grid.error} />;
  if (grid.isPending) return <p className="muted">Загрузка…</p>;
  if (rows.length === 0) return <p className="muted">В доме нет приборов учёта в эксплуатации</p>;
  return (
    <table
      className="data-table entry-grid"
      ref={tableRef}
      data-testid="entry-grid"
      aria-label="Сетка ввода показаний"
    >
      <thead>
        <tr>
          <th style={{ width: '9rem' }}>Помещение</th>
          <th style={{ width: '9rem' }}>Ресурс</th>
          <th style={{ width: '10rem' }}>№ прибора</th>
          <th>Последнее показание</th>
          <th>Новое показание</th>
          <th>Результат</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const st = status[row.meterId];
          return (
            <tr key={row.meterId} data-meter-id={row.meterId}>
              <td>{row.premiseLabel}</td>
              <td>{labelOf(RESOURCE_LABELS, row.resource)}</td>
              <td>
                <Link to={meterPath(row.meterId)} className="mono">
                  {row.serialNumber}
                </Link>
              </td>
              <td>
                {row.lastReading
                  ? `${formatValues(row.lastReading.values)} (${formatDay(row.lastReading.readOn)})`
                  : '—'}
              </td>
              <td>
                {row.zones.map((zone, z) => (
                  <input
                    key={zone}
                    data-cell={`${index}-${z}`}
                    aria-label={`${row.premiseLabel}, ${labelOf(RESOURCE_LABELS, row.resource)}, ${ZONE_LABELS[zone] ?? zone}`}
                    placeholder={row.zones.length > 1 ? (ZONE_LABELS[zone] ?? zone) : ''}
                    inputMode="decimal"
                    className="mono"
                    style={{ width: row.zones.length > 1 ? '6.5rem' : '9rem', marginRight: '0.25rem' }}
                    value={values[`${row.meterId}-${zone}`] ?? ''}
                    onChange={(e) => setValues((v) => ({ ...v, [`${row.meterId}-${zone}`]: e.target.value }))}
                    onKeyDown={(e) => onKeyDown(e, index, z)}
                    autoFocus={index === 0 && z === 0}
                  />
                ))}
              </td>
              <td
                data-testid={`status-${row.meterId}`}
                className={
                  st?.kind === 'error'
                    ? 'error-text'
                    : st?.kind === 'saved' && st.state !== 'accepted'
                      ? 'warning-text'
                      : undefined
                }
              >
                {st === undefined ? '' : st.kind === 'saving' ? 'сохранение…' : st.text}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
