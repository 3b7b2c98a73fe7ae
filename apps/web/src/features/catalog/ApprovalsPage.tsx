import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { SearchTabs } from '../../components/SearchTabs.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Approval, PAGE_SIZE, useApprovals, useDecideApproval } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { RequestStatusBadge, StepStateBadge } from './ItemBadges.tsx';
import { ReasonModal } from './ReasonModal.tsx';
import { RequestLink } from './RequestLink.tsx';

/** The approval queue (approval e-mails link here): steps waiting for the user, and those they decided. */
export function ApprovalsPage() {
  const { t } = useTranslation('catalog');
  return (
    <SearchTabs
      testId="approvals"
      tabs={[
        { value: 'pending', label: t('approvals.pending'), icon: IconCheck, Panel: PendingPanel },
        { value: 'decided', label: t('approvals.decided'), icon: IconHistory, Panel: DecidedPanel },
      ]}
    />
  );
}

const PendingPanel = () => <ApprovalList state="pending" />;
const DecidedPanel = () => <ApprovalList state="decided" />;

function ApprovalList({ state }: { state: 'pending' | 'decided' }) {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  const [page, setPage] = useState(1);
  const list = useApprovals(state, page);
  const decide = useDecideApproval();
  const [open, setOpen] = useState<{ approval: Approval; decision: 'approve' | 'reject' } | null>(null);
  const close = () => {
    decide.reset();
    setOpen(null);
  };
  return (
    <>
      <DataTable
        testId={`approvals-${state}`}
        rows={list.data?.items}
        pagination={list.data && { page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage }}
        rowKey={(a) => a.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t(state === 'pending' ? 'approvals.emptyPending' : 'approvals.emptyDecided')}
        columns={[
          {
            key: 'number',
            header: t('request.number'),
            render: (a) => <RequestLink number={a.request.number} />,
          },
          { key: 'item', header: t('request.item'), render: (a) => a.request.item.name },
          {
            key: 'requester',
            header: t('approvals.requester'),
            render: (a) => (
              <Stack gap={0}>
                <Text size="sm">{a.request.requester.name}</Text>
                <Text size="xs" c="dimmed">
                  {a.request.requester.unit.name}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'quantity',
            header: t('request.quantity'),
            render: (a) => format.quantity(a.request.quantity, a.request.item.unitLabel, a.request.item.costModel),
          },
          {
            key: 'estimate',
            header: t('request.estimate'),
            render: (a) => (
              <Text span fw={600} size="sm">
                {format.money(a.request.estimate)}
              </Text>
            ),
          },
          { key: 'step', header: t('approvals.step'), render: (a) => a.position },
          // Waiting steps need their deadline; decided ones their outcome and where the request went since.
          ...(state === 'pending'
            ? [{ key: 'due', header: t('approvals.dueAt'), render: (a: Approval) => (a.dueAt ? dateTime(a.dueAt) : '—') }]
            : [
                { key: 'state', header: t('approvals.state'), render: (a: Approval) => <StepStateBadge state={a.state} /> },
                {
                  key: 'status',
                  header: t('approvals.requestStatus'),
                  render: (a: Approval) => <RequestStatusBadge status={a.request.status} />,
                },
              ]),
        ]}
        actions={
          state === 'pending'
            ? (a) => (
                <>
                  <Button
                    size="xs"
                    color="green"
                    onClick={() => setOpen({ approval: a, decision: 'approve' })}
                    data-testid="approval-approve"
                  >
                    {t('approvals.approve')}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => setOpen({ approval: a, decision: 'reject' })}
                    data-testid="approval-reject"
                  >
                    {t('approvals.reject')}
                  </Button>
                </>
              )
            : undefined
        }
      />
      {open && (
        <ReasonModal
          title={t(open.decision === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', {
            number: open.approval.request.number,
          })}
          label={t(open.decision === 'approve' ? 'approvals.commentOptional' : 'approvals.reason')}
          submitLabel={t(open.decision === 'approve' ? 'approvals.approve' : 'approvals.reject')}
          optional={open.decision === 'approve'}
          pending={decide.isPending}
          error={decide.error}
          onClose={close}
          onSubmit={(comment) =>
            decide.mutate(
              { id: open.approval.id, body: { decision: open.decision, comment: comment || undefined } },
              {
                onSuccess: () => {
                  notifications.show({
                    color: 'green',
                    message: t(open.decision === 'approve' ? 'approvals.approved' : 'approvals.rejected'),
                  });
                  close();
                },
              },
            )
          }
        />
      )}
    </>
  );
}
