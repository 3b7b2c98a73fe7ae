import { Alert, Anchor, Badge, Button, Card, Group, Modal, Pagination, ScrollArea, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconMailOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useFormat } from '../session/use-format.ts';
import { type QuarantinedMail, useQuarantine, useQuarantineDecisions, useQuarantinedMail } from './channels.queries.ts';

const REASON_COLOR: Record<string, string> = { auth_failed: 'red', not_participant: 'orange', throttled: 'yellow', request_reply: 'blue' };

/** Mail held back from the helpdesk address: an agent reads it and lets it in (into its ticket, or as a new one) or throws it away. */
export function QuarantinePage() {
  const { t } = useTranslation('channels');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<QuarantinedMail | null>(null);
  const list = useQuarantine(page);
  const { dateTime } = useFormat();
  return (
    <Stack>
      <PageHeader title={t('quarantine.title')} description={t('quarantine.description')} />
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {!list.data && !list.error && <LoadingState />}
      {list.data?.items.length === 0 && (
        <Alert color="gray" icon={<IconMailOff size={18} />} data-testid="quarantine-empty">
          {t('quarantine.empty')}
        </Alert>
      )}
      {list.data?.items.map((mail) => (
        <Card key={mail.id} withBorder padding="sm" data-testid="quarantine-item">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {mail.subject || t('quarantine.noSubject')}
              </Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address} · {dateTime(mail.receivedAt)}
              </Text>
              <Group gap="xs">
                <Badge color={REASON_COLOR[mail.reason ?? ''] ?? 'gray'} variant="light" data-testid="quarantine-reason">
                  {t(`quarantine.reason.${mail.reason ?? 'other'}`, { defaultValue: mail.reason ?? '' })}
                </Badge>
                {mail.ticket && (
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: mail.ticket?.number ?? '' }} />}
                    size="sm"
                  >
                    {mail.ticket.number}
                  </Anchor>
                )}
              </Group>
            </Stack>
            <Button size="xs" variant="light" onClick={() => setOpen(mail)} data-testid="quarantine-open">
              {t('quarantine.open')}
            </Button>
          </Group>
        </Card>
      ))}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination total={Math.ceil(list.data.total / list.data.pageSize)} value={page} onChange={setPage} />
      )}
      <MailDialog
        mail={open}
        onClose={() => setOpen(null)}
        onDone={(message) => {
          setOpen(null);
          notifications.show({ color: 'teal', message });
        }}
      />
    </Stack>
  );
}

function MailDialog({ mail, onClose, onDone }: { mail: QuarantinedMail | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('channels');
  const detail = useQuarantinedMail(mail?.id ?? null);
  const phone = useMediaQuery('(max-width: 36em)');
  const { release, discard } = useQuarantineDecisions();
  const error = release.error ?? discard.error;
  const data = detail.data;
  return (
    <Modal opened={mail !== null} onClose={onClose} title={mail?.subject || t('quarantine.noSubject')} size="lg" fullScreen={phone}>
      {!data ? (
        <LoadingState />
      ) : (
        <Stack gap="sm" data-testid="quarantine-detail">
          <ProblemAlert error={error} />
          <Text size="sm">
            {t('quarantine.from')}: {data.from.name ? `${data.from.name} <${data.from.address}>` : data.from.address}
          </Text>
          <Text size="sm">
            {t('quarantine.auth')}: SPF {data.auth.spf ?? '—'} · DMARC {data.auth.dmarc ?? '—'}
          </Text>
          <Alert color="yellow">{t(`quarantine.explain.${data.reason ?? 'other'}`, { defaultValue: '' })}</Alert>
          <ScrollArea.Autosize mah={260}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="quarantine-text">
              {data.text || t('quarantine.noText')}
            </Text>
          </ScrollArea.Autosize>
          {data.attachments.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('quarantine.files')}: {data.attachments.map((a) => a.name).join(', ')}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button
              variant="subtle"
              color="red"
              loading={discard.isPending}
              onClick={() => discard.mutate({ id: data.id, version: data.version }, { onSuccess: () => onDone(t('quarantine.discarded')) })}
              data-testid="quarantine-discard"
            >
              {t('quarantine.discard')}
            </Button>
            <Button
              variant="default"
              loading={release.isPending}
              onClick={() =>
                release.mutate(
                  { id: data.id, version: data.version, asNewTicket: true },
                  { onSuccess: (r) => onDone(t('quarantine.released', { number: r.ticket?.number ?? '' })) },
                )
              }
              data-testid="quarantine-release-new"
            >
              {t('quarantine.releaseNew')}
            </Button>
            {data.ticket && (
              <Button
                loading={release.isPending}
                onClick={() =>
                  release.mutate(
                    { id: data.id, version: data.version, asNewTicket: false },
                    { onSuccess: (r) => onDone(t('quarantine.released', { number: r.ticket?.number ?? '' })) },
                  )
                }
                data-testid="quarantine-release"
              >
                {t('quarantine.release', { number: data.ticket.number })}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
