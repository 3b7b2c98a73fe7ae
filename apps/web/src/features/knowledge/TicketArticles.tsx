import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconBook, IconSend } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import type { Ticket } from '../tickets/tickets.queries.ts';
import { useArticleChange, useArticles } from './knowledge.queries.ts';

const ArticleLink = ({ id, number, title }: { id: number; number: string; title: string }) => (
  <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/knowledge/$id" params={{ id: String(id) }} />}>
    {number} · {title}
  </Anchor>
);

/**
 * Knowledge on the ticket page: the articles sent to its requester (everyone
 * who sees the ticket), articles that may help (the service desk, with "send
 * to requester"), and drafting an article from its solution once resolved.
 */
export function TicketArticles({ ticket, worker }: { ticket: Ticket; worker: boolean }) {
  const { t } = useTranslation('knowledge');
  const me = useMe();
  const navigate = useNavigate();
  const sent = useArticles({ ticketId: ticket.id, pageSize: 20 });
  const suggested = useArticles({ forTicket: ticket.id, pageSize: 5 }, worker);
  const change = useArticleChange();
  const writer = me.permissions.includes('knowledge:write');
  const sentIds = new Set(sent.data?.items.map((a) => a.id));
  const solved = ticket.status === 'resolved' || ticket.status === 'closed';
  const draft = () =>
    change.create.mutate(
      { fromTicketId: ticket.id },
      { onSuccess: (article) => void navigate({ to: '/knowledge/$id', params: { id: String(article.id) } }) },
    );
  if (!worker && !sent.data?.items.length) return null;
  return (
    <Card withBorder data-testid="ticket-articles">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('onTicket.title')}</Title>
        {writer && solved && ticket.solutionSummary && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconBook size={14} />}
            onClick={draft}
            loading={change.create.isPending}
            data-testid="article-draft"
          >
            {t('onTicket.draft')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={change.send.error ?? change.create.error} />
      <Stack gap={6}>
        {sent.data?.items.map((a) => (
          <Group key={a.id} gap={6} wrap="nowrap">
            <Badge size="xs" color="teal">
              {t('onTicket.sent')}
            </Badge>
            <ArticleLink id={a.id} number={a.number} title={a.title} />
          </Group>
        ))}
        {worker &&
          suggested.data?.items
            .filter((a) => !sentIds.has(a.id))
            .map((a) => (
              <Group key={a.id} gap={6} justify="space-between" wrap="nowrap" data-testid="article-suggestion">
                <ArticleLink id={a.id} number={a.number} title={a.title} />
                {a.visibility !== 'agents' && ticket.allowedActions.includes('comment') && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconSend size={12} />}
                    onClick={() => change.send.mutate({ id: a.id, ticketId: ticket.id })}
                    loading={change.send.isPending && change.send.variables?.id === a.id}
                    data-testid="article-send"
                  >
                    {t('onTicket.send')}
                  </Button>
                )}
              </Group>
            ))}
        {worker && !suggested.data?.items.length && !sent.data?.items.length && (
          <Text size="sm" c="dimmed">
            {t('onTicket.none')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
