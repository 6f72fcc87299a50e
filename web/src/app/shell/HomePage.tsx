import { useTranslation } from 'react-i18next';
import { AccessOverview } from '../../modules/access/AccessOverview';
import { CatalogOverview } from '../../modules/catalog/CatalogOverview';
import { CustomersOverview } from '../../modules/customers/CustomersOverview';
import { LoyaltyOverview } from '../../modules/loyalty/LoyaltyOverview';
import { SalesOverview } from '../../modules/sales/SalesOverview';
import { useSession } from '../auth/session';
import { PageHeader } from '../ui/PageHeader';

/** Welcome, and what each module has to offer this user. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, org } = useSession();
  return (
    <>
      <PageHeader title={t('home.welcome', { name: user?.name ?? '' })} description={t('home.intro', { org: org.name })} />
      <CustomersOverview />
      <SalesOverview />
      <LoyaltyOverview />
      <CatalogOverview />
      <AccessOverview />
    </>
  );
}
