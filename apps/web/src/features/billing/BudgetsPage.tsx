import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { type Budget, useBudgets, useSetBudget } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';
import { RupiahInput } from './inputs.tsx';

/** Each division's monthly budget and this month's use; its Billing Coordinator (or billing administration) sets it. */
export function BudgetsPage() {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const budgets = useBudgets();
  const [editing, setEditing] = useState<Budget | null>(null);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('budgets.description')}
      </Text>
      <DataTable
        testId="budgets"
        rows={budgets.data?.items}
        rowKey={(b) => b.division.id}
        loading={budgets.isLoading}
        error={budgets.error}
        onRetry={() => void budgets.refetch()}
        emptyText={t('budgets.empty')}
        columns={[
          { key: 'division', header: t('budgets.division'), render: (b) => b.division.name },
          { key: 'budget', header: t('budgets.budget'), render: (b) => (b.budget === null ? t('budgets.none') : format.money(b.budget)) },
          {
            key: 'spent',
            header: t('budgets.spent'),
            render: (b) => (
              <Stack gap={4} miw={140}>
                <Text size="sm">{format.money(b.spent)}</Text>
                {b.budget !== null && (
                  <Progress
                    value={Math.min(100, (b.spent * 100) / b.budget)}
                    color={b.spent >= b.budget ? 'red' : b.spent * 5 >= b.budget * 4 ? 'orange' : 'blue'}
                    size="sm"
                  />
                )}
              </Stack>
            ),
          },
          {
            key: 'remaining',
            header: t('budgets.remaining'),
            render: (b) =>
              b.remaining === null ? (
                '—'
              ) : (
                <Text span size="sm" c={b.remaining < 0 ? 'red' : undefined} fw={600}>
                  {format.money(b.remaining)}
                </Text>
              ),
          },
        ]}
        actions={(b) =>
          b.canEdit ? (
            <Button size="xs" variant="subtle" onClick={() => setEditing(b)} data-testid="budget-edit">
              {t('budgets.edit')}
            </Button>
          ) : null
        }
      />
      {editing && <BudgetModal budget={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function BudgetModal({ budget, onClose }: { budget: Budget; onClose: () => void }) {
  const { t } = useTranslation(['billing', 'common']);
  const save = useSetBudget();
  const [amount, setAmount] = useState<number | string>(budget.budget ?? '');
  const submit = (monthlyAmount: number | null) =>
    save.mutate(
      { unitId: budget.division.id, body: { monthlyAmount, version: budget.version } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('budgets.saved') });
          onClose();
        },
      },
    );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('budgets.editTitle', { division: budget.division.name })}
      submitting={save.isPending}
      error={save.error}
      fields={['monthlyAmount']}
      onSubmit={(event) => {
        event?.preventDefault();
        if (typeof amount === 'number' && amount > 0) submit(amount);
      }}
    >
      <RupiahInput label={t('budgets.amount')} data-autofocus value={amount} onChange={setAmount} data-testid="budget-amount" />
      {budget.budget !== null && (
        <Group>
          <Button variant="subtle" color="red" onClick={() => submit(null)} data-testid="budget-remove">
            {t('budgets.remove')}
          </Button>
        </Group>
      )}
    </FormModal>
  );
}
