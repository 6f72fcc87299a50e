import { Alert, Anchor, Button, PasswordInput, Skeleton, Stack, Text } from '@mantine/core';
import { hasLength, matchesField, useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { showFormError } from '../api/form-errors';
import { isProblem, unwrap } from '../api/problem';
import { notifySuccess } from '../ui/notify';
import { AuthCard } from './AuthCard';
import type { LoginState } from './session';

const MIN_PASSWORD = 10;

/** Sets a password through an invitation (`/invite/:token`) or reset (`/reset/:token`) link. */
export function TokenPage({ purpose }: { purpose: 'invite' | 'reset' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useParams().token ?? '';
  const link = useQuery({
    queryKey: ['auth-token', token],
    queryFn: () => unwrap(api.GET('/api/v1/auth/tokens/{token}', { params: { path: { token } } })),
    throwOnError: false,
  });
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: hasLength({ min: MIN_PASSWORD }, t('validation.passwordLength', { min: MIN_PASSWORD })),
      confirm: matchesField('password', t('validation.passwordsDiffer')),
    },
  });
  const setPassword = useMutation({
    mutationFn: (password: string) => unwrap(api.POST('/api/v1/auth/tokens/{token}', { params: { path: { token } }, body: { password } })),
    onSuccess: () => {
      notifySuccess(t('token.done'));
      const state: LoginState = { email: link.data?.email };
      navigate('/login', { replace: true, state });
    },
    onError: (error) => showFormError(form, error),
  });

  const title = link.error
    ? t('token.invalidTitle')
    : (link.data?.purpose ?? purpose) === 'invite'
      ? t('token.inviteTitle')
      : t('token.resetTitle');
  return (
    <AuthCard title={title}>
      {link.isPending && <Skeleton h={160} />}
      {link.error && (
        <Stack>
          <Alert color="red">{isProblem(link.error, 404) ? t('token.invalid') : t('errors.network')}</Alert>
          <Anchor component={Link} to="/login">
            {t('token.toLogin')}
          </Anchor>
        </Stack>
      )}
      {link.data && (
        <form onSubmit={form.onSubmit(({ password }) => setPassword.mutate(password))}>
          <Stack>
            <Text>{t('token.whose', { name: link.data.name, email: link.data.email })}</Text>
            <PasswordInput
              label={t('token.password')}
              description={t('validation.passwordLength', { min: MIN_PASSWORD })}
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput label={t('token.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Button type="submit" loading={setPassword.isPending} fullWidth>
              {t('token.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
