import { ActionIcon, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Ticket, useTicketChange } from './tickets.queries.ts';

type Item = { text: string; done: boolean };

/**
 * The action checklist (SOP 002 §6.e): the solution summary on top once
 * resolved, then the items. Whoever works the ticket adds, ticks, reorders and
 * removes items; each change saves the whole list (it carries the ticket version).
 */
export function ChecklistCard({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation('tickets');
  const { patch } = useTicketChange(ticket.number);
  const [draft, setDraft] = useState('');
  const items: Item[] = ticket.checklist.map(({ text, done }) => ({ text, done }));
  const save = (checklist: Item[], onSuccess?: () => void) =>
    patch.mutate({ id: ticket.id, body: { version: ticket.version, checklist } }, { onSuccess });
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    save(next);
  };
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    if (draft.trim()) save([...items, { text: draft.trim(), done: false }], () => setDraft(''));
  };
  const done = items.filter((i) => i.done).length;

  if (!editable && items.length === 0 && !ticket.solutionSummary) return null;
  return (
    <Card withBorder data-testid="ticket-solution">
      {ticket.solutionSummary && (
        <>
          <Title order={4} mb="xs">
            {t('field.solution')}
          </Title>
          <Text size="sm" mb="md">
            {ticket.solutionSummary}
          </Text>
        </>
      )}
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('resolve.checklist')}</Title>
        {items.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('checklist.progress', { done, total: items.length })}
          </Text>
        )}
      </Group>
      <ProblemAlert error={patch.error} />
      <Stack gap={6} data-testid="checklist">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('checklist.empty')}
          </Text>
        )}
        {ticket.checklist.map((item, index) => (
          <Group key={item.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="checklist-item">
            <Checkbox
              label={item.text}
              checked={item.done}
              readOnly={!editable}
              disabled={patch.isPending}
              onChange={(e) => editable && save(items.map((it, i) => (i === index ? { ...it, done: e.currentTarget.checked } : it)))}
              styles={{ label: { textDecoration: item.done ? 'line-through' : undefined, overflowWrap: 'anywhere' } }}
              data-testid="checklist-tick"
            />
            {editable && (
              <Group gap={0} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={t('checklist.up', { item: item.text })}
                  disabled={index === 0 || patch.isPending}
                  onClick={() => move(index, index - 1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('checklist.down', { item: item.text })}
                  disabled={index === items.length - 1 || patch.isPending}
                  onClick={() => move(index, index + 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('checklist.remove', { item: item.text })}
                  disabled={patch.isPending}
                  onClick={() => save(items.filter((_, i) => i !== index))}
                  data-testid="checklist-remove"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      {editable && (
        <form onSubmit={add}>
          <Group mt="sm" gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              placeholder={t('checklist.new')}
              aria-label={t('checklist.new')}
              maxLength={300}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="checklist-new"
            />
            <Button
              type="submit"
              variant="light"
              leftSection={<IconPlus size={16} />}
              loading={patch.isPending}
              disabled={!draft.trim()}
              data-testid="checklist-add"
            >
              {t('checklist.add')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}
