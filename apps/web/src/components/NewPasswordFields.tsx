import { PasswordInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { i18n } from '../lib/i18n.ts';

interface PasswordValues {
  newPassword: string;
  confirmPassword: string;
}

/** Client checks for a new password: present and typed twice alike (strength is the server's rule). */
export const newPasswordRules = () => ({
  newPassword: (value: string) => (value ? null : i18n.t('auth:validation.required')),
  confirmPassword: (value: string, values: PasswordValues) => (value === values.newPassword ? null : i18n.t('auth:validation.mismatch')),
});

/** New password plus confirmation, for the reset page and the profile. */
export function NewPasswordFields({ form }: { form: { getInputProps: (path: keyof PasswordValues) => GetInputPropsReturnType } }) {
  const { t } = useTranslation('auth');
  return (
    <>
      <PasswordInput
        label={t('fields.newPassword')}
        description={t('fields.newPasswordHint')}
        autoComplete="new-password"
        required
        data-testid="new-password"
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput
        label={t('fields.confirmPassword')}
        autoComplete="new-password"
        required
        data-testid="confirm-password"
        {...form.getInputProps('confirmPassword')}
      />
    </>
  );
}
