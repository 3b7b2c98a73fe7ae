import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { SafeHtml } from '../../components/SafeHtml.tsx';
import { useTicketContact } from '../channels/channels.queries.ts';
import { TicketChannelCards } from '../channels/TicketChannelCards.tsx';
import { TicketArticles } from '../knowledge/TicketArticles.tsx';
import { ProblemHints } from '../problems/ProblemHints.tsx';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import { AssignControl } from './AssignControl.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { ChecklistCard } from './ChecklistCard.tsx';
import { EditTicketModal } from './EditTicketModal.tsx';
import { LinksCard } from './LinksCard.tsx';
import { PriorityOverride } from './PriorityOverride.tsx';
import { TagsWatchersCard } from './TagsWatchersCard.tsx';
import { PriorityStars, SlaBadge, StatusBadge } from './TicketBadges.tsx';
import { TicketTimeline } from './TicketTimeline.tsx';
import { type Ticket, useTeams, useTicket, useTicketChange, useVendors } from './tickets.queries.ts';

type Dialog = 'pend' | 'resolve' | 'reopen' | 'cancel' | 'escalate' | 'rejectSolution' | null;

/** One ticket: facts, description, checklist, timeline with replies, files, and exactly the actions the server allows. */
export function TicketPage() {
  const { number } = useParams({ strict: false }) as { number: string };
  const { t } = useTranslation('tickets');
  const ticket = useTicket(number);
  if (ticket.error) return <ProblemAlert error={ticket.error} onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <LoadingState />;
  return <TicketView ticket={ticket.data} t={t} />;
}

