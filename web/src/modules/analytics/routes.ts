import {
  IconBuildingStore,
  IconChartDots3,
  IconGauge,
  IconGridDots,
  IconPhoneCheck,
  IconReceiptTax,
  IconShoppingCartHeart,
  type TablerIcon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the analytics module. With `nav` it is listed in the navigation and on the home page. */
export interface AnalyticsPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `analytics` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const ANALYTICS_PAGES: AnalyticsPage[] = [
  {
    path: '/analytics',
    permission: 'analytics.read',
    nav: { key: 'home', icon: IconGauge },
    load: async () => (await import('./home/AnalyticsHome')).AnalyticsHome,
  },
  {
    path: '/analytics/cashiers',
    permission: 'analytics.read',
    nav: { key: 'cashiers', icon: IconPhoneCheck },
    load: async () => (await import('./home/CashiersPage')).CashiersPage,
  },
  {
    path: '/analytics/assortment',
    permission: 'analytics.read',
    nav: { key: 'assortment', icon: IconBuildingStore },
    load: async () => (await import('./home/AssortmentPage')).AssortmentPage,
  },
  {
    path: '/analytics/coop',
    permission: 'analytics.read',
    nav: { key: 'coop', icon: IconReceiptTax },
    load: async () => (await import('./home/CoopPage')).CoopPage,
  },
  {
    path: '/analytics/clv',
    permission: 'analytics.read',
    nav: { key: 'clv', icon: IconChartDots3 },
    load: async () => (await import('./clv/ClvPage')).ClvPage,
  },
  {
    path: '/analytics/rfm',
    permission: 'analytics.read',
    nav: { key: 'rfm', icon: IconGridDots },
    load: async () => (await import('./rfm/RfmPage')).RfmPage,
  },
  {
    path: '/analytics/basket',
    permission: 'analytics.read',
    nav: { key: 'basket', icon: IconShoppingCartHeart },
    load: async () => (await import('./basket/BasketPage')).BasketPage,
  },
];

/** Each page is loaded when first opened. */
export const analyticsRoutes: RouteObject[] = ANALYTICS_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
