import {
  Anchor,
  Button,
  Card,
  FileInput,
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { textToHtml } from '../../components/plain-text.ts';
import { ApiError, upload } from '../../lib/api-client.ts';
import { useArticleChange, useArticles } from '../knowledge/knowledge.queries.ts';
import { useMe } from '../session/session.queries.ts';
import { acceptOf, extensionsOf, pendingUploads, refusalOf } from './attachment-policy.ts';
import { CategorySelect } from './CategorySelect.tsx';
import { PersonSelect } from './PersonSelect.tsx';
import type { Person } from './people.queries.ts';
import {
  useAttachmentPolicy,
  useBusinessServices,
  useCompanies,
  useCreateTicket,
  usePriorityMatrix,
  useTeams,
  useUnits,
} from './tickets.queries.ts';

const LEVELS = ['high', 'medium', 'low'] as const;
type Level = (typeof LEVELS)[number];
/** How a caller reached the service desk when an agent logs the ticket for them. */
const CALLER_CHANNELS = ['phone', 'walk_in', 'email'] as const;
type CallerChannel = (typeof CALLER_CHANNELS)[number];

/**
 * "Buat tiket": 001's minimum fields, the evidence files (checked against the
 * policy before anything is sent), articles that may already answer it while
 * the title is typed, then the new ticket. Agents may log it for a caller, and
 * choose the company, operating unit and helpdesk team (003 §7).
 */
export function NewTicketPage() {
  const { t } = useTranslation('tickets');
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { title?: string };
  const matrix = usePriorityMatrix();
  const services = useBusinessServices();
  const policy = useAttachmentPolicy().data;
  const create = useCreateTicket();
  const agent = me.permissions.includes('ticket:work');
  const [forCaller, setForCaller] = useState(false);
  const [requester, setRequester] = useState<Person | null>(null);
  const [channel, setChannel] = useState<CallerChannel>('phone');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [requesterMissing, setRequesterMissing] = useState(false);
  const [title, setTitle] = useState(search.title ?? '');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<Level>('medium');
  const [impact, setImpact] = useState<Level>('medium');
  const [phone, setPhone] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const refused = policy ? files.filter((f) => refusalOf(f, policy)) : [];
  // Suggestions sit beside the form on wide screens, so the form never moves while one types.
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const suggestions = !forCaller && <Suggestions title={title} />;

  const phoneInput = (
    <TextInput
      label={t('field.contactPhone')}
      type="tel"
      maxLength={40}
      value={phone}
      onChange={(e) => setPhone(e.currentTarget.value)}
      data-testid="ticket-contact-phone"
    />
  );
  // The server computes the real priority from the same (admin-editable) matrix.
  const preview = matrix.data?.cells.find((c) => c.urgency === urgency && c.impact === impact)?.priority;
  const levelSelect = (kind: 'urgency' | 'impact', value: Level, set: (l: Level) => void) => (
    <Select
      label={t(`field.${kind}`)}
      // 004 Tables 3 and 4: what each level means, beside the choice.
      description={t(`criteria.${kind}.${value}`)}
      data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
      renderOption={({ option }) => (
        <div>
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed">
            {t(`criteria.${kind}.${option.value as Level}`)}
          </Text>
        </div>
      )}
      value={value}
      onChange={(v) => v && set(v as Level)}
      allowDeselect={false}
      data-testid={`ticket-${kind}`}
    />
  );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (forCaller && !requester) {
      setRequesterMissing(true);
      return;
    }
    if (refused.length) return;
    const ticket = await create.mutateAsync({
      title,
      description: description.trim() ? textToHtml(description) : '',
      categoryId: categoryId ? Number(categoryId) : null,
      serviceId: serviceId ? Number(serviceId) : null,
      urgency,
      impact,
      contactPhone: phone.trim() || null,
      ...(agent && unitId ? { unitId: Number(unitId) } : {}),
      ...(agent && teamId ? { teamId: Number(teamId) } : {}),
      // For a caller: the server fills contact details the agent leaves empty from the caller's profile.
      ...(forCaller
        ? {
            requesterId: requester?.id,
            channel,
            contactName: contactName.trim() || null,
            contactEmail: contactEmail.trim() || null,
          }
        : {}),
    });
    // The ticket exists: a file that fails now waits on the ticket page to be sent again.
    const failed: { file: File; reason: string }[] = [];
    for (const file of files) {
      try {
        await upload(`/api/v1/tickets/${ticket.id}/attachments`, file);
      } catch (error) {
        failed.push({ file, reason: error instanceof ApiError ? error.detail : String(error) });
      }
    }
    pendingUploads.set(ticket.number, failed);
    await navigate({ to: '/tickets/$number', params: { number: ticket.number } });
  };

  return (
    <Stack maw={1120}>
      <PageHeader
        title={t('new.title')}
        description={forCaller ? t('new.descriptionCaller') : t('new.description', { unit: me.unit.name })}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder component="form" onSubmit={(e: React.FormEvent) => void submit(e).catch(() => {})} data-testid="ticket-form">
            <Stack>
              <ProblemAlert error={create.error} />
              {agent && (
                <SegmentedControl
                  data={[
                    { value: 'self', label: t('new.forSelf') },
                    { value: 'caller', label: t('new.forCaller') },
                  ]}
                  value={forCaller ? 'caller' : 'self'}
                  onChange={(value) => setForCaller(value === 'caller')}
                  fullWidth
                  data-testid="ticket-for"
                />
              )}
              {forCaller && (
                <Card withBorder bg="var(--mantine-color-default-hover)" data-testid="ticket-caller">
                  <Stack gap="sm">
                    <PersonSelect
                      label={t('field.requester')}
                      description={t('new.requesterHelp')}
                      required
                      error={requesterMissing && !requester ? t('new.requesterRequired') : undefined}
                      value={requester}
                      onChange={setRequester}
                      data-testid="ticket-requester"
                    />
                    <Select
                      label={t('field.channel')}
                      data={CALLER_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                      value={channel}
                      onChange={(v) => v && setChannel(v as CallerChannel)}
                      allowDeselect={false}
                      data-testid="ticket-channel"
                    />
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <TextInput
                        label={t('field.contactName')}
                        placeholder={requester?.name}
                        maxLength={120}
                        value={contactName}
                        onChange={(e) => setContactName(e.currentTarget.value)}
                        data-testid="ticket-contact-name"
                      />
                      <TextInput
                        label={t('field.contactEmail')}
                        type="email"
                        placeholder={requester?.hint}
                        maxLength={254}
                        value={contactEmail}
                        onChange={(e) => setContactEmail(e.currentTarget.value)}
                        data-testid="ticket-contact-email"
                      />
                      {phoneInput}
                    </SimpleGrid>
                  </Stack>
                </Card>
              )}
              {agent && (
                <DeskFields
                  companyId={companyId}
                  unitId={unitId}
                  teamId={teamId}
                  onCompany={(v) => {
                    setCompanyId(v);
                    setUnitId(null);
                    setTeamId(null);
                  }}
                  onUnit={setUnitId}
                  onTeam={setTeamId}
                />
              )}
              <TextInput
                label={t('field.title')}
                required
                maxLength={200}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                data-testid="ticket-title"
              />
              {!wide && suggestions}
              <Textarea
                label={t('field.description')}
                autosize
                minRows={4}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                data-testid="ticket-description"
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <CategorySelect value={categoryId} onChange={setCategoryId} data-testid="ticket-category" />
                <Select
                  label={t('field.service')}
                  data={(services.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
                  value={serviceId}
                  onChange={setServiceId}
                  searchable
                  clearable
                  data-testid="ticket-service"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {levelSelect('urgency', urgency, setUrgency)}
                {levelSelect('impact', impact, setImpact)}
              </SimpleGrid>
              {preview && (
                <Text size="sm" c="dimmed" data-testid="ticket-priority-preview">
                  {t('new.priorityPreview', { priority: t(`priority.${preview}`) })}
                </Text>
              )}
              {!forCaller && phoneInput}
              <FileInput
                label={t('field.attachment')}
                description={policy ? t('attachments.policy', { types: extensionsOf(policy).join(', '), maxMb: policy.maxMb }) : undefined}
                accept={policy ? acceptOf(policy) : undefined}
                multiple
                clearable
                value={files}
                onChange={setFiles}
                error={
                  refused.length
                    ? refused
                        .map((f) =>
                          t(`attachments.refused.${refusalOf(f, policy ?? { types: [], maxMb: 0 }) ?? 'type'}`, {
                            name: f.name,
                            maxMb: policy?.maxMb,
                          }),
                        )
                        .join(' ')
                    : undefined
                }
                data-testid="ticket-attachment"
              />
              <Group justify="flex-end">
                <Button type="submit" loading={create.isPending} disabled={refused.length > 0} data-testid="ticket-submit">
                  {t('new.submit')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        {wide && <Grid.Col span={4}>{suggestions}</Grid.Col>}
      </Grid>
    </Stack>
  );
}

/** 003 §7.1–7.2 for the service desk: the company (PT), the operating unit where it happened, and the helpdesk team. */
function DeskFields(p: {
  companyId: string | null;
  unitId: string | null;
  teamId: string | null;
  onCompany: (v: string | null) => void;
  onUnit: (v: string | null) => void;
  onTeam: (v: string | null) => void;
}) {
  const { t } = useTranslation('tickets');
  const companies = useCompanies();
  const units = useUnits();
  const teams = useTeams();
  const inCompany = <T extends { companyId: number }>(items: T[]) =>
    p.companyId ? items.filter((x) => String(x.companyId) === p.companyId) : items;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="ticket-desk-fields">
      <Select
        label={t('field.company')}
        description={t('new.companyHelp')}
        data={(companies.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
        value={p.companyId}
        onChange={p.onCompany}
        clearable
        searchable
        data-testid="ticket-company"
      />
      <Select
        label={t('field.operatingUnit')}
        data={inCompany(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
        value={p.unitId}
        onChange={p.onUnit}
        clearable
        searchable
        disabled={!p.companyId}
        data-testid="ticket-unit"
      />
      <Select
        label={t('field.helpdeskTeam')}
        description={t('new.teamHelp')}
        data={inCompany(teams.data?.items ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
        value={p.teamId}
        onChange={p.onTeam}
        clearable
        searchable
        disabled={!p.companyId}
        data-testid="ticket-team"
      />
    </SimpleGrid>
  );
}

/** Articles that may already answer what is being typed; "this solved my problem" files nothing and is counted. */
function Suggestions({ title }: { title: string }) {
  const { t } = useTranslation('tickets');
  const navigate = useNavigate();
  const [settled] = useDebouncedValue(title.trim(), 400);
  const articles = useArticles({ q: settled, suggest: 'true', pageSize: 5 }, settled.length >= 4);
  const change = useArticleChange();
  const items = settled.length >= 4 ? (articles.data?.items ?? []) : [];
  if (!items.length) return null;
  const solved = (id: number) =>
    change.solved.mutate(
      { id, query: settled },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('suggest.thanks') });
          void navigate({ to: '/', search: {} });
        },
      },
    );
  return (
    <Card withBorder bg="var(--mantine-color-blue-light)" data-testid="ticket-suggestions">
      <Title order={5} mb="xs">
        {t('suggest.title')}
      </Title>
      <Stack gap="xs">
        {items.map((a) => (
          <Stack key={a.id} gap={4} align="flex-start" data-testid="ticket-suggestion">
            <div>
              <Anchor
                size="sm"
                fw={600}
                target="_blank"
                renderRoot={(props) => <Link {...props} to="/knowledge/$id" params={{ id: String(a.id) }} search={{ q: settled }} />}
              >
                {a.title}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {a.excerpt}
              </Text>
            </div>
            <Button
              size="compact-xs"
              color="teal"
              variant="light"
              onClick={() => solved(a.id)}
              loading={change.solved.isPending}
              data-testid="ticket-suggestion-solved"
            >
              {t('suggest.solved')}
            </Button>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
