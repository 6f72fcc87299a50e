import { Alert, Button, Group, List, Paper, Stepper } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { campaignQuery, keys } from '../queries';
import { AudienceStep } from './AudienceStep';
import { ContentStep } from './ContentStep';
import { type Draft, draftOf, emptyDraft, inputOf } from './draft';
import { ReviewStep } from './ReviewStep';
import { ScheduleStep } from './ScheduleStep';
import { SplitStep } from './SplitStep';

const STEPS = ['audience', 'content', 'split', 'schedule', 'review'] as const;

export function NewCampaignPage() {
  return <Wizard initial={emptyDraft()} />;
}

export function EditCampaignPage() {
  const { id } = useParams() as { id: string };
  const campaign = useQuery(campaignQuery(id));
  if (!campaign.data) return <FullPageLoader />;
  return <Wizard id={id} initial={draftOf(campaign.data)} />;
}

/** Audience → content → A/B and control → schedule → review; saves a draft, then sends or schedules it. */
function Wizard({ id, initial }: { id?: string; initial: Draft }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [step, setStep] = useState(0);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Once created, a retry (the send failed) saves the same campaign again instead of a copy.
  const savedId = useRef(id);
  const save = useMutation({
    mutationFn: async (send: boolean) => {
      const body = inputOf(draft);
      const saved = savedId.current
        ? await unwrap(api.PUT('/api/v1/campaigns/{id}', { params: { path: { id: savedId.current } }, body }))
        : await unwrap(api.POST('/api/v1/campaigns', { body }));
      savedId.current = saved.id;
      if (send) await unwrap(api.POST('/api/v1/campaigns/{id}/send', { params: { path: { id: saved.id } } }));
      return { saved, send };
    },
    onSuccess: ({ saved, send }) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(send ? t('wizard.sent') : t('wizard.saved'));
      navigate(`/campaigns/${saved.id}`);
    },
  });
  const problem = isProblem(save.error) ? save.error : null;
  const canNext = step !== 0 || (draft.name.trim() !== '' && draft.includeSegments.length > 0);
  return (
    <>
      <PageHeader title={id ? t('wizard.titleEdit') : t('wizard.titleNew')} />
      <Paper withBorder p="md">
        <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect={false}>
          {STEPS.map((s) => (
            <Stepper.Step key={s} label={t(`wizard.steps.${s}`)} />
          ))}
        </Stepper>
        <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
          {step === 0 && <AudienceStep draft={draft} set={set} />}
          {step === 1 && <ContentStep draft={draft} set={set} />}
          {step === 2 && <SplitStep draft={draft} set={set} />}
          {step === 3 && <ScheduleStep draft={draft} set={set} />}
          {step === 4 && <ReviewStep draft={draft} />}
        </div>
        {save.error && (
          <Alert color="red" mt="md" title={problem?.detail ?? (save.error as Error).message} data-testid="wizard-error">
            {problem && problem.errors.length > 0 && (
              <List size="sm">
                {problem.errors.map((e) => (
                  <List.Item key={e.field + e.code}>
                    {e.field}: {e.detail}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group justify="space-between" mt="lg">
          <Button variant="default" onClick={() => setStep((s) => s - 1)} disabled={step === 0}>
            {t('wizard.back')}
          </Button>
          {step < STEPS.length - 1 ? (
            <Button onClick={() => setStep((s) => s + 1)} disabled={!canNext}>
              {t('wizard.next')}
            </Button>
          ) : (
            <Group>
              <Button variant="default" onClick={() => save.mutate(false)} loading={save.isPending && save.variables === false}>
                {t('wizard.saveDraft')}
              </Button>
              <Button onClick={() => save.mutate(true)} loading={save.isPending && save.variables === true}>
                {draft.sendAt ? t('wizard.schedule') : t('wizard.send')}
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
    </>
  );
}
