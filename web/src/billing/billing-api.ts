// The billing module's API calls and types (/api/v1/billing, docs/billing.md "API").
import { apiRequest } from '../api/client';

export type Explanation = {
  formula: string;
  rules: string[];
  inputs: { name: string; value: string; source: string }[];
  pieces: { from: string; to: string; days: number; note: string }[];
};

export type ChargeLine = {
  id: number;
  period: string;
  houseId: number;
  accountId: number;
  serviceId: number;
  supplierId: number;
  lineKind: string;
  method: string;
  origin: 'original' | 'recalculation';
  correctsPeriod: string | null;
  correctsLineIds: number[];
  recalculationRequestId: number | null;
  runId: number | null;
  volume: string | null;
  unit: string;
  tariffId: number | null;
  zone: string | null;
  tariff: string | null;
  amountKop: number;
  explanation: Explanation;
};

export type BillingRun = {
  id: number;
  period: string;
  scopeKind: 'all' | 'manager' | 'house';
  scopeId: number | null;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  housesTotal: number;
  housesDone: number;
  housesFailed: number;
  linesWritten: number;
  amountKop: number;
  startedAt: string;
  finishedAt: string | null;
};

export type RunHouse = {
  id: number;
  houseId: number;
  address: string;
  status: string;
  accounts: number | null;
  lines: number | null;
  linesWritten: number | null;
  amountKop: number | null;
  gaps: { serviceId: number; service: string; reason: string }[];
  error: string | null;
};

export type BillingPeriodRow = {
  id: number;
  period: string;
  status: 'open' | 'closed';
  closedAt: string | null;
};

export type SummaryRow = {
  serviceId: number;
  serviceName: string;
  supplierId: number;
  supplierName: string;
  origin: string;
  accounts: number;
  lines: number;
  amountKop: number;
};

export type JournalRow = {
  requestId: number;
  reason: string;
  objectType: string;
  objectId: string;
  houseId: number | null;
  fromDate: string;
  createdAt: string;
  createdByName: string | null;
  processedAt: string | null;
  /** Processed together with this earlier request of the house (its lines are shown there). */
  mergedInto: number | null;
  period: string | null;
  correctsPeriod: string | null;
  accounts: number;
  lines: number;
  amountKop: number;
};

export type Undersupply = {
  id: number;
  serviceId: number;
  serviceName: string;
  scopeKind: 'house' | 'entrance' | 'accounts';
  entrance: string | null;
  accountIds: number[];
  startsAt: string;
  endsAt: string;
  kind: 'interruption' | 'hot_water_temperature' | 'room_temperature';
  measured: string | null;
  norm: string | null;
  night: boolean;
};

export type UndersupplyInput = {
  serviceId: number;
  scopeKind: Undersupply['scopeKind'];
  entrance: string | null;
  accountIds: number[];
  startsAt: string;
  endsAt: string;
  kind: Undersupply['kind'];
  measured: string | null;
  norm: string | null;
  night: boolean;
};

type Items<T> = { items: T[] };

export const billingApi = {
  periods: (signal?: AbortSignal) => apiRequest<Items<BillingPeriodRow>>('/billing/periods', { signal }),
  closePeriod: (period: string) =>
    apiRequest<{ closed: string; open: string }>(`/billing/periods/${period}/close`, { method: 'POST' }),
  runs: (signal?: AbortSignal) => apiRequest<Items<BillingRun>>('/billing/runs', { signal }),
  run: (id: number, signal?: AbortSignal) =>
    apiRequest<BillingRun & { houses: RunHouse[] }>(`/billing/runs/${id}`, { signal }),
  startRun: (body: { period: string; houseId?: number; managerId?: number; dryRun: boolean }) =>
    apiRequest<BillingRun>('/billing/runs', { method: 'POST', body }),
  accountCharges: (accountId: number, signal?: AbortSignal) =>
    apiRequest<Items<ChargeLine>>(`/billing/accounts/${accountId}/charges`, { signal }),
  houseSummary: (houseId: number, period: string, signal?: AbortSignal) =>
    apiRequest<Items<SummaryRow>>(`/billing/houses/${houseId}/summary`, { query: { period }, signal }),
  journal: (signal?: AbortSignal) => apiRequest<Items<JournalRow>>('/billing/recalculations', { signal }),
  undersupplies: (houseId: number, signal?: AbortSignal) =>
    apiRequest<Items<Undersupply>>(`/billing/houses/${houseId}/undersupplies`, { signal }),
  createUndersupply: (houseId: number, body: UndersupplyInput) =>
    apiRequest<Undersupply>(`/billing/houses/${houseId}/undersupplies`, { method: 'POST', body }),
};

/** 123456 → "1 234,56". */
export function formatKop(kop: number): string {
  const sign = kop < 0 ? '−' : '';
  const abs = Math.abs(kop);
  const rub = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${rub},${String(abs % 100).padStart(2, '0')}`;
}

export const METHOD_LABELS: Record<string, string> = {
  by_meter: 'по ИПУ',
  by_norm: 'по нормативу',
  by_area: 'по площади',
  fixed: 'фиксированная',
  per_person: 'на человека',
  heating_by_norm: 'отопление по нормативу',
  heating_by_common_meter: 'отопление по ОДПУ',
  common_needs_by_norm: 'СОИ по нормативу',
  common_needs_by_common_meter: 'СОИ по ОДПУ',
  by_average: 'по среднему',
  by_norm_after_average: 'норматив после среднего',
  by_flat_meter: 'по общему квартирному ПУ',
  by_water_volumes: 'по объёмам ХВС и ГВС',
  temporary_absence: 'временное отсутствие',
  quality_reduction: 'снижение за качество',
  heating_correction: 'корректировка отопления',
  recalculation: 'перерасчёт',
};

export const RUN_STATUS_LABELS: Record<string, string> = {
  running: 'идёт',
  done: 'готов',
  failed: 'с ошибками',
  pending: 'в очереди',
  working: 'считается',
};
