import { Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { useFormat } from '../../../app/i18n/format';
import { notifySuccess } from '../../../app/ui/notify';
import { keys, notesQuery } from '../queries';

/** Staff's notes on the customer, newest first. */
export function NotesCard({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation('customers');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const notes = useQuery(notesQuery(customerId));
  const form = useForm({ initialValues: { body: '' }, validate: { body: isNotEmpty(tApp('validation.required')) } });
  const add = useMutation({
    mutationFn: (body: typeof form.values) =>
      unwrap(api.POST('/api/v1/customers/{id}/notes', { params: { path: { id: customerId } }, body })),
    onSuccess: () => {
      form.reset();
      queryClient.invalidateQueries({ queryKey: keys.notes(customerId) });
      queryClient.invalidateQueries({ queryKey: keys.timeline(customerId) });
      notifySuccess(t('notes.added'));
    },
    onError: (error) => showFormError(form, error),
  });

  return (
    <Card withBorder padding="md">
      <Text fw={700} mb="sm">
        {t('notes.title')}
      </Text>
      {!readOnly && (
        <form onSubmit={form.onSubmit((values) => add.mutate(values))}>
          <Textarea
            aria-label={t('notes.title')}
            placeholder={t('notes.placeholder')}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('body')}
          />
          <Group justify="flex-end" mt="xs">
            <Button type="submit" variant="light" loading={add.isPending}>
              {t('notes.add')}
            </Button>
          </Group>
        </form>
      )}
      <Stack gap="sm" mt="sm">
        {notes.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('notes.empty')}
          </Text>
        )}
        {notes.data?.map((n) => (
          <div key={n.id}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {n.body}
            </Text>
            <Text size="xs" c="dimmed">
              {n.authorName ?? t('notes.unknownAuthor')} · {format.dateTime(n.createdAt)}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
