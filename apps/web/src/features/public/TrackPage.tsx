import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { IconMessage, IconPaperclip, IconPoint, IconRefresh, IconStar, IconUser } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { SafeHtml } from '../../components/SafeHtml.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useFormat } from '../session/use-format.ts';
import { type TrackedEntry, type TrackedTicket, useTrackedChanges, useTrackedSurvey, useTrackedTicket } from './public.queries.ts';

/** Follow a report with its number and code (004 Figure 12): status, what the service desk did, reply, confirm or reopen. */
export function TrackPage() {
  const { t } = useTranslation('channels');
  const params = useParams({ strict: false }) as { number?: string };
  const search = useSearch({ strict: false }) as { code?: string; number?: string };
  const number = params.number ?? search.number ?? '';
  const code = search.code ?? '';
  const tracked = useTrackedTicket(number, code);
  const lookup = <TrackLookup number={number} code={code} />;
  if (!number || !code) return lookup;
  if (tracked.error) {
    const unknown = tracked.error instanceof ApiError && tracked.error.status === 404;
    return (
      <Stack>
        {unknown ? (
          <Alert color="orange" title={t('track.unknownTitle')} data-testid="track-unknown">
            {t('track.unknown')}
          </Alert>
        ) : (
          <ProblemAlert error={tracked.error} />
        )}
        {lookup}
      </Stack>
    );
  }
  if (!tracked.data) return <LoadingState />;
  return <TrackedView ticket={tracked.data} number={number} code={code} />;
}

