// Calls of the meters module (docs/meters.md) and their types.
import { API_BASE, ApiError, apiRequest, toQueryString } from '../api/client';
import type { Page } from '../api/types';
import type { ListQuery } from '../api/endpoints';

export type MeterResource = 'cold_water' | 'hot_water' | 'heating' | 'electricity' | 'gas';
export type ReadingState = 'accepted' | 'held' | 'not_for_billing';

export type LastReading = { readOn: string; period: string; state: string; values: Record<string, string> };

export type Meter = {
  id: number;
  houseId: number;
  address: string;
  kind: 'individual' | 'flat' | 'room' | 'common_house' | 'group';
  resource: MeterResource;
  zoneCount: 1 | 2 | 3;
  serialNumber: string;
  model: string | null;
  digits: number;
  decimals: number;
  installedOn: string | null;
  commissionedOn: string;
  sealNumber: string | null;
  lastVerifiedOn: string | null;
  verificationIntervalYears: number | null;
  nextVerificationOn: string | null;
  decommissionedOn: string | null;
  decommissionReason: string | null;
  replacesMeterId: number | null;
  premises: { id: number; label: string }[];
  lastReading: LastReading | null;
  createdAt: string;
};

export type Reading = {
  id: number;
  meterId: number;
  readOn: string;
  period: string;
  kind: 'regular' | 'initial' | 'final';
  values: Record<string, string>;
  volume: string | null;
  state: ReadingState;
  stateReason: string | null;
  source: string;
  clientId: string | null;
  createdAt: string;
};

export type GridRow = {
  meterId: number;
  premiseLabel: string;
  resource: MeterResource;
  kind: Meter['kind'];
  serialNumber: string;
  zones: string[];
  digits: number;
  decimals: number;
  nextVerificationOn: string | null;
  lastReading: LastReading | null;
};

export type ConsumptionPoint = {
  period: string;
  method: 'actual' | 'average' | 'norm';
  reason: string;
  volume: string | null;
  explanation: string;
};

export type ImportReport = {
  dryRun: boolean;
  rows: number;
  applied: { inserted: number; unchanged: number; held: number; notForBilling: number };
  badRows: { line: number; column: string | null; problem: string }[];
};

export const metersApi = {
  list: (query: ListQuery, signal?: AbortSignal) => apiRequest<Page<Meter>>('/meters', { query, signal }),
  ofHouse: (id: number, query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Meter>>(`/houses/${id}/meters`, { query, signal }),
  ofAccount: (id: number, query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Meter>>(`/accounts/${id}/meters`, { query, signal }),
  meter: (id: number, signal?: AbortSignal) => apiRequest<Meter>(`/meters/${id}`, { signal }),
  readings: (id: number, signal?: AbortSignal) =>
    apiRequest<{ items: Reading[] }>(`/meters/${id}/readings`, { signal }),
  consumption: (id: number, from: string, to: string, signal?: AbortSignal) =>
    apiRequest<{ items: ConsumptionPoint[] }>(`/meters/${id}/consumption`, { query: { from, to }, signal }),
  grid: (houseId: number, signal?: AbortSignal) =>
    apiRequest<{ items: GridRow[] }>(`/houses/${houseId}/meter-grid`, { signal }),
  addReading: (meterId: number, body: { readOn: string; values: Record<string, string>; clientId: string }) =>
    apiRequest<{ reading: Reading; created: boolean; warnings: string[] }>(`/meters/${meterId}/readings`, {
      method: 'POST',
      body: { ...body, source: 'operator' },
    }),
  confirm: (readingId: number) => apiRequest<Reading>(`/readings/${readingId}/confirm`, { method: 'POST' }),
  /** The file goes as the raw body, as the import endpoint takes it. */
  importFile: async (file: File, query: { dryRun: boolean; source: string; encoding?: string }) => {
    const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
    const response = await fetch(
      `${API_BASE}/readings/import${toQueryString({ ...query, fileName: file.name })}`,
      {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': isXlsx
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv',
        },
        body: file,
        credentials: 'same-origin',
      },
    );
    const payload = (await response.json()) as
      | ImportReport
      | { error: { code: string; message: string; details: { field: string; problem: string }[] } };
    if (!response.ok && 'error' in payload)
      throw new ApiError({
        status: response.status,
        code: payload.error.code,
        message: payload.error.message,
        details: payload.error.details,
      });
    return payload as ImportReport;
  },
};

export const RESOURCE_LABELS: Record<string, string> = {
  cold_water: 'ХВС',
  hot_water: 'ГВС',
  heating: 'Отопление',
  electricity: 'Электроэнергия',
  gas: 'Газ',
};
export const KIND_LABELS: Record<string, string> = {
  individual: 'индивидуальный',
  flat: 'общеквартирный',
  room: 'комнатный',
  common_house: 'общедомовой',
  group: 'групповой',
};
export const ZONE_LABELS: Record<string, string> = {
  single: 'показание',
  day: 'день',
  night: 'ночь',
  peak: 'пик',
  semi_peak: 'полупик',
};
export const STATE_LABELS: Record<string, string> = {
  accepted: 'принято',
  held: 'на подтверждении',
  not_for_billing: 'не для расчёта',
};
export const METHOD_LABELS: Record<string, string> = {
  actual: 'по показаниям',
  average: 'по среднему',
  norm: 'по нормативу',
};
export const DECOMMISSION_LABELS: Record<string, string> = {
  replaced: 'заменён',
  failed: 'неисправен',
  lost: 'утрачен',
  verification_expired: 'истёк срок поверки',
  removed: 'снят',
};

export const meterPath = (id: number) => `/meters/${id}`;

/** "день 12545 · ночь 5532" */
export function formatValues(values: Record<string, string> | undefined): string {
  if (!values) return '—';
  const entries = Object.entries(values);
  if (entries.length === 1 && entries[0]![0] === 'single') return entries[0]![1];
  return entries.map(([zone, v]) => `${ZONE_LABELS[zone] ?? zone} ${v}`).join(' · ');
}
