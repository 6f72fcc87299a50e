import { AppShell, Box, Burger, Group, Progress, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useMatches, useNavigation } from 'react-router';
import { useSession } from '../auth/session';
import { Forbidden } from './ErrorPages';
import { Navigation } from './Navigation';
import type { RouteHandle } from './nav';
import { UserMenu } from './UserMenu';

/** Header, navigation and the page; below `sm` the navigation hides behind the burger. */
export function AppLayout() {
  const { t } = useTranslation();
  const { org, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const loading = useNavigation().state === 'loading';
  const needed = useMatches().flatMap((m) => (m.handle as RouteHandle | undefined)?.permission ?? []);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        {loading && <Progress value={100} animated size="xs" radius={0} pos="absolute" top={0} left={0} right={0} />}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/" fw={800} fz="lg" c="teal.8" style={{ textDecoration: 'none' }}>
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm" truncate>
              {org.name}
            </Text>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {/* On phones the navigation covers the page: it closes once a page is chosen. */}
        <Navigation onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1200}>{needed.every(can) ? <Outlet /> : <Forbidden />}</Box>
      </AppShell.Main>
    </AppShell>
  );
}
