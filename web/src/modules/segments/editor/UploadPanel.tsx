import { Button, Card, FileButton, Group, Switch, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { notifyError } from '../../../app/ui/notify';
import { keys, type SegmentUpload } from '../queries';

/** A CSV of phones into a static list (the first cell of each row), with what matched. */
export function UploadPanel({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation('segments');
  const queryClient = useQueryClient();
  const [replace, setReplace] = useState(false);
  const [result, setResult] = useState<SegmentUpload | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      unwrap(api.POST('/api/v1/segments/{id}/upload', { params: { path: { id: segmentId } }, body: { csv: await file.text(), replace } })),
    onSuccess: (r) => {
      setResult(r);
      queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Card withBorder padding="md" data-testid="upload-panel">
      <Text fw={600} mb={4}>
        {t('upload.title')}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('upload.hint')}
      </Text>
      <Group gap="md">
        <FileButton onChange={(f) => f && upload.mutate(f)} accept=".csv,text/csv,text/plain">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.isPending} data-testid="upload-button">
              {t('upload.choose')}
            </Button>
          )}
        </FileButton>
        <Switch label={t('upload.replace')} checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
      </Group>
      {result && (
        <Text size="sm" mt="sm" data-testid="upload-result">
          {t('upload.result', result)}
        </Text>
      )}
    </Card>
  );
}