function TicketView({ ticket, t }: { ticket: Ticket; t: ReturnType<typeof useTranslation<'tickets'>>['t'] }) {
  const me = useMe();
  const { dateTime } = useFormat();
  const change = useTicketChange(ticket.number);
  // A ticket on behalf of a contact (a public reporter, an external contact) names them where it names the requester.
  const contact = useTicketContact(ticket.number).data?.contact;
  const [dialog, setDialog] = useState<Dialog>(null);
  const can = (action: string) => ticket.allowedActions.includes(action);
  const error = change.patch.error ?? change.transition.error ?? change.comment.error ?? change.escalate.error ?? change.validate.error;
  const worker = can('edit');
  const id = ticket.id;
  const fact = (label: string, value: ReactNode) => <Fact label={label}>{value}</Fact>;

  return (
    <Stack>
      <RecordHeader
        number={ticket.number}
        numberTestId="ticket-number"
        title={ticket.title}
        badges={
          <Group gap="xs">
            <StatusBadge label={ticket.statusLabel} locked={ticket.locked} />
            <PriorityStars priority={ticket.priority} stars={ticket.stars} />
            {can('override_priority') && <PriorityOverride ticket={ticket} />}
            <SlaBadge sla={ticket.sla} />
            {ticket.escalationLevel > 1 && <Badge color="orange">{t('escalationLevel', { level: ticket.escalationLevel })}</Badge>}
            {ticket.awaitingValidation && (
              <Badge color="violet" data-testid="awaiting-validation">
                {t('validation.awaiting')}
              </Badge>
            )}
            {ticket.fulfilment === 'temporary' && <Badge color="yellow">{t('fulfilment.temporary')}</Badge>}
          </Group>
        }
        actions={
          <>
            {can('take') && (
              <Button
                variant="light"
                data-testid="action-take"
                onClick={() => change.patch.mutate({ id, body: { version: ticket.version, assigneeId: me.user.id } })}
              >
                {t('action.take')}
              </Button>
            )}
            {can('start') && (
              <Button
                data-testid="action-start"
                onClick={() =>
                  change.transition.mutate({
                    id,
                    body: { to: 'in_progress', version: ticket.version, ...(ticket.assignee ? {} : { assigneeId: me.user.id }) },
                  })
                }
              >
                {t('action.start')}
              </Button>
            )}
            {can('reassign') && <AssignControl ticket={ticket} />}
            {can('validate') && (
              <>
                <Button
                  color="teal"
                  data-testid="action-validate"
                  onClick={() => change.validate.mutate({ id, body: { version: ticket.version, approve: true } })}
                >
                  {t('validation.approve')}
                </Button>
                <Button variant="default" data-testid="action-rejectSolution" onClick={() => setDialog('rejectSolution')}>
                  {t('action.rejectSolution')}
                </Button>
              </>
            )}
            {can('pend') && (
              <Button variant="default" data-testid="action-pend" onClick={() => setDialog('pend')}>
                {t('action.pend')}
              </Button>
            )}
            {can('resolve') && (
              <Button color="teal" data-testid="action-resolve" onClick={() => setDialog('resolve')}>
                {t('action.resolve')}
              </Button>
            )}
            {can('escalate') && (
              <Button variant="default" data-testid="action-escalate" onClick={() => setDialog('escalate')}>
                {t('action.escalate')}
              </Button>
            )}
            {can('confirm') && (
              <Button
                color="teal"
                data-testid="action-confirm"
                onClick={() => change.transition.mutate({ id, body: { to: 'closed', version: ticket.version } })}
              >
                {t('action.confirm')}
              </Button>
            )}
            {can('reopen') && (
              <Button variant="default" data-testid="action-reopen" onClick={() => setDialog('reopen')}>
                {t('action.reopen')}
              </Button>
            )}
            {can('cancel') && (
              <Button variant="subtle" color="red" data-testid="action-cancel" onClick={() => setDialog('cancel')}>
                {t('action.cancel')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={error} />

      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <Title order={4} mb="xs">
                {t('field.description')}
              </Title>
              <SafeHtml html={ticket.descriptionHtml || `<p>${t('none')}</p>`} />
            </Card>
            {worker && <ProblemHints ticket={ticket} />}
            <ChecklistCard ticket={ticket} editable={can('checklist')} />
            <TicketTimeline ticket={ticket} />
            {(can('comment') || can('internal_note')) && <ReplyBox ticket={ticket} t={t} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder>
              {can('edit') && (
                <Group justify="flex-end" mb={4}>
                  <EditTicketModal ticket={ticket} />
                </Group>
              )}
              <SimpleGrid cols={2} spacing="sm">
                {ticket.origin && (
                  <div style={{ gridColumn: '1 / -1' }} data-testid="ticket-origin">
                    {fact(
                      t('field.origin'),
                      <Anchor
                        size="sm"
                        renderRoot={(props) => (
                          <Link {...props} to="/catalog/requests/$number" params={{ number: ticket.origin?.number ?? '' }} />
                        )}
                      >
                        {ticket.origin.number} · {ticket.origin.serviceName}
                      </Anchor>,
                    )}
                  </div>
                )}
                {fact(t('field.type'), t(`type.${ticket.type}`))}
                {fact(t('field.category'), ticket.category?.name)}
                {fact(t('field.service'), ticket.service?.name)}
                {fact(t('field.company'), ticket.company?.name)}
                {fact(t('field.unit'), ticket.unit?.name)}
                {fact(t('field.requester'), contact ? t('requesterContact', { name: contact.name }) : ticket.requester?.name)}
                {fact(t('field.team'), ticket.team?.name)}
                {fact(t('field.assignee'), ticket.assignee?.name)}
                {(ticket.contactPhone || ticket.contactEmail) &&
                  fact(t('field.contact'), [ticket.contactPhone, ticket.contactEmail].filter(Boolean).join(' · '))}
                {fact(t('field.channel'), t(`channel.${ticket.channel}`))}
                {fact(t('field.created'), dateTime(ticket.createdAt))}
                {fact(t('field.resolved'), ticket.resolvedAt ? dateTime(ticket.resolvedAt) : null)}
                {ticket.vendorRef && fact(t('field.vendor'), `${ticket.vendor?.name ?? ''} · ${ticket.vendorRef}`)}
              </SimpleGrid>
            </Card>
            <TicketChannelCards ticket={ticket} />
            <TagsWatchersCard ticket={ticket} editable={can('edit')} />
            <LinksCard ticket={ticket} editable={can('link')} />
            <AttachmentsCard ticket={ticket} can={can} />
            <TicketArticles ticket={ticket} worker={worker} />
            <Card withBorder>
              <Title order={5} mb="xs">
                {t('documents')}
              </Title>
              <Stack gap={4}>
                <Anchor href={`/api/v1/tickets/${id}/document?kind=ticket`} target="_blank" size="sm" data-testid="document-ticket">
                  <IconFileTypePdf size={14} /> {t('document.ticket')}
                </Anchor>
                {(ticket.status === 'resolved' || ticket.status === 'closed') && (
                  <Anchor
                    href={`/api/v1/tickets/${id}/document?kind=berita-acara`}
                    target="_blank"
                    size="sm"
                    data-testid="document-berita-acara"
                  >
                    <IconFileTypePdf size={14} /> {t('document.beritaAcara')}
                  </Anchor>
                )}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <ActionDialog ticket={ticket} dialog={dialog} onClose={() => setDialog(null)} t={t} />
    </Stack>
  );
}

function ReplyBox({ ticket, t }: { ticket: Ticket; t: ReturnType<typeof useTranslation<'tickets'>>['t'] }) {
  const change = useTicketChange(ticket.number);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const send = () =>
    change.comment.mutate(
      { id: ticket.id, body: { body: `<p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`, internal } },
      { onSuccess: () => setBody('') },
    );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Textarea
          label={t('reply.label')}
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="reply-body"
        />
        <Group justify="space-between">
          {ticket.allowedActions.includes('internal_note') ? (
            <Switch
              label={t('reply.internal')}
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
              data-testid="internal-toggle"
            />
          ) : (
            <span />
          )}
          <Button onClick={send} disabled={!body.trim()} loading={change.comment.isPending} data-testid="reply-submit">
            {t('reply.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The form each action needs (004's escalation form, the closing form with summary and checklist, reasons). */
function ActionDialog({
  ticket,
  dialog,
  onClose,
  t,
}: {
  ticket: Ticket;
  dialog: Dialog;
  onClose: () => void;
  t: ReturnType<typeof useTranslation<'tickets'>>['t'];
}) {
  const change = useTicketChange(ticket.number);
  const teams = useTeams();
  const vendors = useVendors();
  const [text, setText] = useState('');
  const [checklist, setChecklist] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>('2');
  const [target, setTarget] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const done = { onSuccess: onClose };
  const id = ticket.id;
  const submit = async () => {
    if (dialog === 'pend')
      change.transition.mutate(
        {
          id,
          body: {
            to: 'pending',
            version: ticket.version,
            pendingReason: (choice ?? 'requester') as 'requester',
            reason: text || undefined,
          },
        },
        done,
      );
    if (dialog === 'reopen') change.transition.mutate({ id, body: { to: 'in_progress', version: ticket.version, reason: text } }, done);
    if (dialog === 'cancel') change.transition.mutate({ id, body: { to: 'cancelled', version: ticket.version, reason: text } }, done);
    if (dialog === 'rejectSolution') change.validate.mutate({ id, body: { version: ticket.version, approve: false, reason: text } }, done);
    if (dialog === 'resolve') {
      const items = checklist
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => ({ text: line, done: true }));
      const saved = items.length ? await change.patch.mutateAsync({ id, body: { version: ticket.version, checklist: items } }) : ticket;
      change.transition.mutate(
        { id, body: { to: 'resolved', version: saved.version, solutionSummary: text, fulfilment: (choice ?? 'permanent') as 'permanent' } },
        done,
      );
    }
    if (dialog === 'escalate') {
      const kind = (choice ?? 'functional') as 'functional' | 'hierarchical';
      const lvl = Number(level);
      change.escalate.mutate(
        {
          id,
          body: {
            version: ticket.version,
            kind,
            level: lvl,
            reason: text,
            ...(kind === 'functional' && lvl === 2 ? { teamId: Number(target) } : {}),
            ...(kind === 'functional' && lvl === 3 ? { vendorId: Number(target), vendorRef: reference } : {}),
          },
        },
        done,
      );
    }
  };
  const kind = choice ?? 'functional';
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog ? t(`action.${dialog}`) : ''} fullScreen={false}>
      <Stack>
        <ProblemAlert error={change.transition.error ?? change.escalate.error ?? change.patch.error ?? change.validate.error} />
        {dialog === 'pend' && (
          <Select
            label={t('pending.reason')}
            data={['requester', 'vendor', 'other'].map((v) => ({ value: v, label: t(`pending.${v}` as 'pending.requester') }))}
            value={choice ?? 'requester'}
            onChange={setChoice}
          />
        )}
        {dialog === 'resolve' && (
          <>
            <Textarea
              label={t('field.solution')}
              required
              autosize
              minRows={3}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="resolve-summary"
            />
            <Textarea
              label={t('resolve.checklist')}
              description={t('resolve.checklistHelp')}
              autosize
              minRows={2}
              value={checklist}
              onChange={(e) => setChecklist(e.currentTarget.value)}
              data-testid="resolve-checklist"
            />
            <Select
              label={t('resolve.fulfilment')}
              data={['permanent', 'temporary'].map((v) => ({ value: v, label: t(`fulfilment.${v}` as 'fulfilment.permanent') }))}
              value={choice ?? 'permanent'}
              onChange={setChoice}
            />
          </>
        )}
        {dialog === 'escalate' && (
          <>
            <Select
              label={t('escalate.kind')}
              data={['functional', 'hierarchical'].map((v) => ({ value: v, label: t(`escalate.${v}` as 'escalate.functional') }))}
              value={kind}
              onChange={setChoice}
              data-testid="escalate-kind"
            />
            <Select
              label={t('escalate.level')}
              data={(kind === 'functional' ? ['2', '3'] : ['1', '2', '3']).map((v) => ({
                value: v,
                label: t(`escalate.${kind}Level${v}` as 'escalate.functionalLevel2'),
              }))}
              value={level}
              onChange={setLevel}
              data-testid="escalate-level"
            />
            {kind === 'functional' && level === '2' && (
              <Select
                label={t('field.team')}
                data={(teams.data?.items ?? [])
                  .filter((team) => team.level === 2)
                  .map((team) => ({ value: String(team.id), label: team.name }))}
                value={target}
                onChange={setTarget}
                data-testid="escalate-team"
              />
            )}
            {kind === 'functional' && level === '3' && (
              <>
                <Select
                  label={t('field.vendor')}
                  data={(vendors.data?.items ?? []).map((v) => ({ value: String(v.id), label: v.name }))}
                  value={target}
                  onChange={setTarget}
                />
                <TextInput label={t('escalate.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
              </>
            )}
          </>
        )}
        {dialog !== 'resolve' && (
          <Textarea
            label={t('reason')}
            required={dialog !== 'pend'}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="action-reason"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('close')}
          </Button>
          <Button
            onClick={() => void submit().catch(() => {})}
            loading={change.transition.isPending || change.escalate.isPending || change.patch.isPending || change.validate.isPending}
            data-testid="action-submit"
          >
            {t('submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
