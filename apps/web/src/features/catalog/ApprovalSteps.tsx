import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import type { ServiceRequest } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { StepStateBadge } from './ItemBadges.tsx';

/** The request's approval steps: who decides (role), above which amount, the state, decider, comment and date. */
export function ApprovalSteps({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(['catalog', 'common']);
  const me = useMe();
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  // The server names the decider by id only; the signed-in user is recognised, others show as a decision by id.
  const decider = (id: number | null) => (id === null ? '—' : id === me.user.id ? me.user.name : t('approvals.userId', { id }));
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('approvals.steps')}
      </Title>
      <DataTable
        testId="approval-steps"
        rows={request.approvals}
        rowKey={(a) => a.id}
        loading={false}
        error={null}
        onRetry={() => {}}
        emptyText={t('approvals.noSteps')}
        columns={[
          {
            key: 'role',
            header: t('approvals.step'),
            render: (a) => `${a.position}. ${a.role ? t(`common:roles.${a.role}` as 'common:roles.approver') : t('approvals.named')}`,
          },
          { key: 'threshold', header: t('approvals.threshold'), render: (a) => `> ${format.money(a.threshold)}` },
          { key: 'state', header: t('approvals.state'), render: (a) => <StepStateBadge state={a.state} /> },
          { key: 'decider', header: t('approvals.decider'), render: (a) => decider(a.decidedBy) },
          { key: 'comment', header: t('approvals.comment'), render: (a) => a.comment ?? '—' },
          { key: 'decided', header: t('approvals.decidedAt'), render: (a) => (a.decidedAt ? dateTime(a.decidedAt) : '—') },
        ]}
      />
    </Stack>
  );
}
