// A charge line's explanation: the formula in words, every input with its source, the day pieces, the rules.
import type { Explanation } from './billing-api';

export function ExplanationView({ explanation }: { explanation: Explanation }) {
  return (
    <div className="explanation" data-testid="explanation">
      <p>
        <strong>{explanation.formula}</strong>
      </p>
      {explanation.inputs.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>Величина</th>
              <th>Значение</th>
              <th>Источник</th>
            </tr>
          </thead>
          <tbody>
            {explanation.inputs.map((input, i) => (
              <tr key={i}>
                <td>{input.name}</td>
                <td className="mono">{input.value}</td>
                <td className="mono">{input.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {explanation.pieces.length > 0 && (
        <ul className="link-list">
          {explanation.pieces.map((piece, i) => (
            <li key={i}>
              {piece.from} — {piece.to}: {piece.days} дн. {piece.note}
            </li>
          ))}
        </ul>
      )}
      {explanation.rules.length > 0 && <p className="muted">Основание: {explanation.rules.join('; ')}</p>}
    </div>
  );
}
