import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { ProviderConfig } from './queries';

/** "Deneme gönder": one message now through this provider; its answer (or its error, as it gave it) below. */
export function TestSendModal({ config, onClose }: { config: ProviderConfig | null; onClose: () => void }) {
  const { t } = useTranslation('messaging');
  const form = useForm({ initialValues: { to: '', text: '' } });
  const send = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST('/api/v1/messaging/providers/{id}/test', {
          params: { path: { id: config!.id } },
          body: { to: v.to.trim(), ...(v.text.trim() ? { text: v.text.trim() } : {}) },
        }),
      ),
    onError: (error) => showFormError(form, error),
  });
  const close = () => {
    send.reset();
    form.reset();
    onClose();
  };
  const result = send.data;
  return (
    <Modal opened={config !== null} onClose={close} title={config ? t('providers.test.title', { name: config.name }) : ''} centered>
      {config && (
        <form onSubmit={form.onSubmit((v) => send.mutate(v))}>
          <Stack>
            {config.kind === 'outbox' && (
              <Text size="sm" c="dimmed">
                {t('providers.test.outboxNote')}
              </Text>
            )}
            <TextInput
              data-autofocus
              label={config.channel === 'email' ? t('providers.test.toEmail') : t('providers.test.toPhone')}
              type={config.channel === 'email' ? 'email' : 'tel'}
              inputMode={config.channel === 'email' ? 'email' : 'tel'}
              placeholder={config.channel === 'email' ? 'ayse@ornek.com.tr' : '0532 123 45 67'}
              required
              {...form.getInputProps('to')}
            />
            <Textarea label={t('providers.test.text')} autosize minRows={2} maxLength={1000} {...form.getInputProps('text')} />
            {result?.ok && (
              <Alert color="green" data-testid="test-result">
                {result.providerMessageId ? t('providers.test.ok', { id: result.providerMessageId }) : t('providers.test.okNoId')}
              </Alert>
            )}
            {result && !result.ok && (
              <Alert color="red" title={t('providers.test.failed')} data-testid="test-result">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {result.error}
                </Text>
                {result.retryable && (
                  <Text size="sm" mt={4} c="dimmed">
                    {t('providers.test.retryable')}
                  </Text>
                )}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('providers.form.cancel')}
              </Button>
              <Button type="submit" loading={send.isPending}>
                {t('providers.test.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
