import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { ChangeStatusBadge, RiskBadge } from './ChangeBadges.tsx';
import { ChangeLink } from './ChangeListPage.tsx';
import { useChangeFormat, zonedIso } from './change-format.ts';
import { managesChanges } from './change-sections.ts';
import { type Meeting, PAGE_SIZE, useMeeting, useMeetings, useMeetingWrites } from './changes.queries.ts';

const STATUS_COLORS = { planned: 'blue', held: 'green', cancelled: 'gray' } as const;
const DECISION_COLORS = { approve: 'green', reject: 'red', defer: 'yellow' } as const;

/** CAB meetings, latest first; the Change Manager schedules one with the changes waiting for the CAB as its agenda. */
export function MeetingsPage() {
  const { t } = useTranslation('changes');
  const me = useMe();
  const navigate = useNavigate();
  const { dateTime } = useChangeFormat();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const meetings = useMeetings(page);
  return (
    <Stack>
      {managesChanges(me) && (
        <Button w="fit-content" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="meeting-new">
          {t('meetings.new')}
        </Button>
      )}
      <DataTable
        testId="meetings"
        rows={meetings.data?.items}
        rowKey={(m) => m.id}
        loading={meetings.isLoading}
        error={meetings.error}
        onRetry={() => void meetings.refetch()}
        emptyText={t('meetings.empty')}
        pagination={meetings.data && { page, pageSize: PAGE_SIZE, total: meetings.data.total, onChange: setPage }}
        columns={[
          {
            key: 'title',
            header: t('meetings.title'),
            render: (m) => (
              <Anchor renderRoot={(props) => <Link {...props} to="/changes/meetings/$id" params={{ id: String(m.id) }} />} fw={600}>
                {m.title}
              </Anchor>
            ),
          },
          { key: 'starts', header: t('meetings.startsAt'), render: (m) => dateTime(m.startsAt) },
          { key: 'location', header: t('meetings.location'), render: (m) => m.location || '—' },
          {
            key: 'agenda',
            header: t('meetings.agenda'),
            render: (m) => t('meetings.agendaCount', { decided: m.decidedCount, count: m.agendaCount }),
          },
          {
            key: 'status',
            header: t('list.status'),
            render: (m) => (
              <Badge color={STATUS_COLORS[m.status]} variant="light">
                {t(`meetings.status.${m.status}`)}
              </Badge>
            ),
          },
        ]}
      />
      {creating && (
        <NewMeetingModal
          onClose={() => setCreating(false)}
          onCreated={(m) => void navigate({ to: '/changes/meetings/$id', params: { id: String(m.id) } })}
        />
      )}
    </Stack>
  );
}

function NewMeetingModal({ onClose, onCreated }: { onClose: () => void; onCreated: (m: Meeting) => void }) {
  const { t } = useTranslation('changes');
  const zone = useTimeZone();
  const writes = useMeetingWrites();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [location, setLocation] = useState('');
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('meetings.new')}
      submitting={writes.create.isPending}
      error={writes.create.error}
      fields={['title', 'startsAt', 'endsAt']}
      onSubmit={(e) => {
        e?.preventDefault();
        writes.create.mutate(
          { title, startsAt: start ? zonedIso(start, zone) : '', endsAt: end ? zonedIso(end, zone) : '', location },
          { onSuccess: onCreated },
        );
      }}
    >
      <Text size="sm" c="dimmed">
        {t('meetings.agendaHelp')}
      </Text>
      <TextInput
        label={t('meetings.title')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        data-testid="meeting-title"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('meetings.startsAt')}
          required
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
          data-testid="meeting-start"
        />
        <TextInput
          type="datetime-local"
          label={t('meetings.endsAt')}
          required
          value={end}
          onChange={(e) => setEnd(e.currentTarget.value)}
          data-testid="meeting-end"
        />
      </SimpleGrid>
      <TextInput label={t('meetings.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
    </FormModal>
  );
}

