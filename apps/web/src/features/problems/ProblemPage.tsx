import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { SafeHtml } from '../../components/SafeHtml.tsx';
import { useFormat } from '../session/use-format.ts';
import { type ProblemStatus, ProblemStatusBadge } from './ProblemsPage.tsx';
import { type Problem, useProblem, useProblemChange } from './problems.queries.ts';

type Step = 'investigate' | 'known_error' | 'resolve' | 'close' | 'reopen';

/** One problem: its incidents, root cause, workaround and permanent fix, and the steps of its lifecycle. */
export function ProblemPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const problem = useProblem(Number(id));
  if (problem.error) return <ProblemAlert error={problem.error} onRetry={() => void problem.refetch()} />;
  if (!problem.data) return <LoadingState />;
  return <ProblemView problem={problem.data} />;
}

function ProblemView({ problem }: { problem: Problem }) {
  const { t } = useTranslation('problems');
  const { dateTime } = useFormat();
  const change = useProblemChange();
  const [step, setStep] = useState<Step | null>(null);
  const [incident, setIncident] = useState('');
  const [outcome, setOutcome] = useState<{ resolved: string[]; skipped: { number: string; code: string }[] } | null>(null);
  const can = (action: string) => problem.allowedActions.includes(action);
  const text = (label: string, value: string | null) => (
    <Fact label={label} pre>
      {value}
    </Fact>
  );
  return (
    <Stack>
      <RecordHeader
        number={problem.number}
        numberTestId="problem-number"
        title={problem.title}
        badges={<ProblemStatusBadge status={problem.status as ProblemStatus} />}
        actions={(['investigate', 'known_error', 'resolve', 'close', 'reopen'] as const).filter(can).map((action) => (
          <Button
            key={action}
            variant={action === 'resolve' || action === 'known_error' ? 'filled' : 'default'}
            onClick={() =>
              action === 'investigate' || action === 'close'
                ? change.step.mutate({ id: problem.id, body: { version: problem.version, action } })
                : setStep(action)
            }
            data-testid={`problem-action-${action}`}
          >
            {t(`action.${action}`)}
          </Button>
        ))}
      />
      <ProblemAlert error={change.step.error ?? change.link.error ?? change.unlink.error} />
      {outcome && (
        <Alert
          color={outcome.skipped.length ? 'yellow' : 'teal'}
          withCloseButton
          onClose={() => setOutcome(null)}
          data-testid="problem-outcome"
        >
          <Text size="sm">{t('outcome.resolved', { count: outcome.resolved.length, numbers: outcome.resolved.join(', ') || '—' })}</Text>
          {outcome.skipped.map((s) => (
            <Text size="sm" key={s.number}>
              {t('outcome.skipped', {
                number: s.number,
                reason: t(`skip.${s.code}` as 'skip.INCIDENT_NOT_IN_WORK', { defaultValue: s.code }),
              })}
            </Text>
          ))}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <SafeHtml html={problem.descriptionHtml || `<p>${t('noDescription')}</p>`} />
            </Card>
            <Card withBorder>
              <Stack gap="sm">
                {text(t('field.rootCause'), problem.rootCause)}
                {text(t('field.workaround'), problem.workaround)}
                {text(t('field.permanentFix'), problem.permanentFix)}
                {problem.article && (
                  <Text size="sm">
                    {t('article')}:{' '}
                    <Anchor renderRoot={(props) => <Link {...props} to="/knowledge/$id" params={{ id: String(problem.article?.id) }} />}>
                      {problem.article.number}
                    </Anchor>
                  </Text>
                )}
              </Stack>
            </Card>
            <Card withBorder data-testid="problem-incidents-card">
              <Title order={5} mb="xs">
                {t('field.incidents')} ({problem.incidents.length})
              </Title>
              <Stack gap={6}>
                {problem.incidents.map((i) => (
                  <Group key={i.id} justify="space-between" wrap="nowrap">
                    <Text size="sm" style={{ minWidth: 0 }} truncate>
                      <Link to="/tickets/$number" params={{ number: i.number }}>
                        {i.number}
                      </Link>{' '}
                      · {i.title}
                    </Text>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="xs" c="dimmed">
                        {i.statusLabel}
                      </Text>
                      {can('link') && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => change.unlink.mutate({ id: problem.id, ticketId: i.id })}
                        >
                          {t('unlink')}
                        </Button>
                      )}
                    </Group>
                  </Group>
                ))}
                {can('link') && (
                  <Group gap="xs" align="flex-end">
                    <TextInput
                      label={t('linkIncident')}
                      placeholder="INC-2026-000123"
                      value={incident}
                      onChange={(e) => setIncident(e.currentTarget.value)}
                      style={{ flex: 1 }}
                      data-testid="problem-link-input"
                    />
                    <Button
                      onClick={() => change.link.mutate({ id: problem.id, ticket: incident.trim() }, { onSuccess: () => setIncident('') })}
                      disabled={!incident.trim()}
                      loading={change.link.isPending}
                      data-testid="problem-link"
                    >
                      {t('link')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder>
            <Stack gap="xs">
              {text(t('field.company'), problem.company.name)}
              {text(t('field.category'), problem.category?.name ?? null)}
              {text(t('field.service'), problem.service?.name ?? null)}
              {text(t('field.owner'), problem.owner?.name ?? null)}
              {text(t('field.created'), dateTime(problem.createdAt))}
            </Stack>
          </Card>
          <Card withBorder mt="md">
            <Title order={5} mb="xs">
              {t('timeline')}
            </Title>
            <Stack gap={6}>
              {problem.timeline.map((e) => (
                <div key={e.id}>
                  <Text size="xs" c="dimmed">
                    {dateTime(e.at)} · {e.actor?.name ?? t('system')}
                  </Text>
                  <Text size="sm">{t(`event.${e.kind}` as 'event.created', { defaultValue: e.kind })}</Text>
                </div>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <StepDialog problem={problem} step={step} onClose={() => setStep(null)} onOutcome={setOutcome} />
    </Stack>
  );
}

function StepDialog({
  problem,
  step,
  onClose,
  onOutcome,
}: {
  problem: Problem;
  step: Step | null;
  onClose: () => void;
  onOutcome: (o: { resolved: string[]; skipped: { number: string; code: string }[] }) => void;
}) {
  const { t } = useTranslation('problems');
  const change = useProblemChange();
  const [rootCause, setRootCause] = useState(problem.rootCause ?? '');
  const [workaround, setWorkaround] = useState(problem.workaround ?? '');
  const [permanentFix, setPermanentFix] = useState(problem.permanentFix ?? '');
  const [resolveIncidents, setResolveIncidents] = useState(true);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const resolvable = problem.incidents.filter((i) => i.resolvable).length;
  const submit = () => {
    if (!step) return;
    const body =
      step === 'known_error'
        ? { rootCause, workaround }
        : step === 'resolve'
          ? { permanentFix, resolveIncidents: resolveIncidents && resolvable > 0, note: note.trim() || undefined }
          : { reason };
    change.step.mutate(
      { id: problem.id, body: { version: problem.version, action: step, ...body } },
      {
        onSuccess: (result) => {
          if (step === 'resolve' && resolveIncidents) onOutcome(result.incidents);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={step !== null} onClose={onClose} title={step ? t(`action.${step}`) : ''} size="lg">
      <Stack>
        <ProblemAlert error={change.step.error} />
        {step === 'known_error' && (
          <>
            <Text size="sm" c="dimmed">
              {t('knownErrorHelp')}
            </Text>
            <Textarea
              label={t('field.rootCause')}
              required
              autosize
              minRows={2}
              value={rootCause}
              onChange={(e) => setRootCause(e.currentTarget.value)}
              data-testid="problem-root-cause"
            />
            <Textarea
              label={t('field.workaround')}
              required
              autosize
              minRows={2}
              value={workaround}
              onChange={(e) => setWorkaround(e.currentTarget.value)}
              data-testid="problem-workaround"
            />
          </>
        )}
        {step === 'resolve' && (
          <>
            <Textarea
              label={t('field.permanentFix')}
              required
              autosize
              minRows={2}
              value={permanentFix}
              onChange={(e) => setPermanentFix(e.currentTarget.value)}
              data-testid="problem-fix"
            />
            <Checkbox
              label={t('resolveIncidents', { count: resolvable })}
              checked={resolveIncidents && resolvable > 0}
              disabled={resolvable === 0}
              onChange={(e) => setResolveIncidents(e.currentTarget.checked)}
              data-testid="problem-resolve-incidents"
            />
            {resolveIncidents && resolvable > 0 && (
              <Textarea
                label={t('note')}
                description={t('noteHelp')}
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                data-testid="problem-note"
              />
            )}
          </>
        )}
        {step === 'reopen' && (
          <Textarea label={t('reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={submit} loading={change.step.isPending} data-testid="problem-step-submit">
            {step ? t(`action.${step}`) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
