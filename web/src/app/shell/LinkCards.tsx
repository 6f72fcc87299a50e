import { Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { Link } from 'react-router';
import type { NavItem } from './nav';

/** A module's pages as cards on the home page; nothing when the user may open none of them. */
export function LinkCards({ links, variant = 'filled' }: { links: NavItem[]; variant?: 'filled' | 'light' }) {
  if (links.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="lg">
      {links.map((link) => (
        <Card key={link.to} component={Link} to={link.to} withBorder padding="lg" style={{ textDecoration: 'none' }}>
          <Group wrap="nowrap" align="flex-start">
            <ThemeIcon variant={variant} size={40} radius="md">
              <link.icon size={22} />
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Text fw={600}>{link.label}</Text>
              <Text size="sm" c="dimmed">
                {link.description}
              </Text>
            </div>
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
