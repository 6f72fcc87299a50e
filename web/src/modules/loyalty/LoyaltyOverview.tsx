import { Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { Link } from 'react-router';
import { useLoyaltyLinks } from './nav';

/** The loyalty pages on the home page. */
export function LoyaltyOverview() {
  const links = useLoyaltyLinks();
  if (links.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="lg">
      {links.map((link) => (
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
            </div>
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
