import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { PRIVACY_PAGES } from './routes';

/** The privacy pages this user may open, for the navigation. */
export function usePrivacyLinks(): NavItem[] {
  const { t } = useTranslation('privacy');
  const { can } = useSession();
  return PRIVACY_PAGES.flatMap((page) =>
    page.nav && can(page.permission)
      ? [{ to: page.path, icon: page.nav.icon, label: t(`nav.${page.nav.key}.title`), description: t(`nav.${page.nav.key}.description`) }]
      : [],
  );
}
