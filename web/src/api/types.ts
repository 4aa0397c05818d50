// Shapes of the HTTP API under /api/v1, as the operator UI uses them.

export const ROLE_CODES = [
  'administrator',
  'billing_accountant',
  'cashier',
  'registration_officer',
  'dispatcher',
  'analyst',
  'payment_agent',
  'citizen',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export const ORGANISATION_KINDS = [
  'settlement_centre',
  'manager',
  'supplier',
  'contractor',
  'payment_agent',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type Me = {
  id: number;
  login: string;
  fullName: string;
  roles: RoleCode[];
  permissions: string[];
  organisation: { id: number; name: string; kind: OrganisationKind };
};

export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export type User = {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  roles: RoleCode[];
  organisationId: number;
  organisationName: string;
  isActive: boolean;
  createdAt: string;
  lastLoginAt: string | null;
};

export type UserCreate = {
  login: string;
  fullName: string;
  email?: string;
  password: string;
  roles: RoleCode[];
  organisationId: number;
};

export type UserPatch = {
  fullName?: string;
  email?: string | null;
  roles?: RoleCode[];
  isActive?: boolean;
  password?: string;
};

export type ApiToken = {
  id: number;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CreatedToken = { token: ApiToken; secret: string };

export type Role = {
  code: RoleCode;
  name: string;
  permissions: string[];
  /** The kinds of organisation whose staff may hold the role; the API refuses other combinations. */
  organisationKinds: OrganisationKind[];
};

export type Organisation = {
  id: number;
  kind: OrganisationKind;
  name: string;
  shortName?: string | null;
  inn: string;
  kpp: string | null;
  ogrn?: string | null;
  settlementCentreId: number | null;
  createdAt?: string;
};

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'read',
  'login',
  'logout',
  'import',
  'run',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  id: number;
  at: string;
  actor: { id: number; login: string; fullName: string } | null;
  action: AuditAction;
  objectType: string;
  objectId: string | number | null;
  organisationId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
};

export type SearchResult = {
  kind: string;
  id: number | string;
  title: string;
  subtitle: string | null;
  href: string;
};
