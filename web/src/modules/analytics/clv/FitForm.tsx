import { Alert, Button, Input, Progress, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { isProblem, unwrap } from '../../../app/api/problem';
import { Panel } from '../../../app/ui/Panel';
import { DecimalInput, IntInput, LocalDateInput } from '../../loyalty/parts/inputs';
import { jobQuery } from '../../loyalty/queries';
import { keys, type TimeUnit } from '../queries';

interface Values {
  calibrationEnd: string | undefined;
  timeUnit: TimeUnit;
  horizon: number | undefined;
  /** percent per month, as people say it; the API takes a fraction */
  discountRate: number | undefined;
}

const REASONS = ['not_enough_customers', 'not_enough_repeaters', 'spend_model_undefined', 'fit_failed'] as const;

/**
 * "Modeli yeniden hesapla": a small org's fit answers at once; a large one runs as a job whose
 * two steps (read and fit, then store the scores) show as a progress bar.
 */
export function FitForm() {
  const { t, i18n } = useTranslation('analytics');
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  // The customers of a fit that answered at once (a job says it in its progress instead).
  const [fitted, setFitted] = useState<number | null>(null);
  const job = useQuery({ ...jobQuery(jobId ?? ''), enabled: jobId !== null, throwOnError: false });
  const form = useForm<Values>({ initialValues: { calibrationEnd: undefined, timeUnit: 'week', horizon: 12, discountRate: 1 } });

  const fit = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/v1/analytics/clv/fit', {
          body: {
            calibrationEnd: v.calibrationEnd,
            timeUnit: v.timeUnit,
            horizon: v.horizon,
            discountRate: v.discountRate === undefined ? undefined : v.discountRate / 100,
          },
        }),
      ),
    onMutate: () => {
      setFailure(null);
      setJobId(null);
      setFitted(null);
    },
    onSuccess: (r) => {
      if ('jobId' in r) return setJobId(r.jobId);
      setFitted(r.customers);
      queryClient.invalidateQueries({ queryKey: keys.all });
    },
    // Too little data is a 422 without a field: its reason stays on the card, not in a passing toast.
    onError: (error) =>
      isProblem(error) && error.errors.length === 0 && error.status === 422 ? setFailure(error.detail) : showFormError(form, error),
  });

  const status = job.data?.status;
  const running = jobId !== null && status !== 'succeeded' && status !== 'failed';
  const customers = Number(job.data?.result?.customers ?? 0);
  useEffect(() => {
    if (status === 'succeeded') queryClient.invalidateQueries({ queryKey: keys.all });
  }, [status, queryClient]);
  const reason = (code: string) =>
    REASONS.find((r) => r === code) ? t(`fit.reasons.${code as (typeof REASONS)[number]}`) : t('fit.reasons.other', { code });

  return (
    <Panel title={t('fit.title')} hint={t('fit.hint')}>
      <form onSubmit={form.onSubmit((v) => fit.mutate(v))}>
        <Stack gap="sm">
          <LocalDateInput
            label={t('fit.calibrationEnd')}
            description={t('fit.calibrationEndHint')}
            maxDate={new Date()}
            value={form.values.calibrationEnd}
            onChange={(v) => form.setFieldValue('calibrationEnd', v)}
            error={form.errors.calibrationEnd}
          />
          <Input.Wrapper label={t('fit.timeUnit')}>
            <SegmentedControl
              fullWidth
              data={(['week', 'day'] as const).map((u) => ({ value: u, label: t(`units.${u}.name`) }))}
              {...form.getInputProps('timeUnit')}
            />
          </Input.Wrapper>
          <SimpleGrid cols={2} spacing="sm">
            <IntInput label={t('fit.horizon')} min={1} max={120} {...form.getInputProps('horizon')} />
            <DecimalInput label={t('fit.discountRate')} min={0} max={100} {...form.getInputProps('discountRate')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            {t('fit.discountRateHint')}
          </Text>
          <Button type="submit" loading={fit.isPending || running} style={{ alignSelf: 'flex-start' }}>
            {t('fit.submit')}
          </Button>
          {fitted !== null && (
            <Text size="sm" c="green.8" data-testid="fit-done">
              {t('fit.done', { customers: fitted.toLocaleString(i18n.language) })}
            </Text>
          )}
          {failure && (
            <Alert color="orange" variant="light" data-testid="fit-failure">
              {failure}
            </Alert>
          )}
          {jobId && (
            <Stack gap={4} data-testid="fit-progress">
              <Text size="sm">
                {status === 'succeeded'
                  ? t('fit.done', { customers: customers.toLocaleString(i18n.language) })
                  : status === 'failed'
                    ? t('fit.failed', { reason: reason(job.data?.error ?? '') })
                    : job.data?.total
                      ? t('fit.running', { done: job.data.done + 1, total: job.data.total })
                      : t('fit.queued')}
              </Text>
              <Progress
                value={status === 'succeeded' || !job.data?.total ? 100 : (job.data.done / job.data.total) * 100}
                color={status === 'failed' ? 'red' : status === 'succeeded' ? 'green' : job.data?.total ? 'teal' : 'gray.4'}
                animated={running}
                striped={running}
                size="lg"
                aria-label={t('fit.title')}
              />
            </Stack>
          )}
        </Stack>
      </form>
    </Panel>
  );
}
