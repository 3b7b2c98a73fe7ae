import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import type { ServiceRequest } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { StepStateBadge } from './ItemBadges.tsx';

/** The request's approval steps in order: who decides (role), above which amount, the state, and the decision with its comment. */
export function ApprovalSteps({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(['catalog', 'common']);
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  return (
    <Card withBorder padding="md" data-testid="approval-steps">
      <Title order={4} size="h5" mb="sm">
        {t('approvals.steps')}
      </Title>
      {request.approvals.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('approvals.noSteps')}
        </Text>
      )}
      <Stack gap="sm">
        {request.approvals.map((a) => (
          <Stack key={a.id} gap={2} data-testid="approval-step">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600}>
                {a.position}. {a.role ? t(`common:roles.${a.role}` as 'common:roles.approver') : t('approvals.named')}
              </Text>
              <StepStateBadge state={a.state} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('approvals.above', { amount: format.money(a.threshold) })}
              {a.decidedBy && ` · ${a.decidedBy.name}`}
              {a.decidedAt && ` · ${dateTime(a.decidedAt)}`}
              {a.state === 'pending' && a.dueAt && ` · ${t('approvals.dueBy', { at: dateTime(a.dueAt) })}`}
            </Text>
            {a.comment && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                “{a.comment}”
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
