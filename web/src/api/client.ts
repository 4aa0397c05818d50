// The one way the UI talks to the API: fetch + JSON + a typed ApiError for every failure.

export type ErrorDetail = { field: string; problem: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: ErrorDetail[];
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export const API_BASE = '/api/v1';

type UnauthorizedListener = (error: ApiError) => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** The session layer registers here to hear about any 401 outside the login call. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=x", dropping empty values. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Do not report a 401 to the session layer (the login and "me" calls handle it themselves). */
  quietUnauthorized?: boolean;
};

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = API_BASE + path + (options.query ? toQueryString(options.query) : '');
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'Сервер недоступен. Проверьте соединение и повторите попытку.',
    });
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await readJson(response);

  if (!response.ok) {
    const error = toApiError(response, payload);
    if (error.status === 401 && !options.quietUnauthorized) onUnauthorized?.(error);
    throw error;
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const body = payload as { error?: Partial<ApiErrorBody> } | null;
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    return new ApiError({
      status: response.status,
      code: typeof error.code === 'string' ? error.code : `http_${response.status}`,
      message: error.message,
      details: Array.isArray(error.details) ? error.details.filter(isDetail) : [],
      requestId: typeof error.requestId === 'string' ? error.requestId : null,
    });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    message: `Ошибка сервера: ${response.status} ${response.statusText}`.trim(),
  });
}

type ApiErrorBody = { code: string; message: string; details: ErrorDetail[]; requestId: string };

function isDetail(value: unknown): value is ErrorDetail {
  const detail = value as ErrorDetail | null;
  return !!detail && typeof detail.field === 'string' && typeof detail.problem === 'string';
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
