import { Button, FileButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { type DragEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  reading: boolean;
  onFile: (file: File) => void;
  /** The file types offered by the picker (another import kind may take JSON too). */
  accept?: string;
  /** What files are welcome; the customer import's hint by default. */
  hint?: ReactNode;
}

const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A drop zone with a file button: people drag from the desktop, phones pick a file. */
export function UploadStep({ reading, onFile, accept = ACCEPT, hint }: Props) {
  const { t } = useTranslation('customerImport');
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <Paper
      withBorder
      p="xl"
      radius="md"
      data-testid="import-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined }}
    >
      <Stack align="center" gap="sm">
        <IconFileSpreadsheet size={48} stroke={1.3} color="var(--mantine-color-dimmed)" />
        {reading ? (
          <Group gap="xs">
            <Loader size="sm" />
            <Text>{t('upload.reading')}</Text>
          </Group>
        ) : (
          <>
            <Text fw={500}>{t('upload.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('upload.or')}
            </Text>
            <FileButton onChange={(file) => file && onFile(file)} accept={accept}>
              {(props) => <Button {...props}>{t('upload.choose')}</Button>}
            </FileButton>
          </>
        )}
        <Text size="sm" c="dimmed" ta="center">
          {hint ?? t('upload.hint')}
        </Text>
      </Stack>
    </Paper>
  );
}
