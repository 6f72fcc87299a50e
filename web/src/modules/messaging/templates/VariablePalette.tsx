import { Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  variables: { name: string; label: string; sample: string }[];
  /** The unsubscribe link is filled by the e-mail sender only. */
  email: boolean;
  onInsert: (snippet: string) => void;
}

/** Buttons that put `{{variable}}` or an `{{#if}}` block where the cursor was. */
export function VariablePalette({ variables, email, onInsert }: Props) {
  const { t } = useTranslation('messaging');
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('templates.palette.title')}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {t('templates.palette.hint')}
        </Text>
      </Text>
      <Group gap={6}>
        {variables
          .filter((v) => email || v.name !== 'unsubscribeUrl')
          .map((v) => (
            <Tooltip key={v.name} label={`${v.label} · ${v.sample}`} withinPortal>
              {/* onMouseDown keeps the focus (and the caret) in the field being edited. */}
              <Button size="compact-xs" variant="light" onMouseDown={(e) => e.preventDefault()} onClick={() => onInsert(`{{${v.name}}}`)}>
                {v.name}
              </Button>
            </Tooltip>
          ))}
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconBraces size={12} />}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onInsert('{{#if points}}…{{else}}…{{/if}}')}
        >
          {t('templates.palette.condition')}
        </Button>
      </Group>
    </Stack>
  );
}
