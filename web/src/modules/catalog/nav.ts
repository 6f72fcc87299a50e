import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { CATALOG_PAGES } from './routes';

/** The catalog pages this user may open, for the navigation and the home page. */
export function useCatalogLinks(): NavItem[] {
  const { t } = useTranslation('catalog');
  const { can } = useSession();
  return CATALOG_PAGES.flatMap((page) =>
    page.nav && (!page.permission || can(page.permission))
      ? [{ to: page.path, icon: page.nav.icon, label: t(`nav.${page.nav.key}.title`), description: t(`nav.${page.nav.key}.description`) }]
      : [],
  );
}
