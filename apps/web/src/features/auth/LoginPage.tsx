import { Anchor, Button, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLogin } from '../session/session.queries.ts';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { redirect } = useSearch({ from: '/public/login' });
  const navigate = useNavigate();
  const login = useLogin();
  const form = useForm({
    name: 'login',
    initialValues: { email: '', password: '' },
    validate: { email: isEmail(t('validation.email')), password: isNotEmpty(t('validation.required')) },
  });
  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: () => navigate({ to: redirect ?? '/' }),
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="login-form">
      <Stack>
        <Title order={2} size="h3">
          {t('login.title')}
        </Title>
        <ProblemAlert error={login.error} fields={['email', 'password']} />
        <TextInput
          type="email"
          label={t('fields.email')}
          autoComplete="username"
          required
          data-autofocus
          autoFocus
          data-testid="login-email"
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('fields.password')}
          autoComplete="current-password"
          required
          data-testid="login-password"
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Anchor component={Link} to="/forgot-password" size="sm" data-testid="login-forgot">
            {t('login.forgot')}
          </Anchor>
        </Group>
        <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
