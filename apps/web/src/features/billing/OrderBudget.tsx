import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMyBudget } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';

/** What is left of the orderer's division budget this month, and whether the estimate fits. */
export function OrderBudget({ estimate }: { estimate: number | null }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const budget = useMyBudget().data;
  if (!budget) return null;
  if (budget.budget === null || budget.remaining === null)
    return (
      <Text size="xs" c="dimmed" data-testid="order-budget">
        {t('order.noBudget', { division: budget.division.name, spent: format.money(budget.spent) })}
      </Text>
    );
  const over = estimate !== null && estimate > budget.remaining;
  return (
    <>
      <Text size="sm" data-testid="order-budget">
        {t('order.budget', {
          division: budget.division.name,
          remaining: format.money(budget.remaining),
          budget: format.money(budget.budget),
        })}
      </Text>
      {over && (
        <Text size="sm" c="red" fw={600} data-testid="order-over-budget">
          {t('order.overBudget')}
        </Text>
      )}
    </>
  );
}
