import { Box, Button, Group, Input, Menu, SegmentedControl, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { Panel } from '../../../app/ui/Panel';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { IntInput } from '../../loyalty/parts/inputs';
import { type RfmSegment, type RfmSettings, rfmKeys, settingsQuery } from './rfm-queries';
import { SEGMENTS, segmentStyle } from './segments';

interface Values {
  windowMonths: number | undefined;
  frequency: RfmSettings['frequency'];
  grid: RfmSegment[][];
}

/**
 * The org's RFM settings: the window, the frequency measure and the R × FM grid, a cell at a
 * time (tap it, pick the segment), with a reset to the default grid. Applies from the next run.
 */
export function SettingsEditor() {
  const { t } = useTranslation('analytics');
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery);
  const form = useForm<Values>({ initialValues: { windowMonths: 12, frequency: 'days', grid: [] } });
  const loaded = settings.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form only when the saved settings change.
  useEffect(() => {
    if (loaded) {
      const values = { windowMonths: loaded.windowMonths, frequency: loaded.frequency, grid: loaded.grid.map((r) => [...r]) };
      form.setValues(values);
      form.resetDirty(values);
    }
  }, [loaded]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      unwrap(api.PATCH('/api/v1/analytics/rfm/settings', { body: { windowMonths: v.windowMonths, frequency: v.frequency, grid: v.grid } })),
    onSuccess: (data) => {
      queryClient.setQueryData(rfmKeys.settings, data);
      notifySuccess(t('rfm.settings.saved'));
    },
    onError: (error) => showFormError(form, error),
  });
  const setCell = (r: number, fm: number, s: RfmSegment) =>
    form.setFieldValue(
      'grid',
      form.values.grid.map((row, i) => (i === r ? row.map((c, j) => (j === fm ? s : c)) : row)),
    );

  return (
    <Panel title={t('rfm.settings.title')} hint={t('rfm.settings.hint')} testId="rfm-settings">
      {!loaded ? (
        <ListSkeleton rows={4} />
      ) : (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <IntInput
                label={t('rfm.settings.windowMonths')}
                description={t('rfm.settings.windowMonthsHint')}
                clampBehavior="none"
                data-testid="rfm-window"
                {...form.getInputProps('windowMonths')}
              />
              <Input.Wrapper label={t('rfm.settings.frequency')}>
                <SegmentedControl
                  fullWidth
                  data={(['days', 'receipts'] as const).map((f) => ({ value: f, label: t(`rfm.frequencies.${f}`) }))}
                  {...form.getInputProps('frequency')}
                />
              </Input.Wrapper>
            </SimpleGrid>
            <Input.Wrapper label={t('rfm.settings.grid')} description={t('rfm.settings.gridHint')}>
              <Box mt={6} style={{ display: 'grid', gridTemplateColumns: '1.5rem repeat(5, minmax(0, 1fr))', gap: 4 }}>
                {[4, 3, 2, 1, 0].map((r) => [
                  <Text key={`r${r}`} size="xs" fw={700} ta="center" style={{ alignSelf: 'center' }}>
                    {r + 1}
                  </Text>,
                  ...[0, 1, 2, 3, 4].map((fm) => {
                    const s = form.values.grid[r]?.[fm];
                    if (!s) return <Box key={`${r}-${fm}`} />;
                    return (
                      <Menu key={`${r}-${fm}`} position="bottom" withinPortal shadow="md">
                        <Menu.Target>
                          <UnstyledButton
                            aria-label={`${t('rfm.settings.cellLabel', { r: r + 1, fm: fm + 1 })}: ${t(`rfm.segments.${s}`)}`}
                            data-testid={`rfm-grid-${r + 1}-${fm + 1}`}
                            style={{
                              ...segmentStyle(s),
                              borderRadius: 6,
                              minHeight: 44,
                              padding: '3px',
                              textAlign: 'center',
                              fontSize: 10,
                              lineHeight: 1.15,
                              overflowWrap: 'anywhere',
                              minWidth: 0,
                            }}
                          >
                            {t(`rfm.segments.${s}`)}
                          </UnstyledButton>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Label>{t('rfm.settings.cellLabel', { r: r + 1, fm: fm + 1 })}</Menu.Label>
                          {SEGMENTS.map((option) => (
                            <Menu.Item
                              key={option}
                              onClick={() => setCell(r, fm, option)}
                              leftSection={<Box w={10} h={10} style={{ ...segmentStyle(option), borderRadius: 2 }} />}
                              fw={option === s ? 700 : undefined}
                            >
                              {t(`rfm.segments.${option}`)}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    );
                  }),
                ])}
                <Box />
                {[1, 2, 3, 4, 5].map((fm) => (
                  <Text key={`fm${fm}`} size="xs" fw={700} ta="center">
                    {fm}
                  </Text>
                ))}
              </Box>
              <Group justify="space-between" mt={2}>
                <Text size="xs" c="dimmed">
                  ↑ R
                </Text>
                <Text size="xs" c="dimmed">
                  FM →
                </Text>
              </Group>
            </Input.Wrapper>
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} data-testid="rfm-settings-save">
                {t('rfm.settings.save')}
              </Button>
              <Button
                variant="default"
                onClick={() =>
                  form.setFieldValue(
                    'grid',
                    loaded.defaultGrid.map((r) => [...r]),
                  )
                }
                data-testid="rfm-settings-reset"
              >
                {t('rfm.settings.reset')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Panel>
  );
}
