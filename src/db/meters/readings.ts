/** Meter readings (показания): one row per reading, one column per zone; never deleted. */
import { Decimal } from '../../domain/decimal.js';
import type { MeterZone } from '../../domain/meters/meter.js';
import type { ReadingKind, ReadingSource, ReadingState } from '../../domain/meters/readings.js';
import type { IsoDate } from '../../domain/period.js';
import type { Queryable } from '../client.js';
import { zoneColumns, zoneValues } from './meters.js';

export type Reading = {
  id: number;
  meterId: number;
  readOn: IsoDate;
  period: string;
  kind: ReadingKind;
  /** Exact decimals by zone. */
  values: Partial<Record<MeterZone, string>>;
  volume: string | null;
  state: ReadingState;
  stateReason: string | null;
  source: ReadingSource;
  clientId: string | null;
  confirmedAt: Date | null;
  confirmedBy: number | null;
  createdAt: Date;
  createdBy: number | null;
};

export type NewReading = Omit<Reading, 'id' | 'confirmedAt' | 'confirmedBy' | 'createdAt' | 'createdBy'>;

type Row = Record<string, unknown> & { id: number; created_at: Date };

const toReading = (r: Row): Reading => ({
  id: r.id,
  meterId: r.meter_id as number,
  readOn: r.read_on as IsoDate,
  period: r.period as string,
  kind: r.kind as ReadingKind,
  values: zoneValues(r),
  volume: r.volume === null ? null : Decimal.parse(String(r.volume)).toString(),
  state: r.state as ReadingState,
  stateReason: (r.state_reason as string | null) ?? null,
  source: r.source as ReadingSource,
  clientId: (r.client_id as string | null) ?? null,
  confirmedAt: (r.confirmed_at as Date | null) ?? null,
  confirmedBy: (r.confirmed_by as number | null) ?? null,
  createdAt: r.created_at,
  createdBy: (r.created_by as number | null) ?? null,
});

/** Every reading of the meters, by date (the history, the checks, the consumption). */
export async function selectReadings(db: Queryable, meterIds: readonly number[]): Promise<Reading[]> {
  const rows = await db.query<Row>(
    'select * from meter_readings where meter_id = any($1) order by meter_id, read_on, id',
    [[...meterIds]],
  );
  return rows.map(toReading);
}

export async function selectReading(db: Queryable, id: number): Promise<Reading | undefined> {
  const row = await db.maybeOne<Row>('select * from meter_readings where id = $1', [id]);
  return row && toReading(row);
}

/** The reading a submitter already sent under this client id, if any (idempotent submission). */
export async function selectReadingByClientId(
  db: Queryable,
  source: ReadingSource,
  clientId: string,
): Promise<Reading | undefined> {
  const row = await db.maybeOne<Row>('select * from meter_readings where source = $1 and client_id = $2', [
    source,
    clientId,
  ]);
  return row && toReading(row);
}

export async function insertReading(
  db: Queryable,
  r: NewReading,
  at: Date,
  createdBy: number | null,
): Promise<number> {
  const zones = Object.keys(r.values) as MeterZone[];
  const names = [
    'meter_id',
    'read_on',
    'period',
    'kind',
    'volume',
    'state',
    'state_reason',
    'source',
    'client_id',
    'created_at',
    'created_by',
    ...zones.map((z) => zoneColumns[z]),
  ];
  const values = [
    r.meterId,
    r.readOn,
    r.period,
    r.kind,
    r.volume,
    r.state,
    r.stateReason,
    r.source,
    r.clientId,
    at,
    createdBy,
    ...zones.map((z) => r.values[z]),
  ];
  const row = await db.maybeOne<{ id: number }>(
    `insert into meter_readings (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    values,
  );
  return row!.id;
}

/** A held reading confirmed by an operator becomes accepted. */
export async function confirmReading(db: Queryable, id: number, at: Date, by: number | null): Promise<void> {
  await db.query(
    `update meter_readings set state = 'accepted', confirmed_at = $2, confirmed_by = $3 where id = $1 and state = 'held'`,
    [id, at, by],
  );
}
