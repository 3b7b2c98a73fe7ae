import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../tickets/tickets.queries.ts';
import { useProblemChange, useProblemHints } from './problems.queries.ts';

/** "Known error" hints for an incident an agent works: known errors of its service and category, with their workaround. */
export function ProblemHints({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('problems');
  const hints = useProblemHints(ticket.id, true);
  const change = useProblemChange();
  if (!hints.data?.items.length) return null;
  return (
    <Stack gap="xs" data-testid="problem-hints">
      {hints.data.items.map((hint) => (
        <Alert key={hint.id} color="yellow" icon={<IconBulb size={18} />} title={t('hint.title', { number: hint.number })}>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              <Anchor renderRoot={(props) => <Link {...props} to="/problems/$id" params={{ id: String(hint.id) }} />}>{hint.title}</Anchor>
            </Text>
            {hint.workaround && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {t('hint.workaround')}: {hint.workaround}
              </Text>
            )}
            <Group gap="xs">
              {hint.article && (
                <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/knowledge/$id" params={{ id: String(hint.article?.id) }} />}>
                  {hint.article.number}
                </Anchor>
              )}
              {!hint.linked && (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => change.link.mutate({ id: hint.id, ticket: String(ticket.id) })}
                  loading={change.link.isPending}
                  data-testid="problem-hint-link"
                >
                  {t('hint.link')}
                </Button>
              )}
            </Group>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
