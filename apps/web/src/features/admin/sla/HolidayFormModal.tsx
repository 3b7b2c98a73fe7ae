import { Input, SegmentedControl, Select, SimpleGrid } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { idOptions, toId } from '../../../lib/options.ts';
import { NameFields } from './NameFields.tsx';
import { type Calendar, type Holiday, useAddHoliday } from './sla.queries.ts';

/** Admins add cuti bersama and local days off; national holidays come preloaded. */
const KINDS = ['cuti_bersama', 'local'] as const;

interface HolidayFormModalProps {
  calendars: Calendar[] | undefined;
  /** The calendar the list is filtered on, proposed for the new day. */
  calendarId: string | null;
  /** May add a day off for every calendar (the organisation's Administrators). */
  everyCalendar: boolean;
  onAdded: (holiday: Holiday) => void;
  onClose: () => void;
}

export function HolidayFormModal({ calendars, calendarId, everyCalendar, onAdded, onClose }: HolidayFormModalProps) {
  const { t } = useTranslation(['sla', 'common']);
  const add = useAddHoliday();
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm({
    name: 'holiday',
    initialValues: { day: null as string | null, nameId: '', nameEn: '', kind: 'cuti_bersama' as (typeof KINDS)[number], calendarId },
    validate: { day: required, nameId: required, nameEn: required, ...(everyCalendar ? {} : { calendarId: required }) },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      {
        day: values.day ?? '',
        nameId: values.nameId.trim(),
        nameEn: values.nameEn.trim(),
        kind: values.kind,
        calendarId: toId(values.calendarId),
      },
      {
        onSuccess: (holiday) => {
          notifications.show({ color: 'green', message: t('holidays.saved') });
          onAdded(holiday);
          onClose();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('holidays.create')}
      onSubmit={submit}
      submitting={add.isPending}
      error={add.error}
      fields={Object.keys(form.values)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DatePickerInput
          label={t('holidays.fields.day')}
          required
          leftSection={<IconCalendar size={16} />}
          valueFormat="dddd, D MMMM YYYY"
          data-autofocus
          data-testid="holiday-day"
          {...form.getInputProps('day')}
        />
        <NameFields form={form} labels={{ id: t('holidays.fields.nameId'), en: t('holidays.fields.nameEn') }} testId="holiday-name" />
        <Input.Wrapper label={t('holidays.fields.kind')}>
          <SegmentedControl
            fullWidth
            mt={4}
            data={KINDS.map((kind) => ({ value: kind, label: t(`holidays.kinds.${kind}`) }))}
            data-testid="holiday-kind"
            {...form.getInputProps('kind')}
          />
        </Input.Wrapper>
        <Select
          label={t('holidays.fields.calendar')}
          placeholder={everyCalendar ? t('holidays.allCalendars') : undefined}
          description={t('holidays.calendarHint')}
          data={idOptions(calendars, (c) => c.name)}
          clearable={everyCalendar}
          required={!everyCalendar}
          {...form.getInputProps('calendarId')}
        />
      </SimpleGrid>
    </FormModal>
  );
}
