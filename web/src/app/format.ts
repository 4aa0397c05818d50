// Dates and values as Russian accountants read them: 05.03.2026 14:07.

const dateTime = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** Renders any audited value compactly: strings as is, objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.length === 0 ? '[]' : value.map((item) => String(item)).join(', ');
  }
  return JSON.stringify(value);
}

export function formatCount(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word =
    mod10 === 1 && mod100 !== 11
      ? one
      : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
        ? few
        : many;
  return `${n} ${word}`;
}

/** "2026-03-05" (an ISO day, or the day of an ISO instant) → "05.03.2026", without time-zone shifts. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** Today as an ISO day in the operator's time zone. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * An exact decimal from the API ("12345.5") as a Russian reads it ("12 345,50"): thousands apart,
 * a comma, and `minFraction` digits after it or more when they are significant ("42.3000" → "42,30").
 * Works on the text, never through a float.
 */
export function formatDecimal(value: string | null | undefined, minFraction = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const significant = fraction.replace(/0+$/, '');
  const digits = significant.length >= minFraction ? significant : significant.padEnd(minFraction, '0');
  return `${sign}${grouped}${digits ? `,${digits}` : ''}`;
}

/** An area in m², "—" when unknown. */
export function formatArea(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${formatDecimal(value, 2)} м²`;
}

/** A period "с 01.03.2026 по 31.12.2026" or "с 01.03.2026" when open-ended. */
export function formatPeriod(from: string, to: string | null): string {
  return to ? `с ${formatDay(from)} по ${formatDay(to)}` : `с ${formatDay(from)}`;
}

/** The part of a premise an account pays for: "целиком" for 1, otherwise the decimal ("0,5"). */
export function formatShare(share: string): string {
  return /^1(\.0*)?$/.test(share) ? 'целиком' : formatDecimal(share);
}
