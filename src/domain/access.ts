/**
 * Who may do what: roles, their permissions, which roles an organisation's staff may hold, and
 * which organisations' data an actor sees. Pure data and functions; services enforce them
 * (docs/architecture.md, "Access").
 */
export const roleCodes = [
  'administrator',
  'billing_accountant',
  'cashier',
  'registration_officer',
  'dispatcher',
  'analyst',
  'payment_agent',
  'citizen',
] as const;
export type RoleCode = (typeof roleCodes)[number];

export const organisationKinds = [
  'settlement_centre',
  'manager',
  'supplier',
  'contractor',
  'payment_agent',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const permissions = [
  'organisations.read',
  'organisations.write',
  'registry.read',
  'registry.write',
  'tariffs.write',
  'users.read',
  'users.write',
  'tokens.write',
  'audit.read',
  'charges.read',
  'charges.run',
  'periods.close',
  'undersupplies.write',
  'residents.read',
  'residents.write',
  'personal_data.read',
  'meters.read',
  'meters.write',
  'readings.write',
  'payments.read',
  'payments.write',
  'documents.read',
  'documents.issue',
  'remittance.write',
] as const;
export type Permission = (typeof permissions)[number];

export type Role = { code: RoleCode; name: string; permissions: readonly Permission[] };

/** The role table. Later modules add their permissions here (e.g. 'charges.run' for the accountant). */
export const roles: readonly Role[] = [
  { code: 'administrator', name: 'Администратор', permissions },
  {
    code: 'billing_accountant',
    name: 'Бухгалтер-расчётчик',
    permissions: [
      'organisations.read',
      'registry.read',
      'registry.write',
      'tariffs.write',
      'audit.read',
      'charges.read',
      'charges.run',
      'periods.close',
      'undersupplies.write',
      'residents.read',
      'meters.read',
      'meters.write',
      'readings.write',
      'payments.read',
      'payments.write',
      'documents.read',
      'documents.issue',
      'remittance.write',
    ],
  },
  {
    code: 'cashier',
    name: 'Кассир',
    permissions: [
      'organisations.read',
      'registry.read',
      'residents.read',
      'meters.read',
      'readings.write',
      'charges.read',
      'payments.read',
      'payments.write',
      'documents.read',
      'documents.issue',
    ],
  },
  {
    code: 'registration_officer',
    name: 'Паспортист',
    permissions: [
      'organisations.read',
      'registry.read',
      'residents.read',
      'residents.write',
      'personal_data.read',
      'meters.read',
    ],
  },
  {
    code: 'dispatcher',
    name: 'Диспетчер',
    permissions: [
      'organisations.read',
      'registry.read',
      'meters.read',
      'readings.write',
      'undersupplies.write',
    ],
  },
  {
    code: 'analyst',
    name: 'Аналитик',
    permissions: [
      'organisations.read',
      'registry.read',
      'audit.read',
      'residents.read',
      'meters.read',
      'charges.read',
      'payments.read',
      'documents.read',
    ],
  },
  { code: 'payment_agent', name: 'Платёжный агент (машинный доступ)', permissions: [] },
  { code: 'citizen', name: 'Гражданин (личный кабинет)', permissions: [] },
];

const roleByCode = new Map(roles.map((r) => [r.code, r]));

/** Which roles the staff of each kind of organisation may hold. */
export const rolesAllowedFor: Readonly<Record<OrganisationKind, readonly RoleCode[]>> = {
  settlement_centre: [
    'administrator',
    'billing_accountant',
    'cashier',
    'registration_officer',
    'dispatcher',
    'analyst',
    'citizen',
  ],
  manager: [
    'administrator',
    'billing_accountant',
    'cashier',
    'registration_officer',
    'dispatcher',
    'analyst',
  ],
  supplier: ['administrator', 'billing_accountant', 'analyst'],
  contractor: ['administrator', 'dispatcher'],
  payment_agent: ['administrator', 'payment_agent'],
};

/** The authenticated user as the services see him. */
export type Actor = {
  /** null: the system itself (a CLI command run by the server's operator, a scheduled job). */
  userId: number | null;
  login: string;
  organisationId: number;
  organisationKind: OrganisationKind;
  roles: readonly RoleCode[];
  /** Organisations whose data this actor may see: his own, plus those his settlement centre serves. */
  scope: readonly number[];
};

export function permissionsOf(roleList: readonly RoleCode[]): Permission[] {
  const set = new Set<Permission>();
  for (const code of roleList) for (const p of roleByCode.get(code)?.permissions ?? []) set.add(p);
  return permissions.filter((p) => set.has(p));
}

export function hasPermission(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return actor.roles.some((code) => roleByCode.get(code)?.permissions.includes(permission));
}

/** Whether an actor may see data belonging to the organisation. */
export function isInScope(actor: Pick<Actor, 'scope'>, organisationId: number | null): boolean {
  return organisationId !== null && actor.scope.includes(organisationId);
}

/**
 * The organisations an actor of organisation `own` sees: a settlement centre sees itself and every
 * organisation it serves; any other organisation sees only itself.
 */
export function scopeOf(own: { id: number; kind: OrganisationKind }, served: readonly number[]): number[] {
  return own.kind === 'settlement_centre' ? [own.id, ...served.filter((id) => id !== own.id)] : [own.id];
}

/** Problems with a role list for a user of an organisation of this kind; empty when allowed. */
export function roleProblems(kind: OrganisationKind, roleList: readonly RoleCode[]): string[] {
  const allowed = rolesAllowedFor[kind];
  const problems: string[] = [];
  if (roleList.length === 0) problems.push('нужна хотя бы одна роль');
  if (new Set(roleList).size !== roleList.length) problems.push('роли повторяются');
  for (const r of roleList)
    if (!allowed.includes(r)) problems.push(`роль ${r} недоступна для организации вида ${kind}`);
  return problems;
}
