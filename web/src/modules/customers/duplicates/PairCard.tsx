import { Anchor, Badge, Button, Card, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconGitMerge, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { customerName } from '../customer-name';
import { keys } from '../queries';
import type { MergeField } from './compare-fields';
import { PairCompare, type Side } from './PairCompare';
import { type Candidate, type Choice, dedupKeys, dismissPair, mergePair } from './queries';

const scoreColour = (score: number) => (score >= 80 ? 'red' : score >= 65 ? 'orange' : 'yellow');

/** One candidate pair: why it was proposed, the comparison, and the two ways to resolve it. */
export function PairCard({ pair }: { pair: Candidate }) {
  const { t } = useTranslation('dedup');
  const queryClient = useQueryClient();
  const [opened, compare] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [keep, setKeep] = useState<Side>('a');
  const [picks, setPicks] = useState<Partial<Record<MergeField, Side>>>({});
  const { customerA: a, customerB: b } = pair;
  const [survivor, merged] = keep === 'a' ? [a, b] : [b, a];
  const name = (c: typeof a) => customerName(c) ?? c.id.slice(0, 8);

  const resolved = () => {
    queryClient.invalidateQueries({ queryKey: dedupKeys.candidates });
    queryClient.invalidateQueries({ queryKey: keys.all });
  };
  const merge = useMutation({
    mutationFn: () => {
      const fields = Object.fromEntries(
        Object.entries(picks).map(([f, side]): [string, Choice] => [f, side === keep ? 'survivor' : 'merged']),
      );
      return mergePair(survivor.id, merged.id, fields);
    },
    onSuccess: () => {
      confirm.close();
      notifySuccess(t('duplicates.merged'));
      resolved();
    },
    onError: (error) => notifyError(error),
  });
  const dismiss = useMutation({
    mutationFn: () => dismissPair(a.id, b.id),
    onSuccess: () => {
      notifySuccess(t('duplicates.dismissed'));
      resolved();
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder padding="sm" data-testid="duplicate-pair">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge color={scoreColour(pair.score)} variant="filled" aria-label={`${t('duplicates.score')}: ${pair.score}`}>
            {pair.score}
          </Badge>
          {[a, b].map((c, i) => (
            <Group key={c.id} gap={6} wrap="nowrap">
              {i === 1 && <Text c="dimmed">↔</Text>}
              <Anchor component={Link} to={`/customers/${c.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {name(c)}
              </Anchor>
            </Group>
          ))}
        </Group>
        <Group gap={4} wrap="wrap">
          {pair.reasons.map((r) => (
            <Badge key={r} size="sm" variant="light" color="gray" style={{ maxWidth: '100%' }}>
              {t(`reasons.${r}`)}
            </Badge>
          ))}
        </Group>
        <Group gap="xs" justify="flex-end">
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} />}
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate()}
          >
            {t('duplicates.dismiss')}
          </Button>
          <Button size="xs" variant="default" onClick={compare.toggle} aria-expanded={opened}>
            {opened ? t('duplicates.hide') : t('duplicates.compare')}
          </Button>
        </Group>
      </Stack>
      <Collapse expanded={opened}>
        <Stack mt="md" gap="sm">
          <PairCompare
            a={a}
            b={b}
            keep={keep}
            onKeep={setKeep}
            picks={picks}
            onPick={(f, side) => setPicks((p) => ({ ...p, [f]: side }))}
          />
          <Group justify="flex-end">
            <Button leftSection={<IconGitMerge size={16} />} onClick={confirm.open}>
              {t('duplicates.merge')}
            </Button>
          </Group>
        </Stack>
      </Collapse>
      <ConfirmModal
        opened={confirming}
        title={t('duplicates.confirmTitle')}
        message={t('duplicates.confirmMessage', { merged: name(merged), survivor: name(survivor) })}
        confirmLabel={t('duplicates.merge')}
        loading={merge.isPending}
        onConfirm={() => merge.mutate()}
        onClose={confirm.close}
      />
    </Card>
  );
}
