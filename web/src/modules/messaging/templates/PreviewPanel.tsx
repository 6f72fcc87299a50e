import { Alert, Card, Code, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { CustomerPicker } from '../../privacy/requests/CustomerPicker';
import type { PreviewInput } from './queries';

type Draft = NonNullable<PreviewInput['template']>;

/**
 * The draft rendered by the server as it is typed (debounced): with a real customer picked by
 * phone or name (needs messaging.manage; the server audits it), or with sample values.
 */
export function PreviewPanel({ draft, ready }: { draft: Draft; ready: boolean }) {
  const { t } = useTranslation('messaging');
  const { can } = useSession();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [locale, setLocale] = useState<'tr' | 'en'>('tr');
  // Readiness is debounced with the draft, so an empty draft from 300 ms ago is never sent.
  const [debounced] = useDebouncedValue(
    { body: { template: draft, customerId: customerId ?? undefined, locale } as PreviewInput, ready },
    300,
  );
  const { body } = debounced;
  const preview = useQuery({
    queryKey: ['messaging', 'templates', 'preview', body],
    queryFn: () => unwrap(api.POST('/api/v1/messaging/templates/preview', { body })),
    enabled: debounced.ready,
    placeholderData: keepPreviousData,
    retry: false,
    // A draft with an unknown variable is normal while typing: the panel shows the server's message.
    throwOnError: false,
  });
  const p = preview.data;

  return (
    <Card withBorder padding="md" data-testid="template-preview">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={4}>{t('templates.preview.title')}</Title>
          <SegmentedControl
            size="xs"
            aria-label={t('templates.preview.locale')}
            value={locale}
            onChange={(v) => setLocale(v as 'tr' | 'en')}
            data={[
              { value: 'tr', label: 'TR' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Group>
        {can('messaging.manage') && can('customers.read') && (
          <CustomerPicker label={t('templates.preview.customer')} value={customerId} onChange={setCustomerId} />
        )}
        {!customerId && (
          <Text size="xs" c="dimmed">
            {t('templates.preview.sample')}
          </Text>
        )}
        {preview.error && (
          <Alert color="red" variant="light" data-testid="preview-error">
            {isProblem(preview.error) ? preview.error.detail : String(preview.error)}
          </Alert>
        )}
        {!ready && (
          <Text size="sm" c="dimmed">
            {t('templates.preview.empty')}
          </Text>
        )}
        {ready && p && !preview.error && (
          <Stack gap="xs">
            {p.locale !== locale && (
              <Text size="xs" c="orange">
                {t('templates.preview.renderedIn')}
              </Text>
            )}
            {p.subject !== undefined && (
              <Text size="sm">
                <b>{t('templates.preview.subject')}:</b> {p.subject}
              </Text>
            )}
            <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
                {p.text}
              </Text>
            </Paper>
            {p.whatsappTemplate && (
              <Text size="xs">
                {t('templates.preview.parameters')}:{' '}
                {p.whatsappTemplate.parameters.map((v, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a WhatsApp parameter is its position ({{1}}, {{2}} …)
                  <Code key={i} mr={4}>
                    {`{{${i + 1}}}`} {v}
                  </Code>
                ))}
              </Text>
            )}
            {p.html && (
              // The rendered HTML, sandboxed: no scripts, no same-origin access.
              <iframe
                title="html"
                sandbox=""
                srcDoc={p.html}
                style={{ width: '100%', height: 240, border: '1px solid var(--mantine-color-gray-3)' }}
              />
            )}
            {p.sms && (
              <Text size="xs" c="dimmed" data-testid="preview-sms">
                {t('templates.preview.sms', {
                  characters: p.sms.characters,
                  parts: p.sms.parts,
                  encoding: t(`templates.counter.encodings.${p.sms.encoding}`),
                })}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
