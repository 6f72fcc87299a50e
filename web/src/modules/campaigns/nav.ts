import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { CAMPAIGNS_PAGES } from './routes';

/** The campaigns pages this user may open, for the navigation and the home page. */
export function useCampaignsLinks(): NavItem[] {
  const { t } = useTranslation('campaigns');
  const { can } = useSession();
  return CAMPAIGNS_PAGES.flatMap((page) =>
    page.nav && (!page.permission || can(page.permission))
      ? [{ to: page.path, icon: page.nav.icon, label: t(`nav.${page.nav.key}.title`), description: t(`nav.${page.nav.key}.description`) }]
      : [],
  );
}
