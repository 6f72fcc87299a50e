import { Anchor, Grid, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { RecommendationsCard } from '../../analytics/customer/RecommendationsCard';
import { ValueCard } from '../../analytics/customer/ValueCard';
import { LoyaltyCard } from '../../loyalty/customer/LoyaltyCard';
import { ConsentPanel } from '../../privacy/ConsentPanel';
import { PurchasesCard } from '../../sales/customer/PurchasesCard';
import { customerQuery, customFieldsQuery } from '../queries';
import { CustomerHeader } from './CustomerHeader';
import { IdentitiesCard } from './IdentitiesCard';
import { NotesCard } from './NotesCard';
import { fieldId, ProfileForm } from './ProfileForm';
import { StatusBanner } from './StatusBanner';
import { TimelineCard } from './TimelineCard';

/** Customer 360: who they are, how to reach them, what staff noted and what happened. */
export function CustomerPage() {
  const { t } = useTranslation('customers');
  const { id = '' } = useParams();
  const { can } = useSession();
  // A missing or foreign id throws to the route's error page (404).
  const customer = useQuery({ ...customerQuery(id), throwOnError: true });
  const fields = useQuery(customFieldsQuery);

  if (!customer.data || !fields.data) return <ListSkeleton rows={8} />;
  const c = customer.data;
  const readOnly = c.status !== 'active' || !can('customers.write');
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/customers" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('profile.back')}
      </Anchor>
      <StatusBanner customer={c} />
      <CustomerHeader customer={c} readOnly={readOnly} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {/* Keyed by the version, so a save restarts the form from the server's values. */}
          <ProfileForm key={c.updatedAt} customer={c} fields={fields.data} readOnly={readOnly} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {/* The quality hint "no consent recorded" scrolls here. */}
            <div id={fieldId('consent')}>
              <ConsentPanel customerId={c.id} />
            </div>
            <LoyaltyCard customerId={c.id} />
            <PurchasesCard customerId={c.id} />
            <ValueCard customerId={c.id} />
            <RecommendationsCard customerId={c.id} />
            <IdentitiesCard customer={c} readOnly={readOnly} />
            <NotesCard customerId={c.id} readOnly={readOnly} />
            <TimelineCard customerId={c.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
