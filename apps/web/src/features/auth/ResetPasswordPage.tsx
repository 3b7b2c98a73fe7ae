import { Alert, Anchor, Button, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useResetPassword } from '../session/session.queries.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const { token } = useSearch({ from: '/public/reset-password' });
  const reset = useResetPassword();
  const form = useForm({ name: 'reset', initialValues: { newPassword: '', confirmPassword: '' }, validate: newPasswordRules() });
  const submit = form.onSubmit(({ newPassword }) =>
    reset.mutate({ token: token ?? '', newPassword }, { onError: (error) => applyServerErrors(form, error) }),
  );

  let body: React.ReactNode;
  if (!token) {
    body = (
      <Alert color="red" role="alert">
        {t('reset.missingToken')}
      </Alert>
    );
  } else if (reset.isSuccess) {
    body = (
      <Alert color="green" icon={<IconCircleCheck size={18} />} role="status" data-testid="reset-done">
        {t('reset.done')}
      </Alert>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={reset.error} fields={['newPassword']} />
          <NewPasswordFields form={form} />
          <Button type="submit" fullWidth loading={reset.isPending} data-testid="reset-submit">
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('reset.title')}
      </Title>
      {body}
      <Anchor component={Link} to={token && !reset.isSuccess ? '/forgot-password' : '/login'} size="sm" ta="center">
        {token && !reset.isSuccess ? t('reset.requestNew') : t('backToLogin')}
      </Anchor>
    </Stack>
  );
}
