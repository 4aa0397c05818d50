// Shows an API error as the server said it: the message, then each "field: problem".
import { ApiError } from '../api/client';

type Props = { error: unknown; title?: string };

export function ErrorBox({ error, title }: Props) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError ? apiError.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      {title && <strong>{title}: </strong>}
      <span className="error-message">{message}</span>
      {apiError && apiError.details.length > 0 && (
        <ul className="error-details">
          {apiError.details.map((detail, index) => (
            <li key={index}>
              <code>{detail.field}</code>: {detail.problem}
            </li>
          ))}
        </ul>
      )}
      {apiError?.requestId && <div className="error-request">Код запроса: {apiError.requestId}</div>}
    </div>
  );
}

/** The plain sentence for an error, for places too small for an ErrorBox. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const details = error.details.map((d) => `${d.field}: ${d.problem}`).join('; ');
    return details ? `${error.message} (${details})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
