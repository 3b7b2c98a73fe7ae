import { Select, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { fromId, idOptions, toId } from '../../../lib/options.ts';
import { DurationInput, MAX_TARGET_MINUTES } from './DurationInput.tsx';
import { NameFields } from './NameFields.tsx';
import { categoryOptions, PRIORITIES, TICKET_TYPES, useMatchLabels } from './policy-match.ts';
import { type NewSlaPolicy, type SlaPolicy, useCalendars, useSaveSlaPolicy } from './sla.queries.ts';

export function PolicyFormModal({ policy, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const labels = useMatchLabels();
  const calendars = useCalendars();
  const save = useSaveSlaPolicy();
  const target = (minutes: number) =>
    minutes < 1 ? t('policies.targetRequired') : minutes > MAX_TARGET_MINUTES ? t('policies.targetTooLong') : null;
  const form = useForm({
    name: 'sla-policy',
    initialValues: {
      nameId: policy?.nameId ?? '',
      nameEn: policy?.nameEn ?? '',
      ticketType: policy?.ticketType ?? null,
      priority: policy?.priority ?? null,
      categoryId: fromId(policy?.categoryId) || null,
      serviceId: fromId(policy?.serviceId) || null,
      responseMinutes: policy?.responseMinutes ?? 60,
      resolutionMinutes: policy?.resolutionMinutes ?? 480,
      calendarId: fromId(policy?.calendarId ?? calendars.data?.find((c) => c.active && !c.always)?.id),
    },
    validate: {
      nameId: (v) => (v.trim() ? null : t('common:validation.required')),
      nameEn: (v) => (v.trim() ? null : t('common:validation.required')),
      calendarId: (v) => (v ? null : t('common:validation.required')),
      responseMinutes: target,
      resolutionMinutes: target,
    },
  });
  const submit = form.onSubmit((values) => {
    const body: NewSlaPolicy = {
      nameId: values.nameId.trim(),
      nameEn: values.nameEn.trim(),
      ticketType: values.ticketType as NewSlaPolicy['ticketType'],
      priority: values.priority as NewSlaPolicy['priority'],
      categoryId: toId(values.categoryId),
      serviceId: toId(values.serviceId),
      responseMinutes: values.responseMinutes,
      resolutionMinutes: values.resolutionMinutes,
      calendarId: Number(values.calendarId),
    };
    save.mutate(policy ? { id: policy.id, body: { version: policy.version, ...body } } : { body }, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('policies.saved') });
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });

  const any = t('policies.any');
  return (
    <FormModal
      opened
      onClose={onClose}
      title={policy ? t('policies.edit') : t('policies.create')}
      onSubmit={submit}
      submitting={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NameFields
          form={form}
          labels={{ id: t('policies.fields.nameId'), en: t('policies.fields.nameEn') }}
          testId="policy-name"
          autoFocus
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('policies.fields.ticketType')}
          placeholder={any}
          data={TICKET_TYPES.map((type) => ({ value: type, label: labels.type(type) }))}
          clearable
          {...form.getInputProps('ticketType')}
        />
        <Select
          label={t('policies.fields.priority')}
          placeholder={any}
          data={PRIORITIES.map((p) => ({ value: p, label: labels.priority(p) }))}
          clearable
          {...form.getInputProps('priority')}
        />
        <Select
          label={t('policies.fields.category')}
          placeholder={any}
          data={categoryOptions(labels.categories.data)}
          clearable
          searchable
          {...form.getInputProps('categoryId')}
        />
        <Select
          label={t('policies.fields.service')}
          placeholder={any}
          data={idOptions(labels.services.data, (s) => s.name)}
          clearable
          searchable
          {...form.getInputProps('serviceId')}
        />
        <DurationInput
          label={t('policies.fields.response')}
          description={t('policies.responseHint')}
          testId="policy-response"
          {...form.getInputProps('responseMinutes')}
        />
        <DurationInput
          label={t('policies.fields.resolution')}
          description={t('policies.resolutionHint')}
          testId="policy-resolution"
          {...form.getInputProps('resolutionMinutes')}
        />
      </SimpleGrid>
      <Select
        label={t('policies.fields.calendar')}
        description={t('policies.calendarHint')}
        required
        allowDeselect={false}
        data={idOptions(
          calendars.data?.filter((c) => c.active || c.id === policy?.calendarId),
          (c) => c.name,
        )}
        {...form.getInputProps('calendarId')}
      />
    </FormModal>
  );
}
