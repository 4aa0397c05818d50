// A horizontal time line of effective-dated versions (managers of a house, versions of a tariff): a bar per
// version from validFrom to validTo (inclusive; open-ended bars run to the right edge with an arrow),
// year or month marks below, and a line at today. The periods are also read out as text.
import { formatDay, formatPeriod, todayIso } from '../app/format';

export type TimelineItem = {
  key: string | number;
  from: string;
  to: string | null;
  /** Written on the bar: a manager's name, a rate. */
  label: string;
  /** The tooltip; the label and the period by default. */
  title?: string;
  selected?: boolean;
};

const DAY = 86_400_000;
const MONTHS_SHORT = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

function dayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY : NaN;
}

type Tick = { at: number; label: string };

function ticksBetween(start: number, end: number): Tick[] {
  const first = new Date(start * DAY);
  const last = new Date(end * DAY);
  const years: Tick[] = [];
  for (let year = first.getUTCFullYear() + 1; year <= last.getUTCFullYear(); year++) {
    years.push({ at: Date.UTC(year, 0, 1) / DAY, label: String(year) });
  }
  if (years.length >= 2) {
    const step = Math.ceil(years.length / 12);
    return years.filter((_, index) => index % step === 0);
  }
  const months: Tick[] = [];
  for (
    let date = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    date.getTime() <= last.getTime();
    date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1))
  ) {
    const month = date.getUTCMonth();
    months.push({
      at: date.getTime() / DAY,
      label: month === 0 ? String(date.getUTCFullYear()) : MONTHS_SHORT[month]!,
    });
  }
  const step = Math.ceil(months.length / 12);
  return months.filter((_, index) => index % step === 0);
}

export function Timeline({
  label,
  items,
  today = todayIso(),
}: {
  label: string;
  items: TimelineItem[];
  today?: string;
}) {
  const valid = items.filter((item) => !Number.isNaN(dayNumber(item.from)));
  if (valid.length === 0) return null;
  const now = dayNumber(today);
  const starts = valid.map((item) => dayNumber(item.from));
  const ends = valid.map((item) => (item.to ? dayNumber(item.to) + 1 : now + 1));
  let start = Math.min(...starts, now);
  let end = Math.max(...ends, now + 1);
  // At least a year across; an open-ended bar shows at least a sixth of it, so its label fits.
  if (end - start < 365) end = start + 365;
  const openStarts = valid.filter((item) => !item.to).map((item) => dayNumber(item.from));
  if (openStarts.length > 0) {
    const lastOpen = Math.max(...openStarts);
    end = Math.max(end, lastOpen + Math.max(90, Math.round((end - start) / 5)));
  }
  const pad = Math.round((end - start) * 0.04);
  start -= pad;
  end += pad * 2;
  const x = (day: number) => `${(((day - start) / (end - start)) * 100).toFixed(3)}%`;
  const ticks = ticksBetween(start, end);

  return (
    <figure className="timeline" aria-label={label}>
      <div className="timeline-track">
        {ticks.map((tick) => (
          <div key={tick.at} className="timeline-tick" style={{ left: x(tick.at) }} aria-hidden="true">
            <span>{tick.label}</span>
          </div>
        ))}
        {now >= start && now <= end && (
          <div className="timeline-today" style={{ left: x(now) }} title={`Сегодня, ${formatDay(today)}`} />
        )}
        <ol className="timeline-bars">
          {valid.map((item, index) => {
            const from = dayNumber(item.from);
            const to = item.to ? dayNumber(item.to) + 1 : end;
            const period = formatPeriod(item.from, item.to);
            const classes = ['timeline-bar', index % 2 ? 'tone-b' : 'tone-a'];
            if (!item.to) classes.push('is-open');
            if (item.selected) classes.push('is-selected');
            return (
              <li
                key={item.key}
                className={classes.join(' ')}
                style={{ left: x(from), width: `calc(${x(to)} - ${x(from)})` }}
                title={item.title ?? `${item.label}, ${period}`}
                data-testid="timeline-bar"
              >
                <span className="timeline-label">{item.label}</span>
                <span className="visually-hidden">, {period}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </figure>
  );
}
