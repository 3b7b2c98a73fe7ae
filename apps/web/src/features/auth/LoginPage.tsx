import { Alert, Anchor, Button, Divider, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLogin, useSignInProviders } from '../session/session.queries.ts';

const SSO_ERRORS = [
  'PASSWORD_LOGIN_DISABLED',
  'OIDC_PROVIDER_UNREACHABLE',
  'OIDC_STATE_INVALID',
  'OIDC_FAILED',
  'OIDC_EMAIL_MISSING',
  'OIDC_DOMAIN_NOT_ALLOWED',
  'OIDC_EMAIL_NOT_VERIFIED',
  'OIDC_OTHER_COMPANY',
  'OIDC_ACCOUNT_BEYOND_COMPANY',
  'OIDC_NO_UNIT',
  'OIDC_USER_INACTIVE',
  // The provider is unknown or was switched off since the page was loaded.
  'NOT_FOUND',
] as const;
type SsoError = (typeof SSO_ERRORS)[number];

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { redirect, sso } = useSearch({ from: '/public/login' });
  const providers = useSignInProviders();
  const ssoError: SsoError | null = sso ? (SSO_ERRORS.find((c) => c === sso) ?? 'OIDC_FAILED') : null;
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
        {ssoError && (
          <Alert color="red" data-testid="sso-error">
            {t(`sso.errors.${ssoError}`)}
          </Alert>
        )}
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
        {!!providers.data?.items.length && (
          <>
            <Divider label={t('sso.or')} labelPosition="center" />
            {providers.data.items.map((p) => (
              <Button
                key={p.slug}
                component="a"
                href={`/api/v1/auth/oidc/${p.slug}/start?returnTo=${encodeURIComponent(redirect ?? '/')}`}
                variant="default"
                fullWidth
                data-testid={`sso-${p.slug}`}
              >
                {t('sso.signInWith', { name: p.name })}
              </Button>
            ))}
          </>
        )}
      </Stack>
    </form>
  );
}
