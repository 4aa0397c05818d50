// Паспортный стол: the types and calls of /api/v1/persons, registrations, owners, absences and documents.
import { API_BASE, apiRequest } from '../api/client';
import type { Page } from '../api/types';

export type Person = {
  id: number;
  settlementCentreId: number;
  fullName: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  birthPlace: string | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  createdAt: string;
};
export type IdentityDocument = {
  id: number;
  kind: 'passport' | 'birth_certificate' | 'foreign_passport' | 'other';
  series: string;
  number: string;
  issuedBy: string;
  issuedOn: string;
  divisionCode: string | null;
  replacedOn: string | null;
};
export type Registration = {
  id: number;
  personId: number;
  personName: string;
  birthDate: string;
  accountId: number;
  accountNumber: string;
  premiseId: number;
  address: string;
  kind: 'permanent' | 'temporary';
  relation: string;
  validFrom: string;
  validTo: string | null;
  arrivedFrom: string | null;
  deregisteredOn: string | null;
  deregistrationReason: string | null;
  destination: string | null;
};
export type Absence = {
  id: number;
  personId: number;
  personName: string;
  departedOn: string;
  returnedOn: string;
  fullDays: number;
  document: string;
  appliedOn: string;
  status: 'accepted' | 'refused';
  decisionReason: string;
};
export type PersonCard = Person & {
  masked: boolean;
  documents: IdentityDocument[];
  registrations: Registration[];
  absences: Absence[];
};
export type Ownership = {
  id: number;
  ownerName: string;
  shareNumerator: number;
  shareDenominator: number;
  validFrom: string;
  validTo: string | null;
  titleRecordNumber: string;
  titleRecordDate: string;
};
export type ResidentsCount = {
  period: string;
  daysInPeriod: number;
  personDays: number;
  count: string;
  countDecimal: string;
  pieces: { from: string; to: string; days: number; residents: number }[];
  services: {
    serviceCode: string;
    serviceName: string;
    reducedByAbsence: boolean;
    absentDays: number;
    count: string;
    countDecimal: string;
  }[];
  explanation: string;
};
export type DocumentKind = 'house_register_extract' | 'flat_card' | 'registration_certificate';
export type IssuedDocument = {
  id: number;
  kind: DocumentKind;
  fullNumber: string;
  title: string;
  issuedAt: string;
  personId: number | null;
};

export const DOCUMENT_KINDS: { kind: DocumentKind; label: string }[] = [
  { kind: 'house_register_extract', label: 'Выписка из домовой книги' },
  { kind: 'flat_card', label: 'Поквартирная карточка (ф. 10)' },
  { kind: 'registration_certificate', label: 'Справка о регистрации' },
];
export const REGISTRATION_KIND_LABELS = {
  permanent: 'по месту жительства',
  temporary: 'по месту пребывания',
} as const;

export type PersonInput = {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  snils: string | null;
  phone?: string | null;
  document?: {
    kind: IdentityDocument['kind'];
    series: string;
    number: string;
    issuedBy: string;
    issuedOn: string;
  };
};

export const residentsApi = {
  persons: (query: { name?: string; birthDate?: string; page?: number }, signal?: AbortSignal) =>
    apiRequest<Page<Person>>('/persons', { query, signal }),
  person: (id: number, signal?: AbortSignal) => apiRequest<PersonCard>(`/persons/${id}`, { signal }),
  createPerson: (body: PersonInput) => apiRequest<Person>('/persons', { method: 'POST', body }),
  addIdentityDocument: (
    personId: number,
    body: {
      kind: IdentityDocument['kind'];
      series: string;
      number: string;
      issuedBy: string;
      issuedOn: string;
      divisionCode: string | null;
    },
  ) => apiRequest<IdentityDocument[]>(`/persons/${personId}/identity-documents`, { method: 'POST', body }),
  residents: (accountId: number, signal?: AbortSignal) =>
    apiRequest<{ count: number; onDate: string; registrations: Registration[] }>(
      `/accounts/${accountId}/residents`,
      {
        signal,
      },
    ),
  register: (
    accountId: number,
    body: {
      personId: number;
      kind: Registration['kind'];
      relation: string;
      validFrom: string;
      validTo?: string | null;
      arrivedFrom?: string | null;
    },
  ) => apiRequest<Registration>(`/accounts/${accountId}/registrations`, { method: 'POST', body }),
  deregister: (id: number, body: { deregisteredOn: string; reason: string; destination?: string | null }) =>
    apiRequest<Registration>(`/registrations/${id}/deregistration`, { method: 'POST', body }),
  count: (accountId: number, period: string, signal?: AbortSignal) =>
    apiRequest<ResidentsCount>(`/accounts/${accountId}/residents-count`, { query: { period }, signal }),
  absences: (accountId: number, signal?: AbortSignal) =>
    apiRequest<Absence[]>(`/accounts/${accountId}/absences`, { signal }),
  recordAbsence: (
    accountId: number,
    body: { personId: number; departedOn: string; returnedOn: string; document: string },
  ) => apiRequest<Absence>(`/accounts/${accountId}/absences`, { method: 'POST', body }),
  ownerships: (premiseId: number, signal?: AbortSignal) =>
    apiRequest<Ownership[]>(`/premises/${premiseId}/ownerships`, { signal }),
  addOwnership: (
    premiseId: number,
    body: {
      ownerKind: 'person' | 'organisation';
      personId: number;
      share: string;
      validFrom: string;
      titleRecordNumber: string;
      titleRecordDate: string;
      endOwnershipIds: number[];
    },
  ) => apiRequest<Ownership[]>(`/premises/${premiseId}/ownerships`, { method: 'POST', body }),
  documents: (accountId: number, signal?: AbortSignal) =>
    apiRequest<IssuedDocument[]>(`/accounts/${accountId}/documents`, { signal }),
  issue: (accountId: number, body: { kind: DocumentKind; personId?: number | null; requestKey: string }) =>
    apiRequest<IssuedDocument>(`/accounts/${accountId}/documents`, { method: 'POST', body }),
};

export const documentPdfUrl = (id: number) => `${API_BASE}/documents/${id}/pdf`;
export const personPath = (id: number) => `/residents/persons/${id}`;
