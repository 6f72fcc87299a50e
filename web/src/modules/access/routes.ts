import { IconBuildingSkyscraper, IconBuildingStore, IconHistory, IconKey, IconTags, IconUsers, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';

interface SettingsPage {
  /** The page's section in the module's catalog (its `title` and `description`). */
  section: 'org' | 'stores' | 'brands' | 'users' | 'apiKeys' | 'audit';
  path: string;
  icon: TablerIcon;
  /** Who may open it; the org page is readable by everyone and editable with `org.manage`. */
  permission?: Permission;
  load: () => Promise<ComponentType>;
}

/** The settings pages: one list for the routes, the navigation and the home page. */
export const SETTINGS_PAGES: SettingsPage[] = [
  {
    section: 'org',
    path: '/settings/org',
    icon: IconBuildingSkyscraper,
    load: async () => (await import('./org/OrgSettingsPage')).OrgSettingsPage,
  },
  {
    section: 'stores',
    path: '/settings/stores',
    icon: IconBuildingStore,
    permission: 'stores.read',
    load: async () => (await import('./stores/StoresPage')).StoresPage,
  },
  {
    section: 'brands',
    path: '/settings/brands',
    icon: IconTags,
    permission: 'stores.read',
    load: async () => (await import('./brands/BrandsPage')).BrandsPage,
  },
  {
    section: 'users',
    path: '/settings/users',
    icon: IconUsers,
    permission: 'users.manage',
    load: async () => (await import('./users/UsersPage')).UsersPage,
  },
  {
    section: 'apiKeys',
    path: '/settings/api-keys',
    icon: IconKey,
    permission: 'api_keys.manage',
    load: async () => (await import('./api-keys/ApiKeysPage')).ApiKeysPage,
  },
  {
    section: 'audit',
    path: '/settings/audit-log',
    icon: IconHistory,
    permission: 'audit.read',
    load: async () => (await import('./audit/AuditLogPage')).AuditLogPage,
  },
];

/** Each page is loaded when first opened. */
export const accessRoutes: RouteObject[] = SETTINGS_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
