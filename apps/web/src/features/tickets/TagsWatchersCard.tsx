import { Badge, Button, Card, Group, Stack, TagsInput, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { PeopleMultiSelect } from './PersonSelect.tsx';
import type { Person } from './people.queries.ts';
import { type Ticket, useTicketChange } from './tickets.queries.ts';

/** Tags (for filters and reports) and watchers (kept informed); editable by whoever may edit the ticket. */
export function TagsWatchersCard({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation('tickets');
  const { patch } = useTicketChange(ticket.number);
  const [editing, setEditing] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  const [watchers, setWatchers] = useState<Person[]>([]);
  const edit = () => {
    patch.reset();
    setTags(ticket.tags);
    setWatchers(ticket.watchers);
    setEditing(true);
  };
  const save = () =>
    patch.mutate(
      { id: ticket.id, body: { version: ticket.version, tags, watcherIds: watchers.map((w) => w.id) } },
      { onSuccess: () => setEditing(false) },
    );

  if (!editable && ticket.tags.length === 0 && ticket.watchers.length === 0) return null;
  return (
    <Card withBorder data-testid="ticket-tags">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('tagsWatchers.title')}</Title>
        {editable && !editing && (
          <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={edit} data-testid="tags-edit">
            {t('tagsWatchers.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <Stack gap="sm">
          <ProblemAlert error={patch.error} />
          <TagsInput
            label={t('field.tags')}
            description={t('tagsWatchers.tagsHelp')}
            value={tags}
            onChange={(values) => setTags(values.map((v) => v.trim().toLowerCase()).filter(Boolean))}
            maxTags={20}
            clearable
            data-testid="tags-input"
          />
          <PeopleMultiSelect label={t('field.watchers')} value={watchers} onChange={setWatchers} data-testid="watchers-input" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('close')}
            </Button>
            <Button onClick={save} loading={patch.isPending} data-testid="tags-save">
              {t('submit')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <div>
            <Text size="xs" c="dimmed">
              {t('field.tags')}
            </Text>
            {ticket.tags.length ? (
              <Group gap={4}>
                {ticket.tags.map((tag) => (
                  <Badge key={tag} variant="outline" size="sm" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm">—</Text>
            )}
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('field.watchers')}
            </Text>
            <Text size="sm">{ticket.watchers.map((w) => w.name).join(', ') || '—'}</Text>
          </div>
        </Stack>
      )}
    </Card>
  );
}
