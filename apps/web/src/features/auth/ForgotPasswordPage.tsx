import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useForgotPassword } from '../session/session.queries.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const forgot = useForgotPassword();
  const form = useForm({ name: 'forgot', initialValues: { email: '' }, validate: { email: isEmail(t('validation.email')) } });
  const submit = form.onSubmit((values) => forgot.mutate(values, { onError: (error) => applyServerErrors(form, error) }));
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('forgot.title')}
      </Title>
      {forgot.data ? (
        <Alert color="green" icon={<IconMailCheck size={18} />} role="status" data-testid="forgot-sent">
          {forgot.data.message}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('forgot.description')}
            </Text>
            <ProblemAlert error={forgot.error} fields={['email']} />
            <TextInput
              type="email"
              label={t('fields.email')}
              autoComplete="email"
              required
              autoFocus
              data-testid="forgot-email"
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth loading={forgot.isPending} data-testid="forgot-submit">
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('backToLogin')}
      </Anchor>
    </Stack>
  );
}
