import { ActionIcon, Alert, Anchor, Badge, Button, Card, FileButton, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPaperclip, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { acceptOf, extensionsOf, pendingUploads, refusalOf } from './attachment-policy.ts';
import { type Ticket, useAttachmentPolicy, useTicketChange } from './tickets.queries.ts';

type Attachment = Ticket['attachments'][number];

/**
 * The ticket's files: checked against the policy before upload, internal ones
 * for the service desk, removable by whoever may (uploader before work, lead
 * after); files that failed when the ticket was created wait here to be retried.
 */
export function AttachmentsCard({ ticket, can }: { ticket: Ticket; can: (action: string) => boolean }) {
  const { t } = useTranslation('tickets');
  const change = useTicketChange(ticket.number);
  const policy = useAttachmentPolicy().data;
  const [internal, setInternal] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [pending, setPending] = useState(() => pendingUploads.get(ticket.number));
  const keepPending = (files: typeof pending) => {
    pendingUploads.set(ticket.number, files);
    setPending(files);
  };
  const send = (file: File | null) => {
    if (!file) return;
    const why = policy ? refusalOf(file, policy) : null;
    setRefused(why ? t(`attachments.refused.${why}`, { name: file.name, maxMb: policy?.maxMb }) : null);
    if (!why) change.attach.mutate({ id: ticket.id, file, internal });
  };
  const retry = async () => {
    const left: typeof pending = [];
    for (const item of pending) {
      try {
        await change.attach.mutateAsync({ id: ticket.id, file: item.file });
      } catch (error) {
        left.push({ file: item.file, reason: error instanceof ApiError ? error.detail : String(error) });
      }
    }
    keepPending(left);
  };
  const attach = can('attach') || can('internal_note');
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('field.attachments')}</Title>
        {attach && (
          <FileButton onChange={send} accept={policy ? acceptOf(policy) : undefined}>
            {(props) => (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPaperclip size={14} />}
                loading={change.attach.isPending}
                data-testid="attachment-upload"
                {...props}
              >
                {t('action.attach')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {attach && policy && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="attachment-policy">
          {t('attachments.policy', { types: extensionsOf(policy).join(', '), maxMb: policy.maxMb })}
        </Text>
      )}
      {can('internal_note') && (
        <Switch
          size="xs"
          mb="xs"
          label={t('attachments.internal')}
          checked={internal}
          onChange={(e) => setInternal(e.currentTarget.checked)}
          data-testid="attachment-internal"
        />
      )}
      {pending.length > 0 && (
        <Alert color="orange" mb="xs" title={t('attachments.failedTitle')} data-testid="attachment-failed">
          <Stack gap={4}>
            {pending.map((item) => (
              <Text size="sm" key={item.file.name}>
                {item.file.name}: {item.reason}
              </Text>
            ))}
            <Group gap="xs">
              <Button
                size="xs"
                leftSection={<IconRefresh size={14} />}
                onClick={() => void retry()}
                loading={change.attach.isPending}
                data-testid="attachment-retry"
              >
                {t('attachments.retry')}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => keepPending([])}>
                {t('attachments.dismiss')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {refused && (
        <Alert color="red" mb="xs" data-testid="attachment-refused" withCloseButton onClose={() => setRefused(null)}>
          {refused}
        </Alert>
      )}
      <ProblemAlert error={change.attach.error} />
      <Stack gap={4} data-testid="attachment-list">
        {ticket.attachments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('none')}
          </Text>
        )}
        {ticket.attachments.map((a) => (
          <Group key={a.id} gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <Anchor href={a.url} size="sm" truncate>
                {a.name}
              </Anchor>
              {a.internal && (
                <Badge size="xs" color="gray">
                  {t('internal')}
                </Badge>
              )}
            </Group>
            {a.canDelete && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('attachments.remove', { name: a.name })}
                onClick={() => setRemoving(a)}
                data-testid="attachment-remove"
              >
                <IconTrash size={14} />
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing && change.removeAttachment.mutate({ id: ticket.id, attachmentId: removing.id }, { onSuccess: () => setRemoving(null) })
        }
        title={t('attachments.removeTitle')}
        message={t('attachments.removeConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('attachments.removeTitle')}
        pending={change.removeAttachment.isPending}
        error={change.removeAttachment.error}
      />
    </Card>
  );
}
