import { useTranslation } from 'react-i18next';
import { AccessOverview } from '../../modules/access/AccessOverview';
import { useAnalyticsLinks } from '../../modules/analytics/nav';
import { useCampaignsLinks } from '../../modules/campaigns/nav';
import { useCatalogLinks } from '../../modules/catalog/nav';
import { useCustomerLinks } from '../../modules/customers/nav';
import { useLoyaltyLinks } from '../../modules/loyalty/nav';
import { useMessagingLinks } from '../../modules/messaging/nav';
import { useSalesLinks } from '../../modules/sales/nav';
import { useSegmentsLinks } from '../../modules/segments/nav';
import { useSession } from '../auth/session';
import { PageHeader } from '../ui/PageHeader';
import { LinkCards } from './LinkCards';

/** Welcome, and what each module has to offer this user. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, org } = useSession();
  return (
    <>
      <PageHeader title={t('home.welcome', { name: user?.name ?? '' })} description={t('home.intro', { org: org.name })} />
      <LinkCards links={useCustomerLinks('customers')} />
      <LinkCards links={useSalesLinks()} variant="light" />
      <LinkCards links={useLoyaltyLinks()} variant="light" />
      <LinkCards links={[...useSegmentsLinks(), ...useCampaignsLinks(), ...useMessagingLinks()]} variant="light" />
      <LinkCards links={useAnalyticsLinks()} variant="light" />
      <LinkCards links={useCatalogLinks()} />
      <AccessOverview />
    </>
  );
}
