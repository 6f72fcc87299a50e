import { Button, FileButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILES } from './queries';

interface Props {
  reading: boolean;
  onFile: (file: File) => void;
}

/** A drop zone with a file button: people drag from the desktop, phones pick a file. */
export function UploadStep({ reading, onFile }: Props) {
  const { t } = useTranslation();
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
            <Text>{t('imports.upload.reading')}</Text>
          </Group>
        ) : (
          <>
            <Text fw={500}>{t('imports.upload.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('imports.upload.or')}
            </Text>
            <FileButton onChange={(file) => file && onFile(file)} accept={IMPORT_FILES}>
              {(props) => <Button {...props}>{t('imports.upload.choose')}</Button>}
            </FileButton>
          </>
        )}
        <Text size="sm" c="dimmed" ta="center">
          {t('imports.upload.hint')}
        </Text>
      </Stack>
    </Paper>
  );
}
