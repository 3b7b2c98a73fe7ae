import { Button, NumberInput, PasswordInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { orNull } from '../../../lib/options.ts';
import { useMe } from '../../session/session.queries.ts';
import { SettingsCard } from './SettingsCard.tsx';
import { type Settings, useSaveSmtp, useTestSmtp } from './settings.queries.ts';

export function SmtpCard({ smtp }: { smtp: Settings['smtp'] }) {
  const { t } = useTranslation(['admin', 'common']);
  const save = useSaveSmtp();
  const [testOpened, testModal] = useDisclosure(false);
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm({
    name: 'smtp',
    initialValues: {
      host: smtp.host ?? '',
      port: smtp.port ?? 587,
      secure: smtp.secure ?? false,
      user: smtp.user ?? '',
      password: '',
      from: smtp.from ?? '',
    },
    validate: { host: required, port: required, from: required },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        version: smtp.version,
        host: values.host.trim(),
        port: Number(values.port),
        secure: values.secure,
        user: orNull(values.user),
        // Empty keeps the stored password; the server never sends it back.
        ...(values.password ? { password: values.password } : {}),
        from: values.from.trim(),
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  // The test dialog sits outside the settings form: React events bubble through portals.
  return (
    <>
      <SettingsCard
        title={t('settings.smtp.title')}
        description={t('settings.smtp.description')}
        onSubmit={submit}
        saving={save.isPending}
        error={save.error}
        fields={Object.keys(form.values)}
        testId="settings-smtp"
        extraActions={
          <Button
            variant="default"
            leftSection={<IconSend size={16} />}
            onClick={testModal.open}
            disabled={!smtp.host}
            data-testid="smtp-test"
          >
            {t('settings.smtp.test')}
          </Button>
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('settings.smtp.host')}
            required
            placeholder={t('settings.smtp.hostPlaceholder')}
            {...form.getInputProps('host')}
          />
          <NumberInput label={t('settings.smtp.port')} required min={1} max={65535} allowDecimal={false} {...form.getInputProps('port')} />
          <TextInput label={t('settings.smtp.user')} autoComplete="off" {...form.getInputProps('user')} />
          <PasswordInput
            label={t('settings.smtp.password')}
            description={smtp.passwordSet ? t('settings.smtp.passwordKeep') : undefined}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <TextInput
            label={t('settings.smtp.from')}
            required
            placeholder={t('settings.smtp.fromPlaceholder')}
            {...form.getInputProps('from')}
          />
          <Switch label={t('settings.smtp.secure')} mt={{ sm: 'xl' }} {...form.getInputProps('secure', { type: 'checkbox' })} />
        </SimpleGrid>
      </SettingsCard>
      {testOpened && <SmtpTestModal onClose={testModal.close} />}
    </>
  );
}

/** Sends a test email with the saved SMTP settings, to the admin's own address by default. */
function SmtpTestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const me = useMe();
  const test = useTestSmtp();
  const form = useForm({
    name: 'smtp-test',
    initialValues: { to: me.user.email },
    validate: { to: isEmail(t('common:validation.email')) },
  });
  const submit = form.onSubmit((values) =>
    test.mutate(values, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('settings.smtp.testSent', { to: values.to }) });
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('settings.smtp.test')}
      onSubmit={submit}
      submitting={test.isPending}
      error={test.error}
      fields={['to']}
      submitLabel={t('settings.smtp.send')}
    >
      <TextInput label={t('settings.smtp.to')} type="email" required data-autofocus {...form.getInputProps('to')} />
    </FormModal>
  );
}
