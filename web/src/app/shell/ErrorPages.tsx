import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, Navigate, useLocation, useRouteError } from 'react-router';
import { isProblem } from '../api/problem';
import type { LoginState } from '../auth/session';

interface ErrorPageProps {
  code: string;
  title: string;
  detail?: string;
  requestId?: string | null;
  /** Offer a reload: for failures that may pass, not for a missing page. */
  retry?: boolean;
}

function ErrorPage({ code, title, detail, requestId, retry }: ErrorPageProps) {
  const { t } = useTranslation();
  return (
    <Stack align="center" ta="center" py={64} px="md" gap="sm">
      <Text fz={48} fw={800} c="dimmed" lh={1}>
        {code}
      </Text>
      <Title order={2}>{title}</Title>
      {detail && (
        <Text c="dimmed" maw={520}>
          {detail}
        </Text>
      )}
      {requestId && (
        <Text size="sm" c="dimmed">
          {t('errors.requestId')} <Code>{requestId}</Code>
        </Text>
      )}
      <Group mt="md">
        <Button component={Link} to="/" variant="default">
          {t('errors.home')}
        </Button>
        {retry && <Button onClick={() => window.location.reload()}>{t('errors.retry')}</Button>}
      </Group>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <ErrorPage code="404" title={t('errors.notFoundTitle')} detail={t('errors.notFound')} />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <ErrorPage code="403" title={t('errors.forbiddenTitle')} detail={t('errors.forbidden')} />;
}

/**
 * The error boundary of the routes: a problem from the API shows its translated `detail` and the
 * `requestId` to quote to support; a lost session goes back to the login page.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const location = useLocation();
  const { reset } = useQueryErrorResetBoundary();
  // Queries that failed here refetch when their page is opened again.
  useEffect(() => reset, [reset]);

  if (isProblem(error, 401)) {
    const state: LoginState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (isProblem(error, 404) || (isRouteErrorResponse(error) && error.status === 404)) return <NotFoundPage />;
  if (isProblem(error)) {
    return <ErrorPage code={String(error.status)} title={t('errors.title')} detail={error.detail} requestId={error.requestId} retry />;
  }
  return <ErrorPage code="!" title={t('errors.title')} detail={t('errors.unexpected')} retry />;
}
