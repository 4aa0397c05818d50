// Typed calls to each endpoint the UI uses. Screens call these through react-query.
import { apiRequest, type QueryValue } from './client';
import type {
  ApiToken,
  AuditEntry,
  CreatedToken,
  Me,
  Organisation,
  Page,
  Role,
  SearchResult,
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

  audit: (query: ListQuery, signal?: AbortSignal) =>
    apiRequest<Page<AuditEntry>>('/audit', { query, signal }),

  search: (q: string, signal?: AbortSignal) =>
    apiRequest<{ items: SearchResult[] }>('/search', { query: { q }, signal }),
};
