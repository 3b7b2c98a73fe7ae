import { Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useChangePassword } from './profile.queries.ts';

export function PasswordCard() {
  const { t } = useTranslation(['profile', 'common', 'auth']);
  const change = useChangePassword();
  const form = useForm({
    name: 'password',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: { currentPassword: (v: string) => (v ? null : t('common:validation.required')), ...newPasswordRules() },
  });
  const submit = form.onSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'green', message: t('passwordChanged') });
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack>
          <Title order={3} size="h4">
            {t('changePassword')}
          </Title>
          <ProblemAlert error={change.error} fields={Object.keys(form.values)} />
          <PasswordInput
            label={t('auth:fields.currentPassword')}
            autoComplete="current-password"
            required
            data-testid="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordFields form={form} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} data-testid="password-save">
              {t('changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
