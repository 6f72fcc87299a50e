import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { keys } from '../queries';
import { CustomerPicker } from './CustomerPicker';
import { REQUEST_TYPES, type RequestType } from './kinds';

export function NewRequestModal({ opened, onClose, customerId }: { opened: boolean; onClose: () => void; customerId?: string }) {
  const { t } = useTranslation('privacy');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<{ customerId: string | null; type: RequestType; notes: string }>({
    initialValues: { customerId: customerId ?? null, type: 'access', notes: '' },
    validate: { customerId: (v) => (v ? null : t('requests.customer')) },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(api.POST('/api/v1/privacy/requests', { body: { customerId: v.customerId!, type: v.type, notes: v.notes.trim() || null } })),
    onSuccess: (request) => {
      queryClient.invalidateQueries({ queryKey: keys.requests });
      notifySuccess(t('requests.created'));
      onClose();
      form.reset();
      navigate(`/privacy/requests/${request.id}`);
    },
    onError: (error) => showFormError(form, error),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('requests.new')} centered>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <CustomerPicker
            label={t('requests.customer')}
            value={form.values.customerId}
            onChange={(id) => form.setFieldValue('customerId', id)}
            error={form.errors.customerId}
          />
          <Select
            label={t('requests.type')}
            allowDeselect={false}
            data={REQUEST_TYPES.map((type) => ({ value: type, label: t(`requests.types.${type}`) }))}
            {...form.getInputProps('type')}
          />
          <Textarea label={t('requests.notes')} autosize minRows={2} maxLength={5000} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('requests.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
