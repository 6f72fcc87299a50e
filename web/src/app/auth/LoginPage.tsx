import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import { showFormError } from '../api/form-errors';
import { isProblem, unwrap } from '../api/problem';
import { AuthCard } from './AuthCard';
import type { LoginState } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: state.email ?? '', password: '' },
    validate: { email: isEmail(t('validation.email')), password: isNotEmpty(t('validation.required')) },
  });

  const login = useMutation({
    mutationFn: (body: typeof form.values) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Nothing cached for an earlier user may leak into this session.
      queryClient.clear();
      navigate(state.from ?? '/', { replace: true });
    },
    onError: (error) => {
      // 401 (wrong e-mail or password) and 429 (too many tries) are about the whole form.
      if (isProblem(error) && error.errors.length === 0) setRefusal(error.detail);
      else showFormError(form, error);
    },
  });

  return (
    <AuthCard title={t('login.title')}>
      <form
        onSubmit={form.onSubmit((values) => {
          setRefusal(null);
          login.mutate(values);
        })}
      >
        <Stack>
          {refusal && (
            <Alert color="red" role="alert">
              {refusal}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('login.forgot')}
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
