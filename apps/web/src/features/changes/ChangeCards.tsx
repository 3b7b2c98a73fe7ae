import type { ChangeVote } from '@ish/shared';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { useChangeFormat } from './change-format.ts';
import { type Change, useChangeTimeline, type useChangeWrites, useIncidentSuggestions } from './changes.queries.ts';

type Writes = ReturnType<typeof useChangeWrites>;
const VOTE_COLORS: Record<string, string> = { approve: 'green', reject: 'red', abstain: 'gray' };

/** Who decides (route and CAB rule), the votes of this round, the decision, and the caller's own vote. */
export function ApprovalCard({ change }: { change: Change }) {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const { approval } = change;
  if (!approval.route) return null;
  return (
    <Card withBorder data-testid="change-approval">
      <Title order={4} mb="sm">
        {t('detail.approval')}
      </Title>
      <Stack gap="sm">
        {approval.route && <Text size="sm">{t(`route.${approval.route}`)}</Text>}
        {approval.rule && (
          <Text size="sm" c="dimmed">
            {t(`detail.rule.${approval.rule.kind}`, { quorum: approval.rule.quorum })}
          </Text>
        )}
        {(approval.route === 'cab' || approval.route === 'emergency_cab') && (
          <Stack gap={6} data-testid="change-votes">
            <Text size="xs" c="dimmed">
              {t('detail.votes')}
            </Text>
            {approval.votes.map((v) => (
              <Group key={v.voter.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="change-vote">
                <Badge color={VOTE_COLORS[v.vote]} variant="light" miw="max-content">
                  {t(`vote.${v.vote}`)}
                </Badge>
                <div>
                  <Text size="sm">
                    {v.voter.name}{' '}
                    <Text span size="xs" c="dimmed">
                      {dateTime(v.at)}
                    </Text>
                  </Text>
                  {v.comment && (
                    <Text size="sm" c="dimmed">
                      {v.comment}
                    </Text>
                  )}
                </div>
              </Group>
            ))}
            {approval.votes.length === 0 && <Text size="sm">{t('detail.noVotes')}</Text>}
          </Stack>
        )}
        {approval.decisionSource && (
          <Text size="sm" fw={500} data-testid="change-decision">
            {t(`detail.decision.${approval.decisionSource}`, { name: approval.decidedBy?.name ?? '' })}
            {approval.decisionNote && ` · ${approval.decisionNote}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** A CAB member's vote, shown at the top of the change while it waits for them. */
export function VoteForm({ change, writes }: { change: Change; writes: Writes }) {
  const { t } = useTranslation('changes');
  const me = useMe();
  const current = change.approval.votes.find((v) => v.voter.id === me.user.id)?.vote;
  const [vote, setVote] = useState<ChangeVote>(current ?? 'approve');
  const [comment, setComment] = useState('');
  return (
    <Card withBorder bg="var(--mantine-color-default-hover)" data-testid="vote-form">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {current ? t('vote.mine', { vote: t(`vote.${current}`) }) : t('vote.title')}
        </Text>
        <SegmentedControl
          data={(['approve', 'reject', 'abstain'] as const).map((v) => ({ value: v, label: t(`vote.${v}`) }))}
          value={vote}
          onChange={(v) => setVote(v as ChangeVote)}
          data-testid="vote-choice"
        />
        <Textarea
          label={t('vote.comment')}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-testid="vote-comment"
        />
        <ProblemAlert error={writes.vote.error} fields={[]} />
        <Button
          w="fit-content"
          loading={writes.vote.isPending}
          onClick={() => writes.vote.mutate({ vote, ...(comment.trim() ? { comment: comment.trim() } : {}) })}
          data-testid="vote-send"
        >
          {t('vote.send')}
        </Button>
      </Stack>
    </Card>
  );
}

/** The implementation tasks (ticked by the implementer) and the recorded result. */
export function TasksCard({ change, writes }: { change: Change; writes: Writes }) {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const tick = change.allowedActions.includes('tick_tasks');
  return (
    <Card withBorder data-testid="change-tasks">
      <Title order={4} mb="sm">
        {t('detail.implementation')}
      </Title>
      <Stack gap={6}>
        {change.tasks.map((task, i) => (
          <Checkbox
            key={task.id}
            label={
              <span>
                {task.text}
                {task.doneBy && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {task.doneBy.name}, {task.doneAt && dateTime(task.doneAt)}
                  </Text>
                )}
              </span>
            }
            checked={task.done}
            disabled={!tick || writes.tick.isPending}
            onChange={(e) => writes.tick.mutate({ taskId: task.id, done: e.currentTarget.checked })}
            data-testid={`change-task-check-${i}`}
          />
        ))}
        {change.tasks.length === 0 && <Text size="sm">{t('detail.noTasks')}</Text>}
        {change.outcome && (
          <Stack gap={2} mt="sm" data-testid="change-result">
            <Text size="sm" fw={600} c={change.outcome === 'failed' ? 'red' : 'green'}>
              {t(`detail.outcome.${change.outcome}`)}
              {change.rollbackExecuted !== null &&
                ` · ${change.rollbackExecuted ? t('detail.rollbackExecuted') : t('detail.rollbackNotExecuted')}`}
            </Text>
            {change.resultNotes && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {change.resultNotes}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

const REVIEW_TEXTS = ['sideEffects', 'incidentsCaused', 'lessonsLearned', 'followUpActions'] as const;

/** The post-implementation review: shown when written, editable by the change's people once it is finished. */
export function ReviewCard({ change, writes }: { change: Change; writes: Writes }) {
  const { t } = useTranslation(['changes', 'common']);
  const { dateTime } = useChangeFormat();
  const editable = change.allowedActions.includes('review');
  const [editing, setEditing] = useState(false);
  const review = change.review;
  const [objectivesMet, setObjectivesMet] = useState(review?.objectivesMet ?? false);
  const [texts, setTexts] = useState<Record<(typeof REVIEW_TEXTS)[number], string>>({
    sideEffects: review?.sideEffects ?? '',
    incidentsCaused: review?.incidentsCaused ?? '',
    lessonsLearned: review?.lessonsLearned ?? '',
    followUpActions: review?.followUpActions ?? '',
  });
  if (!review && !editable) return null;
  return (
    <Card withBorder data-testid="change-review">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('detail.review')}</Title>
        {editable && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="review-edit">
            {review ? t('action.edit') : t('review.write')}
          </Button>
        )}
      </Group>
      <Text size="sm" c={change.reviewRequired && !review ? 'orange' : 'dimmed'} mb="sm">
        {change.reviewRequired ? t('detail.reviewRequired') : t('detail.reviewOptional')}
      </Text>
      {editing ? (
        <Stack>
          <Switch
            label={t('review.objectivesMet')}
            checked={objectivesMet}
            onChange={(e) => setObjectivesMet(e.currentTarget.checked)}
            data-testid="review-objectivesMet"
          />
          {REVIEW_TEXTS.map((key) => (
            <Textarea
              key={key}
              label={t(`review.${key}`)}
              autosize
              minRows={2}
              value={texts[key]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTexts((old) => ({ ...old, [key]: value }));
              }}
              data-testid={`review-${key}`}
            />
          ))}
          <ProblemAlert error={writes.review.error} />
          <Group>
            <Button
              loading={writes.review.isPending}
              onClick={() =>
                writes.review.mutate(
                  { objectivesMet, ...texts, ...(review ? { version: review.version } : {}) },
                  { onSuccess: () => setEditing(false) },
                )
              }
              data-testid="review-save"
            >
              {t('review.save')}
            </Button>
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        review && (
          <Stack gap="sm">
            <Text size="sm">
              {t('review.objectivesMet')}: <b>{review.objectivesMet ? t('review.yes') : t('review.no')}</b>
            </Text>
            {REVIEW_TEXTS.map((key) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {t(`review.${key}`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {review[key] || '—'}
                </Text>
              </div>
            ))}
            <Text size="xs" c="dimmed">
              {t('review.by', { name: review.reviewedBy.name, at: dateTime(review.reviewedAt) })}
            </Text>
          </Stack>
        )
      )}
    </Card>
  );
}

/** What triggered the change and incidents it caused; after it started, incidents on its services are suggested. */
export function LinksCard({ change, writes }: { change: Change; writes: Writes }) {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const mayLink = change.allowedActions.includes('link');
  const [ref, setRef] = useState('');
  const suggestions = useIncidentSuggestions(change.id, mayLink && change.startedAt !== null);
  return (
    <Card withBorder data-testid="change-links">
      <Title order={4} mb="sm">
        {t('detail.links')}
      </Title>
      <Stack gap="xs">
        {change.links.map((l) => (
          <Group key={l.id} gap="xs" wrap="nowrap">
            <Badge color={l.kind === 'caused' ? 'red' : 'gray'} variant="light" miw="max-content">
              {t(l.kind === 'caused' ? 'detail.caused' : 'detail.trigger')}
            </Badge>
            {l.ticket && (
              <Text size="sm">
                <Anchor renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: l.ticket?.number ?? '' }} />}>
                  {l.ticket.number}
                </Anchor>{' '}
                {l.ticket.title}
              </Text>
            )}
            {l.request && (
              <Anchor
                renderRoot={(props) => <Link {...props} to="/catalog/requests/$number" params={{ number: l.request?.number ?? '' }} />}
                size="sm"
              >
                {l.request.number}
              </Anchor>
            )}
          </Group>
        ))}
        {change.links.length === 0 && <Text size="sm">{t('detail.noLinks')}</Text>}
        {mayLink && (
          <Group gap="xs" align="flex-end">
            <TextInput
              aria-label={t('detail.linkRef')}
              placeholder={t('detail.linkRef')}
              value={ref}
              onChange={(e) => setRef(e.currentTarget.value)}
              style={{ flex: '1 1 180px' }}
              data-testid="link-ref"
            />
            <Button
              variant="light"
              disabled={!ref.trim()}
              loading={writes.link.isPending}
              onClick={() =>
                writes.link.mutate(
                  { kind: /^REQ-/i.test(ref.trim()) ? 'request' : 'ticket', ref: ref.trim().toUpperCase(), caused: false },
                  { onSuccess: () => setRef('') },
                )
              }
              data-testid="link-add"
            >
              {t('detail.addLink')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={writes.link.error} fields={[]} />
        {(suggestions.data?.items.length ?? 0) > 0 && (
          <Stack gap={6} mt="sm" data-testid="incident-suggestions">
            <Text size="xs" c="dimmed">
              {t('detail.suggestions')}
            </Text>
            {suggestions.data?.items.map((i) => (
              <Group key={i.id} gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {i.number} · {i.title}{' '}
                  <Text span size="xs" c="dimmed">
                    {dateTime(i.createdAt)}
                  </Text>
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  onClick={() => writes.link.mutate({ kind: 'ticket', ref: i.number, caused: true })}
                >
                  {t('detail.linkCaused')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

type Entry = NonNullable<ReturnType<typeof useChangeTimeline>['data']>['items'][number];
const pair = (value: unknown): [unknown, unknown] | null => (Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

function EntryDetail({ entry }: { entry: Entry }) {
  const { t } = useTranslation('changes');
  const { data } = entry;
  const status = (code: unknown) => t(`status.${String(code)}` as 'status.draft', { defaultValue: String(code) });
  let detail: (string | null)[] = [];
  if (entry.kind === 'status_changed') {
    const [from, to] = pair(data.status) ?? [];
    detail = [
      from && to ? `${status(from)} → ${status(to)}` : null,
      text(data.comment),
      text(data.reason),
      text(data.justification),
      text(data.resultNotes),
    ];
  } else if (entry.kind === 'vote') detail = [t(`vote.${String(data.vote)}` as 'vote.approve'), text(data.comment)];
  else if (entry.kind === 'comment') detail = [text(data.body)];
  else if (entry.kind === 'task') detail = [`${data.done ? '☑' : '☐'} ${String(data.task ?? '')}`];
  else if (entry.kind === 'linked') detail = [text(data.ticket) ?? text(data.request)];
  else if (entry.kind === 'risk_overridden') {
    const [, to] = pair(data.risk) ?? [];
    detail = [to ? t(`risk.${String(to)}` as 'risk.low') : null, text(data.reason)];
  } else if (entry.kind === 'attachment') detail = [text(data.name)];
  const shown = detail.filter(Boolean).join(' · ');
  if (!shown) return null;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="timeline-detail">
      {shown}
    </Text>
  );
}

export function TimelineCard({ change, routeKey }: { change: Change; routeKey: string }) {
  const { t } = useTranslation('changes');
  const timeline = useChangeTimeline(routeKey, change.version);
  const { dateTime } = useChangeFormat();
  return (
    <Card withBorder data-testid="timeline">
      <Title order={4} mb="sm">
        {t('detail.timeline')}
      </Title>
      <Stack gap="sm">
        {timeline.data?.items.map((entry) => (
          <div key={entry.id} data-testid="timeline-entry" data-kind={entry.kind}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {entry.actor?.name ?? t('detail.system')}
              </Text>
              <Text size="xs" c="dimmed">
                {dateTime(entry.at)} · {t(`event.${entry.kind}` as 'event.created', { defaultValue: entry.kind })}
              </Text>
            </Group>
            <EntryDetail entry={entry} />
          </div>
        ))}
      </Stack>
    </Card>
  );
}

export function CommentBox({ writes }: { writes: Writes }) {
  const { t } = useTranslation('changes');
  const [body, setBody] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Textarea
          label={t('detail.comment')}
          placeholder={t('detail.commentPlaceholder')}
          autosize
          minRows={2}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="change-comment"
        />
        <ProblemAlert error={writes.comment.error} />
        <Button
          w="fit-content"
          disabled={!body.trim()}
          loading={writes.comment.isPending}
          onClick={() => writes.comment.mutate(body.trim(), { onSuccess: () => setBody('') })}
          data-testid="change-comment-send"
        >
          {t('detail.send')}
        </Button>
      </Stack>
    </Card>
  );
}
