import { IconClockShield, IconShieldCheck, IconShieldLock, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the privacy module; with `nav` it is listed in the navigation (settings group). */
interface PrivacyPage {
  path: string;
  permission: Permission;
  load: () => Promise<ComponentType>;
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const PRIVACY_PAGES: PrivacyPage[] = [
  {
    path: '/privacy/requests',
    permission: 'privacy.manage',
    nav: { key: 'requests', icon: IconShieldCheck },
    load: async () => (await import('./requests/RequestsPage')).RequestsPage,
  },
  {
    path: '/privacy/requests/:id',
    permission: 'privacy.manage',
    load: async () => (await import('./requests/RequestDetailPage')).RequestDetailPage,
  },
  {
    path: '/settings/retention',
    permission: 'privacy.manage',
    nav: { key: 'retention', icon: IconClockShield },
    load: async () => (await import('./settings/RetentionPage')).RetentionPage,
  },
  {
    path: '/settings/iys',
    permission: 'privacy.manage',
    nav: { key: 'iys', icon: IconShieldLock },
    load: async () => (await import('./settings/IysSettingsPage')).IysSettingsPage,
  },
];

/** Each page is loaded when first opened. */
export const privacyRoutes: RouteObject[] = PRIVACY_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
