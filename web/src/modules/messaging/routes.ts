import { IconMailForward, IconPlugConnected, IconTemplate, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the messaging module. With `nav` it is listed in the navigation and on the home page. */
export interface MessagingPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `messaging` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const MESSAGING_PAGES: MessagingPage[] = [
  {
    path: '/messaging/templates',
    permission: 'messaging.read',
    nav: { key: 'templates', icon: IconTemplate },
    load: async () => (await import('./templates/TemplatesPage')).TemplatesPage,
  },
  {
    path: '/messaging/templates/new',
    permission: 'messaging.manage',
    load: async () => (await import('./templates/TemplateEditorPage')).NewTemplatePage,
  },
  {
    path: '/messaging/templates/:id',
    permission: 'messaging.read',
    load: async () => (await import('./templates/TemplateEditorPage')).TemplatePage,
  },
  {
    path: '/messaging/providers',
    permission: 'messaging.manage',
    nav: { key: 'providers', icon: IconPlugConnected },
    load: async () => (await import('./providers/ProvidersPage')).ProvidersPage,
  },
  {
    path: '/messaging/outbox',
    permission: 'messaging.read',
    nav: { key: 'outbox', icon: IconMailForward },
    load: async () => (await import('./outbox/OutboxPage')).OutboxPage,
  },
  {
    path: '/messaging/settings',
    permission: 'messaging.read',
    load: async () => (await import('./outbox/SettingsPage')).SettingsPage,
  },
];

/** Each page is loaded when first opened. */
export const messagingRoutes: RouteObject[] = MESSAGING_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
