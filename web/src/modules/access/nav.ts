import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { SETTINGS_PAGES } from './routes';

/** The settings pages this user may open, for the navigation and the home page. */
export function useSettingsLinks(): NavItem[] {
  const { t } = useTranslation('access');
  const { can } = useSession();
  return SETTINGS_PAGES.filter((page) => !page.permission || can(page.permission)).map((page) => ({
    to: page.path,
    icon: page.icon,
    label: t(`${page.section}.title`),
    description: t(`${page.section}.description`),
  }));
}
