import { ActionIcon, Anchor, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLink, IconX } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Ticket, useStatusLabels, useTicketChange } from './tickets.queries.ts';

const KINDS = ['related', 'duplicate_of', 'parent_of', 'child_of'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Related tickets: related, duplicate of, parent/child. Linking and
 * unlinking are offered when the server allows `link`.
 */
export function LinksCard({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t, i18n } = useTranslation('tickets');
  const labels = useStatusLabels();
  const { link, unlink } = useTicketChange(ticket.number);
  const [opened, modal] = useDisclosure(false);
  const [other, setOther] = useState('');
  const [kind, setKind] = useState<Kind>('related');
  const statusLabel = (code: string) => labels.data?.items.find((l) => l.status === code && l.locale === i18n.language)?.label ?? code;

  if (!editable && ticket.links.length === 0) return null;
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    link.mutate(
      { id: ticket.id, body: { other: other.trim(), kind } },
      {
        onSuccess: () => {
          modal.close();
          setOther('');
        },
      },
    );
  };

  return (
    <Card withBorder data-testid="ticket-links">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('links.title')}</Title>
        {editable && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconLink size={14} />}
            onClick={() => {
              link.reset();
              modal.open();
            }}
            data-testid="link-add"
          >
            {t('links.add')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {unlink.error && <ProblemAlert error={unlink.error} />}
        {ticket.links.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('none')}
          </Text>
        )}
        {ticket.links.map((l) => (
          <div key={l.id} data-testid="ticket-link">
            <Text size="xs" c="dimmed">
              {t(`links.kind.${l.kind}` as 'links.kind.related', { defaultValue: l.kind })}
            </Text>
            <Group gap={6} wrap="nowrap">
              {l.ticket.visible ? (
                <Anchor
                  size="sm"
                  fw={600}
                  style={{ whiteSpace: 'nowrap' }}
                  renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: l.ticket.number }} />}
                >
                  {l.ticket.number}
                </Anchor>
              ) : (
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {l.ticket.number}
                </Text>
              )}
              {l.ticket.status && (
                <Badge size="xs" variant="light">
                  {statusLabel(l.ticket.status)}
                </Badge>
              )}
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  ml="auto"
                  onClick={() => unlink.mutate({ id: ticket.id, linkId: l.id })}
                  loading={unlink.isPending && unlink.variables?.linkId === l.id}
                  aria-label={t('links.remove', { number: l.ticket.number })}
                  data-testid="link-remove"
                >
                  <IconX size={14} />
                </ActionIcon>
              )}
            </Group>
            <Text size="sm" lineClamp={2} c={l.ticket.visible ? undefined : 'dimmed'}>
              {l.ticket.visible ? l.ticket.title : t('links.hidden')}
            </Text>
          </div>
        ))}
      </Stack>
      <FormModal
        opened={opened}
        onClose={modal.close}
        title={t('links.add')}
        onSubmit={submit}
        submitting={link.isPending}
        error={link.error}
        fields={[]}
      >
        <Select
          label={t('links.kindLabel')}
          data={KINDS.map((k) => ({ value: k, label: t(`links.kind.${k}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value as Kind)}
          allowDeselect={false}
          data-testid="link-kind"
        />
        <TextInput
          label={t('links.other')}
          description={t('links.otherHelp')}
          required
          maxLength={40}
          value={other}
          onChange={(e) => setOther(e.currentTarget.value)}
          data-autofocus
          data-testid="link-other"
        />
      </FormModal>
    </Card>
  );
}
