/**
 * The permission matrix: every role and API-key scope, and what it may do. The one place to
 * read or change who can do what; routes name a permission, never a role.
 */
export const ROLES = ['owner', 'admin', 'marketer', 'analyst', 'store_manager', 'associate', 'agent', 'sales_rep'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work in stores see only the stores they are assigned to. */
export const STORE_ROLES: ReadonlySet<Role> = new Set(['store_manager', 'associate']);

export const PERMISSIONS = [
  'org.manage', // org settings
  'users.manage', // invite, deactivate, reset, roles
  'stores.manage', // create and edit brands and stores
  'stores.read',
  'api_keys.manage',
  'audit.read',
  'jobs.read',
  'pii.read', // see personal data unmasked
  'customers.read',
  'customers.write', // create, edit, notes, tags, identities
  'customers.merge', // review duplicates and merge
  'customers.import',
  'customers.export',
  'customers.settings', // custom field definitions
  'quality.read', // data quality report
  'consents.write', // record consent given at the counter, on the phone…
  'privacy.manage', // data-subject requests, retention, İYS settings
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYTHING: readonly Permission[] = PERMISSIONS;

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: EVERYTHING,
  admin: EVERYTHING,
  marketer: ['stores.read', 'jobs.read', 'customers.read', 'customers.export', 'quality.read'],
  analyst: ['stores.read', 'jobs.read', 'customers.read', 'customers.export', 'quality.read'],
  store_manager: [
    'stores.read',
    'jobs.read',
    'pii.read',
    'customers.read',
    'customers.write',
    'customers.merge',
    'customers.import',
    'quality.read',
    'consents.write',
  ],
  associate: ['stores.read', 'pii.read', 'customers.read', 'customers.write', 'consents.write'],
  agent: ['stores.read', 'pii.read', 'customers.read', 'customers.write', 'consents.write'],
  sales_rep: ['stores.read', 'pii.read', 'customers.read', 'customers.write'],
};

export const API_KEY_SCOPES = ['read', 'pos', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** API keys never manage users or other keys: a leaked key must not mint more access. */
const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  read: ['stores.read', 'jobs.read', 'customers.read'],
  pos: ['stores.read', 'pii.read', 'customers.read', 'customers.write', 'consents.write'],
  admin: [
    'org.manage',
    'stores.manage',
    'stores.read',
    'audit.read',
    'jobs.read',
    'pii.read',
    'customers.read',
    'customers.write',
    'customers.merge',
    'customers.import',
    'customers.export',
    'customers.settings',
    'quality.read',
    'consents.write',
    'privacy.manage',
  ],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function permissionsOfScopes(scopes: readonly ApiKeyScope[]): ReadonlySet<Permission> {
  return new Set(scopes.flatMap((s) => SCOPE_PERMISSIONS[s]));
}
