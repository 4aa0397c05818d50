// ЕПД: the account's issued documents, issuing one, and batches with their progress (docs/epd.md "API").
import { API_BASE, apiRequest } from '../api/client';

export type PaymentDocument = {
  id: number;
  accountId: number;
  period: string;
  kind: 'monthly' | 'debt' | 'advance';
  months: number;
  documentNumber: string;
  totalToPayKop: number;
  createdAt: string;
};

export type IssueRequest =
  { kind: 'monthly'; period: string } | { kind: 'debt'; date: string } | { kind: 'advance'; months: number };

export type Batch = {
  id: number;
  period: string;
  scopeKind: 'house' | 'manager' | 'district';
  scopeId: number;
  status: 'running' | 'done' | 'failed';
  accountsTotal: number;
  accountsDone: number;
  documentsIssued: number;
  accountsSkipped: number;
  documentCount: number;
  error: string | null;
  finishedAt: string | null;
  createdAt: string;
};

type Items<T> = { items: T[] };

export const KIND_LABELS: Record<PaymentDocument['kind'], string> = {
  monthly: 'ежемесячный',
  debt: 'на долг',
  advance: 'на аванс',
};

export const BATCH_STATUS_LABELS: Record<Batch['status'], string> = {
  running: 'выпускается',
  done: 'готов',
  failed: 'ошибка',
};

export const SCOPE_LABELS: Record<Batch['scopeKind'], string> = {
  house: 'дом',
  manager: 'УО',
  district: 'район',
};

export const epdApi = {
  documents: (accountId: number, signal?: AbortSignal) =>
    apiRequest<Items<PaymentDocument>>(`/accounts/${accountId}/payment-documents`, { signal }),
  issue: (accountId: number, body: IssueRequest) =>
    apiRequest<PaymentDocument>(`/accounts/${accountId}/payment-documents`, { method: 'POST', body }),
  batches: (signal?: AbortSignal) => apiRequest<Items<Batch>>('/payment-document-batches', { signal }),
  batch: (id: number, signal?: AbortSignal) =>
    apiRequest<Batch>(`/payment-document-batches/${id}`, { signal }),
  startBatch: (body: { period: string; houseId?: number; managerId?: number; districtId?: number }) =>
    apiRequest<Batch>('/payment-document-batches', { method: 'POST', body }),
};

/** Where the browser opens a document's PDF (the reprint of the stored snapshot). */
export const documentPdfUrl = (id: number) => `${API_BASE}/payment-documents/${id}/pdf`;
export const batchPdfUrl = (id: number) => `${API_BASE}/payment-document-batches/${id}/pdf`;

/** The month before this one, ГГГГ-ММ: the period usually billed. */
export function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}
