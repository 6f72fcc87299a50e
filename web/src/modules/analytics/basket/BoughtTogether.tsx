import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../app/api/problem';
import { Panel } from '../../../app/ui/Panel';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { type Product, ProductSearch } from '../../loyalty/parts/pickers';
import { useNumbers } from '../format';
import { type Mining, togetherQuery } from '../queries';

/** "Birlikte alınanlar": pick a product, see what its buyers often take along, with the reason. */
export function BoughtTogether({ mining }: { mining: Mining }) {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { num, pct } = useNumbers();
  const [product, setProduct] = useState<Product | null>(null);
  const together = useQuery({ ...togetherQuery(product?.id ?? '', mining), enabled: product !== null, throwOnError: false });
  return (
    <Panel title={t('basket.together.title')} hint={t('basket.together.hint')} testId="bought-together">
      <ProductSearch label={t('basket.together.product')} onPick={setProduct} maw={480} />
      {product && (
        <Stack gap="xs" mt="md">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {t('basket.together.chosen', { name: `${product.name} · ${product.sku}` })}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => setProduct(null)}>
              {t('basket.together.clear')}
            </Button>
          </Group>
          {together.isError ? (
            <Alert color="orange" variant="light">
              {isProblem(together.error) ? together.error.detail : tApp('errors.network')}
            </Alert>
          ) : !together.data ? (
            <ListSkeleton rows={3} />
          ) : together.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('basket.together.none')}
            </Text>
          ) : (
            together.data.items.map((item) => (
              <Card
                key={item.product.productId ?? item.product.sku ?? item.product.name}
                withBorder
                padding="sm"
                data-testid="together-item"
              >
                <Group justify="space-between" align="flex-start" gap="xs">
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {item.product.name}
                      {item.product.sku && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          · {item.product.sku}
                        </Text>
                      )}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {item.reason}
                    </Text>
                  </div>
                  <Group gap={4}>
                    <Badge variant="light" style={{ textTransform: 'none' }}>
                      {t('basket.together.confidence', { percent: pct(item.confidence) })}
                    </Badge>
                    <Badge variant="light" color="violet" style={{ textTransform: 'none' }}>
                      {t('basket.together.lift', { lift: num(item.lift, 2) })}
                    </Badge>
                  </Group>
                </Group>
              </Card>
            ))
          )}
        </Stack>
      )}
    </Panel>
  );
}
