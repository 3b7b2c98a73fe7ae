import { Alert, Button, Checkbox, Group, List, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { wallIn, zonedIso } from './change-format.ts';
import { type Change, type Conflict, type TransitionBody, type useChangeWrites, useConflictPreview } from './changes.queries.ts';

/** The transition each action takes (the server's lifecycle; labels and dialogs are the UI's). */
const TARGET: Record<string, TransitionBody['to']> = {
  submit: 'submitted',
  start_review: 'under_review',
  return: 'draft',
  send_to_approval: 'pending_approval',
  approve: 'approved',
  reject: 'rejected',
  schedule: 'scheduled',
  start: 'in_progress',
  complete: 'completed',
  fail: 'failed',
  close: 'closed',
  cancel: 'cancelled',
};
/** The order buttons stand in; the first the change allows is the main one. */
const ORDER = [
  'submit',
  'start_review',
  'send_to_approval',
  'approve',
  'schedule',
  'start',
  'complete',
  'close',
  'return',
  'reject',
  'fail',
  'cancel',
];
const DANGER = new Set(['reject', 'fail', 'cancel']);

/** One conflict in words. */
export function ConflictText({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation('changes');
  const number = conflict.change?.number || t('conflict.hidden');
  const label =
    conflict.kind === 'freeze'
      ? t('conflict.freeze', { name: conflict.freeze?.name ?? '' })
      : conflict.kind === 'maintenance'
        ? t('conflict.maintenance', { service: conflict.service?.name ?? '' })
        : conflict.kind === 'implementer'
          ? t('conflict.implementer', { number })
          : t('conflict.service', { number, service: conflict.service?.name ?? '' });
  return conflict.change?.number ? (
    <Text size="sm" span>
      {label}{' '}
      <Link to="/changes/$number" params={{ number: conflict.change.number }}>
        ↗
      </Link>
    </Text>
  ) : (
    <Text size="sm" span>
      {label}
    </Text>
  );
}

export function ConflictList({ conflicts, testId }: { conflicts: readonly Conflict[]; testId?: string }) {
  return (
    <List size="sm" spacing={4} icon={<IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />} data-testid={testId}>
      {conflicts.map((c) => (
        <List.Item key={`${c.kind}-${c.change?.number ?? ''}-${c.freeze?.id ?? ''}-${c.service?.id ?? ''}`} data-kind={c.kind}>
          <ConflictText conflict={c} />
        </List.Item>
      ))}
    </List>
  );
}

type Writes = ReturnType<typeof useChangeWrites>;

/** The lifecycle buttons the server allows, each with the dialog its transition needs. */
export function ChangeActions({ change, writes }: { change: Change; writes: Writes }) {
  const { t } = useTranslation('changes');
  const [open, setOpen] = useState<string | null>(null);
  const move = writes.transition;
  const close = () => {
    setOpen(null);
    move.reset();
  };
  const run = (body: Omit<TransitionBody, 'version'>) => move.mutate({ ...body, version: change.version }, { onSuccess: close });
  const now = Date.now();
  const outsideWindow =
    !change.plannedStart || !change.plannedEnd || now < Date.parse(change.plannedStart) || now >= Date.parse(change.plannedEnd);
  // Actions that need nothing more than a click.
  const direct = new Set(['submit', 'start_review', 'send_to_approval', 'close', ...(outsideWindow ? [] : ['start'])]);
  const actions = ORDER.filter((a) => change.allowedActions.includes(a));
  const button = (action: string, i: number) => (
    <Button
      key={action}
      variant={i === 0 ? 'filled' : DANGER.has(action) ? 'light' : 'default'}
      color={DANGER.has(action) ? 'red' : undefined}
      loading={move.isPending && open === null && move.variables?.to === TARGET[action]}
      onClick={() => (direct.has(action) ? run({ to: TARGET[action] as TransitionBody['to'] }) : setOpen(action))}
      data-testid={`action-${action}`}
    >
      {t(`action.${action}` as 'action.submit')}
    </Button>
  );
  const modal = (children: ReactNode, submit: (e?: React.FormEvent<HTMLFormElement>) => void, fields: string[] = []) => (
    <FormModal
      opened
      onClose={close}
      title={t(`action.${open}` as 'action.submit')}
      submitLabel={t(`action.${open}` as 'action.submit')}
      submitting={move.isPending}
      error={move.error}
      fields={fields}
      onSubmit={(e) => {
        e?.preventDefault();
        submit(e);
      }}
    >
      {children}
    </FormModal>
  );

  return (
    <>
      {actions.length > 0 && (
        <Group gap="xs" data-testid="change-actions">
          {actions.map(button)}
          {change.allowedActions.includes('edit') && (
            <Button
              renderRoot={(props) => <Link {...props} to="/changes/$number/edit" params={{ number: change.number }} />}
              variant="subtle"
              data-testid="action-edit"
            >
              {t('action.edit')}
            </Button>
          )}
          {change.allowedActions.includes('override_risk') && (
            <Button variant="subtle" onClick={() => setOpen('override_risk')} data-testid="action-override_risk">
              {t('action.override_risk')}
            </Button>
          )}
        </Group>
      )}
      {open === null && move.error ? <ProblemAlert error={move.error} /> : null}
      {(open === 'return' || open === 'reject' || open === 'approve' || open === 'cancel' || open === 'complete') && (
        <TextDialog action={open} modal={modal} onRun={run} />
      )}
      {open === 'fail' && <FailDialog modal={modal} onRun={run} />}
      {open === 'start' && <StartDialog modal={modal} onRun={run} />}
      {open === 'schedule' && <ScheduleDialog change={change} modal={modal} onRun={run} />}
      {open === 'override_risk' && <RiskDialog change={change} writes={writes} onClose={close} />}
    </>
  );
}

type ModalFn = (children: ReactNode, submit: () => void, fields?: string[]) => ReactNode;
type RunFn = (body: Omit<TransitionBody, 'version'>) => void;

/** Return, reject and cancel need words; approve and complete take them if given. */
function TextDialog({ action, modal, onRun }: { action: string; modal: ModalFn; onRun: RunFn }) {
  const { t } = useTranslation(['changes', 'common']);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const required = action === 'return' || action === 'reject' || action === 'cancel';
  const key = action === 'cancel' ? 'reason' : action === 'complete' ? 'resultNotes' : 'comment';
  const label = t(
    action === 'cancel'
      ? 'dialog.reason'
      : action === 'complete'
        ? 'dialog.resultNotes'
        : required
          ? 'dialog.comment'
          : 'dialog.commentOptional',
  );
  return modal(<Textarea
    label={label}
    required={required}
    autosize
    minRows={3}
    data-autofocus
    value={text}
    error={missing && !text.trim() ? t('common:validation.required') : undefined}
    onChange={(e) => setText(e.currentTarget.value)}
    data-testid="reason"
  />, () => {
    if (required && !text.trim()) return setMissing(true);
    onRun({ to: TARGET[action] as TransitionBody['to'], ...(text.trim() ? { [key]: text.trim() } : {}) });
  }, [key]);
}

function FailDialog({ modal, onRun }: { modal: ModalFn; onRun: RunFn }) {
  const { t } = useTranslation('changes');
  const [rollback, setRollback] = useState(true);
  const [notes, setNotes] = useState('');
  return modal(
    <Stack>
      <Switch
        label={t('dialog.rollbackExecuted')}
        checked={rollback}
        onChange={(e) => setRollback(e.currentTarget.checked)}
        data-testid="fail-rollback"
      />
      <Textarea
        label={t('dialog.resultNotes')}
        autosize
        minRows={3}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        data-testid="fail-notes"
      />
    </Stack>,
    () => onRun({ to: 'failed', rollbackExecuted: rollback, ...(notes.trim() ? { resultNotes: notes.trim() } : {}) }),
    ['rollbackExecuted', 'resultNotes'],
  );
}

function StartDialog({ modal, onRun }: { modal: ModalFn; onRun: RunFn }) {
  const { t } = useTranslation('changes');
  const [text, setText] = useState('');
  return modal(
    <Stack>
      <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
        {t('dialog.startOutside')}
      </Alert>
      <Textarea
        label={t('dialog.justification')}
        required
        autosize
        minRows={3}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="justification"
      />
    </Stack>,
    () => onRun({ to: 'in_progress', justification: text.trim() }),
    ['justification'],
  );
}

/**
 * Confirms the window on the calendar: as the times change the server says what
 * they would conflict with; a freeze is refused unless the change is an emergency
 * with a justification, other conflicts must be acknowledged.
 */
function ScheduleDialog({ change, modal, onRun }: { change: Change; modal: ModalFn; onRun: RunFn }) {
  const { t } = useTranslation('changes');
  const zone = change.timeZone;
  const wall = (iso: string | null) => (iso ? wallIn(iso, zone).slice(0, 16).replace(' ', 'T') : '');
  const [start, setStart] = useState(wall(change.plannedStart));
  const [end, setEnd] = useState(wall(change.plannedEnd));
  const [accept, setAccept] = useState(false);
  const [justification, setJustification] = useState('');
  const window = start && end ? { start: zonedIso(start, zone), end: zonedIso(end, zone) } : null;
  const [debounced] = useDebouncedValue(window, 300);
  const preview = useConflictPreview(change.id, debounced && debounced.end > debounced.start ? debounced : null);
  const conflicts = preview.data?.items ?? [];
  const freezes = conflicts.filter((c) => c.kind === 'freeze');
  const warnings = conflicts.filter((c) => c.kind !== 'freeze');
  return modal(
    <Stack>
      <Text size="sm" c="dimmed">
        {t('dialog.scheduleHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={`${t('field.plannedStart')} (${zone})`}
          value={start}
          onChange={(e) => {
            setStart(e.currentTarget.value);
            setAccept(false);
          }}
          data-testid="schedule-start"
        />
        <TextInput
          type="datetime-local"
          label={`${t('field.plannedEnd')} (${zone})`}
          value={end}
          onChange={(e) => {
            setEnd(e.currentTarget.value);
            setAccept(false);
          }}
          data-testid="schedule-end"
        />
      </SimpleGrid>
      {preview.isFetching && (
        <Text size="sm" c="dimmed">
          {t('dialog.checking')}
        </Text>
      )}
      {conflicts.length > 0 && (
        <Alert
          color={freezes.length && change.type !== 'emergency' ? 'red' : 'orange'}
          icon={<IconAlertTriangle size={18} />}
          data-testid="schedule-conflicts"
        >
          <Stack gap="xs">
            <ConflictList conflicts={conflicts} />
            {freezes.length > 0 && (
              <Text size="sm">{t(change.type === 'emergency' ? 'dialog.freezeEmergency' : 'dialog.freezeRefused')}</Text>
            )}
          </Stack>
        </Alert>
      )}
      {freezes.length > 0 && change.type === 'emergency' && (
        <Textarea
          label={t('dialog.justification')}
          required
          autosize
          minRows={2}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          data-testid="justification"
        />
      )}
      {warnings.length > 0 && (
        <Checkbox
          label={t('dialog.acceptConflicts')}
          checked={accept}
          onChange={(e) => setAccept(e.currentTarget.checked)}
          data-testid="schedule-accept"
        />
      )}
    </Stack>,
    () =>
      window &&
      onRun({
        to: 'scheduled',
        plannedStart: window.start,
        plannedEnd: window.end,
        ...(accept ? { acceptConflicts: true } : {}),
        ...(justification.trim() ? { justification: justification.trim() } : {}),
      }),
    ['plannedStart', 'plannedEnd', 'justification'],
  );
}

function RiskDialog({ change, writes, onClose }: { change: Change; writes: Writes; onClose: () => void }) {
  const { t } = useTranslation('changes');
  const [level, setLevel] = useState<string>(change.riskAssessment.override ?? change.riskAssessment.level);
  const [reason, setReason] = useState(change.riskAssessment.overrideReason ?? '');
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('action.override_risk')}
      submitting={writes.update.isPending}
      error={writes.update.error}
      fields={['riskOverrideReason']}
      onSubmit={(e) => {
        e?.preventDefault();
        const back = level === change.riskAssessment.level;
        writes.update.mutate(back ? { riskOverride: null } : { riskOverride: level as 'low', riskOverrideReason: reason.trim() }, {
          onSuccess: onClose,
        });
      }}
    >
      <Select
        label={t('dialog.riskLevel')}
        allowDeselect={false}
        data={(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`risk.${l}`) }))}
        value={level}
        onChange={(l) => l && setLevel(l)}
        data-testid="risk-override-level"
      />
      <Textarea
        label={t('dialog.riskReason')}
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="risk-override-reason"
      />
    </FormModal>
  );
}
