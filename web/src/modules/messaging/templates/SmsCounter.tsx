import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { smsLength } from '../../../../../server/src/modules/messaging/templates/sms-length';

/**
 * Characters, parts and encoding of an SMS as it is typed. The count is the server's own pure
 * function (imported, not copied), so the editor and the sender never disagree.
 */
export function SmsCounter({ text, turkishShift }: { text: string; turkishShift: boolean }) {
  const { t } = useTranslation('messaging');
  const length = smsLength(text, { turkishShift });
  const hint =
    length.encoding === 'gsm7_tr' ? t('templates.counter.hintTr') : length.encoding === 'ucs2' ? t('templates.counter.hintUcs2') : null;
  return (
    <div aria-live="polite" data-testid="sms-counter">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="xs" c={length.parts > 1 ? 'orange' : 'dimmed'}>
          {t('templates.counter.line', { characters: length.characters, parts: length.parts, remaining: length.remaining })}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`templates.counter.encodings.${length.encoding}`)}
        </Text>
      </Group>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}
