import { IconSpeakerphone, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the campaigns module. With `nav` it is listed in the navigation and on the home page. */
export interface CampaignsPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const CAMPAIGNS_PAGES: CampaignsPage[] = [
  {
    path: '/campaigns',
    permission: 'campaigns.read',
    nav: { key: 'campaigns', icon: IconSpeakerphone },
    load: async () => (await import('./CampaignsPage')).CampaignsPage,
  },
  {
    path: '/campaigns/new',
    permission: 'campaigns.manage',
    load: async () => (await import('./wizard/CampaignWizard')).NewCampaignPage,
  },
  {
    path: '/campaigns/:id/edit',
    permission: 'campaigns.manage',
    load: async () => (await import('./wizard/CampaignWizard')).EditCampaignPage,
  },
  {
    path: '/campaigns/:id',
    permission: 'campaigns.read',
    load: async () => (await import('./report/CampaignPage')).CampaignPage,
  },
];

/** Each page is loaded when first opened. */
export const campaignsRoutes: RouteObject[] = CAMPAIGNS_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
