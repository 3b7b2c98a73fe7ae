import { LOCALES, type Locale } from '@ish/shared';
import { PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { orNull } from '../../../lib/options.ts';
import { useOrgAll } from '../org/org.queries.ts';
import { unitOptions } from '../org/unit-tree.ts';
import { type UserRow, useSaveUser } from './users.queries.ts';

/** Create a user (with a first password) or edit one; mounted only while open. */
export function UserFormModal({ user, onClose }: { user: UserRow | undefined; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common', 'auth']);
  const units = useOrgAll('units');
  const save = useSaveUser();
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm({
    name: 'user',
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? '',
      position: user?.position ?? '',
      unitId: user ? String(user.unit.id) : '',
      locale: (user?.locale ?? 'id') as Locale,
      timeZone: user?.timeZone ?? '',
      password: '',
    },
    validate: {
      name: required,
      email: isEmail(t('common:validation.email')),
      unitId: required,
      password: (value: string) => (!user && !value ? t('common:validation.required') : null),
    },
  });
  const submit = form.onSubmit((values) => {
    const common = {
      name: values.name.trim(),
      email: values.email.trim(),
      phone: orNull(values.phone),
      position: orNull(values.position),
      unitId: Number(values.unitId),
      locale: values.locale,
      timeZone: orNull(values.timeZone),
    };
    const request = user ? { id: user.id, body: { version: user.version, ...common } } : { body: { ...common, password: values.password } };
    save.mutate(request, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('users.saved') });
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={user ? t('users.edit') : t('users.create')}
      onSubmit={submit}
      submitting={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('users.fields.name')} required data-autofocus data-testid="user-name" {...form.getInputProps('name')} />
        <TextInput label={t('users.fields.email')} type="email" required data-testid="user-email" {...form.getInputProps('email')} />
        <TextInput label={t('users.fields.phone')} type="tel" {...form.getInputProps('phone')} />
        <TextInput
          label={t('users.fields.position')}
          description={t('users.positionHelp')}
          maxLength={80}
          data-testid="user-position"
          {...form.getInputProps('position')}
        />
        <Select
          label={t('users.fields.unit')}
          required
          searchable
          data={unitOptions(units.data)}
          data-testid="user-unit"
          {...form.getInputProps('unitId')}
        />
        <Select
          label={t('users.fields.locale')}
          allowDeselect={false}
          data={LOCALES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
          {...form.getInputProps('locale')}
        />
        <TimeZoneSelect label={t('users.fields.timeZone')} emptyLabel={t('users.organisationZone')} {...form.getInputProps('timeZone')} />
        {!user && (
          <PasswordInput
            label={t('users.fields.password')}
            description={t('auth:fields.newPasswordHint')}
            autoComplete="new-password"
            required
            data-testid="user-password"
            {...form.getInputProps('password')}
          />
        )}
      </SimpleGrid>
    </FormModal>
  );
}
