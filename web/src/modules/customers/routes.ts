import {
  IconAddressBook,
  IconChartBar,
  IconFileImport,
  IconForms,
  IconUserPlus,
  IconUsersGroup,
  type TablerIcon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the customers module. With `nav` it is listed in the navigation and on the home page. */
export interface CustomerPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `customers` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon; group: 'customers' | 'settings' };
}

/**
 * The customers pages: one list for the routes, the navigation and the home page.
 * Other parts of the module (import, duplicates, quality, …) add their entries here.
 */
export const CUSTOMER_PAGES: CustomerPage[] = [
  {
    path: '/customers',
    permission: 'customers.read',
    nav: { key: 'list', icon: IconAddressBook, group: 'customers' },
    load: async () => (await import('./list/CustomerListPage')).CustomerListPage,
  },
  {
    // Before `/customers/:id`, though react-router ranks static segments first anyway.
    path: '/customers/quick',
    permission: 'customers.write',
    nav: { key: 'quick', icon: IconUserPlus, group: 'customers' },
    load: async () => (await import('./quick/QuickAddPage')).QuickAddPage,
  },
  {
    path: '/customers/duplicates',
    permission: 'customers.merge',
    nav: { key: 'duplicates', icon: IconUsersGroup, group: 'customers' },
    load: async () => (await import('./duplicates/DuplicatesPage')).DuplicatesPage,
  },
  {
    path: '/customers/quality',
    permission: 'quality.read',
    nav: { key: 'quality', icon: IconChartBar, group: 'customers' },
    load: async () => (await import('./quality/QualityReportPage')).QualityReportPage,
  },
  {
    path: '/customers/import',
    permission: 'customers.import',
    nav: { key: 'import', icon: IconFileImport, group: 'customers' },
    load: async () => (await import('./import/ImportPage')).ImportPage,
  },
  {
    path: '/customers/:id',
    permission: 'customers.read',
    load: async () => (await import('./profile/CustomerPage')).CustomerPage,
  },
  {
    path: '/settings/custom-fields',
    permission: 'customers.settings',
    nav: { key: 'customFields', icon: IconForms, group: 'settings' },
    load: async () => (await import('./custom-fields/CustomFieldsPage')).CustomFieldsPage,
  },
];

/** Each page is loaded when first opened. */
export const customersRoutes: RouteObject[] = CUSTOMER_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
