import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SafeHtml } from '../../components/SafeHtml.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Ticket, useStatusLabels, useTimeline } from './tickets.queries.ts';

type Timeline = NonNullable<ReturnType<typeof useTimeline>['data']>;
type Entry = Timeline['items'][number];
const pair = (value: unknown): [unknown, unknown] | null => (Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** One line saying what an entry changed, for the kinds whose facts a reader needs (before → after, reason, other ticket). */
function EntryDetail({ entry, names }: { entry: Entry; names: Pick<Timeline, 'people' | 'teams'> }) {
  const { t, i18n } = useTranslation('tickets');
  const person = (id: unknown) => (typeof id === 'number' ? (names.people[String(id)] ?? `#${id}`) : null);
  const team = (id: unknown) => (typeof id === 'number' ? (names.teams[String(id)] ?? `#${id}`) : null);
  const after = (value: unknown) => (Array.isArray(value) ? value[1] : value);
  const labels = useStatusLabels();
  const statusLabel = (code: unknown) =>
    labels.data?.items.find((l) => l.status === code && l.locale === i18n.language)?.label ?? String(code);
  const { data } = entry;
  let detail: string | null = null;
  if (entry.kind === 'priority_overridden') {
    const [from, to] = pair(data.priority) ?? [];
    detail = [from && to ? `${from} → ${to}` : null, text(data.reason)].filter(Boolean).join(' · ');
  } else if (entry.kind === 'status_changed') {
    const [from, to] = pair(data.status) ?? [];
    detail = [from && to ? `${statusLabel(from)} → ${statusLabel(to)}` : null, text(data.reason)].filter(Boolean).join(' · ');
  } else if (entry.kind === 'linked' || entry.kind === 'unlinked') {
    const kind = String(data.kind ?? '');
    detail = `${t(`links.kind.${kind}` as 'links.kind.related', { defaultValue: kind })} ${String(data.otherNumber ?? '')}`;
  } else if (entry.kind === 'checklist_changed') {
    const [, after] = pair(data.checklist) ?? [];
    if (Array.isArray(after))
      detail = t('checklist.progress', { done: after.filter((i: { done?: boolean }) => i.done).length, total: after.length });
  } else if (entry.kind === 'attachment_refused' && Array.isArray(data.names)) {
    detail = data.names.join(', ');
  } else if (entry.kind === 'fields_changed') {
    const tags = pair(data.tags);
    if (tags) detail = `${t('field.tags')}: ${(tags[1] as string[]).join(', ') || t('none')}`;
    else
      detail = Object.keys(data)
        .map((field) => t(`changedField.${field}` as 'changedField.title', { defaultValue: field }))
        .join(', ');
  } else if (entry.kind === 'escalated') {
    // 004 Figure 14: the level, who or which team it reached, and why (a person's reason or the rule that fired).
    const [from, to] = pair(data.level) ?? [];
    const kind = data.kind === 'hierarchical' ? 'hierarchical' : 'functional';
    const level = t(`escalate.${kind}Level${String(to)}` as 'escalate.functionalLevel2', { defaultValue: `L${String(to)}` });
    const targets = Array.isArray(data.targetUserIds) ? data.targetUserIds.map(person) : [person(data.targetUserId)];
    const reason = data.reason === 'security_category' ? t('escalate.securityReason') : text(data.reason);
    detail = [
      `${t(`escalate.${kind}`)}: ${from === undefined ? '' : `${String(from)} → `}${level}`,
      team(after(data.teamId)),
      typeof data.vendorName === 'string' ? `${data.vendorName} (${String(data.vendorRef ?? '')})` : null,
      targets.filter(Boolean).join(', ') || null,
      reason ?? (text(data.rule) ? t('escalate.byRule', { rule: data.rule }) : null),
    ]
      .filter(Boolean)
      .join(' · ');
  } else if (entry.kind === 'assigned') {
    const who = [team(after(data.teamId)), person(after(data.assigneeId))].filter(Boolean).join(' · ');
    detail = [who || t('unassigned'), text(data.rule) ? t('escalate.byRule', { rule: data.rule }) : null].filter(Boolean).join(' · ');
  } else if (entry.kind === 'created' && text(data.urgentPosition)) {
    detail = t('urgentPosition', { position: data.urgentPosition });
  } else if (entry.kind === 'solution_rejected' || entry.kind === 'attachment_deleted') {
    detail = text(data.reason) ?? text(data.name);
  } else if (entry.kind === 'follow_up_opened' || entry.kind === 'permanent_solution') {
    detail = [String(data.otherNumber ?? ''), text(data.solutionSummary)].filter(Boolean).join(' · ');
  } else if (entry.kind === 'problem_linked' || entry.kind === 'problem_unlinked' || entry.kind === 'problem_resolved') {
    detail = String(data.problemNumber ?? '');
  }
  if (!detail) return null;
  return (
    <Text size="sm" data-testid="timeline-detail">
      {detail}
    </Text>
  );
}

export function TicketTimeline({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const timeline = useTimeline(ticket.number);
  const { dateTime } = useFormat();
  return (
    <Card withBorder data-testid="timeline">
      <Title order={4} mb="sm">
        {t('timeline')}
      </Title>
      <Stack gap="sm">
        {timeline.data?.items.map((entry) => (
          <div key={entry.id} data-testid="timeline-entry" data-kind={entry.kind}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {text(entry.data.contactName) ?? entry.actor?.name ?? t('system')}
              </Text>
              <Text size="xs" c="dimmed">
                {dateTime(entry.at)} · {t(`event.${entry.kind}` as 'event.created', { defaultValue: entry.kind })}
              </Text>
              {!entry.public && (
                <Badge size="xs" color="gray">
                  {t('internal')}
                </Badge>
              )}
            </Group>
            <EntryDetail entry={entry} names={timeline.data} />
            {entry.bodyHtml && <SafeHtml html={entry.bodyHtml} size="sm" />}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
