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
  'catalog.read', // products, barcodes, categories, suppliers
  'catalog.write', // create, edit and import products and suppliers
  'sales.read', // receipts, orders, returns, purchase summaries
  'sales.write', // record receipts and orders, order status, claims, cart / wishlist activity
  'sales.return', // returns and exchanges
  'sales.import', // historical sales import
  'loyalty.read', // programs, promotions, coupons, stamp cards, a customer's points and ledger
  'loyalty.manage', // define programs, promotions, stamp cards, coupon campaigns and receipt-coupon rules
  'loyalty.adjust', // manual points adjustments
  'pos.use', // the POS API: identify, evaluate, commit, refund; the counter's stamp button
  'analytics.read', // CLV fits and scores, basket rules, RFM (store roles: their stores' baskets)
  'analytics.manage', // fit models, run RFM, edit the RFM grid
  'segments.read', // segments, their counts and members (masked without pii.read)
  'segments.manage', // create, edit, freeze and upload segments
  'messaging.read', // templates, the outbox, message statuses
  'messaging.manage', // templates, message providers and their secrets, suppression list
  'campaigns.read', // campaigns and their reports
  'campaigns.manage', // create, send, schedule and cancel campaigns
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYTHING: readonly Permission[] = PERMISSIONS;

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: EVERYTHING,
  admin: EVERYTHING,
  marketer: [
    'stores.read',
    'jobs.read',
    'customers.read',
    'customers.export',
    'quality.read',
    'sales.read',
    'catalog.read',
    'catalog.write',
    'loyalty.read',
    'loyalty.manage',
    'analytics.read',
    'segments.read',
    'segments.manage',
    'messaging.read',
    'messaging.manage',
    'campaigns.read',
    'campaigns.manage',
  ],
  analyst: [
    'stores.read',
    'jobs.read',
    'customers.read',
    'customers.export',
    'quality.read',
    'sales.read',
    'catalog.read',
    'loyalty.read',
    'analytics.read',
    'analytics.manage',
    'segments.read',
    'segments.manage',
    'campaigns.read',
  ],
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
    'sales.read',
    'sales.write',
    'sales.return',
    'catalog.read',
    'loyalty.read',
    'loyalty.adjust',
    'pos.use',
    'analytics.read',
  ],
  associate: [
    'stores.read',
    'pii.read',
    'customers.read',
    'customers.write',
    'consents.write',
    'sales.read',
    'sales.write',
    'sales.return',
    'catalog.read',
    'loyalty.read',
    'pos.use',
  ],
  agent: ['stores.read', 'pii.read', 'customers.read', 'customers.write', 'consents.write', 'sales.read', 'catalog.read', 'loyalty.read'],
  sales_rep: ['stores.read', 'pii.read', 'customers.read', 'customers.write', 'catalog.read'],
};

export const API_KEY_SCOPES = ['read', 'pos', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** API keys never manage users or other keys: a leaked key must not mint more access. */
const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  read: [
    'stores.read',
    'jobs.read',
    'customers.read',
    'sales.read',
    'catalog.read',
    'loyalty.read',
    'analytics.read',
    'segments.read',
    'messaging.read',
    'campaigns.read',
  ],
  pos: [
    'stores.read',
    'pii.read',
    'customers.read',
    'customers.write',
    'consents.write',
    'sales.read',
    'sales.write',
    'sales.return',
    'catalog.read',
    'loyalty.read',
    'pos.use',
  ],
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
    'sales.read',
    'sales.write',
    'sales.return',
    'sales.import',
    'catalog.read',
    'catalog.write',
    'loyalty.read',
    'loyalty.manage',
    'loyalty.adjust',
    'analytics.read',
    'analytics.manage',
    'segments.read',
    'segments.manage',
    'messaging.read',
    'messaging.manage',
    'campaigns.read',
    'campaigns.manage',
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
