import { IconUsersGroup, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '../../app/auth/session';
import type { RouteHandle } from '../../app/shell/nav';
import type { tr } from './i18n/tr';

/** A page of the segments module. With `nav` it is listed in the navigation and on the home page. */
export interface SegmentsPage {
  path: string;
  permission?: Permission;
  load: () => Promise<ComponentType>;
  /** Its title and description are `nav.<key>.title` / `nav.<key>.description` in the `segments` namespace. */
  nav?: { key: keyof typeof tr.nav; icon: TablerIcon };
}

export const SEGMENTS_PAGES: SegmentsPage[] = [
  {
    path: '/segments',
    permission: 'segments.read',
    nav: { key: 'segments', icon: IconUsersGroup },
    load: async () => (await import('./SegmentsPage')).SegmentsPage,
  },
  {
    path: '/segments/new',
    permission: 'segments.manage',
    load: async () => (await import('./editor/SegmentEditorPage')).NewSegmentPage,
  },
  {
    path: '/segments/:id',
    permission: 'segments.read',
    load: async () => (await import('./editor/SegmentEditorPage')).SegmentPage,
  },
];

/** Each page is loaded when first opened. */
export const segmentsRoutes: RouteObject[] = SEGMENTS_PAGES.map((page) => ({
  path: page.path.slice(1),
  handle: { permission: page.permission } satisfies RouteHandle,
  lazy: async () => ({ Component: await page.load() }),
}));
