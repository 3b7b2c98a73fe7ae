import { Button, Card, FileInput, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { upload } from '../../lib/api-client.ts';
import { useMe } from '../session/session.queries.ts';
import { useCategories, useCreateTicket } from './tickets.queries.ts';

const LEVELS = ['high', 'medium', 'low'] as const;
type Level = (typeof LEVELS)[number];
/** 004 Table 5, shown as a preview; the server computes the real priority from its editable matrix. */
const PREVIEW: Record<Level, Record<Level, string>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

/** "Buat tiket": 001's minimum fields, then the evidence file, then the new ticket. */
export function NewTicketPage() {
  const { t } = useTranslation('tickets');
  const me = useMe();
  const navigate = useNavigate();
  const categories = useCategories();
  const create = useCreateTicket();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<Level>('medium');
  const [impact, setImpact] = useState<Level>('medium');
  const [phone, setPhone] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const escaped = description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const ticket = await create.mutateAsync({
      title,
      description: escaped ? `<p>${escaped.replace(/\n/g, '<br>')}</p>` : '',
      categoryId: categoryId ? Number(categoryId) : null,
      urgency,
      impact,
      contactPhone: phone || null,
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
      <PageHeader title={t('new.title')} description={t('new.description', { unit: me.unit.name })} />
      <Card withBorder component="form" onSubmit={(e: React.FormEvent) => void submit(e).catch(() => {})} data-testid="ticket-form">
        <Stack>
          <ProblemAlert error={create.error ?? uploadError} />
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
          <Text size="sm" c="dimmed">
            {t('new.priorityPreview', { priority: t(`priority.${PREVIEW[urgency][impact]}` as 'priority.P1') })}
          </Text>
          <TextInput label={t('field.contactPhone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
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
