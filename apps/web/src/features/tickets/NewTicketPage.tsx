import { Button, Card, FileInput, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { upload } from '../../lib/api-client.ts';
import { useMe } from '../session/session.queries.ts';
import { PersonSelect } from './PersonSelect.tsx';
import type { Person } from './people.queries.ts';
import { useCategories, useCreateTicket, usePriorityMatrix } from './tickets.queries.ts';

const LEVELS = ['high', 'medium', 'low'] as const;
type Level = (typeof LEVELS)[number];
/** How a caller reached the service desk when an agent logs the ticket for them. */
const CALLER_CHANNELS = ['phone', 'walk_in', 'email'] as const;
type CallerChannel = (typeof CALLER_CHANNELS)[number];

/**
 * "Buat tiket": 001's minimum fields, then the evidence file, then the new
 * ticket. Agents may log it for a caller (phone, walk-in, e-mail) instead of themselves.
 */
export function NewTicketPage() {
  const { t } = useTranslation('tickets');
  const me = useMe();
  const navigate = useNavigate();
  const categories = useCategories();
  const matrix = usePriorityMatrix();
  const create = useCreateTicket();
  const agent = me.permissions.includes('ticket:work');
  const [forCaller, setForCaller] = useState(false);
  const [requester, setRequester] = useState<Person | null>(null);
  const [channel, setChannel] = useState<CallerChannel>('phone');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [requesterMissing, setRequesterMissing] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<Level>('medium');
  const [impact, setImpact] = useState<Level>('medium');
  const [phone, setPhone] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

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

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (forCaller && !requester) {
      setRequesterMissing(true);
      return;
    }
    const escaped = description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const ticket = await create.mutateAsync({
      title,
      description: escaped ? `<p>${escaped.replace(/\n/g, '<br>')}</p>` : '',
      categoryId: categoryId ? Number(categoryId) : null,
      urgency,
      impact,
      contactPhone: phone.trim() || null,
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
    if (file) {
      try {
        await upload(`/api/v1/tickets/${ticket.id}/attachments`, file);
      } catch (error) {
        setUploadError(error);
      }
    }
    await navigate({ to: '/tickets/$number', params: { number: ticket.number } });
  };

  return (
    <Stack maw={720}>
      <PageHeader
        title={t('new.title')}
        description={forCaller ? t('new.descriptionCaller') : t('new.description', { unit: me.unit.name })}
      />
      <Card withBorder component="form" onSubmit={(e: React.FormEvent) => void submit(e).catch(() => {})} data-testid="ticket-form">
        <Stack>
          <ProblemAlert error={create.error ?? uploadError} />
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
          <TextInput
            label={t('field.title')}
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-testid="ticket-title"
          />
          <Textarea
            label={t('field.description')}
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            data-testid="ticket-description"
          />
          <Select
            label={t('field.category')}
            searchable
            clearable
            data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${'— '.repeat(c.depth ?? 0)}${c.name}` }))}
            value={categoryId}
            onChange={setCategoryId}
            data-testid="ticket-category"
          />
          <Group grow align="flex-start">
            <Select
              label={t('field.urgency')}
              data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              value={urgency}
              onChange={(v) => v && setUrgency(v as Level)}
              allowDeselect={false}
              data-testid="ticket-urgency"
            />
            <Select
              label={t('field.impact')}
              data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              value={impact}
              onChange={(v) => v && setImpact(v as Level)}
              allowDeselect={false}
              data-testid="ticket-impact"
            />
          </Group>
          {preview && (
            <Text size="sm" c="dimmed" data-testid="ticket-priority-preview">
              {t('new.priorityPreview', { priority: t(`priority.${preview}`) })}
            </Text>
          )}
          {!forCaller && phoneInput}
          <FileInput
            label={t('field.attachment')}
            description={t('new.attachmentHelp')}
            clearable
            value={file}
            onChange={setFile}
            data-testid="ticket-attachment"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="ticket-submit">
              {t('new.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
