// Приборы учёта → Загрузка показаний: a CSV (`;`, UTF-8 or CP1251) or XLSX file. «Проверить» lists every bad
// row and writes nothing; «Загрузить» writes all rows or none. Loading the same file again adds nothing.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { ErrorBox } from '../components/error-box';
import { PageHeader } from '../components/page';
import { metersApi, type ImportReport } from './api';
import './meters.css';
import { MetersTabs } from './meters-tabs';

const SOURCES: [string, string][] = [
  ['operator', 'оператор'],
  ['bank_registry', 'реестр банка'],
  ['citizen', 'жители'],
  ['automatic', 'АСКУЭ'],
  ['inspection', 'акты проверок'],
];

export function ReadingsImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('operator');
  const [encoding, setEncoding] = useState('utf-8');
  const run = useMutation({
    mutationFn: (dryRun: boolean) => metersApi.importFile(file!, { dryRun, source, encoding }),
  });
  const submit = (dryRun: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (file) run.mutate(dryRun);
  };
  const refused = isApiError(run.error) && run.error.code === 'validation_failed' ? run.error : null;
  return (
    <>
      <MetersTabs />
      <PageHeader title="Загрузка показаний из файла" />
      <form className="card" onSubmit={submit(true)}>
        <p className="muted">
          Колонки: account (лицевой счёт) или meter_id; serial и resource — если у счёта несколько приборов;
          read_on; value или value_day/value_night/value_peak/value_semi_peak; client_id — необязательно.
        </p>
        <label>
          Файл{' '}
          <input type="file" accept=".csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>{' '}
        <label>
          Источник{' '}
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            {SOURCES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Кодировка CSV{' '}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            <option value="utf-8">UTF-8</option>
            <option value="cp1251">Windows-1251</option>
          </select>
        </label>{' '}
        <button type="submit" disabled={!file || run.isPending}>
          Проверить
        </button>{' '}
        <button type="button" disabled={!file || run.isPending} onClick={() => submit(false)()}>
          Загрузить
        </button>
      </form>
      {refused ? (
        <section className="card">
          <h2>{refused.message}</h2>
          <ul data-testid="import-errors">
            {refused.details.map((d, i) => (
              <li key={i}>
                <span className="mono">{d.field}</span>: {d.problem}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <ErrorBox error={run.error} />
      )}
      {run.data && <Report report={run.data} />}
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  const a = report.applied;
  return (
    <section className="card" data-testid="import-report">
      <h2>{report.dryRun ? 'Проверка файла' : 'Файл загружен'}</h2>
      <p>
        Строк: {report.rows}. {report.dryRun ? 'Будет записано' : 'Записано'}: {a.inserted} (на подтверждении{' '}
        {a.held}, не для расчёта {a.notForBilling}); уже были: {a.unchanged}.
      </p>
      {report.badRows.length > 0 && (
        <table className="data-table" aria-label="Строки с ошибками">
          <thead>
            <tr>
              <th style={{ width: '5rem' }}>Строка</th>
              <th style={{ width: '10rem' }}>Колонка</th>
              <th>Ошибка</th>
            </tr>
          </thead>
          <tbody>
            {report.badRows.map((b, i) => (
              <tr key={i}>
                <td>{b.line}</td>
                <td className="mono">{b.column ?? '—'}</td>
                <td className="error-text">{b.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
