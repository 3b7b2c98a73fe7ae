import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { Select, SimpleGrid, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { DEFAULT_HOURS, toDayForms, toWeekHours } from './business-hours.ts';
import { NameFields } from './NameFields.tsx';
import { ownerIds, ownerValue, useKeeps, useOwners } from './owners.ts';
import { type Calendar, type NewCalendar, useSaveCalendar } from './sla.queries.ts';
import { WeekHoursInput } from './WeekHoursInput.tsx';

/** Create (no calendar) or edit one business calendar. Mounted while open, so it starts from the calendar each time. */
export function CalendarFormModal({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const owners = useOwners();
  // A company's Administrator gives every calendar an owner: one for no company is the organisation's.
  const { everything } = useKeeps();
  const save = useSaveCalendar();
  const form = useForm({
    name: 'calendar',
    initialValues: {
      nameId: calendar?.nameId ?? '',
      nameEn: calendar?.nameEn ?? '',
      timeZone: calendar?.timeZone ?? DEFAULT_TIME_ZONE,
      owner: calendar ? ownerValue(calendar) : null,
      always: calendar?.always ?? false,
      days: toDayForms(calendar?.hours.length === 7 ? calendar.hours : DEFAULT_HOURS),
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const field of ['nameId', 'nameEn'] as const) if (!values[field].trim()) errors[field] = t('common:validation.required');
      if (!everything && !values.owner) errors.owner = t('common:validation.required');
      if (values.always) return errors;
      const hours = toWeekHours(values.days);
      hours.forEach((day, i) => {
        if (day === null) errors[`days.${i}`] = t('calendars.windowInvalid');
      });
      if (hours.every((day) => day?.length === 0)) errors.days = t('calendars.needHours');
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    // A 24×7 calendar keeps whatever hours it had; they count again if it is switched back.
    const hours = (values.always ? (calendar?.hours ?? DEFAULT_HOURS) : toWeekHours(values.days)) as NewCalendar['hours'];
    const body = {
      nameId: values.nameId.trim(),
      nameEn: values.nameEn.trim(),
      timeZone: values.timeZone,
      always: values.always,
      hours,
      ...ownerIds(values.owner),
    };
    save.mutate(calendar ? { id: calendar.id, body: { version: calendar.version, ...body } } : { body }, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('calendars.saved') });
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });

  return (
    <FormModal
      opened
      onClose={onClose}
      title={calendar ? t('calendars.edit') : t('calendars.create')}
      onSubmit={submit}
      submitting={save.isPending}
      error={save.error}
      fields={['nameId', 'nameEn', 'timeZone', 'always', 'hours', 'companyId', 'teamId']}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NameFields
          form={form}
          labels={{ id: t('calendars.fields.nameId'), en: t('calendars.fields.nameEn') }}
          testId="calendar-name"
          autoFocus
        />
        <TimeZoneSelect
          label={t('calendars.fields.timeZone')}
          required
          data-testid="calendar-timezone"
          {...form.getInputProps('timeZone')}
        />
        <Select
          label={t('calendars.fields.owner')}
          placeholder={t('calendars.organisation')}
          description={t('calendars.ownerHint')}
          data={owners.options}
          clearable={everything}
          required={!everything}
          searchable
          data-testid="calendar-owner"
          {...form.getInputProps('owner')}
        />
        <Switch
          label={t('calendars.always')}
          description={t('calendars.alwaysHint')}
          mt={{ sm: 'xl' }}
          data-testid="calendar-always"
          {...form.getInputProps('always', { type: 'checkbox' })}
        />
      </SimpleGrid>
      {!form.values.always && (
        <WeekHoursInput
          days={form.values.days}
          onChange={(days) => {
            form.setFieldValue('days', days);
            form.clearErrors();
          }}
          errors={form.values.days.map((_, i) => form.errors[`days.${i}`] as string | undefined)}
          error={form.errors.days as string | undefined}
        />
      )}
    </FormModal>
  );
}
