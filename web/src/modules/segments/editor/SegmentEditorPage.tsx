import { Badge, Button, Card, Grid, Group, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowLeft, IconRefresh, IconSnowflake, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { fieldsQuery, keys, type Segment, segmentQuery, useMembers } from '../queries';
import { completeRule, emptyRule, isGroup, type Group as RuleGroup, type RuleNode } from '../rule';
import { LivePreview } from './LivePreview';
import { MemberTable } from './MemberTable';
import { RuleBuilder } from './RuleBuilder';
import { UploadPanel } from './UploadPanel';

export function NewSegmentPage() {
  return <SegmentEditor segment={null} />;
}

export function SegmentPage() {
  const { id = '' } = useParams();
  // A missing or foreign id throws to the route's error page (404).
  const segment = useQuery({ ...segmentQuery(id), throwOnError: true });
  if (!segment.data) return <ListSkeleton rows={8} />;
  return <SegmentEditor key={segment.data.updatedAt} segment={segment.data} />;
}

/** The root of a stored rule as a group, so the builder always starts from one. */
const rootOf = (rule: Segment['rule']): RuleGroup => {
  if (!rule) return emptyRule();
  const node = rule as RuleNode;
  return isGroup(node) ? node : { op: 'and', rules: [node] };
};

/** Builder with live count for a new or dynamic segment; a static list shows its upload and members. */
function SegmentEditor({ segment }: { segment: Segment | null }) {
  const { t } = useTranslation('segments');
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const manage = can('segments.manage');
  const fields = useQuery(fieldsQuery);
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [kind, setKind] = useState<'dynamic' | 'static'>(segment?.kind ?? 'dynamic');
  const [rule, setRule] = useState<RuleGroup>(rootOf(segment?.rule ?? null));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editsRule = !segment || segment.kind === 'dynamic';
  const withRule = kind === 'dynamic' || rule.rules.length > 0;

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        description: description || null,
        ...(editsRule && withRule ? { rule: completeRule(rule) as Record<string, unknown> } : {}),
      };
      return segment
        ? unwrap(api.PATCH('/api/v1/segments/{id}', { params: { path: { id: segment.id } }, body }))
        : unwrap(api.POST('/api/v1/segments', { body: { ...body, kind } }));
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t('editor.saved', { count: saved.memberCount }));
      if (!segment) navigate(`/segments/${saved.id}`, { replace: true });
    },
    onError: (error) => notifyError(error),
  });
  const refresh = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/segments/{id}/refresh', { params: { path: { id: segment!.id } } })),
    onSuccess: (r) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t('editor.refreshed', r));
    },
    onError: (error) => notifyError(error),
  });
  const freeze = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/segments/{id}/freeze', { params: { path: { id: segment!.id } }, body: {} })),
    onSuccess: (frozen) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t('editor.frozen', { name: frozen.name }));
      navigate(`/segments/${frozen.id}`);
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/segments/{id}', { params: { path: { id: segment!.id } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(t('editor.deleted'));
      navigate('/segments', { replace: true });
    },
    onError: (error) => notifyError(error),
  });

  return (
    <>
      <Button component={Link} to="/segments" variant="subtle" leftSection={<IconArrowLeft size={16} />} mb="sm" px={0}>
        {t('list.title')}
      </Button>
      <PageHeader
        title={segment ? segment.name : t('editor.new')}
        description={
          segment && (
            <Group gap="xs" component="span">
              <Badge variant="light" color={segment.kind === 'dynamic' ? 'blue' : 'gray'}>
                {t(`kinds.${segment.kind}`)}
              </Badge>
              <span data-testid="member-count">{t('list.members', { count: segment.memberCount })}</span>
            </Group>
          )
        }
        actions={
          segment &&
          manage && (
            <>
              {segment.kind === 'dynamic' && (
                <>
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} />}
                    loading={refresh.isPending}
                    onClick={() => refresh.mutate()}
                    data-testid="refresh"
                  >
                    {t('editor.refresh')}
                  </Button>
                  <Button
                    variant="default"
                    leftSection={<IconSnowflake size={16} />}
                    loading={freeze.isPending}
                    onClick={() => freeze.mutate()}
                    data-testid="freeze"
                  >
                    {t('editor.freeze')}
                  </Button>
                </>
              )}
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
                {t('editor.delete')}
              </Button>
            </>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: editsRule ? 7 : 12 }}>
          <Stack gap="md">
            <Card withBorder padding="md">
              <Stack gap="sm">
                <TextInput
                  label={t('editor.name')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  disabled={!manage}
                  required
                  data-testid="segment-name"
                />
                <Textarea
                  label={t('editor.description')}
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                  disabled={!manage}
                  autosize
                  minRows={1}
                />
                {!segment && (
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {t('editor.kind')}
                    </Text>
                    <SegmentedControl
                      value={kind}
                      onChange={(v) => setKind(v as 'dynamic' | 'static')}
                      data={[
                        { value: 'dynamic', label: t('kinds.dynamic') },
                        { value: 'static', label: t('kinds.static') },
                      ]}
                      data-testid="segment-kind"
                    />
                    <Text size="xs" c="dimmed">
                      {t(`editor.kindHint.${kind}`)}
                    </Text>
                  </Stack>
                )}
              </Stack>
            </Card>
            {editsRule &&
              (fields.data ? (
                <RuleBuilder rule={rule} onChange={setRule} fields={fields.data} readOnly={!manage} />
              ) : (
                <ListSkeleton rows={3} />
              ))}
            {manage && (
              <Group>
                <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()} data-testid="save-segment">
                  {segment ? t('editor.save') : t('editor.create')}
                </Button>
              </Group>
            )}
            {segment?.kind === 'static' && manage && <UploadPanel segmentId={segment.id} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} display={editsRule ? undefined : 'none'}>
          {editsRule && <LivePreview rule={rule} />}
        </Grid.Col>
      </Grid>
      {segment && <Members id={segment.id} />}
      <ConfirmModal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate()}
        title={t('editor.deleteTitle')}
        message={t('editor.deleteMessage', { name: segment?.name ?? '' })}
        confirmLabel={t('editor.delete')}
        loading={remove.isPending}
      />
    </>
  );
}

function Members({ id }: { id: string }) {
  const { t } = useTranslation('segments');
  const pages = useMembers(id);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder padding="md" mt="md">
      <Text fw={600} mb="sm">
        {t('members.title')}
      </Text>
      {!pages.data ? <ListSkeleton rows={3} /> : <MemberTable rows={items} testId="segment-members" />}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
    </Card>
  );
}
