import { Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import { useSession } from '../../app/auth/session';
import { useSettingsLinks } from './nav';
import { brandsQuery, keys } from './queries';

// One page is enough for the home page: beyond it, "200+" says what matters.
const COUNT_LIMIT = 200;
const count = (page: { items: unknown[]; nextCursor: string | null }) => ({ n: page.items.length, more: page.nextCursor !== null });

/** The settings the user may open, with how many stores, brands and users there are. */
export function AccessOverview() {
  const { t } = useTranslation('access');
  const { can } = useSession();
  const links = useSettingsLinks();
  const common = { throwOnError: false, staleTime: 60_000 } as const;
  const stores = useQuery({
    ...common,
    queryKey: [...keys.stores, 'count'],
    queryFn: async () => count(await unwrap(api.GET('/api/v1/stores', { params: { query: { limit: COUNT_LIMIT } } }))),
    enabled: can('stores.read'),
  });
  const users = useQuery({
    ...common,
    queryKey: [...keys.users, 'count'],
    queryFn: async () => count(await unwrap(api.GET('/api/v1/users', { params: { query: { limit: COUNT_LIMIT, active: 'true' } } }))),
    enabled: can('users.manage'),
  });
  const brands = useQuery({ ...brandsQuery, ...common, enabled: can('stores.read') });

  const stats: Record<string, { pending: boolean; text?: string }> = {
    '/settings/stores': {
      pending: stores.isPending,
      text: stores.data && t('overview.stores', { count: stores.data.n, more: stores.data.more ? '+' : '' }),
    },
    '/settings/brands': { pending: brands.isPending, text: brands.data && t('overview.brands', { count: brands.data.length }) },
    '/settings/users': {
      pending: users.isPending,
      text: users.data && t('overview.users', { count: users.data.n, more: users.data.more ? '+' : '' }),
    },
  };

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {links.map((link) => {
        const stat = stats[link.to];
        return (
          <Card key={link.to} component={Link} to={link.to} withBorder padding="lg" style={{ textDecoration: 'none' }}>
            <Group wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size={40} radius="md">
                <link.icon size={22} />
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{link.label}</Text>
                <Text size="sm" c="dimmed">
                  {link.description}
                </Text>
                {stat?.pending && <Skeleton h={16} w={80} mt={6} />}
                {stat?.text && (
                  <Text size="sm" fw={600} c="teal.8" mt={6}>
                    {stat.text}
                  </Text>
                )}
              </div>
            </Group>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
