import { Anchor, Button, Card, Checkbox, FileButton, FileInput, Group, Radio, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ReasonModal } from '../catalog/ReasonModal.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Dispute, type Invoice, type InvoiceLine, useInvoiceChanges } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';
import { ReasonInput, RupiahInput } from './inputs.tsx';
import { DisputeStatusBadge } from './StatusBadges.tsx';

const ATTACHMENT_TYPES = 'application/pdf,image/png,image/jpeg,image/webp,image/gif,.docx,.xlsx,.zip';

/** The payer contests lines of one providing division, with a reason and an optional file. */
export function DisputeModal({
  invoice,
  provider,
  lines,
  onClose,
}: {
  invoice: Invoice;
  provider: { id: number; name: string };
  lines: InvoiceLine[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['billing', 'common']);
  const format = useBillingFormat();
  const { dispute } = useInvoiceChanges(invoice.id);
  const choices = lines.filter((l) => l.disputable);
  const [chosen, setChosen] = useState<string[]>(choices.length === 1 ? [String(choices[0]?.chargeId)] : []);
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('invoice.disputeTitle', { provider: provider.name })}
      submitLabel={t('invoice.dispute')}
      submitting={dispute.isPending}
      error={dispute.error}
      fields={['chargeIds', 'reason', 'file']}
      onSubmit={(event) => {
        event?.preventDefault();
        setTried(true);
        if (!chosen.length || !reason.trim()) return;
        dispute.mutate(
          { body: { chargeIds: chosen.map(Number), reason: reason.trim() }, file },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('invoice.disputed_done') });
              onClose();
            },
          },
        );
      }}
    >
      <Checkbox.Group
        label={t('invoice.disputeLines')}
        value={chosen}
        onChange={setChosen}
        error={tried && !chosen.length ? t('invoice.disputeNoLines') : undefined}
      >
        <Stack gap="xs" mt="xs">
          {choices.map((l) => (
            <Checkbox
              key={l.chargeId}
              value={String(l.chargeId)}
              label={`${l.item} · ${l.requestNumber} · ${format.money(l.remaining ?? l.amount)}`}
              data-testid="dispute-line"
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <ReasonInput label={t('invoice.disputeReason')} value={reason} onChange={setReason} tried={tried} testId="dispute-reason" />
      <FileInput
        label={t('invoice.disputeFile')}
        accept={ATTACHMENT_TYPES}
        clearable
        value={file}
        onChange={setFile}
        leftSection={<IconPaperclip size={16} />}
        data-testid="dispute-file"
      />
    </FormModal>
  );
}

/** Disputes on the invoice, each with its story and the actions the caller may take now. */
export function InvoiceDisputes({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  if (!invoice.disputes.length) return null;
  return (
    <Stack gap="sm" data-testid="disputes">
      <Title order={4} size="h5">
        {t('disputes.title')}
      </Title>
      {invoice.disputes.map((d) => (
        <DisputeCard key={d.id} invoice={invoice} dispute={d} />
      ))}
    </Stack>
  );
}

function Step({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function DisputeCard({ invoice, dispute }: { invoice: Invoice; dispute: Dispute }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const { dateTime } = useFormat();
  const changes = useInvoiceChanges(invoice.id);
  const [answering, setAnswering] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const lines = invoice.lines.filter((l) => dispute.lineIds.includes(l.id));
  return (
    <Card withBorder padding="md" data-testid="dispute">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <DisputeStatusBadge status={dispute.status} />
            <Text fw={600} size="sm">
              {dispute.provider.name}
            </Text>
          </Group>
          <Text size="sm">
            {t('disputes.amount')}:{' '}
            <Text span fw={600}>
              {format.money(dispute.disputedAmount)}
            </Text>
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('disputes.raised', { name: dispute.raisedBy?.name ?? '—', date: dateTime(dispute.raisedAt) })}
        </Text>
        <Step label={t('disputes.lines')}>{lines.map((l) => `${l.item} · ${l.requestNumber}`).join('\n') || '—'}</Step>
        <Step label={t('disputes.reason')}>{dispute.reason}</Step>
        {dispute.file && (
          <Step label={t('disputes.file')}>
            <Anchor href={dispute.file.url} data-testid="dispute-file-link">
              {dispute.file.name}
            </Anchor>
          </Step>
        )}
        {dispute.answer && (
          <Step label={t('disputes.answer')}>
            {dispute.acceptedAmount !== null ? `${t('disputes.accepted', { amount: format.money(dispute.acceptedAmount) })} — ` : ''}
            {dispute.answer}
            {dispute.answeredBy && ` (${dispute.answeredBy.name})`}
          </Step>
        )}
        {dispute.escalationReason && <Step label={t('disputes.escalation')}>{dispute.escalationReason}</Step>}
        {dispute.decision && (
          <Step label={t('disputes.decision')}>
            {dispute.decidedAmount !== null ? `${t('disputes.accepted', { amount: format.money(dispute.decidedAmount) })} — ` : ''}
            {dispute.decisionReason}
            {dispute.decidedBy && ` (${dispute.decidedBy.name})`}
          </Step>
        )}
        <ProblemAlert error={changes.attach.error} />
        {dispute.actions.length > 0 && (
          <Group gap="xs">
            {(dispute.actions.includes('answer') || dispute.actions.includes('decide')) && (
              <Button size="xs" onClick={() => setAnswering(true)} data-testid="dispute-answer">
                {dispute.actions.includes('decide') ? t('disputes.decideAction') : t('disputes.answerAction')}
              </Button>
            )}
            {dispute.actions.includes('escalate') && (
              <Button size="xs" variant="light" color="orange" onClick={() => setEscalating(true)} data-testid="dispute-escalate">
                {t('disputes.escalateAction')}
              </Button>
            )}
            {dispute.actions.includes('attach') && (
              <FileButton
                accept={ATTACHMENT_TYPES}
                onChange={(file) =>
                  file &&
                  changes.attach.mutate(
                    { disputeId: dispute.id, file },
                    { onSuccess: () => notifications.show({ color: 'green', message: t('disputes.attached') }) },
                  )
                }
              >
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="default"
                    leftSection={<IconPaperclip size={14} />}
                    loading={changes.attach.isPending}
                  >
                    {t('disputes.attachAction')}
                  </Button>
                )}
              </FileButton>
            )}
          </Group>
        )}
      </Stack>
      {answering && <AnswerModal invoice={invoice} dispute={dispute} onClose={() => setAnswering(false)} />}
      {escalating && (
        <ReasonModal
          title={t('disputes.escalateTitle')}
          label={t('disputes.escalation')}
          submitLabel={t('disputes.escalateAction')}
          pending={changes.escalate.isPending}
          error={changes.escalate.error}
          onClose={() => setEscalating(false)}
          onSubmit={(reason) =>
            changes.escalate.mutate(
              { disputeId: dispute.id, reason },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('disputes.escalated') });
                  setEscalating(false);
                },
              },
            )
          }
        />
      )}
    </Card>
  );
}