/** One meeting: its agenda with the decision on each change (recorded by the Change Manager) and its minutes. */
export function MeetingPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const meeting = useMeeting(Number(id));
  if (meeting.error) return <ProblemAlert error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (!meeting.data) return <LoadingState />;
  return <MeetingView meeting={meeting.data} />;
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const writes = useMeetingWrites(meeting.id);
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [notes, setNotes] = useState<Record<number, string>>({});
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/changes/meetings" size="sm">
        ← {t('meetings.back')}
      </Anchor>
      <Group gap="sm">
        <Title order={3}>{meeting.title}</Title>
        <Badge color={STATUS_COLORS[meeting.status]} variant="light">
          {t(`meetings.status.${meeting.status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {dateTime(meeting.startsAt)} – {dateTime(meeting.endsAt)}
        {meeting.location && ` · ${meeting.location}`}
      </Text>
      <ProblemAlert error={writes.decide.error ?? writes.update.error} />
      <Card withBorder data-testid="meeting-agenda">
        <Title order={4} mb="sm">
          {t('meetings.agenda')}
        </Title>
        <Stack gap="md">
          {meeting.agenda.map((item) => (
            <Stack key={item.change.id} gap={6} data-testid="meeting-item">
              <Group gap="xs" wrap="wrap">
                <ChangeLink number={item.change.number} />
                <Text size="sm">{item.change.title}</Text>
                <ChangeStatusBadge status={item.change.status} testId="meeting-item-status" />
                <RiskBadge risk={item.change.risk} />
                {item.decision && (
                  <Badge color={DECISION_COLORS[item.decision]} variant="filled">
                    {t(`meetings.decision.${item.decision}`)}
                  </Badge>
                )}
              </Group>
              {item.notes && (
                <Text size="sm" c="dimmed">
                  {item.notes}
                </Text>
              )}
              {meeting.canRun && item.change.status === 'pending_approval' && (
                <Group gap="xs" align="flex-end">
                  <TextInput
                    aria-label={t('meetings.notes')}
                    placeholder={t('meetings.notes')}
                    value={notes[item.change.id] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setNotes((old) => ({ ...old, [item.change.id]: value }));
                    }}
                    style={{ flex: '1 1 200px' }}
                  />
                  {(['approve', 'reject', 'defer'] as const).map((decision) => (
                    <Button
                      key={decision}
                      size="xs"
                      variant={decision === 'approve' ? 'filled' : 'light'}
                      color={decision === 'reject' ? 'red' : decision === 'defer' ? 'yellow' : undefined}
                      loading={writes.decide.isPending && writes.decide.variables?.changeId === item.change.id}
                      onClick={() =>
                        writes.decide.mutate({
                          changeId: item.change.id,
                          decision,
                          ...(notes[item.change.id]?.trim() ? { notes: notes[item.change.id]?.trim() } : {}),
                        })
                      }
                      data-testid={`meeting-${decision}`}
                    >
                      {decision === 'defer' ? t('meetings.defer') : t(`action.${decision}`)}
                    </Button>
                  ))}
                </Group>
              )}
            </Stack>
          ))}
          {meeting.agenda.length === 0 && <Text size="sm">{t('meetings.emptyAgenda')}</Text>}
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('meetings.minutes')}
        </Title>
        {meeting.canRun ? (
          <Stack gap="sm">
            <Textarea
              autosize
              minRows={4}
              value={minutes}
              onChange={(e) => setMinutes(e.currentTarget.value)}
              data-testid="meeting-minutes"
            />
            <Group>
              <Button loading={writes.update.isPending} onClick={() => writes.update.mutate({ version: meeting.version, minutes })}>
                {t('meetings.saveMinutes')}
              </Button>
              {meeting.status === 'planned' && (
                <Button variant="light" onClick={() => writes.update.mutate({ version: meeting.version, minutes, status: 'held' })}>
                  {t('meetings.markHeld')}
                </Button>
              )}
            </Group>
          </Stack>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {meeting.minutes || '—'}
          </Text>
        )}
      </Card>
    </Stack>
  );
}
