import { Button, Card, Group, List, Modal, Select, Text, Textarea, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleCheck, IconPlayerPause, IconUserPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { idOptions } from '../../lib/options.ts';
import { PersonSelect } from './PersonSelect.tsx';
import type { Person } from './people.queries.ts';
import { type BulkChange, type BulkResult, type TicketSummary, useBulkUpdate, useStatusLabels, useTeams } from './tickets.queries.ts';

type Action = 'assign' | 'status' | 'priority' | 'pend' | 'resolve';
/** The bar's actions in order (the first is the usual one); each opens its form. */
const ACTIONS: { action: Action; icon?: typeof IconUserPlus }[] = [
  { action: 'assign', icon: IconUserPlus },
  { action: 'status' },
  { action: 'priority' },
  { action: 'pend', icon: IconPlayerPause },
  { action: 'resolve', icon: IconCircleCheck },
];
/** Statuses the plain status change reaches; pending and resolved have their own actions with the input they need. */
const BULK_STATUSES = ['assigned', 'in_progress', 'cancelled'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const PENDING_REASONS = ['requester', 'vendor', 'other'] as const;
const FULFILMENTS = ['permanent', 'temporary'] as const;
/** Fields the pend and resolve forms show, so the server's refusal of one is shown at its input. */
const SHOWN_FIELDS = ['pendingReason', 'solutionSummary'] as const;

interface BulkActionsProps {
  selected: number[];
  /** Tickets seen so far, to name each result by its number. */
  known: ReadonlyMap<number, TicketSummary>;
  onClear: () => void;
  /** After a run: the tickets that changed leave the selection, the refused ones stay for another try. */
  onDone: (succeeded: number[]) => void;
}

/** Assign, move or re-prioritise the ticked tickets; the server answers per ticket and so does this. */
export function BulkActions({ selected, known, onClear, onDone }: BulkActionsProps) {
  const { t, i18n } = useTranslation('tickets');
  const bulk = useBulkUpdate();
  const teams = useTeams();
  const labels = useStatusLabels();
  const [action, setAction] = useState<Action | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<Person | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [pendingReason, setPendingReason] = useState<string | null>(null);
  const [solution, setSolution] = useState('');
  const [fulfilment, setFulfilment] = useState<string | null>('permanent');
  const [results, setResults] = useState<BulkResult[] | null>(null);

  const team = teams.data?.items.find((tm) => String(tm.id) === teamId);
  const members = team ? new Set([...team.memberIds, team.leadUserId]) : null;
  const fieldError = (path: string) =>
    bulk.error && typeof bulk.error === 'object' && 'errors' in bulk.error
      ? (bulk.error as { errors: { path: string; message: string }[] }).errors.find((e) => e.path === path)?.message
      : undefined;
  const statusLabel = (code: string) => labels.data?.items.find((l) => l.status === code && l.locale === i18n.language)?.label ?? code;

  const open = (next: Action) => {
    bulk.reset();
    setReason('');
    setPendingReason(null);
    setSolution('');
    setFulfilment('permanent');
    setAction(next);
  };
  const change = (): BulkChange | null => {
    if (action === 'assign') {
      if (!teamId && !assignee) return null;
      return { ...(teamId ? { teamId: Number(teamId) } : {}), ...(assignee ? { assigneeId: assignee.id } : {}) };
    }
    if (action === 'status') return status ? { status: status as BulkChange['status'], reason: reason.trim() || undefined } : null;
    if (action === 'priority') return priority ? { priority: priority as BulkChange['priority'], reason: reason.trim() } : null;
    // Sent as filled in: the server names a missing pending reason or solution at its field.
    if (action === 'pend')
      return {
        status: 'pending',
        pendingReason: (pendingReason ?? undefined) as BulkChange['pendingReason'],
        reason: reason.trim() || undefined,
      };
    if (action === 'resolve')
      return { status: 'resolved', solutionSummary: solution, fulfilment: (fulfilment ?? 'permanent') as BulkChange['fulfilment'] };
    return null;
  };
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    const body = change();
    if (!body) return;
    bulk.mutate(
      { ids: selected, ...body },
      {
        onSuccess: ({ results: answered }) => {
          setAction(null);
          setResults(answered);
          onDone(answered.filter((r) => r.ok).map((r) => r.id));
        },
      },
    );
  };

  return (
    <>
      <Card withBorder padding="xs" bg="var(--mantine-primary-color-light)" data-testid="bulk-bar">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {t('bulk.count', { count: selected.length })}
          </Text>
          <Group gap="xs">
            {ACTIONS.map(({ action: name, icon: Icon }, i) => (
              <Button
                key={name}
                size="xs"
                variant={i === 0 ? 'filled' : 'default'}
                leftSection={Icon ? <Icon size={14} /> : undefined}
                onClick={() => open(name)}
                data-testid={`bulk-${name}`}
              >
                {t(`bulk.${name}`)}
              </Button>
            ))}
            <Button size="xs" variant="subtle" onClick={onClear} data-testid="bulk-clear">
              {t('bulk.clear')}
            </Button>
          </Group>
        </Group>
      </Card>

      <FormModal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? `${t(`bulk.${action}`)} · ${t('bulk.count', { count: selected.length })}` : ''}
        onSubmit={submit}
        submitting={bulk.isPending}
        error={bulk.error}
        fields={SHOWN_FIELDS}
        submitLabel={t('bulk.apply')}
      >
        {action === 'assign' && (
          <>
            <Select
              label={t('field.team')}
              data={idOptions(teams.data?.items, (tm) => tm.name)}
              value={teamId}
              onChange={(value) => {
                setTeamId(value);
                setAssignee(null);
              }}
              searchable
              clearable
              data-testid="bulk-team"
            />
            <PersonSelect
              label={t('field.assignee')}
              description={team ? t('bulk.assigneeOfTeam', { team: team.name }) : undefined}
              value={assignee}
              onChange={setAssignee}
              keep={(p) => !members || members.has(p.id)}
              data-testid="bulk-assignee"
            />
          </>
        )}
        {action === 'status' && (
          <Select
            label={t('field.status')}
            data={BULK_STATUSES.map((code) => ({ value: code, label: statusLabel(code) }))}
            value={status}
            onChange={setStatus}
            required
            data-testid="bulk-status-value"
          />
        )}
        {action === 'priority' && (
          <Select
            label={t('field.priority')}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            value={priority}
            onChange={setPriority}
            required
            data-testid="bulk-priority-value"
          />
        )}
        {action === 'pend' && (
          <Select
            label={t('pending.reason')}
            data={PENDING_REASONS.map((v) => ({ value: v, label: t(`pending.${v}`) }))}
            value={pendingReason}
            onChange={setPendingReason}
            required
            error={fieldError('pendingReason')}
            data-testid="bulk-pending-reason"
          />
        )}
        {action === 'resolve' && (
          <>
            <Textarea
              label={t('field.solution')}
              description={t('bulk.solutionHelp')}
              required
              autosize
              minRows={3}
              value={solution}
              onChange={(e) => setSolution(e.currentTarget.value)}
              error={fieldError('solutionSummary')}
              data-testid="bulk-solution"
            />
            <Select
              label={t('resolve.fulfilment')}
              data={FULFILMENTS.map((v) => ({ value: v, label: t(`fulfilment.${v}`) }))}
              value={fulfilment}
              onChange={setFulfilment}
              allowDeselect={false}
              data-testid="bulk-fulfilment"
            />
          </>
        )}
        {(action === 'status' || action === 'priority' || action === 'pend') && (
          <Textarea
            label={t('reason')}
            required={action === 'priority' || status === 'cancelled'}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="bulk-reason"
          />
        )}
      </FormModal>

      <Modal opened={results !== null} onClose={() => setResults(null)} title={t('bulk.resultsTitle')} size="lg">
        {results && (
          <>
            <Text size="sm" mb="sm">
              {t('bulk.summary', { ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length })}
            </Text>
            <List spacing="xs" data-testid="bulk-results">
              {results.map((r) => (
                <List.Item
                  key={r.id}
                  data-testid="bulk-result"
                  data-ok={r.ok}
                  icon={
                    <ThemeIcon size={20} radius="xl" color={r.ok ? 'teal' : 'red'}>
                      {r.ok ? <IconCheck size={12} /> : <IconX size={12} />}
                    </ThemeIcon>
                  }
                >
                  <Text size="sm" fw={600} span>
                    {known.get(r.id)?.number ?? `#${r.id}`}
                  </Text>{' '}
                  <Text size="sm" span>
                    {known.get(r.id)?.title}
                  </Text>
                  <Text size="xs" c={r.ok ? 'teal' : 'red'}>
                    {r.ok ? t('bulk.ok') : (r.detail ?? r.code)}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Group justify="flex-end" mt="md">
              <Button onClick={() => setResults(null)} data-testid="bulk-results-close">
                {t('close')}
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </>
  );
}
