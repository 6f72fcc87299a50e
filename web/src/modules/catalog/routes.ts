import { IconBuildingWarehouse, IconFileImport, IconTags, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the catalog module. With `nav` it is listed in the navigation and on the home page. */
export interface CatalogPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `catalog` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const CATALOG_PAGES: CatalogPage[] = [
  {
    path: '/catalog/products',
    permission: 'catalog.read',
    nav: { key: 'products', icon: IconTags },
    load: async () => (await import('./products/ProductListPage')).ProductListPage,
  },
  {
    path: '/catalog/products/new',
    permission: 'catalog.write',
    load: async () => (await import('./products/ProductPage')).NewProductPage,
  },
  {
    path: '/catalog/products/:id',
    permission: 'catalog.read',
    load: async () => (await import('./products/ProductPage')).ProductPage,
  },
  {
    path: '/catalog/suppliers',
    permission: 'catalog.read',
    nav: { key: 'suppliers', icon: IconBuildingWarehouse },
    load: async () => (await import('./suppliers/SuppliersPage')).SuppliersPage,
  },
  {
    path: '/catalog/import',
    permission: 'catalog.write',
    nav: { key: 'import', icon: IconFileImport },
    load: async () => (await import('./import/ProductImportPage')).ProductImportPage,
  },
];

/** Each page is loaded when first opened. */
export const catalogRoutes: RouteObject[] = CATALOG_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
