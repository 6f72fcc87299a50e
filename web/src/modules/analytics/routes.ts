import { IconChartDots3, IconShoppingCartHeart, type TablerIcon } from '@tabler/icons-react';
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
    path: '/analytics/clv',
    permission: 'analytics.read',
    nav: { key: 'clv', icon: IconChartDots3 },
    load: async () => (await import('./clv/ClvPage')).ClvPage,
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
