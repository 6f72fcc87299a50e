import { NavLink, ScrollArea, Text } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSettingsLinks } from '../../modules/access/nav';
import { useAnalyticsLinks } from '../../modules/analytics/nav';
import { useCampaignsLinks } from '../../modules/campaigns/nav';
import { useCatalogLinks } from '../../modules/catalog/nav';
import { useCustomerLinks } from '../../modules/customers/nav';
import { useLoyaltyLinks } from '../../modules/loyalty/nav';
import { useMessagingLinks } from '../../modules/messaging/nav';
import { usePrivacyLinks } from '../../modules/privacy/nav';
import { useSalesLinks } from '../../modules/sales/nav';
import { useSegmentsLinks } from '../../modules/segments/nav';
import type { NavItem } from './nav';

function Item({ item, exact, onNavigate }: { item: Pick<NavItem, 'to' | 'label' | 'icon'>; exact?: boolean; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const active = exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
  return (
    <NavLink component={Link} to={item.to} label={item.label} leftSection={<item.icon size={18} />} active={active} onClick={onNavigate} />
  );
}

function NavGroup({ label, items, onNavigate }: { label: string; items: NavItem[]; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const opens = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  if (items.length === 0) return null;
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
        {label}
      </Text>
      {items.map((item) => (
        // Not active when a deeper item of the group is (/customers/quick under /customers).
        <Item
          key={item.to}
          item={item}
          exact={items.some((other) => other.to.startsWith(`${item.to}/`) && opens(other.to))}
          onNavigate={onNavigate}
        />
      ))}
    </>
  );
}

/** The modules the user may use: customers, then the settings of every module. */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('customers');
  const customers = useCustomerLinks('customers');
  const { t: tCatalog } = useTranslation('catalog');
  const catalog = useCatalogLinks();
  const { t: tSales } = useTranslation('sales');
  const sales = useSalesLinks();
  const { t: tLoyalty } = useTranslation('loyalty');
  const loyalty = useLoyaltyLinks();
  const { t: tAnalytics } = useTranslation('analytics');
  const analytics = useAnalyticsLinks();
  const marketing = [...useSegmentsLinks(), ...useCampaignsLinks(), ...useMessagingLinks()];
  const settings = [...useSettingsLinks(), ...useCustomerLinks('settings'), ...usePrivacyLinks()];
  return (
    <ScrollArea>
      <Item item={{ to: '/', label: t('nav.home'), icon: IconHome }} exact onNavigate={onNavigate} />
      <NavGroup label={tc('section')} items={customers} onNavigate={onNavigate} />
      <NavGroup label={tSales('section')} items={sales} onNavigate={onNavigate} />
      <NavGroup label={tLoyalty('section')} items={loyalty} onNavigate={onNavigate} />
      <NavGroup label={t('nav.marketing')} items={marketing} onNavigate={onNavigate} />
      <NavGroup label={tAnalytics('section')} items={analytics} onNavigate={onNavigate} />
      <NavGroup label={tCatalog('section')} items={catalog} onNavigate={onNavigate} />
      <NavGroup label={t('nav.settings')} items={settings} onNavigate={onNavigate} />
    </ScrollArea>
  );
}
