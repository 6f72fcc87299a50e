import type { TablerIcon } from '@tabler/icons-react';
import type { Permission } from '../auth/session';

/** A page a module offers in the navigation (already filtered to what the user may open). */
export interface NavItem {
  to: string;
  label: string;
  description: string;
  icon: TablerIcon;
}

/** What a route needs, read by the layout before it renders the page. */
export interface RouteHandle {
  permission?: Permission;
}
