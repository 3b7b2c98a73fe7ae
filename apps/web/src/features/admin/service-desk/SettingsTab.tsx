import { MultiSelect, NumberInput, Select, SimpleGrid, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { PersonSelect } from '../../tickets/PersonSelect.tsx';
import type { Person } from '../../tickets/people.queries.ts';
import { useCompanies, useTeams } from '../../tickets/tickets.queries.ts';
import { SettingsCard } from '../settings/SettingsCard.tsx';
import {
  type AttachmentType,
  type ServiceDeskSettings,
  useSaveServiceDeskSettings,
  useServiceDeskSettings,
  useUserName,
} from './service-desk.queries.ts';

/** Short names for the file types the upload check recognises. */
const TYPE_NAMES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'text/csv': 'CSV',
  'application/zip': 'ZIP',
  'application/x-7z-compressed': '7z',
  'application/x-rar-compressed': 'RAR',
  'application/gzip': 'GZip',
  'video/mp4': 'MP4',
  'audio/mpeg': 'MP3',
};

export function SettingsTab() {
  const settings = useServiceDeskSettings();
  const headOfIt = useUserName(settings.data?.headOfItUserId ?? null);
  const director = useUserName(settings.data?.directorUserId ?? null);
  const error = settings.error ?? headOfIt.error ?? director.error;
  if (error) return <ProblemAlert error={error} onRetry={() => void settings.refetch()} />;
  if (!settings.data || headOfIt.isLoading || director.isLoading) return <LoadingState />;
  const person = (user: typeof headOfIt.data) => (user ? { id: user.id, name: user.name, hint: user.email } : null);
  return (
    <SettingsForm key={settings.data.version} settings={settings.data} headOfIt={person(headOfIt.data)} director={person(director.data)} />
  );
}

/** Numbering, who receives hierarchical escalations, the attachment policy and the automation clocks. */
function SettingsForm({
  settings,
  headOfIt,
  director,
}: {
  settings: ServiceDeskSettings;
  headOfIt: Person | null;
  director: Person | null;
}) {
  const { t } = useTranslation('tickets');
  const save = useSaveServiceDeskSettings();
  const form = useForm({
    initialValues: {
      ticketNumberPattern: settings.ticketNumberPattern,
      headOfItUserId: headOfIt,
      directorUserId: director,
      attachmentTypes: settings.attachmentTypes,
      attachmentMaxMb: settings.attachmentMaxMb as number | string,
      autoCloseBusinessDays: settings.autoCloseBusinessDays as number | string,
      pendingReminderDays: settings.pendingReminderDays as number | string,
      requestNumberPattern: settings.requestNumberPattern,
      // One helpdesk team (or none) per company, as company id → team id.
      helpdeskTeams: Object.fromEntries(settings.helpdeskTeams.map((h) => [String(h.companyId), String(h.teamId)])) as Record<
        string,
        string | null
      >,
      urgentPositions: settings.urgentPositions,
    },
  });
  const companies = useCompanies();
  const teams = useTeams();
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        version: settings.version,
        ticketNumberPattern: values.ticketNumberPattern.trim(),
        headOfItUserId: values.headOfItUserId?.id ?? null,
        directorUserId: values.directorUserId?.id ?? null,
        // The choices come from `allowableTypes`, the server's own list.
        attachmentTypes: values.attachmentTypes as AttachmentType[],
        attachmentMaxMb: Number(values.attachmentMaxMb),
        autoCloseBusinessDays: Number(values.autoCloseBusinessDays),
        pendingReminderDays: Number(values.pendingReminderDays),
        requestNumberPattern: values.requestNumberPattern.trim(),
        helpdeskTeams: Object.entries(values.helpdeskTeams).flatMap(([companyId, teamId]) =>
          teamId ? [{ companyId: Number(companyId), teamId: Number(teamId) }] : [],
        ),
        urgentPositions: values.urgentPositions,
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('admin.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <SettingsCard
      title={t('admin.settings.title')}
      description={t('admin.settings.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
      testId="service-desk-settings"
    >
      <TextInput
        label={t('admin.settings.pattern')}
        description={t('admin.settings.patternHelp')}
        required
        maxLength={60}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.getInputProps('ticketNumberPattern')}
        data-testid="settings-pattern"
      />
      <TextInput
        label={t('admin.settings.requestPattern')}
        description={t('admin.settings.requestPatternHelp')}
        required
        maxLength={60}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.getInputProps('requestNumberPattern')}
        data-testid="settings-request-pattern"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonSelect
          label={t('admin.settings.headOfIt')}
          description={t('admin.settings.headOfItHelp')}
          value={form.values.headOfItUserId}
          onChange={(p) => form.setFieldValue('headOfItUserId', p)}
          error={form.errors.headOfItUserId}
        />
        <PersonSelect
          label={t('admin.settings.director')}
          description={t('admin.settings.directorHelp')}
          value={form.values.directorUserId}
          onChange={(p) => form.setFieldValue('directorUserId', p)}
          error={form.errors.directorUserId}
        />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500}>
          {t('admin.settings.helpdeskTeams')}
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          {t('admin.settings.helpdeskTeamsHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="settings-helpdesk-teams">
          {(companies.data ?? []).map((company) => (
            <Select
              key={company.id}
              label={company.name}
              placeholder={t('admin.settings.noHelpdeskTeam')}
              data={(teams.data?.items ?? [])
                .filter((x) => x.companyId === company.id)
                .map((x) => ({ value: String(x.id), label: x.name }))}
              value={form.values.helpdeskTeams[String(company.id)] ?? null}
              onChange={(v) => form.setFieldValue('helpdeskTeams', { ...form.values.helpdeskTeams, [String(company.id)]: v })}
              clearable
            />
          ))}
        </SimpleGrid>
      </div>
      <TagsInput
        label={t('admin.settings.urgentPositions')}
        description={t('admin.settings.urgentPositionsHelp')}
        {...form.getInputProps('urgentPositions')}
        data-testid="settings-urgent-positions"
      />
      <MultiSelect
        label={t('admin.settings.attachmentTypes')}
        description={t('admin.settings.attachmentTypesHelp')}
        data={settings.allowableTypes.map((type) => ({ value: type, label: TYPE_NAMES[type] ?? type }))}
        searchable
        {...form.getInputProps('attachmentTypes')}
        data-testid="settings-types"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('admin.settings.attachmentMaxMb')}
          description={t('admin.settings.attachmentMaxMbHelp')}
          min={1}
          max={50}
          allowDecimal={false}
          suffix=" MB"
          {...form.getInputProps('attachmentMaxMb')}
        />
        <NumberInput
          label={t('admin.settings.autoCloseDays')}
          description={t('admin.settings.autoCloseHelp')}
          min={1}
          max={60}
          allowDecimal={false}
          {...form.getInputProps('autoCloseBusinessDays')}
          data-testid="settings-autoclose"
        />
        <NumberInput
          label={t('admin.settings.pendingReminderDays')}
          description={t('admin.settings.pendingReminderHelp')}
          min={1}
          max={60}
          allowDecimal={false}
          {...form.getInputProps('pendingReminderDays')}
        />
      </SimpleGrid>
    </SettingsCard>
  );
}
