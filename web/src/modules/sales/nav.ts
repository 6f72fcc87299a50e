import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { SALES_PAGES } from './routes';

/** The sales pages this user may open, for the navigation and the home page. */
export function useSalesLinks(): NavItem[] {
  const { t } = useTranslation('sales');
  const { can } = useSession();
  return SALES_PAGES.flatMap((page) =>
    page.nav && (!page.permission || can(page.permission))
      ? [{ to: page.path, icon: page.nav.icon, label: t(`nav.${page.nav.key}.title`), description: t(`nav.${page.nav.key}.description`) }]
      : [],
  );
}
