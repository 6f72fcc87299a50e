import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import type { NavItem } from '../../app/shell/nav';
import { CUSTOMER_PAGES, type CustomerPage } from './routes';

/** The customers pages of one navigation group this user may open. */
export function useCustomerLinks(group: NonNullable<CustomerPage['nav']>['group']): NavItem[] {
  const { t } = useTranslation('customers');
  const { can } = useSession();
  return CUSTOMER_PAGES.flatMap((page) =>
    page.nav?.group === group && (!page.permission || can(page.permission))
      ? [{ to: page.path, icon: page.nav.icon, label: t(`nav.${page.nav.key}.title`), description: t(`nav.${page.nav.key}.description`) }]
      : [],
  );
}
