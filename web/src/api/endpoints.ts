// Typed calls to each endpoint the UI uses. Screens call these through react-query.
import { apiRequest, type QueryValue } from './client';
import type {
  AccountCard,
  Account,
  ApiToken,
  AuditEntry,
  CreatedToken,
  District,
  House,
  HouseCard,
  HouseManager,
  HouseService,
  HouseTariffs,
  Me,
  Norm,
  NormCategory,
  NormCreate,
  Organisation,
  Page,
  Premise,
  Role,
  SearchResult,
  Service,
  Tariff,
  TariffCreate,
  User,
  UserCreate,
  UserPatch,
} from './types';

export type ListQuery = Record<string, QueryValue>;

export const api = {
  login: (login: string, password: string) =>
    apiRequest<{ user: Me }>('/auth/login', {
      method: 'POST',
      body: { login, password },
      quietUnauthorized: true,
    }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST', quietUnauthorized: true }),
  me: () => apiRequest<{ user: Me }>('/auth/me', { quietUnauthorized: true }),

  users: (query: ListQuery, signal?: AbortSignal) => apiRequest<Page<User>>('/users', { query, signal }),
  user: (id: number, signal?: AbortSignal) => apiRequest<User>(`/users/${id}`, { signal }),
  createUser: (body: UserCreate) => apiRequest<User>('/users', { method: 'POST', body }),
  updateUser: (id: number, body: UserPatch) => apiRequest<User>(`/users/${id}`, { method: 'PATCH', body }),

  tokens: (userId: number, signal?: AbortSignal) =>
    apiRequest<{ items: ApiToken[] }>(`/users/${userId}/tokens`, { signal }),
  createToken: (userId: number, body: { name: string; expiresAt?: string }) =>
    apiRequest<CreatedToken>(`/users/${userId}/tokens`, { method: 'POST', body }),
  revokeToken: (userId: number, tokenId: number) =>
    apiRequest<void>(`/users/${userId}/tokens/${tokenId}`, { method: 'DELETE' }),

  roles: (signal?: AbortSignal) => apiRequest<{ items: Role[] }>('/roles', { signal }),

  organisations: (query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Organisation>>('/organisations', { query, signal }),
  organisation: (id: number, signal?: AbortSignal) =>
    apiRequest<Organisation>(`/organisations/${id}`, { signal }),

  districts: (signal?: AbortSignal) => apiRequest<{ items: District[] }>('/districts', { signal }),
  houses: (query: ListQuery, signal?: AbortSignal) => apiRequest<Page<House>>('/houses', { query, signal }),
  house: (id: number, signal?: AbortSignal) => apiRequest<HouseCard>(`/houses/${id}`, { signal }),
  changeHouseManager: (id: number, body: { managerId: number; validFrom: string }) =>
    apiRequest<{ items: HouseManager[] }>(`/houses/${id}/managers`, { method: 'POST', body }),
  housePremises: (id: number, query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Premise>>(`/houses/${id}/premises`, { query, signal }),
  houseServices: (id: number, onDate: string, signal?: AbortSignal) =>
    apiRequest<{ items: HouseService[] }>(`/houses/${id}/services`, { query: { onDate }, signal }),

  services: (signal?: AbortSignal) => apiRequest<{ items: Service[] }>('/services', { signal }),

  houseTariffs: (id: number, onDate: string, signal?: AbortSignal) =>
    apiRequest<{ onDate: string; items: HouseTariffs[] }>(`/houses/${id}/tariffs`, {
      query: { onDate },
      signal,
    }),

  accounts: (query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Account>>('/accounts', { query, signal }),
  account: (id: number, signal?: AbortSignal) => apiRequest<AccountCard>(`/accounts/${id}`, { signal }),

  tariffs: (query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<Tariff>>('/tariffs', { query, signal }),
  tariffHistory: (id: number, signal?: AbortSignal) =>
    apiRequest<{ items: Tariff[] }>(`/tariffs/${id}/history`, { signal }),
  createTariff: (body: TariffCreate) => apiRequest<Tariff>('/tariffs', { method: 'POST', body }),

  norms: (query: ListQuery, signal?: AbortSignal) => apiRequest<Page<Norm>>('/norms', { query, signal }),
  normCategories: (signal?: AbortSignal) =>
    apiRequest<{ items: NormCategory[] }>('/norms/categories', { signal }),
  normHistory: (id: number, signal?: AbortSignal) =>
    apiRequest<{ items: Norm[] }>(`/norms/${id}/history`, { signal }),
  createNorm: (body: NormCreate) => apiRequest<Norm>('/norms', { method: 'POST', body }),

  audit: (query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<AuditEntry>>('/audit', { query, signal }),

  search: (q: string, signal?: AbortSignal) =>
    apiRequest<{ items: SearchResult[] }>('/search', { query: { q }, signal }),
};
