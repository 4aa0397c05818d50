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

export type Page<T> = {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** More matches than `total`: the list counts only up to it. */
  totalCapped?: boolean;
};

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

// ——— Картотека: дома, помещения, лицевые счета, услуги, тарифы, нормативы ———
// Dates without a time ("2026-03-01") are ISO days; areas, shares, rates and norms are exact decimals
// sent as strings ("1234.50"), never floats.

export type District = { id: number; code: string; name: string; settlementCentreId: number };

export const HOUSE_COLD_WATER = ['central', 'none', 'well'] as const;
export const HOUSE_HOT_WATER = ['central', 'open_system', 'local_heater', 'none'] as const;
export const HOUSE_HEATING = ['central', 'individual', 'none'] as const;
export const COMMON_METER_RESOURCES = ['cold_water', 'hot_water', 'heating', 'electricity', 'gas'] as const;

export type House = {
  id: number;
  externalId: string | null;
  settlementCentreId: number;
  districtId: number | null;
  fiasId: string | null;
  region: string;
  city: string;
  street: string;
  houseNumber: string;
  building: string | null;
  postalCode: string | null;
  /** "г. Демо-город, ул. Ленина, д. 5, корп. 2", as the server writes it. */
  address: string;
  kind: 'apartment_building' | 'private_house';
  yearBuilt: number | null;
  floors: number | null;
  entrances: number | null;
  totalArea: string | null;
  residentialArea: string | null;
  nonResidentialArea: string | null;
  commonArea: string | null;
  coldWater: (typeof HOUSE_COLD_WATER)[number];
  hotWater: (typeof HOUSE_HOT_WATER)[number];
  heating: (typeof HOUSE_HEATING)[number];
  hasGas: boolean;
  hasElectricStoves: boolean;
  hasLift: boolean;
  commonMeters: (typeof COMMON_METER_RESOURCES)[number][];
  /** The manager on the day asked for (today by default). */
  manager: { id: number; name: string } | null;
  accountsCount: number;
  createdAt: string;
};

export type HouseManager = {
  id: number;
  managerId: number;
  managerName: string;
  validFrom: string;
  validTo: string | null;
};

export type HouseCard = House & { managers: HouseManager[] };

export const PREMISE_KINDS = ['flat', 'room', 'non_residential'] as const;
export type PremiseKind = (typeof PREMISE_KINDS)[number];

export type Premise = {
  id: number;
  externalId: string | null;
  houseId: number;
  settlementCentreId: number;
  address: string;
  number: string;
  /** "кв. 12", "ком. 3", as the server writes it. */
  label: string;
  kind: PremiseKind;
  /** A room's shared flat. */
  flatId: number | null;
  isSharedFlat: boolean;
  rooms: number | null;
  floor: number | null;
  entrance: number | null;
  /** The areas on the date asked for (today by default); they are kept over time. */
  totalArea: string | null;
  livingArea: string | null;
  /** Open accounts of the premise. */
  accountsCount: number;
  createdAt: string;
};

export const ACCOUNT_STATUSES = ['open', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export type Account = {
  id: number;
  number: string;
  externalId: string | null;
  premise: { id: number; number: string; kind: PremiseKind; label: string };
  house: { id: number; address: string };
  settlementCentreId: number;
  payerKind: 'person' | 'organisation';
  payerName: string;
  payerOrganisationId: number | null;
  /** The part of the premise's area the account pays for, "1" for the whole. */
  areaShare: string;
  openedOn: string;
  closedOn: string | null;
  status: AccountStatus;
  closeReason: string | null;
  createdAt: string;
};

/** A split or merge: which account continued which, and when. */
export type AccountLink = {
  id: number;
  number: string;
  payerName: string;
  kind: 'split' | 'merge';
  onDate: string;
};

export type AccountCard = Account & { predecessors: AccountLink[]; successors: AccountLink[] };

export const SERVICE_METHODS = [
  'by_meter',
  'by_norm',
  'by_area',
  'fixed',
  'per_person',
  'heating_by_norm',
  'heating_by_common_meter',
  'common_needs_by_norm',
  'common_needs_by_common_meter',
] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** An entry of the service catalogue (справочник услуг). */
export type Service = {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: 'utility' | 'housing';
  resource: string | null;
  createdAt: string;
};

/** Which supplier provides which service to a house by which method, over a period. */
export type HouseService = {
  id: number;
  houseId: number;
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  supplierId: number;
  supplierName: string;
  method: ServiceMethod;
  validFrom: string;
  validTo: string | null;
};

export const TARIFF_ZONES = ['single', 'day', 'night', 'peak', 'semi_peak'] as const;
export type TariffZone = (typeof TARIFF_ZONES)[number];

/**
 * One version of a tariff: a rate per unit over a period. Its key — supplier, service, zone, and the
 * territory (region, city) or the listed houses — is shared by all its versions.
 */
export type Tariff = {
  id: number;
  supplierId: number;
  supplierName: string;
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  zone: TariffZone;
  rate: string;
  region: string | null;
  city: string | null;
  houseIds: number[];
  validFrom: string;
  validTo: string | null;
  source: string | null;
  createdAt: string;
};

export type TariffCreate = {
  supplierId: number;
  serviceId: number;
  zone: TariffZone;
  rate: string;
  region?: string | null;
  city?: string | null;
  houseIds?: number[];
  validFrom: string;
  validTo?: string | null;
  source?: string | null;
};

/** A consumption norm version; its key is the service, the region and the category of house equipment. */
export type Norm = {
  id: number;
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  region: string;
  /** A code of GET /norms/categories. */
  category: string;
  basis: 'per_person' | 'per_m2';
  /** month, or a month of the heating season. */
  per: 'month' | 'heating_season';
  value: string;
  /** The whole unit, e.g. "м³/чел. в месяц". */
  unit: string;
  validFrom: string;
  validTo: string | null;
  source: string | null;
  createdAt: string;
};

export type NormCategory = { code: string; group: string; name: string };

export type NormCreate = {
  serviceId: number;
  region: string;
  category: string;
  basis: Norm['basis'];
  per: Norm['per'];
  value: string;
  unit: string;
  validFrom: string;
  validTo?: string | null;
  source?: string | null;
};

/** The tariffs that apply to one service of a house on a date, and where they come from. */
export type HouseTariffs = {
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  supplierId: number;
  supplierName: string;
  method: ServiceMethod;
  /** houses: set for listed houses; city or region: the territory's; null: none found. */
  level: 'houses' | 'city' | 'region' | null;
  tariffs: Tariff[];
};
