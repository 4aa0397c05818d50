// Before/after of an audit record, field by field; changed fields are marked.
import { formatValue } from '../app/format';

type Snapshot = Record<string, unknown> | null;

export function diffFields(before: Snapshot, after: Snapshot) {
  const keys: string[] = [];
  for (const key of Object.keys(after ?? {})) keys.push(key);
  for (const key of Object.keys(before ?? {})) if (!keys.includes(key)) keys.push(key);
  return keys.map((field) => {
    const was = before ? before[field] : undefined;
    const now = after ? after[field] : undefined;
    return { field, was, now, changed: JSON.stringify(was) !== JSON.stringify(now) };
  });
}

export function AuditDiff({ before, after }: { before: Snapshot; after: Snapshot }) {
  const rows = diffFields(before, after);
  if (rows.length === 0) return <div className="muted">Запись не содержит данных объекта.</div>;
  const changed = rows.filter((row) => row.changed).length;
  return (
    <table className="diff-table" aria-label="Изменения по полям" data-testid="audit-diff">
      <caption>
        {before === null
          ? 'Объект создан'
          : after === null
            ? 'Объект удалён'
            : `Изменено полей: ${changed} из ${rows.length}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Поле</th>
          {before !== null && <th scope="col">Было</th>}
          {after !== null && <th scope="col">Стало</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className={row.changed ? 'is-changed' : 'is-same'}>
            <th scope="row" className="mono">
              {row.field}
            </th>
            {before !== null && (
              <td className={row.changed && after !== null ? 'diff-was' : undefined}>
                {formatValue(row.was)}
              </td>
            )}
            {after !== null && (
              <td className={row.changed && before !== null ? 'diff-now' : undefined}>
                {formatValue(row.now)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