/** The provider's answer, or the final decision: accept all or part of it, or reject, always with a reason. */
function AnswerModal({ invoice, dispute, onClose }: { invoice: Invoice; dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation(['billing', 'common']);
  const format = useBillingFormat();
  const { resolve } = useInvoiceChanges(invoice.id);
  const left = invoice.lines.filter((l) => dispute.lineIds.includes(l.id)).reduce((sum, l) => sum + (l.remaining ?? l.amount), 0);
  const [decision, setDecision] = useState<'accept' | 'reject'>('accept');
  const [share, setShare] = useState<'all' | 'part'>('all');
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const partMissing = decision === 'accept' && share === 'part' && (typeof amount !== 'number' || amount <= 0);
  return (
    <FormModal
      opened
      onClose={onClose}
      title={dispute.actions.includes('decide') ? t('disputes.decideTitle') : t('disputes.answerTitle')}
      submitLabel={t('disputes.submit')}
      submitting={resolve.isPending}
      error={resolve.error}
      fields={['decision', 'amount', 'reason']}
      onSubmit={(event) => {
        event?.preventDefault();
        setTried(true);
        if (!reason.trim() || partMissing) return;
        resolve.mutate(
          {
            disputeId: dispute.id,
            body: {
              decision,
              reason: reason.trim(),
              ...(decision === 'accept' && share === 'part' ? { amount: Number(amount) } : {}),
            },
          },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('disputes.answered') });
              onClose();
            },
          },
        );
      }}
    >
      <SegmentedControl
        value={decision}
        onChange={(v) => setDecision(v as 'accept' | 'reject')}
        data={[
          { value: 'accept', label: t('disputes.decision_accept') },
          { value: 'reject', label: t('disputes.decision_reject') },
        ]}
        data-testid="answer-decision"
      />
      {decision === 'accept' && (
        <Radio.Group value={share} onChange={(v) => setShare(v as 'all' | 'part')}>
          <Stack gap="xs">
            <Radio value="all" label={t('disputes.acceptAll', { amount: format.money(left) })} data-testid="answer-all" />
            <Radio value="part" label={t('disputes.acceptPart')} data-testid="answer-part" />
          </Stack>
        </Radio.Group>
      )}
      {decision === 'accept' && share === 'part' && (
        <RupiahInput
          label={t('disputes.acceptedAmount')}
          max={left}
          value={amount}
          onChange={setAmount}
          error={tried && partMissing ? t('common:validation.required') : undefined}
          data-testid="answer-amount"
        />
      )}
      <ReasonInput label={t('disputes.answerReason')} value={reason} onChange={setReason} tried={tried} testId="answer-reason" />
    </FormModal>
  );
}
