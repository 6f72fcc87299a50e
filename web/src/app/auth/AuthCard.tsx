import { Center, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

/** The frame of the pages a visitor sees before signing in, with a language choice. */
export function AuthCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Text fw={800} fz="xl" c="teal.8">
            {t('app.name')}
          </Text>
          <SegmentedControl
            size="xs"
            value={i18n.language}
            onChange={(lng) => i18n.changeLanguage(lng)}
            data={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.short.${lng}`) }))}
            aria-label={t('user.language')}
          />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={2} mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
