import { IconAward, IconCashRegister, IconDiscount, IconRosetteDiscount, IconTicket, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the loyalty module. With `nav` it is listed in the navigation and on the home page. */
export interface LoyaltyPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `loyalty` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const LOYALTY_PAGES: LoyaltyPage[] = [
  {
    path: '/pos',
    permission: 'pos.use',
    nav: { key: 'pos', icon: IconCashRegister },
    load: async () => (await import('./pos/PosPage')).PosPage,
  },
  {
    path: '/loyalty/program',
    permission: 'loyalty.read',
    nav: { key: 'program', icon: IconAward },
    load: async () => (await import('./program/ProgramPage')).ProgramPage,
  },
  {
    path: '/loyalty/promotions',
    permission: 'loyalty.read',
    nav: { key: 'promotions', icon: IconDiscount },
    load: async () => (await import('./promotions/PromotionsPage')).PromotionsPage,
  },
  {
    path: '/loyalty/promotions/new',
    permission: 'loyalty.manage',
    load: async () => (await import('./promotions/PromotionEditorPage')).NewPromotionPage,
  },
  {
    path: '/loyalty/promotions/:id',
    permission: 'loyalty.read',
    load: async () => (await import('./promotions/PromotionEditorPage')).PromotionPage,
  },
  {
    path: '/loyalty/coupons',
    permission: 'loyalty.read',
    nav: { key: 'coupons', icon: IconTicket },
    load: async () => (await import('./coupons/CouponsPage')).CouponsPage,
  },
  {
    path: '/loyalty/coupons/:id',
    permission: 'loyalty.read',
    load: async () => (await import('./coupons/CampaignPage')).CampaignPage,
  },
  {
    path: '/loyalty/stamp-cards',
    permission: 'loyalty.read',
    nav: { key: 'stamps', icon: IconRosetteDiscount },
    load: async () => (await import('./stamps/StampCardsPage')).StampCardsPage,
  },
];

/** Each page is loaded when first opened. */
export const loyaltyRoutes: RouteObject[] = LOYALTY_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
