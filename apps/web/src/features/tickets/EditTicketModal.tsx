import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { htmlToPlainText, textToHtml } from '../../components/plain-text.ts';
import { CategorySelect } from './CategorySelect.tsx';
import { type Ticket, useBusinessServices, useTicketChange } from './tickets.queries.ts';

const TYPES = ['incident', 'request', 'question'] as const;

/** Agents correct what was reported (003 §7): title, type, category, business service and description; each change is on the timeline. */
export function EditTicketModal({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const [opened, modal] = useDisclosure(false);
  const change = useTicketChange(ticket.number);
  const services = useBusinessServices();
  const initial = {
    title: ticket.title,
    type: ticket.type,
    categoryId: ticket.category ? String(ticket.category.id) : null,
    serviceId: ticket.service ? String(ticket.service.id) : null,
    description: htmlToPlainText(ticket.descriptionHtml),
  };
  const [form, setForm] = useState(initial);
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const open = () => {
    setForm(initial);
    modal.open();
  };
  const save = () => {
    const body: Parameters<typeof change.patch.mutate>[0]['body'] = { version: ticket.version };
    if (form.title !== initial.title) body.title = form.title;
    if (form.type !== initial.type) body.type = form.type;
    if (form.categoryId !== initial.categoryId) body.categoryId = form.categoryId ? Number(form.categoryId) : null;
    if (form.serviceId !== initial.serviceId) body.serviceId = form.serviceId ? Number(form.serviceId) : null;
    if (form.description !== initial.description) body.description = textToHtml(form.description);
    change.patch.mutate({ id: ticket.id, body }, { onSuccess: modal.close });
  };
  return (
    <>
      <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={open} data-testid="ticket-edit">
        {t('edit.open')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('edit.title', { number: ticket.number })} size="lg">
        <Stack>
          <ProblemAlert error={change.patch.error} />
          <TextInput
            label={t('field.title')}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            maxLength={200}
            data-testid="edit-title"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('field.type')}
              data={TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
              value={form.type}
              onChange={(v) => v && set('type', v as (typeof TYPES)[number])}
              allowDeselect={false}
              data-testid="edit-type"
            />
            <Select
              label={t('field.service')}
              data={(services.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
              value={form.serviceId}
              onChange={(v) => set('serviceId', v)}
              searchable
              clearable
              data-testid="edit-service"
            />
          </SimpleGrid>
          <CategorySelect value={form.categoryId} onChange={(v) => set('categoryId', v)} data-testid="edit-category" />
          <Textarea
            label={t('field.description')}
            autosize
            minRows={4}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            data-testid="edit-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              {t('close')}
            </Button>
            <Button onClick={save} loading={change.patch.isPending} disabled={!form.title.trim()} data-testid="edit-submit">
              {t('submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
