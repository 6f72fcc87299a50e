import { Button, Collapse, Group, JsonInput, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Advanced JSON": the definition the structured form edits, as the API stores it. Applying it
 * replaces the form's values; the server still validates everything on save.
 */
export function AdvancedJson<T>({ value, onApply }: { value: T; onApply: (v: T) => void }) {
  const { t } = useTranslation('loyalty');
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = (on: boolean) => {
    setOpened(on);
    if (on) setText(JSON.stringify(value, null, 2));
    setError(null);
  };
  return (
    <Stack gap="xs">
      <Switch label={t('json.toggle')} checked={opened} onChange={(e) => open(e.currentTarget.checked)} />
      <Collapse expanded={opened}>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('json.hint')}
          </Text>
          <JsonInput
            aria-label={t('json.toggle')}
            value={text}
            onChange={(v) => {
              setText(v);
              setError(null);
            }}
            autosize
            minRows={8}
            maxRows={30}
            formatOnBlur
            error={error}
            styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          />
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => {
                try {
                  onApply(JSON.parse(text) as T);
                  setOpened(false);
                } catch {
                  setError(t('json.invalid'));
                }
              }}
            >
              {t('json.apply')}
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </Stack>
  );
}
