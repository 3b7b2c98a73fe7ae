import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { useBusinessServices, useCompanies, useTeams, useUnits } from '../tickets/tickets.queries.ts';
import {
  type FormSettings,
  type FormSettingsList,
  type MailSettings,
  useFormSettings,
  useMailSettings,
  useSaveFormSettings,
  useSaveMailSettings,
} from './channels.queries.ts';

/** Channels administration: each company's public report form, and email intake. */
export function ChannelsAdminPage() {
  const { t } = useTranslation('channels');
  const search = useSearch({ strict: false }) as { tab?: string };
  const navigate = useNavigate();
  // The intake mailbox belongs to the whole organisation: a company's Administrator sees only their forms.
  const mailbox = useMe().can.manageOrganisationSettings;
  const tab = mailbox && search.tab === 'mail' ? 'mail' : 'form';
  return (
    <Stack>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <Tabs value={tab} onChange={(value) => void navigate({ to: '/admin/channels', search: { tab: value ?? 'form' } })}>
        <Tabs.List>
          <Tabs.Tab value="form" data-testid="channels-tab-form">
            {t('admin.formTab')}
          </Tabs.Tab>
          {mailbox && (
            <Tabs.Tab value="mail" data-testid="channels-tab-mail">
              {t('admin.mailTab')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          {tab === 'form' && <PublicFormsTab />}
        </Tabs.Panel>
        <Tabs.Panel value="mail" pt="md">
          {tab === 'mail' && <MailIntakeTab />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PublicFormsTab() {
  const { t } = useTranslation('channels');
  const forms = useFormSettings();
  const [companyId, setCompanyId] = useState<string | null>(null);
  if (forms.error) return <ProblemAlert error={forms.error} onRetry={() => void forms.refetch()} />;
  if (!forms.data) return <LoadingState />;
  const selected =
    forms.data.items.find((i) => String(i.company.id) === companyId) ?? forms.data.items.find((i) => i.form) ?? forms.data.items[0];
  return (
    <Stack>
      <Select
        label={t('admin.company')}
        data={forms.data.items.map((i) => ({
          value: String(i.company.id),
          label: `${i.company.name}${i.form?.enabled ? ` · ${t('admin.on')}` : ''}`,
        }))}
        value={selected ? String(selected.company.id) : null}
        onChange={setCompanyId}
        allowDeselect={false}
        maw={480}
      />
      {selected && (
        <PublicFormEditor
          key={`${selected.company.id}:${selected.form?.version ?? 0}`}
          settings={selected}
          defaults={forms.data.defaults}
        />
      )}
    </Stack>
  );
}

const PROTECTION = ['minFillSeconds', 'tokenMaxAgeMinutes', 'perIpPerHour', 'perPhonePerDay', 'challengeAfter', 'challengeBits'] as const;
type Protection = FormSettingsList['defaults'];

/** The units and teams of one company, as select options. */
function useCompanyPlaces(companyId: number | null) {
  const units = useUnits();
  const teams = useTeams();
  return {
    units: (units.data ?? []).filter((u) => u.companyId === companyId).map((u) => ({ value: String(u.id), label: u.name })),
    teams: (teams.data?.items ?? []).filter((tm) => tm.companyId === companyId).map((tm) => ({ value: String(tm.id), label: tm.name })),
  };
}

function PublicFormEditor({ settings, defaults }: { settings: FormSettings; defaults: Protection }) {
  const { t } = useTranslation('channels');
  const places = useCompanyPlaces(settings.company.id);
  const services = useBusinessServices();
  const save = useSaveFormSettings();
  const current = settings.form;
  const form = useForm({
    initialValues: {
      enabled: current?.enabled ?? false,
      slug: current?.slug ?? '',
      unitId: current ? String(current.unitId) : '',
      teamId: current?.teamId ? String(current.teamId) : '',
      serviceIds: (current?.serviceIds ?? []).map(String),
      protection: current?.protection ?? defaults,
    },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        companyId: settings.company.id,
        body: {
          version: current?.version ?? 0,
          enabled: v.enabled,
          slug: v.slug.trim(),
          unitId: Number(v.unitId),
          teamId: v.teamId ? Number(v.teamId) : null,
          serviceIds: v.serviceIds.map(Number),
          protection: v.protection,
        },
      });
      notifications.show({ color: 'teal', message: t('admin.saved') });
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <Card withBorder component="form" onSubmit={submit} maw={760} data-testid="public-form-settings">
      <Stack>
        <ProblemAlert error={save.error} fields={['slug', 'unitId', 'teamId', 'serviceIds', 'protection']} />
        <Switch
          label={t('admin.enabled')}
          description={t('admin.enabledHelp')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
          data-testid="public-form-enabled"
        />
        <TextInput
          label={t('admin.slug')}
          description={current?.url ? <Anchor href={current.url}>{current.url}</Anchor> : t('admin.slugHelp')}
          required
          maxLength={63}
          {...form.getInputProps('slug')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('admin.unit')}
            description={t('admin.unitHelp')}
            required
            searchable
            data={places.units}
            {...form.getInputProps('unitId')}
          />
          <Select label={t('admin.team')} clearable data={places.teams} {...form.getInputProps('teamId')} />
        </SimpleGrid>
        <MultiSelect
          label={t('admin.services')}
          description={t('admin.servicesHelp')}
          searchable
          data={(services.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          {...form.getInputProps('serviceIds')}
        />
        <Title order={5}>{t('admin.protection')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
          {PROTECTION.map((key) => (
            <NumberInput key={key} label={t(`admin.${key}`)} min={0} allowDecimal={false} {...form.getInputProps(`protection.${key}`)} />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="public-form-save">
            {t('admin.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MailIntakeTab() {
  const settings = useMailSettings();
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingState />;
  return <MailIntakeEditor key={settings.data.version} settings={settings.data} />;
}

function MailIntakeEditor({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation('channels');
  const companies = useCompanies();
  const save = useSaveMailSettings();
  const form = useForm({
    initialValues: {
      helpdeskAddress: settings.helpdeskAddress,
      companyId: settings.companyId ? String(settings.companyId) : '',
      unitId: settings.unitId ? String(settings.unitId) : '',
      teamId: settings.teamId ? String(settings.teamId) : '',
      unknownSenders: settings.unknownSenders as string,
      perSenderPerHour: settings.perSenderPerHour,
      imap: { ...settings.imap, password: '' },
    },
  });
  const places = useCompanyPlaces(Number(form.getValues().companyId) || null);
  const submit = form.onSubmit(async (v) => {
    const { passwordSet: _, password, ...imap } = v.imap;
    try {
      await save.mutateAsync({
        version: settings.version,
        helpdeskAddress: v.helpdeskAddress.trim(),
        companyId: v.companyId ? Number(v.companyId) : null,
        unitId: v.unitId ? Number(v.unitId) : null,
        teamId: v.teamId ? Number(v.teamId) : null,
        unknownSenders: v.unknownSenders as 'contact' | 'refuse',
        perSenderPerHour: v.perSenderPerHour,
        imap: { ...imap, ...(password ? { password } : {}) },
      });
      notifications.show({ color: 'teal', message: t('admin.saved') });
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <Card withBorder component="form" onSubmit={submit} maw={760} data-testid="mail-settings">
      <Stack>
        <ProblemAlert error={save.error} fields={['helpdeskAddress', 'companyId', 'unitId', 'teamId', 'perSenderPerHour', 'imap']} />
        <TextInput
          label={t('admin.helpdeskAddress')}
          description={t('admin.helpdeskAddressHelp')}
          type="email"
          {...form.getInputProps('helpdeskAddress')}
        />
        <Text size="sm" c="dimmed">
          {t('admin.unknownHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('admin.company')}
            clearable
            data={(companies.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            {...form.getInputProps('companyId')}
          />
          <Select label={t('admin.unit')} clearable searchable data={places.units} {...form.getInputProps('unitId')} />
          <Select label={t('admin.team')} clearable data={places.teams} {...form.getInputProps('teamId')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('admin.unknownSenders')}
            allowDeselect={false}
            data={(['contact', 'refuse'] as const).map((v) => ({ value: v, label: t(`admin.unknown.${v}`) }))}
            {...form.getInputProps('unknownSenders')}
          />
          <NumberInput label={t('admin.perSenderPerHour')} min={1} allowDecimal={false} {...form.getInputProps('perSenderPerHour')} />
        </SimpleGrid>
        <Title order={5}>{t('admin.imap')}</Title>
        <Alert color="blue">{t('admin.imapHelp')}</Alert>
        <Switch label={t('admin.imapEnabled')} {...form.getInputProps('imap.enabled', { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('admin.host')} {...form.getInputProps('imap.host')} />
          <NumberInput label={t('admin.port')} min={1} max={65535} allowDecimal={false} {...form.getInputProps('imap.port')} />
          <Switch mt="xl" label={t('admin.tls')} {...form.getInputProps('imap.secure', { type: 'checkbox' })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('admin.user')} {...form.getInputProps('imap.user')} />
          <PasswordInput
            label={t('admin.password')}
            placeholder={settings.imap.passwordSet ? t('admin.passwordKept') : ''}
            {...form.getInputProps('imap.password')}
          />
          <TextInput label={t('admin.folder')} {...form.getInputProps('imap.folder')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="mail-settings-save">
            {t('admin.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