function TrackLookup({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation('channels');
  const navigate = useNavigate();
  const [values, setValues] = useState({ number, code });
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void navigate({ to: '/track/$number', params: { number: values.number.trim() }, search: { code: values.code.trim() } });
      }}
      data-testid="track-lookup"
    >
      <Stack gap="sm">
        <Title order={2} fz={{ base: 22, sm: 26 }}>
          {t('track.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('track.intro')}
        </Text>
        <TextInput
          label={t('track.number')}
          required
          value={values.number}
          onChange={(e) => setValues({ ...values, number: e.currentTarget.value })}
          data-testid="track-number"
        />
        <TextInput
          label={t('track.code')}
          required
          autoCapitalize="characters"
          value={values.code}
          onChange={(e) => setValues({ ...values, code: e.currentTarget.value })}
          data-testid="track-code"
        />
        <Group justify="flex-end">
          <Button type="submit" data-testid="track-submit">
            {t('track.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const STATUS_COLOR: Record<string, string> = { resolved: 'teal', closed: 'gray', cancelled: 'gray', pending: 'yellow', new: 'blue' };

function TrackedView({ ticket, number, code }: { ticket: TrackedTicket; number: string; code: string }) {
  const { t } = useTranslation('channels');
  const { dateTime } = useFormat();
  const survey = useTrackedSurvey(number, code, ticket.status === 'resolved' || ticket.status === 'closed');
  const can = (action: string) => ticket.allowedActions.includes(action as 'reply');
  return (
    <Stack gap="md" data-testid="tracked">
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text c="dimmed" fw={600} data-testid="tracked-number">
              {ticket.number}
            </Text>
            <Badge color={STATUS_COLOR[ticket.status] ?? 'blue'} size="lg" data-testid="tracked-status">
              {ticket.statusLabel}
            </Badge>
          </Group>
          <Title order={2} fz={{ base: 20, sm: 26 }} style={{ overflowWrap: 'anywhere' }}>
            {ticket.title}
          </Title>
          <Text size="sm" c="dimmed">
            {[ticket.service, t('track.reportedAt', { at: dateTime(ticket.createdAt) })].filter(Boolean).join(' · ')}
          </Text>
          <SafeHtml html={ticket.descriptionHtml} size="sm" />
          {ticket.handledBy && (
            <Text size="sm" data-testid="tracked-handler">
              <IconUser size={14} style={{ verticalAlign: 'middle' }} /> {t('track.handledBy', { name: ticket.handledBy })}
            </Text>
          )}
          {ticket.solutionSummary && (
            <Alert color="teal" title={t('track.solution')} data-testid="tracked-solution">
              {ticket.solutionSummary}
            </Alert>
          )}
        </Stack>
      </Card>
      {(can('confirm') || can('reopen')) && <Decision number={number} code={code} />}
      {survey.data?.survey && <SurveyOffer survey={survey.data.survey} />}
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('track.activity')}
        </Title>
        <Timeline bulletSize={22} lineWidth={2} data-testid="tracked-timeline">
          {ticket.timeline.map((entry) => (
            <Timeline.Item key={entry.id} bullet={<EntryIcon entry={entry} />} title={<EntryTitle entry={entry} />}>
              <Text size="xs" c="dimmed">
                {dateTime(entry.at)}
              </Text>
              <EntryBody entry={entry} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
      {can('reply') && <ReplyBox number={number} code={code} />}
    </Stack>
  );
}

function EntryIcon({ entry }: { entry: TrackedEntry }) {
  if (entry.kind === 'comment') return <IconMessage size={12} />;
  if (entry.kind === 'attachment') return <IconPaperclip size={12} />;
  return <IconPoint size={12} />;
}

function EntryTitle({ entry }: { entry: TrackedEntry }) {
  const { t } = useTranslation('channels');
  const who = entry.author.kind === 'you' ? t('track.you') : entry.author.kind === 'staff' ? (entry.author.name ?? '') : t('track.system');
  const what =
    entry.kind === 'status_changed'
      ? t('track.entry.status_changed', { to: entry.status.to })
      : entry.kind === 'assigned'
        ? t('track.entry.assigned', { name: entry.handler ?? '' })
        : t(`track.entry.${entry.kind}`);
  return (
    <Text size="sm" fw={500} data-testid="tracked-entry" data-kind={entry.kind}>
      {who} · {what}
    </Text>
  );
}

function EntryBody({ entry }: { entry: TrackedEntry }) {
  const { t } = useTranslation('channels');
  if (entry.kind === 'comment') return <SafeHtml html={entry.bodyHtml} size="sm" />;
  if (entry.kind === 'attachment')
    return (
      <Anchor href={entry.file.url} size="sm">
        {entry.file.name}
      </Anchor>
    );
  if (entry.kind === 'status_changed' && (entry.reason || entry.solutionSummary))
    return (
      <Text size="sm">
        {entry.solutionSummary ? `${t('track.solution')}: ${entry.solutionSummary}` : `${t('track.reason')}: ${entry.reason}`}
      </Text>
    );
  return null;
}

function Decision({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation('channels');
  const { decide } = useTrackedChanges(number, code);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Card withBorder bg="var(--mantine-color-teal-0)" data-testid="tracked-decision">
      <Stack gap="sm">
        <Text fw={600}>{t('track.decideTitle')}</Text>
        <Text size="sm">{t('track.decideBody')}</Text>
        <ProblemAlert error={decide.error} />
        {reopening ? (
          <>
            <Textarea
              label={t('track.reopenReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="tracked-reopen-reason"
            />
            <Group>
              <Button
                color="orange"
                disabled={!reason.trim()}
                loading={decide.isPending}
                onClick={() => decide.mutate({ action: 'reopen', reason })}
                data-testid="tracked-reopen-send"
              >
                {t('track.reopen')}
              </Button>
              <Button variant="default" onClick={() => setReopening(false)}>
                {t('track.cancel')}
              </Button>
            </Group>
          </>
        ) : (
          <Group>
            <Button
              color="teal"
              loading={decide.isPending}
              onClick={() => decide.mutate({ action: 'confirm' })}
              data-testid="tracked-confirm"
            >
              {t('track.confirm')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => setReopening(true)}
              data-testid="tracked-reopen"
            >
              {t('track.notYet')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function SurveyOffer({ survey }: { survey: { state: string; url: string | null } }) {
  const { t } = useTranslation('channels');
  if (survey.state === 'answered')
    return (
      <Alert color="teal" icon={<IconStar size={18} />} data-testid="tracked-survey-done">
        {t('track.surveyDone')}
      </Alert>
    );
  if (survey.state !== 'open' || !survey.url) return null;
  const token = survey.url.split('/').pop() ?? '';
  return (
    <Card withBorder data-testid="tracked-survey">
      <Group justify="space-between">
        <Text size="sm">{t('track.surveyAsk')}</Text>
        <Button
          renderRoot={(props) => <Link {...props} to="/survey/$token" params={{ token }} />}
          leftSection={<IconStar size={16} />}
          data-testid="tracked-survey-open"
        >
          {t('track.surveyOpen')}
        </Button>
      </Group>
    </Card>
  );
}

function ReplyBox({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation('channels');
  const { reply } = useTrackedChanges(number, code);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const send = () => {
    const form = new FormData();
    if (body.trim()) form.append('body', body);
    for (const file of files) form.append('files', file);
    reply.mutate(form, {
      onSuccess: () => {
        setBody('');
        setFiles([]);
      },
    });
  };
  return (
    <Card withBorder data-testid="tracked-reply">
      <Stack gap="sm">
        <ProblemAlert error={reply.error} />
        <Textarea
          label={t('track.reply')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="tracked-reply-body"
        />
        <FileInput
          label={t('track.files')}
          multiple
          clearable
          value={files}
          onChange={setFiles}
          leftSection={<IconPaperclip size={16} />}
          data-testid="tracked-reply-files"
        />
        <Group justify="flex-end">
          <Button onClick={send} disabled={!body.trim() && files.length === 0} loading={reply.isPending} data-testid="tracked-reply-send">
            {t('track.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
