import { Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { Panel } from '../../../app/ui/Panel';
import { useMoney } from '../../sales/money';
import { recommendationsQuery } from '../queries';

const PAGE = 5;
const MAX = 50;

/**
 * The customer 360's "Önerilen ürünler" (also what an associate reads at the counter): products
 * bought together with what the customer bought or like it, each with its reasons; best sellers for
 * a customer who has not bought yet.
 */
export function RecommendationsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const { money } = useMoney();
  const [limit, setLimit] = useState(PAGE);
  const allowed = can('analytics.read');
  const reco = useQuery({ ...recommendationsQuery(customerId, limit), enabled: allowed, throwOnError: false });
  if (!allowed) return null;
  const data = reco.data;
  const items = data?.items ?? [];
  const productLink = can('catalog.read');
  return (
    <Panel
      title={t('reco.title')}
      hint={t('reco.hint', { days: data?.basis.excludeDays ?? 30 })}
      testId="recommendations-card"
      csv={{
        fileName: 'oneriler',
        headers: ['sku', 'name', 'category', 'brand', 'price', 'score', 'reasons'].map((k) => t(`reco.csv.${k}` as 'reco.csv.sku')),
        rows: items.map((i) => [
          i.sku,
          i.name,
          i.category ?? '',
          i.brand ?? '',
          i.listPrice === null ? '' : i.listPrice / 100,
          i.score,
          i.reasons.map((r) => r.text).join(' '),
        ]),
      }}
    >
      {reco.isError ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : !data ? (
        <Text size="sm" c="dimmed">
          …
        </Text>
      ) : (
        <Stack gap="sm">
          {data.basis.coldStart && (
            <Text size="sm" c="dimmed" data-testid="reco-cold-start">
              {t('reco.coldStart')}
            </Text>
          )}
          {items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('reco.empty')}
            </Text>
          )}
          {items.map((i) => (
            <Stack key={i.productId} gap={2} data-testid="reco-item">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {productLink ? (
                    <Anchor component={Link} to={`/catalog/products/${i.productId}`} inherit>
                      {i.name}
                    </Anchor>
                  ) : (
                    i.name
                  )}
                </Text>
                {i.listPrice !== null && (
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {money(i.listPrice)}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[i.sku, i.brand, i.category].filter(Boolean).join(' · ')}
              </Text>
              <List size="xs" spacing={0} c="dimmed" data-testid="reco-reasons">
                {i.reasons.map((r) => (
                  <List.Item key={`${r.kind}-${r.text}`} style={{ overflowWrap: 'anywhere' }}>
                    {r.text}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
          {items.length >= limit && limit < MAX && (
            <Button variant="subtle" size="xs" onClick={() => setLimit((l) => Math.min(MAX, l + PAGE))} loading={reco.isFetching}>
              {t('reco.more')}
            </Button>
          )}
        </Stack>
      )}
    </Panel>
  );
}
