import { ActionIcon, Group, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DAYS, type Day, DEFAULT_RANGE, MAX_RANGES, type TimeRange, type WeekHours } from './opening-hours';

interface Props {
  // biome-ignore lint/suspicious/noExplicitAny: any form with an `openingHours` week.
  form: UseFormReturnType<any>;
  week: WeekHours;
}

/** One line per weekday: closed, or one to four opening ranges (they wrap below on phones). */
export function OpeningHoursInput({ form, week }: Props) {
  const { t } = useTranslation('access');
  const set = (day: Day, ranges: TimeRange[]) => form.setFieldValue(`openingHours.${day}`, ranges);

  // Errors of a day: the server may point at the day, a range or one end of a range.
  const errorsOf = (day: Day) =>
    Object.entries(form.errors)
      .filter(([path]) => path === `openingHours.${day}` || path.startsWith(`openingHours.${day}.`))
      .map(([, message]) => message);

  return (
    <Stack gap="sm">
      {DAYS.map((day) => {
        const ranges = week[day];
        const errors = errorsOf(day);
        const change = (i: number, end: 0 | 1, value: string) =>
          set(
            day,
            ranges.map((r, j) => (j === i ? (end === 0 ? [value, r[1]] : [r[0], value]) : r)),
          );
        return (
          <div key={day}>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Group gap="sm" wrap="nowrap" w={200} mih={30}>
                <Text size="sm" fw={500} w={90}>
                  {t(`days.${day}`)}
                </Text>
                <Switch
                  size="sm"
                  checked={ranges.length > 0}
                  onChange={(e) => set(day, e.currentTarget.checked ? [DEFAULT_RANGE] : [])}
                  label={ranges.length > 0 ? t('stores.hours.open') : t('stores.hours.closed')}
                />
              </Group>
              <Stack gap={4}>
                {ranges.map(([from, to], i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity besides their place
                  <Group key={i} gap={6} wrap="nowrap">
                    <TimePicker size="xs" value={from} onChange={(v) => change(i, 0, v)} aria-label={t('stores.hours.from')} />
                    <Text size="sm">–</Text>
                    <TimePicker size="xs" value={to} onChange={(v) => change(i, 1, v)} aria-label={t('stores.hours.to')} />
                    <Tooltip label={t('stores.hours.removeRange')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() =>
                          set(
                            day,
                            ranges.filter((_, j) => j !== i),
                          )
                        }
                        aria-label={t('stores.hours.removeRange')}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                    {i === ranges.length - 1 && ranges.length < MAX_RANGES && (
                      <Tooltip label={t('stores.hours.addRange')}>
                        <ActionIcon
                          variant="subtle"
                          onClick={() => set(day, [...ranges, [to, '23:00']])}
                          aria-label={t('stores.hours.addRange')}
                        >
                          <IconPlus size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                ))}
              </Stack>
            </Group>
            {errors.length > 0 && (
              <Text size="xs" c="red" mt={2}>
                {errors.join(' ')}
              </Text>
            )}
          </div>
        );
      })}
    </Stack>
  );
}
