import { NavLink, ScrollArea, Text } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSettingsLinks } from '../../modules/access/nav';
import type { NavItem } from './nav';

function Item({ item, exact, onNavigate }: { item: Pick<NavItem, 'to' | 'label' | 'icon'>; exact?: boolean; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const active = exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
  return (
    <NavLink component={Link} to={item.to} label={item.label} leftSection={<item.icon size={18} />} active={active} onClick={onNavigate} />
  );
}

/** The modules the user may use; today only the settings of the access module. */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const settings = useSettingsLinks();
  return (
    <ScrollArea>
      <Item item={{ to: '/', label: t('nav.home'), icon: IconHome }} exact onNavigate={onNavigate} />
      {settings.length > 0 && (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
            {t('nav.settings')}
          </Text>
          {settings.map((item) => (
            <Item key={item.to} item={item} onNavigate={onNavigate} />
          ))}
        </>
      )}
    </ScrollArea>
  );
}
