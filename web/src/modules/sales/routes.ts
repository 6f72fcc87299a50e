import { IconFileImport, IconReceipt, IconReceiptRefund, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the sales module. With `nav` it is listed in the navigation and on the home page. */
export interface SalesPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `sales` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const SALES_PAGES: SalesPage[] = [
  {
    path: '/sales',
    permission: 'sales.read',
    nav: { key: 'list', icon: IconReceipt },
    load: async () => (await import('./list/SalesListPage')).SalesListPage,
  },
  {
    path: '/sales/returns/new',
    permission: 'sales.return',
    nav: { key: 'returns', icon: IconReceiptRefund },
    load: async () => (await import('./returns/ReturnPage')).ReturnPage,
  },
  {
    path: '/sales/import',
    permission: 'sales.import',
    nav: { key: 'import', icon: IconFileImport },
    load: async () => (await import('./import/SalesImportPage')).SalesImportPage,
  },
  {
    path: '/sales/receipts/:id',
    permission: 'sales.read',
    load: async () => (await import('./receipt/ReceiptPage')).ReceiptPage,
  },
  {
    path: '/sales/orders/:id',
    permission: 'sales.read',
    load: async () => (await import('./order/OrderPage')).OrderPage,
  },
];

/** Each page is loaded when first opened. */
export const salesRoutes: RouteObject[] = SALES_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
